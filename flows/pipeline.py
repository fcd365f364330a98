"""The Prefect flow: discover → extract (in batches) → commit → derive deals and rates → views.

Tasks are few and coarse (one per batch of articles, not per article) because
each Prefect task costs milliseconds of orchestration; the work they call lives
in `flows.batch`, `transforms`, `schemas` and `warehouse`.
"""

from __future__ import annotations

import os
import time
import uuid
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from fundwire.flows.outcomes import BatchReport, ledger_row, reject_row, rows_table
from fundwire.flows.progress import RunProgress, current_progress, reporting_to
from fundwire.flows.summary import RunSummary, count_deals_touched
from fundwire.flows.task_runners import (
    RunnerKind,
    default_dask_workers,
    make_task_runner,
    shared_prefect_api,
)
from fundwire.flows.workers import (
    default_workers,
    extraction_processes,
    run_batch,
    warm_up_workers,
)
from fundwire.transforms.fx import DEFAULT_BASE_CURRENCY
from fundwire.warehouse.database import build_database, database_path, local_state
from fundwire.warehouse.errors import WarehouseLocked
from fundwire.warehouse.inbox import Discovery, discover, write_ledger
from fundwire.warehouse.lock import run_lock
from fundwire.warehouse.parquet_store import (
    STAGING_DIR,
    clear_staging,
    commit_staged,
    ensure_table,
    stage_batch,
)
from fundwire.warehouse.storage import Location, Where, location
from fundwire.warehouse.tables import INGESTED_TABLES, REJECTS

if TYPE_CHECKING:
    from fundwire.warehouse.derived import DerivedReport

DEFAULT_BATCH_SIZE = 500


