"""fundwire's run written the naive way: one Prefect task per article, for the benchmark.

    .venv/bin/python benchmarks/naive_flow.py --inbox DIR --warehouse DIR

The same work as `fundwire run` (discover, decode, extract, validate, stage, commit,
derive, views, ledger) through the same functions; only the orchestration differs:
every article is its own task (`.map` over the files), so every article pays Prefect's
per-task cost and stages its own Parquet files. `run_benchmarks.py` times it against
the batched flow on the same inbox.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path

from prefect import flow, task, unmapped
from prefect.cache_policies import NO_CACHE

from fundwire.flows.batch import BatchReport, process_files
from fundwire.transforms.fx import DEFAULT_BASE_CURRENCY
from fundwire.warehouse.database import build_database
from fundwire.warehouse.derived import derive_tables
from fundwire.warehouse.inbox import NewFile, discover, write_ledger
from fundwire.warehouse.lock import run_lock
from fundwire.warehouse.parquet_store import (
    STAGING_DIR,
    clear_staging,
    commit_staged,
    ensure_table,
)
from fundwire.warehouse.tables import INGESTED_TABLES


@task(name="extract article", cache_policy=NO_CACHE)
def extract_article(new: NewFile, staging: Path, number: int, run_id: str) -> BatchReport:
    return process_files([new], staging, number, run_id)


@flow(name="fundwire-naive", validate_parameters=False)
def naive_ingest(inbox: Path, warehouse: Path) -> int:
    """Ingest the inbox with one task per article; returns the number of articles."""
    run_id = uuid.uuid4().hex[:12]
    with run_lock(warehouse, 0.0):
        clear_staging(warehouse)
        staging = warehouse / STAGING_DIR / run_id
        found = discover(inbox, warehouse, settle_seconds=2.0)
        numbers = list(range(1, len(found.new) + 1))
        futures = extract_article.map(found.new, unmapped(staging), numbers, unmapped(run_id))
        report = BatchReport()
        for future in futures:
            report.add(future.result())
        for spec in INGESTED_TABLES:
            commit_staged(warehouse, staging, spec)
            ensure_table(warehouse, spec)
        derive_tables(warehouse, DEFAULT_BASE_CURRENCY)
        build_database(warehouse)
        write_ledger(warehouse, report.ledger_rows)
        clear_staging(warehouse)
    return report.articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inbox", type=Path, required=True)
    parser.add_argument("--warehouse", type=Path, required=True)
    args = parser.parse_args(argv)
    articles = naive_ingest(args.inbox.absolute(), args.warehouse.absolute())
    print(f"{articles} articles ingested, one task each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
