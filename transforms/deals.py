"""Deals: the facts of many articles that describe the same real-world deal, merged into one row.

The rules (docs/warehouse.md tells them in prose):

* Facts are grouped by kind, canonical investee and canonical investor; facts of
  different kinds never merge (an investment is not its round, a stake is a
  cumulative total and forms stake deals of its own).
* Within a group, facts dated to the month or day are clustered first, in date
  order: a fact joins the latest open deal whose earliest date lies at most
  `WINDOW_DAYS` before it and whose round label does not differ. Amounts may
  disagree: that is a conflict kept visible, never a reason to split a report of
  the same week. Stakes join only when their amounts agree (a new total is a new
  state).
* Facts dated to a year only, or not dated, attach to a compatible deal (same
  year, or dated no later than the article; amounts agree or one is unknown; no
  source from the same article, since an article states each deal once), else
  form their own deal.
* `deal_id` is a hash of the group key and the deal's first-reported source
  (earliest published, then fact_id): re-runs and input order never change it,
  and a later article reporting a known deal only adds a source.

`regroup_deals` forms the deals of some groups again after facts were added or
removed and tells which previous deals came out of the same facts (their rows stand).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import insort
from calendar import monthrange
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from fundwire.schemas.vocab import STATUSES

WINDOW_DAYS = 90  # how far after a deal's earliest date a report still joins it
TOLERANCE = Decimal("0.05")  # relative slack of an "exact" amount (rounding in reports)

# Relative range of true values a reported amount allows, by qualifier:
# (low factor, high factor). "up_to" is a ceiling: any smaller tranche is consistent
# with it, but only its own figure agrees with it as a headline.
_HEADLINE_RANGE = {
    "exact": (1 - TOLERANCE, 1 + TOLERANCE),
    "about": (1 - 2 * TOLERANCE, 1 + 2 * TOLERANCE),
    "nearly": (Decimal("0.8"), 1 + TOLERANCE),
    "over": (1 - TOLERANCE, Decimal("2")),
    "up_to": (1 - TOLERANCE, 1 + TOLERANCE),
}
_QUALIFIER_PRECISION = {"exact": 0, "about": 1, "nearly": 2, "over": 2, "up_to": 3}
_DATE_PRECISION = {"day": 2, "month": 1, "year": 0}
_STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}
_LEGAL_SUFFIX = re.compile(
    r"(,?\s+(inc|llc|ltd|limited|corp|corporation|co|gmbh|plc|sa|ag|bv|pte)\.?)+$"
    r"|(股份有限公司|有限责任公司|有限公司|集团有限公司)$",
    re.IGNORECASE,
)
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(slots=True)
class _Source:
    """One fact as the clustering sees it."""

    row: dict
    fact_id: str
    article_id: str
    amount: Decimal | None
    currency: str | None
    qualifier: str | None
    round: str | None
    precision: str | None
    start: date | None
    end: date | None
    published: date | None
    order: tuple  # first-reported order: earliest published, then fact_id (a total order)
    headline: tuple[Decimal, Decimal] | None = None  # range of the figure as a headline
    plausible: tuple[Decimal, Decimal] | None = None  # range of true values it allows


@dataclass(slots=True, eq=False)
class _Cluster:
    """A deal being formed: its sources and what the joining rules look at."""

    sources: list[_Source] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    figures: dict[tuple, _Source] = field(default_factory=dict)  # one source per figure
    round: str | None = None
    first_start: date | None = None
    last_end: date | None = None
    first_order: tuple = (date.max, "")

    def add(self, source: _Source) -> None:
        self.sources.append(source)
        self.articles.add(source.article_id)
        if source.amount is not None:
            self.figures.setdefault(_figure(source), source)
        self.round = self.round or source.round
        self.first_order = min(self.first_order, source.order)
        if source.start is not None:
            if self.first_start is None or source.start < self.first_start:
                self.first_start = source.start
            if self.last_end is None or source.end > self.last_end:
                self.last_end = source.end


def canonical_key(name: str | None) -> str:
    """The grouping form of a name: case, width, spacing, punctuation and legal suffix ignored."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).strip()
    text = _LEGAL_SUFFIX.sub("", text)
    return _NOT_WORD.sub("", text).casefold()


