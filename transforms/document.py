"""Document level: resolve what sentences leave open, then state each deal once.

A sentence says "it" or "the company" (resolved to the company the article is
telling about at that point), names investors of the round told just before ("Y also
joined the round"), or tells a deal without a date (it takes the date the text
refers back to, or the published month when it is the news the article reports).
The headline, a key-points list and the body often repeat a deal: duplicates are
merged into the most informative version.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from datetime import date
from decimal import Decimal
from functools import cache

from fundwire.transforms.entities import (
    alias_key,
    canonical,
    find_known,
    find_names,
    has_cjk,
    looks_like_org,
)
from fundwire.transforms.first_chars import compile_scanning
from fundwire.transforms.hanzi import compile_both, compile_folded
from fundwire.transforms.records import Fact
from fundwire.transforms.relations import COREFERENCE, TOPIC, Deal
from fundwire.transforms.sentences import Sentence

_NEWS_PARAGRAPHS = 3  # the lead of a news story: its headline and first paragraphs
_JOIN_PARAGRAPHS = 5  # how far back "Y also took part in the round" may reach


def resolve(deals: list[Deal], sentences: list[Sentence], published: date | None) -> list[Deal]:
    """Deals with coreferences, joined investor lists and missing dates resolved.

    `deals` come in text order, as the sentences tell them."""
    topic = _topic(deals, sentences)
    index = {s.start: i for i, s in enumerate(sentences)}
    out: list[Deal] = []
    subject: str | None = None  # the investee of the last round, investment or stake
    last_round: Deal | None = None
    last_date: dict[int, str] = {}  # paragraph -> the latest date told in it
    first_paragraph = min((d.sentence.paragraph for d in deals), default=0)
    told = {d.sentence.start for d in deals}
    # only a sentence before some deal can introduce its subject: later ones are not read,
    # nor any when every deal names its investee (the subject then stands for nothing)
    last_told = max(told, default=-1)
    unnamed = any(d.investee in (None, COREFERENCE, TOPIC) for d in deals)
    introductions = _Introductions(
        [s for s in sentences if unnamed and s.start not in told and s.start < last_told]
    )
    for deal in deals:
        paragraph = deal.sentence.paragraph
        if deal.joins_previous:
            if (
                last_round is not None
                and paragraph - last_round.sentence.paragraph <= _JOIN_PARAGRAPHS
            ):
                _join(last_round, deal)
            continue
        if deal.investee in (None, COREFERENCE, TOPIC):
            # the company told about here: one a sentence since the last round introduced,
            # else the last investee
            after = last_round.sentence.start if last_round is not None else -1
            introduced = introductions.last_between(after, deal.sentence.start)
            current = introduced if introduced is not None else subject
            if deal.investee == TOPIC:
                deal.investee = topic or current
            if deal.investee in (None, COREFERENCE):
                deal.investee = current or topic
        if deal.investee is None:
            continue
        deal.investee = canonical(deal.investee)
        for investor in deal.investors:
            if investor.name == COREFERENCE:
                position = index.get(deal.sentence.start, 0)
                previous = sentences[position - 1] if position else None
                investor.name = _last_other_company(previous, deal.investee) or COREFERENCE
        deal.investors = [i for i in deal.investors if i.name != COREFERENCE]
        if deal.date is None and deal.refers_back:
            deal.date = last_date.get(paragraph) or last_date.get(paragraph - 1)
        if deal.date is None and deal.kind == "valuation" and _round_of(last_round, deal):
            deal.date = last_round.date  # "The round values the company at $2bn": the round's date
            deal.date_from_published = last_round.date_from_published
        if deal.date is None and published is not None and not deal.background:
            in_lead = paragraph - first_paragraph < _NEWS_PARAGRAPHS
            if in_lead or deal.sentence.kind in ("headline", "bullet"):
                deal.date = published.strftime("%Y-%m")
                deal.date_from_published = True
        if deal.date:
            last_date[paragraph] = deal.date
        if deal.kind in ("round", "investment", "stake"):
            subject = deal.investee
        if deal.kind == "round":
            last_round = deal
        out.append(deal)
    return out


_INVESTOR_HEAD = compile_both(r"(?:资本|基金|创投|投资|Capital|Ventures|Partners|Fund)$")
_COPULA = compile_scanning(r"(?:当属|就是|便是|是|为|属)[^，。]{0,12}$")
_DESCRIBED = compile_scanning(r"(?:公司|企业|初创公司|独角兽|厂商|平台)$")
_OPENS_WITH_NAME = compile_scanning(r"^[^，,。]{0,16}$|^[^，,]{0,12}[，,][^，,]{0,4}$")


class _Introductions:
    """The subjects that sentences telling no deal introduce (see _introduced_subject), each
    sentence read only when a deal needs it."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self._sentences = sentences  # in text order
        self._starts = [s.start for s in sentences]
        self._subjects: dict[int, str | None] = {}

    def last_between(self, after: int, before: int) -> str | None:
        """The subject introduced last by a sentence starting between the two offsets."""
        for k in range(bisect_left(self._starts, before) - 1, -1, -1):
            sentence = self._sentences[k]
            if sentence.start <= after:
                break
            if sentence.start not in self._subjects:
                self._subjects[sentence.start] = _introduced_subject(sentence)
            if self._subjects[sentence.start] is not None:
                return self._subjects[sentence.start]
        return None


