"""Deals across articles: one deal however many articles report it, with stable ids."""

from __future__ import annotations

import random
import time
from datetime import date
from decimal import Decimal

from fundwire.transforms.deals import build_deals, canonical_key


def make_fact(fact_id: str, article_id: str, published: str, **fields: object) -> dict:
    """A raw_facts row: an investment of Google in Anthropic unless fields say otherwise."""
    row = {
        "fact_id": fact_id,
        "article_id": article_id,
        "kind": "investment",
        "investee": "Anthropic",
        "investor": "Google",
        "lead": None,
        "amount": None,
        "currency": None,
        "qualifier": None,
        "round": None,
        "status": "reported",
        "date": None,
        "published": date.fromisoformat(published),
        "evidence": f"sentence of {fact_id}",
    }
    row.update(fields)
    if isinstance(row["amount"], int | str):
        row["amount"] = Decimal(row["amount"])
        row["currency"] = row["currency"] or "USD"
        row["qualifier"] = row["qualifier"] or "exact"
    return row


# One deal told three times: English on the day, Chinese the next day, and a later
# English report with a different amount.
EN_DAY = make_fact(
    "f-en-day", "a-en-1", "2023-10-28", amount=2_000_000_000, qualifier="up_to", date="2023-10-27"
)
ZH_MONTH = make_fact(
    "f-zh-month",
    "a-zh-1",
    "2023-10-29",
    investor="Google",
    amount=2_000_000_000,
    qualifier="up_to",
    date="2023-10",
)
EN_OTHER_AMOUNT = make_fact(
    "f-en-other", "a-en-2", "2023-11-02", amount=2_500_000_000, date="2023-10", status="announced"
)
THREE_REPORTS = [EN_DAY, ZH_MONTH, EN_OTHER_AMOUNT]


def deals_by_kind(facts: list[dict]) -> dict[str, list[dict]]:
    deals, _ = build_deals(facts)
    by_kind: dict[str, list[dict]] = {}
    for deal in deals:
        by_kind.setdefault(deal["kind"], []).append(deal)
    return by_kind


def test_three_reports_in_two_languages_are_one_deal_with_a_visible_conflict() -> None:
    deals, sources = build_deals(THREE_REPORTS)

    assert len(deals) == 1
    deal = deals[0]
    assert deal["source_count"] == 3 and deal["article_count"] == 3
    assert {s["fact_id"] for s in sources} == {"f-en-day", "f-zh-month", "f-en-other"}
    assert {s["deal_id"] for s in sources} == {deal["deal_id"]}
    # Two articles agree on "up to $2B": that is the deal's amount, the third is not averaged in.
    assert (deal["amount"], deal["qualifier"]) == (Decimal(2_000_000_000), "up_to")
    assert (deal["amount_min"], deal["amount_max"]) == (
        Decimal(2_000_000_000),
        Decimal(2_500_000_000),
    )
    assert deal["conflict"] is True
    assert deal["amount_fact_id"] == "f-en-day"
    assert (deal["date"], deal["date_precision"], deal["date_start"]) == (
        "2023-10-27",
        "day",
        date(2023, 10, 27),
    )
    assert deal["first_reported"] == date(2023, 10, 28)
    assert deal["last_reported"] == date(2023, 11, 2)
    assert deal["status"] == "announced"


def test_deal_ids_do_not_depend_on_input_order_or_reruns() -> None:
    facts = [
        *THREE_REPORTS,
        make_fact(
            "f-amazon",
            "a-en-1",
            "2023-10-28",
            investor="Amazon",
            amount=4_000_000_000,
            date="2023-09",
        ),
    ]
    first = build_deals(facts)
    shuffled = facts[:]
    random.Random(7).shuffle(shuffled)
    assert build_deals(shuffled) == first
    assert build_deals(list(reversed(facts))) == first


def test_a_new_report_of_a_known_deal_keeps_its_id() -> None:
    (before,), _ = build_deals(THREE_REPORTS)
    later = make_fact("f-later", "a-en-3", "2024-01-15", amount=2_000_000_000, date="2023-10")
    unrelated = make_fact(
        "f-msft",
        "a-en-3",
        "2024-01-15",
        investor="Microsoft",
        investee="OpenAI",
        amount=10_000_000_000,
        date="2023-01",
    )

    deals, _ = build_deals([*THREE_REPORTS, later, unrelated])

    after = next(d for d in deals if d["investor"] == "Google")
    assert after["deal_id"] == before["deal_id"]
    assert after["source_count"] == 4


def test_a_stake_is_its_own_deal_and_never_merges_with_an_investment() -> None:
    stake = make_fact(
        "f-stake",
        "a-en-4",
        "2025-01-22",
        kind="stake",
        amount=2_000_000_000,
        date="2023-10",
        status="completed",
    )

    by_kind = deals_by_kind([*THREE_REPORTS, stake])

    assert [d["source_count"] for d in by_kind["investment"]] == [3]
    assert [d["amount"] for d in by_kind["stake"]] == [Decimal(2_000_000_000)]