@task(name="discover new files", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def discover_files(inbox: Location, warehouse: Location, settle_seconds: float) -> Discovery:
    return discover(inbox, warehouse, settle_seconds, on_first_change=warm_up_workers)


@task(name="extract batch", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def extract_batch(files: list, staging: Location, batch_no: int, run_id: str) -> BatchReport:
    return run_batch(files, staging, batch_no, run_id)


@task(name="commit partitions", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def commit_partitions(warehouse: Location, staging: Location) -> list[str]:
    rewritten = []
    for spec in INGESTED_TABLES:
        rewritten += commit_staged(warehouse, staging, spec)
        ensure_table(warehouse, spec)
    return rewritten


@task(name="derive deals and rates", cache_policy=NO_CACHE, retries=1)
def derive(warehouse: Location, base_currency: str) -> DerivedReport:
    from fundwire.warehouse.derived import derive_tables  # imported when there is work

    return derive_tables(warehouse, base_currency)


@task(name="build views", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def build_views(warehouse: Location, database: Path) -> Path:
    return build_database(warehouse, database)


@task(name="record ledger", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def record_ledger(warehouse: Location, rows: list[dict]) -> None:
    write_ledger(warehouse, rows)


@flow(name="fundwire-ingest", log_prints=False, validate_parameters=False)
def ingest(
    inbox: str | Path,
    warehouse: str | Path,
    base_currency: str = DEFAULT_BASE_CURRENCY,
    batch_size: int = DEFAULT_BATCH_SIZE,
    settle_seconds: float = 2.0,
    wait_seconds: float = 0.0,
    database: str | None = None,
) -> RunSummary:
    """Ingest the inbox's new files into the warehouse; safe to kill and re-run at any point.

    `inbox` and `warehouse` are local folders or URLs (`s3://bucket/prefix`); `database`
    is the local DuckDB file (default: `warehouse.database.database_path`).
    """
    logger = get_run_logger()
    started = time.monotonic()
    inbox, warehouse = location(inbox), location(warehouse)
    db = database_path(warehouse, database)
    run_id = uuid.uuid4().hex[:12]
    try:
        with run_lock(local_state(warehouse, db), wait_seconds):
            summary = _ingest_locked(
                inbox, warehouse, db, run_id, base_currency, batch_size, settle_seconds
            )
    except WarehouseLocked as exc:
        logger.info("skipped: %s", exc)
        summary = RunSummary(run_id, inbox, warehouse, db, locked=str(exc))
    summary.seconds = time.monotonic() - started
    logger.info("run %s done in %.1fs: %s", run_id, summary.seconds, summary.one_line())
    return summary


def _ingest_locked(
    inbox: Location,
    warehouse: Location,
    database: Path,
    run_id: str,
    base_currency: str,
    batch_size: int,
    settle_seconds: float,
) -> RunSummary:
    logger = get_run_logger()
    clear_staging(warehouse)
    staging = warehouse / STAGING_DIR / run_id
    found = discover_files(inbox, warehouse, settle_seconds)
    logger.info(
        "inbox %s: %d new, %d copies, %d rejected, %d unchanged, %d still being written",
        inbox,
        len(found.new),
        len(found.duplicates),
        len(found.rejected),
        found.unchanged,
        len(found.deferred),
    )
    current_progress().files_found(len(found.new))
    report = BatchReport()
    skipped = found.duplicates + found.rejected
    stage_batch(staging, REJECTS, rows_table([reject_row(s, run_id) for s in skipped], REJECTS), 0)
    report.rejects_by_reason.update(s.reason for s in skipped)
    report.ledger_rows.extend(
        ledger_row(
            s.file, s.content_hash, "duplicate" if s.stage == "duplicate" else "reject", run_id
        )
        for s in skipped
    )
    futures = [
        extract_batch.submit(found.new[start : start + batch_size], staging, number, run_id)
        for number, start in enumerate(range(0, len(found.new), batch_size), start=1)
    ]
    for future in futures:
        batch = future.result()
        report.add(batch)
        current_progress().batch_done(batch)
    summary = RunSummary(
        run_id=run_id,
        inbox=inbox,
        warehouse=warehouse,
        database=database,
        new_files=len(found.new) + len(skipped),
        unchanged_files=found.unchanged,
        deferred_files=found.deferred + report.changed_while_reading,
        articles=report.articles,
        duplicates=len(found.duplicates),
        facts_by_kind=Counter(report.facts_by_kind),
        rejects_by_reason=Counter(report.rejects_by_reason),
    )
    if not report.ledger_rows and database.exists():
        logger.info("nothing new in %s: the warehouse is unchanged", inbox)
        return summary
    summary.partitions_rewritten = commit_partitions(warehouse, staging)
    derived = derive(warehouse, base_currency)
    summary.deals, summary.unconverted = derived.deals, derived.unconverted
    build_views(warehouse, database)
    record_ledger(warehouse, report.ledger_rows)
    clear_staging(warehouse)
    return summary


def run_pipeline(
    inbox: Where,
    warehouse: Where,
    base_currency: str = DEFAULT_BASE_CURRENCY,
    batch_size: int = DEFAULT_BATCH_SIZE,
    settle_seconds: float = 2.0,
    wait_seconds: float = 0.0,
    task_runner: RunnerKind = RunnerKind.process,
    dask_address: str | None = None,
    dask_workers: int | None = None,
    progress: RunProgress | None = None,
    database: str | os.PathLike[str] | None = None,
) -> RunSummary:
    """One flow run, as the command line starts it; batches run on processes, threads or Dask."""
    flow_run = ingest.with_options(
        task_runner=make_task_runner(task_runner, dask_address, dask_workers)
    )
    with ExitStack() as stack:
        if task_runner is RunnerKind.dask:
            stack.enter_context(shared_prefect_api())
        if task_runner is RunnerKind.process:
            stack.enter_context(extraction_processes())
        if progress is not None:
            stack.enter_context(reporting_to(progress))
        summary = flow_run(
            inbox=inbox,
            warehouse=warehouse,
            base_currency=base_currency,
            batch_size=batch_size,
            settle_seconds=settle_seconds,
            wait_seconds=wait_seconds,
            database=None if database is None else os.fspath(database),
        )
    summary.task_runner = _describe_runner(task_runner, dask_address, dask_workers)
    if not summary.locked and not summary.nothing_new:
        summary.deals_touched = count_deals_touched(summary)
    return summary


def _describe_runner(kind: RunnerKind, address: str | None, workers: int | None) -> str:
    if kind is RunnerKind.thread:
        return "threads"
    if kind is RunnerKind.process:
        return f"{default_workers()} worker processes"
    if address:
        return f"dask at {address}"
    return f"dask, local cluster of {workers or default_dask_workers()} workers"
