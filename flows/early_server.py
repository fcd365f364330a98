"""Prefect's temporary API server, started while `fundwire run` is still loading its code.

A flow run with no Prefect API configured starts a temporary server (uvicorn serving
Prefect's API on its SQLite database) and waits ~4 s for it to answer, after importing
Prefect (~1.5 s) and the flow's modules (~0.5 s). This module imports neither, so
`fundwire run` starts the server first and loads its code while the server comes up.
It is the server Prefect would start (the command and environment of
`prefect.server.api.server.SubprocessASGIServer`), given to Prefect as PREFECT_API_URL,
so a run behaves the same. A user who configured an API (environment or profile), or
turned the temporary server off, gets Prefect's own behaviour: nothing is started.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fundwire.flows.settings import FundwireError

STARTUP_TIMEOUT_SECONDS = 60.0  # Prefect's own default for its temporary server
STOP_GRACE_SECONDS = 5.0


class EarlyServer:
    """A temporary Prefect API server child process (None: Prefect decides itself)."""

    def __init__(self, process: subprocess.Popen[bytes] | None, api_url: str | None) -> None:
        self.process = process
        self.api_url = api_url

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT_SECONDS) -> None:
        """Return once the server answers its health check."""
        if self.process is not None and self.api_url is not None:
            wait_healthy(self.process, self.api_url, timeout, "the temporary Prefect server")

    def stop(self) -> None:
        """Terminate the server (Prefect's own way: it shares the run's process group)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def wait_healthy(process: subprocess.Popen[bytes], api_url: str, timeout: float, what: str) -> None:
    """Return once a Prefect server child answers `api_url`/health; fail if it exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise FundwireError(f"{what} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.05)
    raise FundwireError(f"{what} did not answer within {timeout:g} s")


def stop_process_group(process: subprocess.Popen[bytes], grace: float) -> None:
    """SIGTERM a child's process group; SIGKILL it if it has not gone after `grace`."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(process.pid, sig)
            process.wait(wait)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def early_prefect_server() -> Iterator[EarlyServer]:
    """A temporary server for this process's flow runs, stopped when the process exits; a
    no-op server when Prefect would not start one (see the module docstring)."""
    if api_configured():
        yield EarlyServer(None, None)
        return
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    process = subprocess.Popen(
        _uvicorn_command(port),
        env={
            **os.environ,
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
        },
        stdin=subprocess.DEVNULL,
    )
    server = EarlyServer(process, api_url)
    # Stopped at exit, as Prefect stops its own: after Prefect's log and event workers
    # have sent what they hold (they drain when the interpreter shuts its threads down).
    atexit.register(server.stop)
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = api_url  # read when Prefect is imported
    try:
        yield server
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous


def api_configured(environ: dict[str, str] | None = None) -> bool:
    """Whether Prefect would use an API of the user's instead of a temporary server."""
    environ = os.environ if environ is None else environ
    if environ.get("PREFECT_API_URL"):
        return True
    if environ.get("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "").lower() in ("0", "false"):
        return True
    home = Path(environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    profiles_path = Path(environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml")
    try:
        profiles = tomllib.loads(profiles_path.expanduser().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    active = environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    settings = profiles.get("profiles", {}).get(active, {})
    return bool(settings.get("PREFECT_API_URL"))


def _uvicorn_command(port: int) -> list[str]:
    spec = importlib.util.find_spec("prefect")  # found, not imported
    if spec is None or not spec.submodule_search_locations:
        raise FundwireError("prefect is not installed")
    app_dir = Path(next(iter(spec.submodule_search_locations))).parent
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "--app-dir",
        str(app_dir),
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]