def test_stakes_with_a_new_cumulative_total_are_a_new_state() -> None:
    stakes = [
        make_fact("s1", "a1", "2024-11-23", kind="stake", amount=8_000_000_000, date="2024-11"),
        make_fact("s2", "a2", "2025-01-22", kind="stake", amount=8_000_000_000, date="2025-01"),
        make_fact("s3", "a3", "2025-03-01", kind="stake", amount=4_000_000_000, date="2025-02"),
    ]
    deals, _ = build_deals(stakes)
    assert sorted((d["amount"], d["source_count"]) for d in deals) == [
        (Decimal(4_000_000_000), 1),
        (Decimal(8_000_000_000), 2),
    ]


def test_investments_months_apart_are_separate_deals() -> None:
    february = make_fact("f-feb", "a-1", "2023-02-04", amount=300_000_000, date="2023-02")
    deals, _ = build_deals([february, *THREE_REPORTS])
    assert len(deals) == 2


def test_tranches_of_one_article_are_part_of_the_deal_without_conflict() -> None:
    upfront = make_fact("f-upfront", "a-en-1", "2023-10-28", amount=500_000_000, date="2023-10")
    later = make_fact("f-later", "a-en-1", "2023-10-28", amount=1_500_000_000, date="2023-10")

    (deal,), _ = build_deals([EN_DAY, upfront, later])

    assert (deal["amount"], deal["qualifier"], deal["conflict"]) == (
        Decimal(2_000_000_000),
        "up_to",
        False,
    )
    assert deal["source_count"] == 3


def test_a_year_only_fact_of_the_same_article_is_another_deal() -> None:
    earlier_this_year = make_fact(
        "f-year", "a-en-1", "2023-10-28", amount=550_000_000, date="2023", status="completed"
    )
    deals, _ = build_deals([EN_DAY, earlier_this_year])
    assert len(deals) == 2


def test_year_only_and_undated_reports_join_a_matching_deal() -> None:
    year_only = make_fact(
        "f-year", "a-zh-9", "2024-02-01", amount=2_000_000_000, qualifier="up_to", date="2023"
    )
    undated = make_fact("f-undated", "a-en-9", "2024-03-01")
    deals, _ = build_deals([*THREE_REPORTS, year_only, undated])
    assert [d["source_count"] for d in deals] == [5]


def test_an_impossible_date_counts_as_undated() -> None:
    (deal,), _ = build_deals([make_fact("f-bad", "a-1", "2023-10-28", date="2023-13")])
    assert (deal["date"], deal["date_start"]) == (None, None)


def test_names_are_compared_after_canonicalization() -> None:
    assert canonical_key("Google LLC") == canonical_key("google") == canonical_key(" GOOGLE ")
    assert canonical_key("蚂蚁集团") != canonical_key("阿里巴巴")
    spelled = make_fact(
        "f-llc",
        "a-en-5",
        "2023-10-30",
        investor="Google LLC",
        amount=2_000_000_000,
        qualifier="up_to",
        date="2023-10",
    )
    (deal,), _ = build_deals([*THREE_REPORTS, spelled])
    assert deal["investor"] == "Google"


def test_investments_and_valuations_point_at_their_round() -> None:
    round_fact = make_fact(
        "r",
        "a-1",
        "2023-05-24",
        kind="round",
        investor=None,
        amount=450_000_000,
        round="series_c",
        date="2023-05",
    )
    lead = make_fact(
        "i",
        "a-1",
        "2023-05-24",
        investor="Spark Capital",
        lead=True,
        round="series_c",
        date="2023-05",
    )
    valuation = make_fact(
        "v",
        "a-1",
        "2023-05-24",
        kind="valuation",
        investor=None,
        amount=4_100_000_000,
        date="2023-05",
    )
    other_round = make_fact(
        "r-b",
        "a-1",
        "2023-05-24",
        kind="round",
        investor=None,
        amount=580_000_000,
        round="series_b",
        date="2022-04",
    )
    by_kind = deals_by_kind([round_fact, lead, valuation, other_round])
    series_c = next(d for d in by_kind["round"] if d["round"] == "series_c")
    assert by_kind["investment"][0]["round_deal_id"] == series_c["deal_id"]
    assert by_kind["investment"][0]["lead"] is True
    assert by_kind["valuation"][0]["round_deal_id"] == series_c["deal_id"]


def test_many_facts_are_grouped_quickly() -> None:
    rng = random.Random(1)
    facts = [
        make_fact(
            f"f{i}",
            f"a{i // 3}",
            f"20{rng.randint(15, 25)}-0{rng.randint(1, 9)}-01",
            investee=f"Company {rng.randint(1, 5000)}",
            investor=f"Fund {rng.randint(1, 300)}",
            amount=rng.choice([None, rng.randint(1, 900) * 1_000_000]),
            date=rng.choice([None, "2021", "2021-03", "2021-03-04"]),
        )
        for i in range(20_000)
    ]
    started = time.perf_counter()
    _, sources = build_deals(facts)
    assert len(sources) == len(facts)
    assert time.perf_counter() - started < 5
