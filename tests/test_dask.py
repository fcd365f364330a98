"""The flow on a 2-worker local Dask cluster gives the same warehouse rows as the thread runner."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fundwire.flows.pipeline import run_pipeline
from fundwire.flows.settings import FundwireError
from fundwire.flows.task_runners import RunnerKind, make_task_runner
from tests.articles import write_mixed_inbox

pytest.importorskip("prefect_dask")

ROW_QUERIES = {
    "facts": "SELECT fact_id, kind, investee, investor, lead, amount, currency, round, date "
    "FROM raw_facts ORDER BY fact_id",
    "deals": "SELECT deal_id, kind, investee, investor, amount, source_count "
    "FROM raw_deals ORDER BY deal_id",
    "articles": "SELECT article_id, file_name, fact_count FROM raw_articles ORDER BY article_id",
    "rejects": "SELECT reject_id, reason FROM raw_rejects ORDER BY reject_id",
}


def _rows(warehouse: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(warehouse / "fundwire.duckdb"), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in ROW_QUERIES.items()}
    finally:
        con.close()


@pytest.mark.flow
@pytest.mark.usefixtures("prefect_harness")
def test_dask_runner_gives_the_same_rows_as_threads(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_mixed_inbox(inbox)
    threads = run_pipeline(inbox, tmp_path / "threads", batch_size=2, settle_seconds=0)
    dask = run_pipeline(
        inbox,
        tmp_path / "dask",
        batch_size=2,
        settle_seconds=0,
        task_runner=RunnerKind.dask,
        dask_workers=2,
    )
    assert dask.task_runner == "dask, local cluster of 2 workers"
    assert (dask.articles, dask.facts_by_kind, dask.rejects_by_reason) == (
        threads.articles,
        threads.facts_by_kind,
        threads.rejects_by_reason,
    )
    assert dask.deals_touched == threads.deals_touched > 0
    dask_rows, thread_rows = _rows(tmp_path / "dask"), _rows(tmp_path / "threads")
    assert dask_rows == thread_rows
    assert len(dask_rows["facts"]) > 0 and len(dask_rows["articles"]) == 3


def test_dask_address_without_dask_runner_is_refused() -> None:
    with pytest.raises(FundwireError, match="--dask-address needs --task-runner dask"):
        make_task_runner(RunnerKind.thread, dask_address="tcp://127.0.0.1:8786")


def test_local_cluster_is_sized_by_the_option() -> None:
    runner = make_task_runner(RunnerKind.dask, dask_workers=3)
    assert runner.cluster_kwargs["n_workers"] == 3
    assert runner.cluster_kwargs["processes"] is True