@lru_cache(maxsize=65536)
def period_of(date_text: str | None) -> tuple[str | None, date | None, date | None]:
    """(precision, first day, last day) of a 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' date."""
    if not date_text:
        return None, None, None
    parts = [int(p) for p in date_text.split("-")]
    if len(parts) == 1:
        return "year", date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        last_day = monthrange(parts[0], parts[1])[1]
        return "month", date(parts[0], parts[1], 1), date(parts[0], parts[1], last_day)
    day = date(parts[0], parts[1], parts[2])
    return "day", day, day


def build_deals(facts: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """facts: dicts with the raw_facts columns (amount as Decimal|None, published as date|None).

    Returns (deals, deal_sources): one row per deal, one row per (deal_id, fact_id),
    both sorted by deal_id so the output does not depend on input order.
    """
    deals: list[dict] = []
    sources: list[dict] = []
    for group_key, members in _groups(facts).items():
        for cluster in _cluster(group_key[0], members):
            deal, deal_sources = _summarize(group_key, cluster.sources)
            deals.append(deal)
            sources.extend(deal_sources)
    link_rounds(deals)
    deals.sort(key=lambda d: d["deal_id"])
    sources.sort(key=lambda s: (s["deal_id"], s["fact_id"]))
    return deals, sources


def regroup_deals(
    facts: Iterable[dict], previous: Mapping[str, str]
) -> tuple[list[str], list[dict], list[dict]]:
    """The deals of the groups of `facts` (every fact of those groups), as `build_deals`
    forms them, told which deal each fact was in before.

    previous: fact_id -> deal_id for every fact of the previous deals of these groups
    (whole deals, removed facts included; new facts are absent). A deal's row and
    sources are a function of its facts, so a deal formed of exactly the facts of a
    previous deal keeps that deal's row.

    Returns (the ids of previous deals formed again from exactly the same facts: their
    rows and sources are unchanged; the rows of the other deals; their sources), with
    `round_deal_id` left to `link_rounds`.
    """
    sizes = Counter(previous.values())
    unchanged: list[str] = []
    deals: list[dict] = []
    sources: list[dict] = []
    for group_key, members in _groups(facts).items():
        for cluster in _cluster(group_key[0], members):
            before = {previous.get(s.fact_id) for s in cluster.sources}
            deal_id = before.pop() if len(before) == 1 else None
            if deal_id is not None and sizes[deal_id] == len(cluster.sources):
                unchanged.append(deal_id)  # the same facts: the same row and sources
                continue
            deal, deal_sources = _summarize(group_key, cluster.sources)
            deals.append(deal)
            sources.extend(deal_sources)
    return unchanged, deals, sources


def _groups(facts: Iterable[dict]) -> dict[tuple[str, str, str], list[_Source]]:
    """The facts by (kind, canonical investee, canonical investor)."""
    groups: dict[tuple[str, str, str], list[_Source]] = defaultdict(list)
    key_cache: dict[str | None, str] = {}
    for row in facts:
        investee, investor = row["investee"], row.get("investor")
        for name in (investee, investor):
            if name not in key_cache:
                key_cache[name] = canonical_key(name)
        groups[(row["kind"], key_cache[investee], key_cache[investor])].append(_source(row))
    return groups


def link_rounds(
    deals: list[dict],
    previous: Mapping[str, str | None] | None = None,
    new_rounds: Collection[str] = (),
) -> None:
    """Set `round_deal_id` of each investment and valuation deal to its company's best round.

    Only deals of the same canonical investee are compared, so the deals of one company
    can be linked again without the others (`warehouse.derived` relies on it).

    previous: deal_id -> round_deal_id of deals linked before, when their company had
    the round deals it has now but `new_rounds` (ids). The best of the rounds that
    stayed is still the previous round (or none), so such a deal is compared only with
    it and the new rounds, unless its previous round is gone or was formed anew.
    """
    key_cache: dict[str | None, str] = {}
    rounds_by_investee: dict[str, list[dict]] = defaultdict(list)
    new_by_investee: dict[str, list[dict]] = defaultdict(list)
    round_by_id: dict[str, dict] = {}
    for deal in deals:
        if deal["investee"] not in key_cache:
            key_cache[deal["investee"]] = canonical_key(deal["investee"])
        if deal["kind"] == "round":
            rounds_by_investee[key_cache[deal["investee"]]].append(deal)
            round_by_id[deal["deal_id"]] = deal
            if deal["deal_id"] in new_rounds:
                new_by_investee[key_cache[deal["investee"]]].append(deal)
    for deal in deals:
        if deal["kind"] not in ("investment", "valuation"):
            continue
        company = key_cache[deal["investee"]]
        rounds = rounds_by_investee.get(company)
        if previous and deal["deal_id"] in previous:
            before = previous[deal["deal_id"]]
            if before is None:
                rounds = new_by_investee.get(company)
            elif before in round_by_id and before not in new_rounds:
                rounds = [round_by_id[before], *new_by_investee.get(company, ())]
        deal["round_deal_id"] = _round_of(deal, rounds)


def _source(row: dict) -> _Source:
    amount = row.get("amount")
    if amount is not None and not isinstance(amount, Decimal):
        amount = Decimal(str(amount))
    try:
        precision, start, end = period_of(row.get("date"))
    except ValueError:  # not a calendar date: the fact counts as undated
        precision, start, end = None, None, None
    fact_id, published = row["fact_id"], row.get("published")
    return _Source(
        row=row,
        fact_id=fact_id,
        article_id=row.get("article_id") or fact_id,
        amount=amount,
        currency=row.get("currency") if amount is not None else None,
        qualifier=row.get("qualifier") or "exact",
        round=row.get("round"),
        precision=precision,
        start=start,
        end=end,
        published=published,
        order=(published or date.max, fact_id),
    )


def _cluster(kind: str, members: list[_Source]) -> list[_Cluster]:
    """Deals of one (kind, investee, investor) group as clusters of their sources."""
    if len(members) == 1:
        cluster = _Cluster()
        cluster.add(members[0])
        return [cluster]
    dated = sorted(
        (s for s in members if s.precision in ("day", "month")),
        key=lambda s: (s.start, -_DATE_PRECISION[s.precision], s.order),
    )
    coarse = sorted(
        (s for s in members if s.precision not in ("day", "month")),
        key=lambda s: (s.start or date.max, s.order),
    )
    clusters: list[_Cluster] = []
    for source in dated:
        target = None
        for cluster in reversed(clusters):  # clusters are in order of their first date
            if _joins_dated(kind, cluster, source):
                target = cluster
                break
            if kind != "stake" and (source.start - cluster.first_start).days > WINDOW_DAYS:
                break
        if target is None:
            target = _Cluster()
            clusters.append(target)
        target.add(source)
    ranked = sorted(clusters, key=_rank)
    for source in coarse:
        target = _best_attachment(ranked, source)
        if target is None:
            target = _Cluster()
            clusters.append(target)
        else:
            ranked.remove(target)  # its rank improves: it gains a source
        target.add(source)
        insort(ranked, target, key=_rank)
    return clusters


def _rank(cluster: _Cluster) -> tuple:
    """Best first, amounts aside: most articles, earliest date, first source (a total order)."""
    return (-len(cluster.articles), cluster.first_start or date.max, cluster.first_order)


def _best_attachment(ranked: list[_Cluster], source: _Source) -> _Cluster | None:
    """The deal a coarse fact attaches to: of those it may join, one whose amount agrees,
    else one with nothing to compare; the first by `_rank` (clusters given in that order).
    """
    fallback = None
    for cluster in ranked:
        if not _may_attach(cluster, source):
            continue
        fit = _amount_fit(cluster, source)
        if fit == 2 or (fit == 1 and source.amount is None):  # nothing later can do better
            return cluster
        if fit == 1 and fallback is None:
            fallback = cluster
    return fallback


def _rounds_compatible(cluster: _Cluster, source: _Source) -> bool:
    return cluster.round is None or source.round is None or cluster.round == source.round


def _joins_dated(kind: str, cluster: _Cluster, source: _Source) -> bool:
    if not _rounds_compatible(cluster, source):
        return False
    if kind == "stake" and source.amount is not None and cluster.figures:
        return any(_agree(s, source) for s in cluster.figures.values())
    if cluster.first_start is None:
        return False
    return (source.start - cluster.first_start).days <= WINDOW_DAYS


def _may_attach(cluster: _Cluster, source: _Source) -> bool:
    """A coarse fact may join the cluster, amounts aside: no source of its article, the
    same round, and dates that fit."""
    if source.article_id in cluster.articles or not _rounds_compatible(cluster, source):
        return False
    if source.precision == "year":
        return cluster.first_start is None or (
            cluster.first_start.year <= source.start.year <= cluster.last_end.year
        )
    return (
        source.published is None
        or cluster.first_start is None
        or cluster.first_start <= source.published
    )


def _amount_fit(cluster: _Cluster, source: _Source) -> int:
    """2: the amount agrees with a source of the deal; 1: nothing to compare; 0: disagrees."""
    if source.amount is None:
        return 1
    comparable = [s for s in cluster.figures.values() if s.currency == source.currency]
    if not comparable:
        return 1
    return 2 if any(_agree(s, source) for s in comparable) else 0


def _range(source: _Source, headline: bool) -> tuple[Decimal, Decimal]:
    """The source's range (computed once): headline figure, or all values it allows."""
    if source.headline is None:
        low, high = _HEADLINE_RANGE.get(source.qualifier, _HEADLINE_RANGE["exact"])
        source.headline = (source.amount * low, source.amount * high)
        ceiling = source.qualifier == "up_to"
        source.plausible = (Decimal(0), source.headline[1]) if ceiling else source.headline
    return source.headline if headline else source.plausible


def _overlap(a: _Source, b: _Source, headline: bool) -> bool:
    if a.currency != b.currency:
        return False
    a_low, a_high = _range(a, headline)
    b_low, b_high = _range(b, headline)
    return a_low <= b_high and b_low <= a_high


def _agree(a: _Source, b: _Source) -> bool:
    """Both report the same headline figure (within the tolerance of their qualifiers)."""
    return _overlap(a, b, headline=True)


def _consistent(a: _Source, b: _Source) -> bool:
    """Both could be true at once (a tranche is consistent with an "up to" ceiling)."""
    return _overlap(a, b, headline=False)


def _summarize(group_key: tuple[str, str, str], members: list[_Source]) -> tuple[dict, list[dict]]:
    if len(members) > 1:
        members.sort(key=lambda s: s.order)
    deal_id = _deal_id(group_key, members[0].fact_id)
    disclosed = [s for s in members if s.amount is not None]
    best = _best_amount(disclosed)
    same_currency = [s for s in disclosed if s.currency == best.currency] if best else []
    amounts = [s.amount for s in same_currency]
    best_date = _best_date(members)
    status_rank, lead, round_label = -1, None, None
    published, articles, investees, investors = [], set(), [], []
    for s in members:  # one pass over the sources for every "any of them" field
        row = s.row
        status_rank = max(status_rank, _STATUS_RANK.get(row.get("status"), -1))
        if row.get("lead") is not None:
            lead = lead or row["lead"]
        if s.published is not None:
            published.append(s.published)
        round_label = round_label or s.round
        articles.add(s.article_id)
        investees.append(row["investee"])
        investors.append(row.get("investor"))
    deal = {
        "deal_id": deal_id,
        "kind": group_key[0],
        "investee": _display_name(investees),
        "investor": _display_name(investors),
        "lead": lead,
        "amount": best.amount if best else None,
        "currency": best.currency if best else None,
        "qualifier": best.qualifier if best else None,
        "amount_min": min(amounts) if amounts else None,
        "amount_max": max(amounts) if amounts else None,
        "conflict": _sources_disagree(same_currency),
        "amount_fact_id": best.fact_id if best else None,
        "date": best_date.row.get("date") if best_date else None,
        "date_precision": best_date.precision if best_date else None,
        "date_start": best_date.start if best_date else None,
        "first_reported": min(published) if published else None,
        "last_reported": max(published) if published else None,
        "round": round_label,
        "status": STATUSES[status_rank] if status_rank >= 0 else None,
        "source_count": len(members),
        "article_count": len(articles),
        "round_deal_id": None,
    }
    deal_sources = [
        {
            "deal_id": deal_id,
            "fact_id": s.fact_id,
            "article_id": s.row.get("article_id"),
        }
        for s in members
    ]
    return deal, deal_sources


def _best_date(members: list[_Source]) -> _Source | None:
    """The most precise date, then the most reported one, then the earliest."""
    dated = [s for s in members if s.precision is not None]
    if len(dated) < 2:
        return dated[0] if dated else None
    reports = Counter(s.row.get("date") for s in dated)
    return max(
        dated,
        key=lambda s: (
            _DATE_PRECISION[s.precision],
            reports[s.row.get("date")],
            -s.start.toordinal(),
        ),
    )


def _deal_id(group_key: tuple[str, str, str], first_fact_id: str) -> str:
    digest = hashlib.sha256("\x1f".join((*group_key, first_fact_id)).encode()).hexdigest()
    return f"deal_{digest[:16]}"


def _sources_disagree(same_currency: list[_Source]) -> bool:
    """True when two articles report amounts that cannot both be true.

    Facts of one article in one deal are its tranches (FACTS.md: one fact per deal per
    article), so each article's claim is the hull of its ranges; ranges on a line
    intersect pairwise exactly when the highest low is below the lowest high.
    """
    if len(same_currency) < 2:
        return False
    hulls: dict[str, tuple[Decimal, Decimal]] = {}
    for s in same_currency:
        low, high = _range(s, headline=False)
        if s.article_id in hulls:
            old_low, old_high = hulls[s.article_id]
            low, high = min(low, old_low), max(high, old_high)
        hulls[s.article_id] = (low, high)
    if len(hulls) < 2:
        return False
    return max(low for low, _ in hulls.values()) > min(high for _, high in hulls.values())


def _best_amount(disclosed: list[_Source]) -> _Source | None:
    """Most reported (articles agreeing), then consistent with most, then most precise."""
    if len(disclosed) < 2:
        return disclosed[0] if disclosed else None
    by_figure: dict[tuple, list[_Source]] = defaultdict(list)
    for s in disclosed:
        by_figure[_figure(s)].append(s)
    figures = [group[0] for group in by_figure.values()]

    def preference(s: _Source) -> tuple:
        """Sort key, best first; later and larger figures win ties (a round's closing total)."""
        agreeing = {o.article_id for f in figures if _agree(s, f) for o in by_figure[_figure(f)]}
        consistent = sum(len(by_figure[_figure(f)]) for f in figures if _consistent(s, f))
        return (
            -len(agreeing),
            -consistent,
            _QUALIFIER_PRECISION.get(s.qualifier, 0),
            -_STATUS_RANK.get(s.row.get("status"), -1),
            -(s.start or date.min).toordinal(),
            -s.amount,
            s.order,
        )

    best_figure = min(figures, key=preference)
    return min(by_figure[_figure(best_figure)], key=lambda s: s.order)


def _figure(s: _Source) -> tuple:
    return (s.amount, s.currency, s.qualifier)


def _display_name(given: list[str | None]) -> str | None:
    """The spelling most sources use (ties: alphabetical)."""
    if len(given) == 1:
        return given[0]
    counts = Counter(n for n in given if n)
    if not counts:
        return None
    return min(counts, key=lambda n: (-counts[n], n))


def _round_of(deal: dict, rounds: list[dict] | None) -> str | None:
    """The round deal an investment or valuation deal belongs to, if one fits."""
    scored = [(score, r["deal_id"]) for r in rounds or () if (score := _round_fit(deal, r))]
    return max(scored)[1] if scored else None


def _round_fit(deal: dict, round_deal: dict) -> tuple | None:
    """How well a deal fits a round: same label first, then closeness of dates; None: no fit."""
    labels = (deal["round"], round_deal["round"])
    if None not in labels and labels[0] != labels[1]:
        return None
    same_label = None not in labels
    if deal["date_start"] is None or round_deal["date_start"] is None:
        return (1, 0) if same_label else None
    distance = abs((deal["date_start"] - round_deal["date_start"]).days)
    if distance > WINDOW_DAYS and not same_label:
        return None
    return (int(same_label), -distance)
