"""Extraction batches on worker processes, so that a run uses every core.

Extraction is pure Python, so threads share one core (the GIL). With the process
runner, each "extract batch" task stays a Prefect task on the thread pool (its
retries, state and logs as before) but hands its batch to a pool of worker
processes and waits. Workers come from a fork server that has imported and
warmed the extraction code once (`flows.worker_start`), so a worker starts in
milliseconds without re-importing pandas, pandera and the transforms or building
Pandera's schemas again, and without the Prefect client's threads a
plain fork would copy. A worker stages its rows as Parquet itself: only the
batch's small report travels back. The pool starts when discovery meets the first
file it does not know (`warm_up_workers`), so a run with nothing new pays nothing for
it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from fundwire.flows.outcomes import BatchReport
from fundwire.warehouse.inbox import NewFile
from fundwire.warehouse.storage import Where

_pool: ProcessPoolExecutor | None = None


def default_workers() -> int:
    """One worker process per core."""
    return os.cpu_count() or 1


@contextmanager
def extraction_processes(workers: int | None = None) -> Iterator[None]:
    """Run the batches of the flows started inside this block on `workers` processes."""
    global _pool
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["fundwire.flows.worker_start"])
    with ProcessPoolExecutor(
        workers or default_workers(),
        mp_context=context,
        initializer=_adopt_environment,
        initargs=(dict(os.environ),),
    ) as pool:
        _pool = pool
        try:
            yield
        finally:
            _pool = None


def _adopt_environment(environment: dict[str, str]) -> None:
    """The run's environment (object-store credentials, say), not the fork server's: the
    fork server starts once per process and keeps the variables of that moment."""
    os.environ.clear()
    os.environ.update(environment)


def warm_up_workers() -> None:
    """Start the worker processes now, ahead of the first batch, if a pool is open.

    Their fork server imports the extraction code (~2 s of CPU) on another core
    while the inbox is still being walked, instead of after it. The submit happens on a
    thread of its own: starting a worker waits for the fork server to be ready.
    """
    if _pool is not None:  # any picklable call makes the pool start its processes
        threading.Thread(target=_pool.submit, args=(int,), daemon=True).start()


def run_batch(files: list[NewFile], staging: Where, batch_no: int, run_id: str) -> BatchReport:
    """`process_files` on a worker process when a pool is open, else in this thread.

    The flow's process hands a pool its batch by name (`_process_files`), so it never
    imports pandas, pandera and the extractor itself (~1.5 s of CPU the workers need).
    """
    if _pool is None:
        return _process_files(files, staging, batch_no, run_id)
    return _pool.submit(_process_files, files, staging, batch_no, run_id).result()


def _process_files(files: list[NewFile], staging: Where, batch_no: int, run_id: str) -> BatchReport:
    from fundwire.flows.batch import process_files  # pandas, pandera, extraction: ~1.5 s

    return process_files(files, staging, batch_no, run_id)
