"""Progress of a run as the command line shows it: a bar over the files being extracted.

The flow reports to whatever `current_progress()` returns; by default that is a
silent reporter, so scheduled runs and tests show nothing. `fundwire run` installs
a rich bar for the duration of the run with `reporting_to`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from fundwire.flows.outcomes import BatchReport


class RunProgress:
    """What a run reports as it goes. This base reporter ignores everything."""

    def files_found(self, total: int) -> None:
        """Discovery is done: `total` files are to be extracted."""

    def batch_done(self, batch: BatchReport) -> None:
        """One extraction batch has finished."""


class ProgressBar(RunProgress):
    """A rich progress bar: files extracted of files found, then the final steps."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task("starting the flow run", total=None)

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def files_found(self, total: int) -> None:
        self._progress.update(self._task, description="extracting", total=total, completed=0)
        if total == 0:
            self._progress.update(self._task, description="checking the warehouse")

    def batch_done(self, batch: BatchReport) -> None:
        files = len(batch.ledger_rows) + len(batch.changed_while_reading)
        self._progress.advance(self._task, files)
        task = self._progress.tasks[self._task]
        if task.total is not None and task.completed >= task.total:
            self._progress.update(self._task, description="committing, deriving deals, views")


SILENT = RunProgress()
_current: ContextVar[RunProgress | None] = ContextVar("fundwire_run_progress", default=None)


def current_progress() -> RunProgress:
    """The reporter of the run in progress (silent unless the command line installed one)."""
    return _current.get() or SILENT


@contextmanager
def reporting_to(progress: RunProgress) -> Iterator[RunProgress]:
    """Let the flow started inside this block report to `progress`."""
    token = _current.set(progress)
    try:
        yield progress
    finally:
        _current.reset(token)
