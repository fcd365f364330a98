"""The process runner (batches on worker processes) stores exactly what the thread runner does."""

from __future__ import annotations

from pathlib import Path

import pytest

from fundwire.flows.pipeline import run_pipeline
from fundwire.flows.task_runners import RunnerKind
from tests.articles import write_mixed_inbox
from tests.runs import warehouse_state, write_articles


@pytest.mark.flow
@pytest.mark.usefixtures("prefect_harness")
def test_process_runner_gives_the_same_rows_as_threads(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_mixed_inbox(inbox)
    write_articles(inbox, range(12))
    threads = run_pipeline(
        inbox, tmp_path / "threads", batch_size=3, settle_seconds=0, task_runner=RunnerKind.thread
    )
    processes = run_pipeline(
        inbox,
        tmp_path / "processes",
        batch_size=3,
        settle_seconds=0,
        task_runner=RunnerKind.process,
    )
    assert processes.task_runner.endswith("worker processes")
    assert (processes.articles, processes.facts_by_kind, processes.rejects_by_reason) == (
        threads.articles,
        threads.facts_by_kind,
        threads.rejects_by_reason,
    )
    assert processes.deals_touched == threads.deals_touched > 0
    state = warehouse_state(tmp_path / "processes")
    assert state == warehouse_state(tmp_path / "threads")
    assert len(state["facts"]) > 0 and len(state["articles"]) == 15 and state["rejects"]


def test_the_warm_up_article_runs_the_whole_batch_path() -> None:
    from fundwire.flows.batch import warm_up

    warm_up()  # raises when the made-up article stops giving valid facts
