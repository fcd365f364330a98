"""`investor_totals` and `round_history` over generated facts, timed in DuckDB.

    .venv/bin/python benchmarks/facts_views.py [--facts 1000000] [--work DIR]

Writes a warehouse directly as Parquet (no extraction): articles reporting deals,
each deal reported by about three articles, a round fact and one investment fact
per investor per article, some valuations. Then runs fundwire's own derive step
(deals, FX rates) and view build, and times each view fully fetched in a fresh
read-only connection (median of three runs after a warm one).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb

from fundwire.transforms.fx import DEFAULT_BASE_CURRENCY
from fundwire.transforms.rows import published_partition
from fundwire.warehouse.database import build_database, database_path
from fundwire.warehouse.derived import derive_tables
from fundwire.warehouse.parquet_store import DATA_FILE, ensure_table, write_atomic
from fundwire.warehouse.tables import ARTICLES, FACTS, REJECTS, TableSpec, table_from_rows

VIEWS = ("investor_totals", "round_history")
ROUNDS = ("seed", "series_a", "series_b", "series_c", "series_d", None)
CURRENCIES = ("USD", "USD", "USD", "CNY", "CNY", "EUR", "GBP", "JPY")
FIRST_DAY = date(2019, 1, 1)


def generate_warehouse(warehouse: Path, n_facts: int, seed: int = 0) -> None:
    """Articles and facts tables with about `n_facts` facts, partitioned as fundwire does."""
    rng = random.Random(seed)
    n_deals = max(1, n_facts // 15)  # ~5 facts an article, ~3 articles a deal
    companies = [f"Company {i}" for i in range(max(1, n_deals // 3))]
    investors = [f"Investor {i} Capital" for i in range(max(1, n_deals // 50))]
    deals = [_deal(rng, companies, investors) for _ in range(n_deals)]
    facts, articles = [], []
    while len(facts) < n_facts:
        deal = rng.choice(deals)
        article_id = f"{len(articles):032x}"
        published = deal["day"] + timedelta(days=rng.randrange(6))
        lang = rng.choice(("en", "zh"))
        articles.append(_article(article_id, published, lang))
        facts.extend(_facts(deal, article_id, published, len(facts)))
    _write_partitioned(warehouse, FACTS, facts[:n_facts])
    _write_partitioned(warehouse, ARTICLES, articles)
    ensure_table(warehouse, REJECTS)


def _deal(rng: random.Random, companies: list[str], investors: list[str]) -> dict:
    amount = Decimal(rng.choice((1, 2, 5, 10, 20, 50, 100, 300))) * 1_000_000
    return {
        "company": rng.choice(companies),
        "round": rng.choice(ROUNDS),
        "amount": amount,
        "currency": rng.choice(CURRENCIES),
        "investors": rng.sample(investors, rng.randrange(1, min(5, len(investors)) + 1)),
        "valuation": amount * 8 if rng.random() < 0.3 else None,
        "day": FIRST_DAY + timedelta(days=rng.randrange(6 * 365)),
    }


def _article(article_id: str, published: date, lang: str) -> dict:
    return {
        "article_id": article_id,
        "file_name": f"{article_id}.md",
        "path": f"{article_id}.md",
        "format": "md",
        "encoding": "utf-8",
        "lang": lang,
        "title": "generated",
        "published": published,
        "published_source": "front_matter",
        "size_bytes": 3000,
        "text_chars": 3000,
        **published_partition(published),
    }


def _facts(deal: dict, article_id: str, published: date, first: int) -> list[dict]:
    common = {
        "article_id": article_id,
        "file_name": f"{article_id}.md",
        "investee": deal["company"],
        "currency": deal["currency"],
        "qualifier": "exact",
        "round": deal["round"],
        "status": "completed",
        "date": deal["day"].isoformat(),
        "date_precision": "day",
        "date_start": deal["day"],
        "published": published,
        "evidence": "generated",
        **published_partition(published),
    }
    rows = [{**common, "kind": "round", "amount": deal["amount"]}]
    for i, investor in enumerate(deal["investors"]):
        rows.append({**common, "kind": "investment", "investor": investor, "lead": i == 0})
    if deal["valuation"] is not None:
        rows.append({**common, "kind": "valuation", "amount": deal["valuation"]})
    for offset, row in enumerate(rows):
        row["fact_id"] = f"{first + offset:032x}"
        row.setdefault("amount", None)
        if row["amount"] is None:
            row["currency"] = row["qualifier"] = None
    return rows


def _write_partitioned(warehouse: Path, spec: TableSpec, rows: list[dict]) -> None:
    by_partition: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        by_partition[tuple(row[c] for c in spec.partition_by)].append(row)
    for values, part in by_partition.items():
        folder = warehouse / spec.name
        for column, value in zip(spec.partition_by, values, strict=True):
            folder = folder / f"{column}={value}"
        table = table_from_rows(part, spec).select(spec.data_schema.names)
        write_atomic(table.cast(spec.data_schema), folder / DATA_FILE)


def time_view(warehouse: Path, view: str, runs: int = 3) -> float:
    """Median seconds to fetch the whole view into Arrow, after one warm run."""
    seconds = []
    for run in range(runs + 1):
        con = duckdb.connect(str(database_path(warehouse)), read_only=True)
        try:
            started = time.perf_counter()
            con.sql(f"SELECT * FROM {view}").to_arrow_table()
            if run:
                seconds.append(time.perf_counter() - started)
        finally:
            con.close()
    return statistics.median(seconds)


def measure(n_facts: int, warehouse: Path) -> list[tuple[str, float]]:
    """[(step or view, seconds)]: generation, derive, views build, then each view."""
    steps = []
    started = time.perf_counter()
    generate_warehouse(warehouse, n_facts)
    steps.append(("generate facts (not fundwire)", time.perf_counter() - started))
    started = time.perf_counter()
    derive_tables(warehouse, DEFAULT_BASE_CURRENCY)
    steps.append(("derive deals and FX", time.perf_counter() - started))
    started = time.perf_counter()
    build_database(warehouse)
    steps.append(("build views", time.perf_counter() - started))
    return steps + [(view, time_view(warehouse, view)) for view in VIEWS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path, help="warehouse folder (default: a temporary one)")
    args = parser.parse_args(argv)
    warehouse = args.work or Path(tempfile.mkdtemp(prefix="fundwire-views-"))
    for name, seconds in measure(args.facts, warehouse):
        print(f"{name:32} {seconds:8.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