def _introduced_subject(sentence: Sentence) -> str | None:
    """The company a Chinese sentence telling no deal opens with ("云从科技也在加快融资"):
    a later "这家公司" means that company."""
    if not has_cjk(sentence.text):
        return None
    names = [
        m
        for m in find_names(sentence.text)
        if not _INVESTOR_HEAD.search(m.text)
        and (
            m.type == "company"
            or (m.type is None and _DESCRIBED.search(sentence.text[: m.start]))
            or (m.type is None and has_cjk(m.text) and looks_like_org(m.text))
        )
        and sentence.text.count("“", 0, m.start) <= sentence.text.count("”", 0, m.start)
        and sentence.text[max(0, m.start - 1) : m.start] not in ("“", "「", '"')
    ]
    if not names:
        return None
    introduced = [m for m in names if _DESCRIBED.search(sentence.text[: m.start])]
    if introduced:
        return introduced[-1].canonical  # "新成立的半导体公司Rapidus"
    if len(sentence.text.rstrip("。！？；”」 ")) - names[-1].end <= 1 and _COPULA.search(
        sentence.text[: names[-1].start]
    ):
        return names[-1].canonical  # "…当属德国的Aleph Alpha。"
    if _OPENS_WITH_NAME.match(sentence.text[: names[0].start]):
        return names[0].canonical
    return None


_THE_ROUND = compile_folded(
    r"\b(?:the|this|that) (?:round|financing|raise|deal|transaction)\b|"
    r"本轮|这一轮|此轮|该轮|新一轮|这轮"
)


def _round_of(last_round: Deal | None, valuation: Deal) -> bool:
    """True when an undated valuation says it is the round told just before ("the round
    values…", "本轮过后…估值")."""
    return (
        last_round is not None
        and last_round.investee == valuation.investee
        and valuation.sentence.paragraph - last_round.sentence.paragraph <= _JOIN_PARAGRAPHS
        and _THE_ROUND.search(valuation.sentence.text) is not None
    )


def _topic(deals: list[Deal], sentences: list[Sentence]) -> str | None:
    """The company the article is about: the investee of its headline, else the most told
    named investee, else the headline's first name."""
    named = [d.investee for d in deals if d.investee not in (None, COREFERENCE, TOPIC)]
    headline = [d.investee for d in deals if d.sentence.kind == "headline" and d.investee in named]
    if headline:
        return canonical(headline[0])
    if named:
        return Counter(canonical(n) for n in named).most_common(1)[0][0]
    for sentence in sentences[:1]:
        names = find_names(sentence.text)
        if names:
            return names[0].canonical
    return None


def _last_other_company(sentence: Sentence | None, investee: str) -> str | None:
    """The last organization a sentence names other than `investee` ("For Google, …")."""
    if sentence is None:
        return None
    others = [m.canonical for m in find_known(sentence.text) if m.canonical != investee]
    return others[-1] if others else None


def _join(previous: Deal, joining: Deal) -> None:
    if joining.status in ("reported", "in_talks") and previous.status == "completed":
        for investor in joining.investors:  # "另有报道称，X也参与了这一轮": X's part is reported
            investor.status = joining.status
    known = {i.name: i for i in previous.investors}
    for investor in joining.investors:
        if investor.name in known:
            known[investor.name].lead = known[investor.name].lead or investor.lead
        elif alias_key(investor.name) != alias_key(previous.investee or ""):
            previous.investors.append(investor)
            known[investor.name] = investor


def deal_facts(deal: Deal) -> list[Fact]:
    """The facts of one resolved deal (FACTS.md rules 3, 4 and 8)."""
    s = deal.sentence
    evidence = {"evidence": s.text, "evidence_start": s.start, "evidence_end": s.end}
    common = {"investee": deal.investee, "date": deal.date, "status": deal.status, **evidence}
    extras: dict[str, object] = {"unit": s.kind}
    if deal.date_from_published:
        extras["date_source"] = "published"
    common["extras"] = extras
    money = _money_fields(deal.amount)
    facts: list[Fact] = []
    if deal.kind == "valuation":
        if deal.amount is not None and deal.amount.amount is not None:
            return [Fact("valuation", **money, **common)]
        return []
    investee_key = alias_key(deal.investee or "")
    if deal.kind == "round":
        if deal.amount is not None or deal.round is not None or _dated_new_round(deal):
            facts.append(Fact("round", round=deal.round, **money, **common))
        for investor in deal.investors:
            if alias_key(investor.name) == investee_key:
                continue
            own = _money_fields(investor.amount)
            facts.append(
                Fact(
                    "investment",
                    investor=investor.name,
                    lead=investor.lead,
                    round=deal.round,
                    **own,
                    **{**common, "status": investor.status or deal.status},
                )
            )
        return facts
    for investor in deal.investors:
        if alias_key(investor.name) == investee_key:
            continue
        facts.append(
            Fact(
                deal.kind,
                investor=investor.name,
                lead=investor.lead,
                round=deal.round,
                **money,
                **common,
            )
        )
    return facts


