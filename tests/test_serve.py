"""`fundwire serve`: a scheduled run ingests a dropped file; SIGTERM stops all it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import psutil
import pytest

from fundwire.flows.serve import LocalPrefectServer, Schedule, check_schedule, prefect_api
from fundwire.flows.settings import FundwireError
from tests.articles import ACME_EN, write_inbox

SERVE_START_TIMEOUT = 180.0  # a fresh server database is migrated first (about 20 s here)
RUN_TIMEOUT = 120.0


def _wait_for(what: str, condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


def _ingested_files(warehouse: Path) -> set[str]:
    database = warehouse / "fundwire.duckdb"
    if not database.exists():
        return set()
    try:
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error:  # replaced while opening: try again on the next poll
        return set()
    try:
        return {name for (name,) in con.execute("SELECT file_name FROM raw_articles").fetchall()}
    finally:
        con.close()


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.flow
def test_scheduled_run_ingests_a_dropped_file_and_sigterm_stops_all(tmp_path: Path) -> None:
    inbox, warehouse, log_path = tmp_path / "inbox", tmp_path / "warehouse", tmp_path / "serve.log"
    inbox.mkdir()
    env = {**os.environ, "PREFECT_RUNNER_POLL_FREQUENCY": "2"}
    for name in ("PREFECT_API_URL", "PREFECT_HOME"):
        env.pop(name, None)
    command = [sys.executable, "-c", "from fundwire.flows.cli import main; main()", "serve"]
    command += ["--interval", "5", "--inbox", str(inbox), "--warehouse", str(warehouse)]
    with log_path.open("wb") as log:
        serve = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    started: list[psutil.Process] = []
    try:
        _wait_for(
            "serve to start",
            lambda: (
                "Ctrl-C stops" in log_path.read_text(errors="replace") or serve.poll() is not None
            ),
            SERVE_START_TIMEOUT,
        )
        assert serve.poll() is None, log_path.read_text(errors="replace")
        write_inbox(inbox, {"acme-en.md": ACME_EN})
        _wait_for(
            "a scheduled run to ingest the file",
            lambda: "acme-en.md" in _ingested_files(warehouse),
            RUN_TIMEOUT,
        )
        started = psutil.Process(serve.pid).children(recursive=True)
        assert any("prefect" in " ".join(p.cmdline()) for p in started)  # the local server
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(60) == 0, log_path.read_text(errors="replace")
        _wait_for("every started process to exit", lambda: not any(map(_alive, started)), 30)
    finally:
        for process in [psutil.Process(serve.pid), *started] if serve.poll() is None else started:
            if _alive(process):
                process.kill()
    output = log_path.read_text(errors="replace")
    assert "Stopping the local Prefect server" in output
    assert (warehouse / "_prefect").is_dir()


def test_schedule_needs_exactly_one_of_cron_and_interval() -> None:
    check_schedule(Schedule(cron="*/15 * * * *"))
    check_schedule(Schedule(interval=30))
    for bad in (Schedule(), Schedule(cron="* * * * *", interval=5), Schedule(interval=0)):
        with pytest.raises(FundwireError):
            check_schedule(bad)
    with pytest.raises(FundwireError, match="bad cron expression"):
        check_schedule(Schedule(cron="every tuesday"))


def test_configured_api_is_used_without_starting_a_server(tmp_path: Path) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with (
        temporary_settings({PREFECT_API_URL: "http://127.0.0.1:9/api"}),
        prefect_api(tmp_path, echo=lambda _: None) as url,
    ):
        assert url == "http://127.0.0.1:9/api"
    assert not (tmp_path / "_prefect").exists()


def test_server_that_exits_at_once_is_reported(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "executable", "/bin/false")
    server = LocalPrefectServer(tmp_path / "_prefect")
    with pytest.raises(FundwireError, match="exited with code 1"):
        server.start(timeout=10)
