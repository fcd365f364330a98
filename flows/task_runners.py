"""Where the extraction batches run: worker processes, Prefect's thread pool, or Dask.

The process runner (the default) is Prefect's thread pool with each batch handed to
a worker process (`flows.workers`); Prefect's own ProcessPoolTaskRunner was measured
at ~20 s of start-up for two workers (spawn, and every worker importing Prefect).

Dask workers are separate processes that report their task runs to the Prefect
API. With no PREFECT_API_URL every worker would start a temporary Prefect server
of its own (about 220 MB and 10 s each), so a Dask run first starts the one
temporary server the flow would have started anyway and hands its address to the
workers (prefect-dask sends the flow's settings with every task).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING

from fundwire.flows.settings import ExitCode, FundwireError

if TYPE_CHECKING:  # the command line imports this module; Prefect loads only when a run starts
    from prefect.task_runners import TaskRunner


class RunnerKind(StrEnum):
    process = "process"  # Prefect's thread pool; each batch on a worker process (flows.workers)
    thread = "thread"
    dask = "dask"


def default_dask_workers() -> int:
    """One single-threaded worker process per core: extraction is pure Python (GIL-bound)."""
    return os.cpu_count() or 1


def make_task_runner(
    kind: RunnerKind, dask_address: str | None = None, dask_workers: int | None = None
) -> TaskRunner:
    """The task runner of a run; `dask_address` connects to a running Dask scheduler."""
    from prefect.task_runners import ThreadPoolTaskRunner

    if kind in (RunnerKind.thread, RunnerKind.process):
        if dask_address:
            raise FundwireError("--dask-address needs --task-runner dask", ExitCode.USAGE)
        return ThreadPoolTaskRunner()
    # Dask logs every worker's start and stop at INFO; read at distributed's import.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:
        raise FundwireError(
            "--task-runner dask needs prefect-dask (pip install prefect-dask)"
        ) from exc
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={
            "n_workers": dask_workers or default_dask_workers(),
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
            "silence_logs": logging.WARNING,
        },
    )


@contextmanager
def shared_prefect_api() -> Iterator[None]:
    """Make the flow and every Dask worker talk to one Prefect API.

    A configured PREFECT_API_URL is used as it is. Otherwise the temporary local
    server is started now (Prefect reuses it for the flow) and named in the
    settings, which prefect-dask ships to the workers with each task. Workers on
    other machines cannot reach 127.0.0.1: point PREFECT_API_URL at a server they
    can reach (docs/scaling.md).
    """
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    server = SubprocessASGIServer()
    server.start()  # stopped at interpreter exit, as Prefect's own temporary server is
    with temporary_settings({PREFECT_API_URL: server.api_url}):
        yield