def _dated_new_round(deal: Deal) -> bool:
    """ "去年11月，X完成了由Y领投的新一轮融资": a round told with its own date, amount untold."""
    return deal.date is not None and not deal.date_from_published


def _money_fields(money: object) -> dict[str, object]:
    if money is None:
        return {"amount": None, "currency": None, "qualifier": None}
    amount = money.amount
    return {
        "amount": amount,
        "currency": money.currency if amount is not None else None,
        "qualifier": money.qualifier if amount is not None else None,
    }


def merge_facts(facts: list[Fact]) -> list[Fact]:
    """Each deal once: facts that state the same deal become its most informative version."""
    _expand_short_names(facts)
    key = cache(alias_key)  # an article's facts name the same parties again and again
    kept: list[Fact] = []
    by_parties: dict[tuple[str, str, str], list[int]] = {}  # only facts of the same parties merge
    for fact in facts:
        parties = (fact.kind, key(fact.investee), key(fact.investor or ""))
        same = by_parties.setdefault(parties, [])
        twin = next((i for i in same if _same_deal(kept[i], fact)), None)
        if twin is None:
            same.append(len(kept))
            kept.append(fact)
        else:
            kept[twin] = _richer(kept[twin], fact)
    return kept


def _expand_short_names(facts: list[Fact]) -> None:
    """ "Spark" and "Spark Capital" in one article are one investor: use the full name."""
    names = sorted({n for f in facts for n in (f.investor, f.investee) if n})
    full: dict[str, str] = {}
    for short in names:
        # the names starting with "short " stand together in sorted order: the first two of
        # them tell whether there is exactly one
        first = bisect_left(names, short + " ")
        longer = [n for n in names[first : first + 2] if n.startswith(short + " ")]
        if len(longer) == 1:
            full[short] = longer[0]
    for fact in facts:
        fact.investor = full.get(fact.investor, fact.investor) if fact.investor else None
        fact.investee = full.get(fact.investee, fact.investee)


def _same_deal(a: Fact, b: Fact) -> bool:
    """Whether two facts of the same kind and parties (merge_facts compares no others) tell
    the same deal."""
    if a.kind in ("investment", "round") and (a.amount is None) != (b.amount is None):
        if a.round != b.round or (a.kind == "round" and a.round is None):
            return False  # an undisclosed share of one round, a stated amount of another deal
    elif not _same_amount(a.amount, b.amount) or (
        a.amount is not None and a.currency != b.currency
    ):
        return False
    if a.round and b.round and a.round != b.round:
        return False
    return not (a.date and b.date) or _dates_agree(a, b)


def _dates_agree(a: Fact, b: Fact) -> bool:
    """Prefix-compatible dates; a published month stood in for an untold date, so it only
    needs the year."""
    if a.extras.get("date_source") or b.extras.get("date_source"):
        return a.date[:4] == b.date[:4]
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def _same_amount(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= Decimal("0.01") * max(abs(a), abs(b))


_FIELDS = ("lead", "amount", "currency", "qualifier", "round", "date", "status")


def _richer(a: Fact, b: Fact) -> Fact:
    """The version telling more (body before headline on a tie), its gaps filled by the other."""

    def score(f: Fact) -> tuple[int, int]:
        filled = sum(getattr(f, name) is not None for name in _FIELDS)
        return filled, int(f.evidence_start > 0)

    best, other = (a, b) if score(a) >= score(b) else (b, a)
    if best.extras.get("date_source") and other.date and not other.extras.get("date_source"):
        best.date = other.date  # a date the text tells beats the published month
        best.extras = {k: v for k, v in best.extras.items() if k != "date_source"}
    if best.extras.get("unit") != "body" and other.extras.get("unit") == "body" and other.status:
        best.status = other.status  # the body tells how a deal stands; a headline shortens it
    for name in _FIELDS:
        if getattr(best, name) is None and getattr(other, name) is not None:
            setattr(best, name, getattr(other, name))
    if (
        best.date
        and other.date
        and len(other.date) > len(best.date)
        and other.date.startswith(best.date)
    ):
        best.date = other.date
    return best
