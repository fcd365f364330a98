"""`fundwire serve`: the ingest flow on a schedule, with its own Prefect server when none is set.

Prefect cannot schedule runs on its temporary (ephemeral) API, so when no
PREFECT_API_URL is configured, serving starts `prefect server start` bound to
127.0.0.1 on a free port, keeps the server's database under WAREHOUSE/_prefect
(or PREFECT_HOME when the user set one), and stops it after the runner on Ctrl-C
or SIGTERM: stopping the server first would leave the runner retrying forever.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from prefect.client.schemas.schedules import CronSchedule
from prefect.deployments.runner import EntrypointType
from prefect.runner import Runner
from prefect.settings import PREFECT_API_URL, temporary_settings
from pydantic import ValidationError

from fundwire.flows.early_server import free_port, stop_process_group, wait_healthy
from fundwire.flows.pipeline import DEFAULT_BATCH_SIZE, ingest
from fundwire.flows.settings import ExitCode, FundwireError
from fundwire.transforms.fx import DEFAULT_BASE_CURRENCY
from fundwire.warehouse.database import database_path, local_state
from fundwire.warehouse.storage import Where, location

SERVER_DIR = "_prefect"  # inside the warehouse: the served schedule's Prefect database
SERVER_LOG = "server.log"
HEALTH_TIMEOUT_SECONDS = 120.0
STOP_GRACE_SECONDS = 15.0
RUN_FINISH_SECONDS = 30.0  # on shutdown, for a run in progress


@dataclass(frozen=True)
class Schedule:
    """When runs fire: a cron expression, or every `interval` seconds (tests, short cycles)."""

    cron: str | None = None
    interval: float | None = None

    def serve_kwargs(self) -> dict[str, object]:
        return {"cron": self.cron} if self.cron else {"interval": self.interval}

    def describe(self) -> str:
        return f"cron {self.cron!r}" if self.cron else f"every {self.interval:g} s"


def check_schedule(schedule: Schedule) -> None:
    """Refuse a bad cron expression or interval before anything is started."""
    if (schedule.cron is None) == (schedule.interval is None):
        raise FundwireError("give either --cron or --interval", ExitCode.USAGE)
    if schedule.interval is not None and schedule.interval <= 0:
        raise FundwireError("--interval must be a positive number of seconds", ExitCode.USAGE)
    if schedule.cron is not None:
        try:
            CronSchedule(cron=schedule.cron)
        except ValidationError as exc:
            raise FundwireError(f"bad cron expression {schedule.cron!r}", ExitCode.USAGE) from exc


def configured_api_url() -> str | None:
    """The Prefect API the user configured (environment or profile), if any."""
    return PREFECT_API_URL.value() or None


class LocalPrefectServer:
    """`prefect server start` on 127.0.0.1 as a child process in its own session.

    Its own session keeps a terminal's Ctrl-C away from it, so it is stopped
    deliberately, after the runner, by `stop()`.
    """

    def __init__(self, home: Path, port: int | None = None) -> None:
        self.home = home
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api"

    @property
    def log_path(self) -> Path:
        return self.home / SERVER_LOG

    def start(self, timeout: float = HEALTH_TIMEOUT_SECONDS) -> None:
        """Start the server and return once its health check answers."""
        self.home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PREFECT_HOME": str(self.home)}
        env.pop("PREFECT_API_URL", None)
        command = [sys.executable, "-m", "prefect", "server", "start"]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_healthy(self, timeout: float) -> None:
        assert self.process is not None
        wait_healthy(
            self.process, self.api_url, timeout, f"the Prefect server (see {self.log_path})"
        )

    def stop(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """SIGTERM the server's process group; SIGKILL it if it has not gone after `grace`."""
        if self.process is not None:
            stop_process_group(self.process, grace)


@contextmanager
def prefect_api(state: Path, echo: Callable[[str], None] = print) -> Iterator[str]:
    """The API to serve against: the configured one, else a local server for as long as needed
    (its database in `state`/_prefect: the warehouse folder, or beside the DuckDB file)."""
    configured = configured_api_url()
    if configured:
        echo(f"Using the Prefect API at {configured}")
        yield configured
        return
    home = Path(os.environ.get("PREFECT_HOME") or state.absolute() / SERVER_DIR)
    server = LocalPrefectServer(home)
    echo(f"Starting a local Prefect server on {server.url} (state in {home}) ...")
    server.start()
    try:
        echo(f"Prefect server ready: UI and API at {server.url}")
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        echo("Stopping the local Prefect server ...")
        server.stop()


def serve_ingest(
    inbox: Where,
    warehouse: Where,
    schedule: Schedule,
    name: str = "fundwire",
    base_currency: str = DEFAULT_BASE_CURRENCY,
    batch_size: int = DEFAULT_BATCH_SIZE,
    echo: Callable[[str], None] = print,
    database: Path | None = None,
) -> None:
    """Serve the ingest flow on `schedule` until Ctrl-C or SIGTERM, then stop what was started.

    The runner executes one run at a time (`limit=1`; a run that comes due meanwhile
    waits), and a run that finds the warehouse locked by another process logs a
    warning and skips. On shutdown a run in progress gets `RUN_FINISH_SECONDS` to
    finish while the server can still record it.
    """
    check_schedule(schedule)
    inbox, warehouse = location(inbox), location(warehouse)
    database = database_path(warehouse, database)
    state = local_state(warehouse, database)
    with _sigterm_as_interrupt(), prefect_api(state, echo) as api_url:
        runner = SigtermAsCtrlC(name=name, limit=1)
        runner.add_flow(
            ingest,
            name=name,
            parameters={
                "inbox": inbox.url,
                "warehouse": warehouse.url,
                "database": str(database),
                "base_currency": base_currency,
                "batch_size": batch_size,
            },
            entrypoint_type=EntrypointType.MODULE_PATH,
            **schedule.serve_kwargs(),
        )
        echo(f"Serving {inbox} -> {warehouse}, {schedule.describe()}, API {api_url}")
        echo(f"Trigger a run now: prefect deployment run '{ingest.name}/{name}'. Ctrl-C stops.")
        try:
            asyncio.run(runner.start())
        except KeyboardInterrupt:
            echo("Stopping the runner ...")
        finally:
            _let_runs_finish(RUN_FINISH_SECONDS)


class SigtermAsCtrlC(Runner):
    """Prefect's runner, but SIGTERM takes the same clean path as Ctrl-C.

    Prefect's own handler calls `sys.exit` inside the event loop, which leaves a
    coroutine never awaited and a traceback in the log.
    """

    def handle_sigterm(self, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt


def _let_runs_finish(timeout: float) -> None:
    """Wait for the runner's flow-run processes, then terminate any still going.

    A run left behind when the server stops retries its API calls for minutes and
    keeps this process from exiting.
    """
    deadline = time.monotonic() + timeout
    for child in multiprocessing.active_children():
        child.join(max(0.0, deadline - time.monotonic()))
    for child in multiprocessing.active_children():
        child.terminate()
        child.join(STOP_GRACE_SECONDS)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Until the runner installs its own handler, SIGTERM unwinds like Ctrl-C.

    Without this a SIGTERM while the server is still starting would kill this process
    and orphan the server.
    """

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
