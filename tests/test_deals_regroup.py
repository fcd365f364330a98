"""Deals formed again after an increment (`regroup_deals`) equal deals formed from scratch,
and the clustering equals the plain statement of its rules (`reference_clusters`).

The facts come from a generator that crowds few companies and investors into groups of
many facts: dated, month-dated, year-only, undated and badly dated reports, several facts
per article, rounds, stakes, amounts that agree or conflict, in two currencies.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest

from fundwire.transforms import deals as rules
from fundwire.transforms.deals import build_deals, canonical_key, link_rounds, regroup_deals

_INVESTEES = ["Acme Robotics", "ACME Robotics Inc", "Nimbus Labs", "星河科技有限公司", "星河科技"]
_INVESTORS = [None, "Google", "google LLC", "Sequoia Capital", "红杉中国"]
_KINDS = ["investment", "investment", "round", "valuation", "stake"]
_ROUNDS = [None, None, "series_a", "series_b"]
_AMOUNTS = [None, None, "100000000", "103000000", "150000000", "2000000000", "550000000"]
_QUALIFIERS = ["exact", "exact", "about", "up_to", "over", "nearly"]
_STATUSES = ["in_talks", "reported", "announced", "completed"]


def random_facts(seed: int, articles: int = 160) -> list[dict]:
    """Facts of `articles` generated articles (1-3 facts each), raw_facts columns."""
    rng = random.Random(seed)
    facts = []
    for number in range(articles):
        published = date(2022, 1, 1) + timedelta(days=rng.randrange(900))
        article_published = None if rng.random() < 0.05 else published
        for index in range(rng.choice([1, 1, 1, 2, 3])):
            day = published - timedelta(days=rng.randrange(200))
            date_text = rng.choice(
                [day.isoformat()] * 5
                + [day.isoformat()[:7]] * 2
                + [str(day.year), None, None, "2023-02-30"]
            )
            amount = rng.choice(_AMOUNTS)
            facts.append(
                {
                    "fact_id": f"f{seed}-{number:03d}-{index}",
                    "article_id": f"a{seed}-{number:03d}",
                    "kind": rng.choice(_KINDS),
                    "investee": rng.choice(_INVESTEES),
                    "investor": rng.choice(_INVESTORS),
                    "lead": rng.choice([None, True, False]),
                    "amount": Decimal(amount) if amount else None,
                    "currency": rng.choice(["USD", "USD", "CNY"]) if amount else None,
                    "qualifier": rng.choice(_QUALIFIERS) if amount else None,
                    "round": rng.choice(_ROUNDS),
                    "status": rng.choice(_STATUSES),
                    "date": date_text,
                    "published": article_published,
                    "evidence": f"sentence {number}.{index}",
                }
            )
    return facts


def split(facts: list[dict], seed: int) -> tuple[list[dict], list[dict]]:
    """(facts before, facts after) an increment: some articles added, a few removed."""
    rng = random.Random(seed)
    articles = sorted({f["article_id"] for f in facts})
    new = set(rng.sample(articles, rng.choice([1, 3, len(articles) // 10, len(articles) // 3])))
    gone = set(rng.sample(sorted(set(articles) - new), rng.choice([0, 0, 1, 2])))
    before = [f for f in facts if f["article_id"] not in new]
    after = [f for f in facts if f["article_id"] not in gone]
    return before, after


def group_of(row: dict) -> tuple[str, str, str]:
    return (row["kind"], canonical_key(row["investee"]), canonical_key(row["investor"]))


def regrouped(
    before: list[dict], after: list[dict], whole_groups: bool = True
) -> tuple[list[dict], list[dict]]:
    """Deals of `after`, formed from the deals of `before` as warehouse.derived does."""
    old_deals, old_sources = build_deals(before)
    known = {f["fact_id"] for f in before}
    present = {f["fact_id"] for f in after}
    group = {f["fact_id"]: group_of(f) for f in before + after}
    touched = {group[f] for f in present - known} | {group[f] for f in known - present}
    broken = {group[f] for f in known - present} if whole_groups else set()
    deal_group = {s["deal_id"]: group[s["fact_id"]] for s in old_sources}
    previous = {
        s["fact_id"]: s["deal_id"]
        for s in old_sources
        if deal_group[s["deal_id"]] in touched - broken
    }
    unchanged, deals, sources = regroup_deals(
        [f for f in after if group_of(f) in touched], previous
    )
    kept = set(unchanged) | {d for d, g in deal_group.items() if g not in touched}
    deals += [d for d in old_deals if d["deal_id"] in kept]
    sources += [s for s in old_sources if s["deal_id"] in kept]
    link_rounds(deals)
    return deals, sources


def reference_clusters(kind: str, members: list) -> list[list[str]]:
    """The clustering as first written (before the ranked search of coarse facts), one
    comparison at a time: the fact_ids of each deal. `transforms.deals._cluster` must
    give the same deals."""
    dated = sorted(
        (s for s in members if s.precision in ("day", "month")),
        key=lambda s: (s.start, -rules._DATE_PRECISION[s.precision], s.order),
    )
    coarse = sorted(
        (s for s in members if s.precision not in ("day", "month")),
        key=lambda s: (s.start or date.max, s.order),
    )
    clusters: list = []
    for source in dated:
        target = None
        for cluster in reversed(clusters):
            if rules._joins_dated(kind, cluster, source):
                target = cluster
                break
            if kind != "stake" and (source.start - cluster.first_start).days > rules.WINDOW_DAYS:
                break
        if target is None:
            target = rules._Cluster()
            clusters.append(target)
        target.add(source)
    by_year: dict = defaultdict(list)  # clusters by the years they span (undated: None)
    for cluster in clusters:
        index_by_year(by_year, cluster)
    for source in coarse:
        pool = (
            [*by_year[source.start.year], *by_year[None]]
            if source.precision == "year"
            else clusters
        )
        candidates = [c for c in pool if joins_coarse(c, source)]
        if candidates:
            target = min(
                candidates,
                key=lambda c: (
                    -rules._amount_fit(c, source),
                    -len(c.articles),
                    c.first_start or date.max,
                    c.first_order,
                ),
            )
        else:
            target = rules._Cluster()
            clusters.append(target)
        was_undated = target.first_start is None
        target.add(source)
        if not target.sources[1:] or (was_undated and target.first_start is not None):
            index_by_year(by_year, target)
    return sorted(sorted(s.fact_id for s in cluster.sources) for cluster in clusters)


def index_by_year(by_year: dict, cluster) -> None:
    if cluster.first_start is None:
        by_year[None].append(cluster)
        return
    for year in range(cluster.first_start.year, cluster.last_end.year + 1):
        by_year[year].append(cluster)


def joins_coarse(cluster, source) -> bool:
    if source.article_id in cluster.articles or not rules._rounds_compatible(cluster, source):
        return False
    if source.precision == "year":
        if cluster.first_start is not None and not (
            cluster.first_start.year <= source.start.year <= cluster.last_end.year
        ):
            return False
    elif (
        source.published is not None
        and cluster.first_start is not None
        and cluster.first_start > source.published
    ):
        return False
    return rules._amount_fit(cluster, source) > 0


@pytest.mark.parametrize("seed", range(60))
def test_clustering_follows_the_rules_as_stated(seed: int) -> None:
    facts = random_facts(seed, articles=60 + 5 * seed)
    groups = rules._groups(facts)
    for (kind, _, _), members in groups.items():
        clusters = rules._cluster(kind, list(members))
        assert sorted(sorted(s.fact_id for s in c.sources) for c in clusters) == (
            reference_clusters(kind, [rules._source(s.row) for s in members])
        )


def canonical(rows: list[dict]) -> list[tuple]:
    return sorted((tuple(sorted(row.items())) for row in rows), key=repr)


@pytest.mark.parametrize("seed", range(40))
def test_deals_formed_again_after_an_increment_equal_deals_formed_from_scratch(seed: int) -> None:
    before, after = split(random_facts(seed), seed)
    expected_deals, expected_sources = build_deals(after)
    deals, sources = regrouped(before, after, whole_groups=seed % 4 != 0)
    assert canonical(deals) == canonical(expected_deals)
    assert canonical(sources) == canonical(expected_sources)


def test_most_deals_of_a_small_increment_are_kept_unchanged() -> None:
    facts = random_facts(7, articles=400)
    before = facts[: len(facts) - 3]
    old_deals, old_sources = build_deals(before)
    previous = {s["fact_id"]: s["deal_id"] for s in old_sources}
    unchanged, deals, _ = regroup_deals(facts, previous)
    assert len(unchanged) > 0.9 * len(old_deals)
    assert len(unchanged) + len(deals) == len(build_deals(facts)[0])


def test_a_previous_deal_that_lost_a_fact_is_formed_again() -> None:
    facts = random_facts(3)
    old_deals, old_sources = build_deals(facts)
    by_deal = defaultdict(list)
    for s in old_sources:
        by_deal[s["deal_id"]].append(s["fact_id"])
    deal_id, members = max(by_deal.items(), key=lambda item: len(item[1]))
    after = [f for f in facts if f["fact_id"] != members[0]]
    previous = {s["fact_id"]: s["deal_id"] for s in old_sources}
    unchanged, deals, sources = regroup_deals(after, previous)
    assert deal_id not in unchanged
    deals += [d for d in old_deals if d["deal_id"] in unchanged]
    sources += [s for s in old_sources if s["deal_id"] in unchanged]
    link_rounds(deals)
    expected_deals, expected_sources = build_deals(after)
    assert canonical(deals) == canonical(expected_deals)
    assert canonical(sources) == canonical(expected_sources)


@pytest.mark.parametrize("seed", range(60))
def test_links_to_rounds_set_again_from_the_previous_links_equal_links_set_from_scratch(
    seed: int,
) -> None:
    before, after = split(random_facts(seed, articles=120), seed)
    old = {d["deal_id"]: d for d in build_deals(before)[0]}
    expected, _ = build_deals(after)

    def same_row(deal: dict) -> bool:
        stored = old.get(deal["deal_id"], {})
        return all(stored.get(k) == v for k, v in deal.items() if k != "round_deal_id")

    previous = {
        d["deal_id"]: old[d["deal_id"]]["round_deal_id"]
        for d in expected
        if d["kind"] in ("investment", "valuation") and same_row(d)
    }
    new_rounds = {d["deal_id"] for d in expected if d["kind"] == "round" and not same_row(d)}
    deals = [{**d, "round_deal_id": None} for d in expected]
    link_rounds(deals, previous, new_rounds)
    assert canonical(deals) == canonical(expected)
