"""The DuckDB views on a fixed fixture: exact rows of the marts, comments, data dictionary."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from fundwire.transforms.deals import build_deals, period_of
from fundwire.transforms.fx import fx_rates_for
from fundwire.warehouse.dictionary import render_data_dictionary
from fundwire.warehouse.views import RAW_VIEWS, build_views
from tests.test_deals import EN_DAY, EN_OTHER_AMOUNT, ZH_MONTH, make_fact

DICTIONARY = Path(__file__).resolve().parents[1] / "docs" / "data-dictionary.md"
MONEY = pa.decimal128(38, 2)

ARTICLES = {  # article_id: (lang, published)
    "a-en-1": ("en", "2023-10-28"),
    "a-zh-1": ("zh", "2023-10-29"),
    "a-en-2": ("en", "2023-11-02"),
    "a-en-3": ("en", "2025-01-10"),
    "a-zh-2": ("zh", "2023-10-27"),
    "a-en-4": ("en", "2023-05-24"),
}

FACTS = [
    EN_DAY,
    ZH_MONTH,
    EN_OTHER_AMOUNT,
    make_fact(
        "f-amazon",
        "a-en-1",
        "2023-10-28",
        investor="Amazon",
        amount=4_000_000_000,
        date="2023-09",
        status="announced",
    ),
    make_fact(
        "f-stake",
        "a-en-3",
        "2025-01-10",
        kind="stake",
        amount=2_000_000_000,
        date="2025-01",
        status="completed",
    ),
    make_fact(
        "f-round-e",
        "a-en-3",
        "2025-01-10",
        kind="round",
        investor=None,
        amount=2_000_000_000,
        qualifier="nearly",
        date="2025-01",
        status="in_talks",
    ),
    make_fact(
        "f-lightspeed",
        "a-en-3",
        "2025-01-10",
        investor="Lightspeed Venture Partners",
        lead=True,
        date="2025-01",
        status="in_talks",
    ),
    make_fact(
        "f-val-e",
        "a-en-3",
        "2025-01-10",
        kind="valuation",
        investor=None,
        amount=60_000_000_000,
        qualifier="nearly",
        date="2025-01",
        status="in_talks",
    ),
    make_fact(
        "f-round-c",
        "a-en-4",
        "2023-05-24",
        kind="round",
        investor=None,
        amount=450_000_000,
        round="series_c",
        date="2023-05",
        status="completed",
    ),
    make_fact(
        "f-spark",
        "a-en-4",
        "2023-05-24",
        investor="Spark Capital",
        lead=True,
        round="series_c",
        date="2023-05",
        status="completed",
    ),
    make_fact(
        "f-val-c",
        "a-en-4",
        "2023-05-24",
        kind="valuation",
        investor=None,
        amount=4_100_000_000,
        date="2023-05",
        status="completed",
    ),
    make_fact(
        "f-tencent",
        "a-zh-2",
        "2023-10-27",
        investee="MiniMax",
        investor="Tencent",
        amount=1_000_000_000,
        currency="CNY",
        date="2023-10-27",
        status="completed",
    ),
    make_fact(
        "f-twd",
        "a-zh-2",
        "2023-10-27",
        investee="Example Chips",
        investor="Tencent",
        amount=300_000_000,
        currency="TWD",
        date="2013-06",
        status="completed",
    ),
]


def fact_rows() -> list[dict]:
    rows = []
    for fact in FACTS:
        precision, start, _ = period_of(fact["date"])
        published = fact["published"]
        rows.append(
            {
                **fact,
                "file_name": f"{fact['article_id']}.md",
                "date_precision": precision,
                "date_start": start,
                "published_year": published.year,
                "published_month": published.month,
                "evidence_start": 0,
                "evidence_end": 10,
            }
        )
    return rows


def write(folder: Path, name: str, rows: list[dict], types: dict[str, pa.DataType]) -> str:
    schema = pa.schema([(column, types.get(column, pa.string())) for column in rows[0]])
    path = folder / name / "data.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return str(path)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    folder = tmp_path_factory.mktemp("warehouse")
    facts = fact_rows()
    deals, sources = build_deals(facts)
    rates = fx_rates_for(
        [(f["currency"], f["date"], f["published"]) for f in facts], ("USD", "CNY")
    )
    articles = [
        {
            "article_id": a,
            "file_name": f"{a}.md",
            "lang": lang,
            "title": f"title {a}",
            "source": "fixture",
            "url": None,
            "published": date.fromisoformat(published),
        }
        for a, (lang, published) in ARTICLES.items()
    ]
    rejects = [{"reject_id": "r1", "file_name": "bad.md", "reason": "empty", "stage": "decode"}]
    dates = {
        c: pa.date32()
        for c in ("published", "date_start", "first_reported", "last_reported", "rate_date")
    }
    tables = {
        "raw_articles": write(folder, "articles", articles, dates),
        "raw_facts": write(
            folder,
            "facts",
            facts,
            {
                **dates,
                "amount": MONEY,
                "lead": pa.bool_(),
                "published_year": pa.int32(),
                "published_month": pa.int32(),
                "evidence_start": pa.int32(),
                "evidence_end": pa.int32(),
            },
        ),
        "raw_rejects": write(folder, "rejects", rejects, {}),
        "raw_deals": write(
            folder,
            "deals",
            deals,
            {
                **dates,
                "amount": MONEY,
                "amount_min": MONEY,
                "amount_max": MONEY,
                "lead": pa.bool_(),
                "conflict": pa.bool_(),
                "source_count": pa.int32(),
                "article_count": pa.int32(),
            },
        ),
        "raw_deal_sources": write(folder, "deal_sources", sources, {}),
        "raw_fx_rates": write(
            folder,
            "fx_rates",
            rates,
            {**dates, "rate": pa.decimal128(24, 14), "rate_days": pa.int32()},
        ),
    }
    connection = duckdb.connect(str(folder / "fundwire.duckdb"))
    build_views(connection, tables)
    build_views(connection, tables)  # idempotent: CREATE OR REPLACE throughout
    return connection


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_investor_totals_count_each_deal_once(con: duckdb.DuckDBPyConnection) -> None:
    totals = rows(
        con, "SELECT * EXCLUDE (total_base, base_currency) FROM investor_totals ORDER BY investor"
    )
    google = {
        "investor": "Google",
        "deals": 1,
        "disclosed_deals": 1,
        "total_usd": Decimal("2000000000.00"),
        "largest_deal_usd": Decimal("2000000000.00"),
        "largest_deal_investee": "Anthropic",
        "investee_count": 1,
        "investees": "Anthropic",
        "first_deal_date": "2023-10-27",
        "last_deal_date": "2023-10-27",
        "lead_count": 0,
        "capped_deals": 1,
        "conflicted_deals": 1,
        "unconverted_deals": 0,
        "stake_contradictions": 0,
    }
    assert totals == [
        {
            **google,
            "investor": "Amazon",
            "total_usd": Decimal("4000000000.00"),
            "largest_deal_usd": Decimal("4000000000.00"),
            "first_deal_date": "2023-09",
            "last_deal_date": "2023-09",
            "capped_deals": 0,
            "conflicted_deals": 0,
        },
        google,
        {
            **google,
            "investor": "Lightspeed Venture Partners",
            "disclosed_deals": 0,
            "total_usd": Decimal("0.00"),
            "largest_deal_usd": None,
            "largest_deal_investee": None,
            "first_deal_date": "2025-01",
            "last_deal_date": "2025-01",
            "lead_count": 1,
            "capped_deals": 0,
            "conflicted_deals": 0,
        },
        {
            **google,
            "investor": "Spark Capital",
            "disclosed_deals": 0,
            "total_usd": Decimal("0.00"),
            "largest_deal_usd": None,
            "largest_deal_investee": None,
            "first_deal_date": "2023-05",
            "last_deal_date": "2023-05",
            "lead_count": 1,
            "capped_deals": 0,
            "conflicted_deals": 0,
        },
        {
            "investor": "Tencent",
            "deals": 2,
            "disclosed_deals": 2,
            "total_usd": Decimal("136642339.55"),
            "largest_deal_usd": Decimal("136642339.55"),
            "largest_deal_investee": "MiniMax",
            "investee_count": 2,
            "investees": "Example Chips, MiniMax",
            "first_deal_date": "2013-06",
            "last_deal_date": "2023-10-27",
            "lead_count": 0,
            "capped_deals": 0,
            "conflicted_deals": 0,
            "unconverted_deals": 1,
            "stake_contradictions": 0,
        },
    ]
    base = rows(
        con,
        "SELECT investor, base_currency, total_base FROM investor_totals "
        "WHERE investor = 'Tencent'",
    )
    assert base == [
        {"investor": "Tencent", "base_currency": "CNY", "total_base": Decimal("1000000000.00")}
    ]


def test_round_history_reads_as_the_company_story(con: duckdb.DuckDBPyConnection) -> None:
    history = rows(
        con,
        "SELECT event_seq, date, kind, round, investor, lead_investors, "
        "participants, status, amount, qualifier, amount_usd, conflict, "
        "valuation_usd, valuation_step_up, source_count, languages "
        "FROM round_history WHERE company = 'Anthropic'",
    )
    event = {
        "round": None,
        "investor": None,
        "lead_investors": None,
        "participants": None,
        "qualifier": None,
        "amount": None,
        "amount_usd": None,
        "conflict": False,
        "valuation_usd": None,
        "valuation_step_up": None,
        "source_count": 1,
        "languages": "en",
        "status": "completed",
    }
    b = Decimal
    assert history == [
        {
            **event,
            "event_seq": 1,
            "date": "2023-05",
            "kind": "round",
            "round": "series_c",
            "lead_investors": "Spark Capital",
            "participants": "Spark Capital",
            "amount": b("450000000.00"),
            "qualifier": "exact",
            "amount_usd": b("450000000.00"),
            "valuation_usd": b("4100000000.00"),
        },
        {
            **event,
            "event_seq": 2,
            "date": "2023-05",
            "kind": "investment",
            "round": "series_c",
            "investor": "Spark Capital",
            "lead_investors": "Spark Capital",
        },
        {
            **event,
            "event_seq": 3,
            "date": "2023-05",
            "kind": "valuation",
            "amount": b("4100000000.00"),
            "qualifier": "exact",
            "amount_usd": b("4100000000.00"),
            "valuation_usd": b("4100000000.00"),
        },
        {
            **event,
            "event_seq": 4,
            "date": "2023-09",
            "kind": "investment",
            "investor": "Amazon",
            "status": "announced",
            "amount": b("4000000000.00"),
            "qualifier": "exact",
            "amount_usd": b("4000000000.00"),
        },
        {
            **event,
            "event_seq": 5,
            "date": "2023-10-27",
            "kind": "investment",
            "investor": "Google",
            "status": "announced",
            "amount": b("2000000000.00"),
            "qualifier": "up_to",
            "amount_usd": b("2000000000.00"),
            "conflict": True,
            "source_count": 3,
            "languages": "en,zh",
        },
        {
            **event,
            "event_seq": 6,
            "date": "2025-01",
            "kind": "round",
            "lead_investors": "Lightspeed Venture Partners",
            "participants": "Lightspeed Venture Partners",
            "status": "in_talks",
            "amount": b("2000000000.00"),
            "qualifier": "nearly",
            "amount_usd": b("2000000000.00"),
            "valuation_usd": b("60000000000.00"),
        },
        {
            **event,
            "event_seq": 7,
            "date": "2025-01",
            "kind": "investment",
            "investor": "Lightspeed Venture Partners",
            "lead_investors": "Lightspeed Venture Partners",
            "status": "in_talks",
        },
        {
            **event,
            "event_seq": 8,
            "date": "2025-01",
            "kind": "valuation",
            "status": "in_talks",
            "amount": b("60000000000.00"),
            "qualifier": "nearly",
            "amount_usd": b("60000000000.00"),
            "valuation_usd": b("60000000000.00"),
            "valuation_step_up": b("14.63"),
        },
        {
            **event,
            "event_seq": 9,
            "date": "2025-01",
            "kind": "stake",
            "investor": "Google",
            "amount": b("2000000000.00"),
            "qualifier": "exact",
            "amount_usd": b("2000000000.00"),
        },
    ]


def test_facts_usd_converts_at_the_facts_date_or_says_why_not(
    con: duckdb.DuckDBPyConnection,
) -> None:
    converted = rows(
        con,
        "SELECT fact_id, amount, currency, amount_usd, usd_rate, usd_rate_date, "
        "usd_rate_period, usd_method, base_currency, amount_base, usd_reason "
        "FROM facts_usd WHERE fact_id IN ('f-tencent', 'f-twd', 'f-spark', "
        "'f-zh-month') ORDER BY fact_id",
    )
    assert converted == [
        {
            "fact_id": "f-spark",
            "amount": None,
            "currency": None,
            "amount_usd": None,
            "usd_rate": None,
            "usd_rate_date": None,
            "usd_rate_period": None,
            "usd_method": None,
            "base_currency": "CNY",
            "amount_base": None,
            "usd_reason": "amount not disclosed",
        },
        {
            "fact_id": "f-tencent",
            "amount": Decimal("1000000000.00"),
            "currency": "CNY",
            "amount_usd": Decimal("136642339.55"),
            "usd_rate": Decimal("0.13664233955122"),
            "usd_rate_date": date(2023, 10, 27),
            "usd_rate_period": None,
            "usd_method": "ecb_daily",
            "base_currency": "CNY",
            "amount_base": Decimal("1000000000.00"),
            "usd_reason": None,
        },
        {
            "fact_id": "f-twd",
            "amount": Decimal("300000000.00"),
            "currency": "TWD",
            "amount_usd": None,
            "usd_rate": None,
            "usd_rate_date": None,
            "usd_rate_period": None,
            "usd_method": "none",
            "base_currency": "CNY",
            "amount_base": None,
            "usd_reason": "no ECB reference rate and no TWD row for 2013 in "
            "seeds/fx_rates_extra.csv",
        },
        {
            "fact_id": "f-zh-month",
            "amount": Decimal("2000000000.00"),
            "currency": "USD",
            "amount_usd": Decimal("2000000000.00"),
            "usd_rate": Decimal("1.00000000000000"),
            "usd_rate_date": None,
            "usd_rate_period": None,
            "usd_method": "identity",
            "base_currency": "CNY",
            "amount_base": Decimal("14617661259.24"),
            "usd_reason": None,
        },
    ]
    unexplained = con.execute(
        "SELECT count(*) FROM facts_usd WHERE amount_usd IS NULL AND usd_reason IS NULL"
    ).fetchone()
    assert unexplained == (0,)


def test_deals_usd_keeps_the_conflict_and_converts_the_range(
    con: duckdb.DuckDBPyConnection,
) -> None:
    google = rows(
        con,
        "SELECT investor, amount, qualifier, amount_min, amount_max, conflict, "
        "amount_usd, amount_min_usd, amount_max_usd, usd_method, source_count, "
        "article_count, languages FROM deals_usd "
        "WHERE kind = 'investment' AND investor = 'Google'",
    )
    assert google == [
        {
            "investor": "Google",
            "amount": Decimal("2000000000.00"),
            "qualifier": "up_to",
            "amount_min": Decimal("2000000000.00"),
            "amount_max": Decimal("2500000000.00"),
            "conflict": True,
            "amount_usd": Decimal("2000000000.00"),
            "amount_min_usd": Decimal("2000000000.00"),
            "amount_max_usd": Decimal("2500000000.00"),
            "usd_method": "identity",
            "source_count": 3,
            "article_count": 3,
            "languages": "en,zh",
        },
    ]
    sources = rows(
        con,
        "SELECT file_name, lang, deal_sources.amount FROM deal_sources JOIN deals_usd "
        "USING (deal_id) WHERE deals_usd.investor = 'Google' AND "
        "deals_usd.kind = 'investment' ORDER BY file_name",
    )
    assert [(s["file_name"], s["lang"]) for s in sources] == [
        ("a-en-1.md", "en"),
        ("a-en-2.md", "en"),
        ("a-zh-1.md", "zh"),
    ]


def test_stake_checks_compare_investments_with_the_latest_stake(
    con: duckdb.DuckDBPyConnection,
) -> None:
    checks = rows(
        con,
        "SELECT investor, investee, stake_usd, investment_deals, invested_usd, "
        "contradicts FROM stake_checks",
    )
    assert checks == [
        {
            "investor": "Google",
            "investee": "Anthropic",
            "stake_usd": Decimal("2000000000.00"),
            "investment_deals": 1,
            "invested_usd": Decimal("2000000000.00"),
            "contradicts": False,
        }
    ]


def test_money_is_never_a_float(con: duckdb.DuckDBPyConnection) -> None:
    float_money = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE data_type IN ('DOUBLE', "
        "'FLOAT') AND NOT internal AND table_name NOT LIKE 'raw_%'"
    ).fetchall()
    assert float_money == []


def test_every_view_and_column_has_a_comment(con: duckdb.DuckDBPyConnection) -> None:
    uncommented_views = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND comment IS NULL"
    ).fetchall()
    assert sorted(v for (v,) in uncommented_views) == sorted(RAW_VIEWS)
    uncommented_tables = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND comment IS NULL"
    ).fetchall()
    assert uncommented_tables == []
    uncommented_columns = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE comment IS NULL AND NOT internal AND table_name NOT LIKE 'raw_%'"
    ).fetchall()
    assert uncommented_columns == []


def test_the_data_dictionary_page_is_current(con: duckdb.DuckDBPyConnection) -> None:
    """FUNDWIRE_UPDATE_DICTIONARY=1 rewrites the page after a change of the SQL comments."""
    expected = render_data_dictionary(con)
    if os.environ.get("FUNDWIRE_UPDATE_DICTIONARY") == "1":
        DICTIONARY.write_text(expected, encoding="utf-8")
    assert DICTIONARY.read_text(encoding="utf-8") == expected, (
        "docs/data-dictionary.md is stale: FUNDWIRE_UPDATE_DICTIONARY=1 pytest tests/test_views.py"
    )


def test_raw_views_accept_only_known_names(tmp_path: Path) -> None:
    con = duckdb.connect()
    with pytest.raises(ValueError, match="unknown"):
        build_views(con, {**dict.fromkeys(RAW_VIEWS, "x"), "raw_x; DROP TABLE t": "y"})
