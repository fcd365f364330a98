"""`fundwire run` starts Prefect's temporary server itself, early, only when Prefect would."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from fundwire.flows.early_server import api_configured
from tests.runs import FUNDWIRE, write_articles


def test_an_api_in_the_environment_or_the_active_profile_is_the_users(tmp_path: Path) -> None:
    home = {"PREFECT_HOME": str(tmp_path)}
    assert not api_configured(home)
    assert api_configured({**home, "PREFECT_API_URL": "http://prefect.example/api"})
    assert api_configured({**home, "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "false"})
    (tmp_path / "profiles.toml").write_text(
        'active = "work"\n\n[profiles.work]\nPREFECT_API_URL = "http://prefect.example/api"\n'
        '\n[profiles.local]\nPREFECT_LOGGING_LEVEL = "INFO"\n'
    )
    assert api_configured(home)
    assert not api_configured({**home, "PREFECT_PROFILE": "local"})


@pytest.mark.flow
def test_a_run_without_an_api_starts_its_own_server_and_stops_it(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    write_articles(inbox, range(2))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FUNDWIRE_", "PREFECT_"))}
    env |= {"PREFECT_HOME": str(tmp_path / "prefect"), "DO_NOT_TRACK": "1"}
    command = [str(FUNDWIRE), "run", "--inbox", str(inbox), "--warehouse", str(warehouse), "-q"]
    done = subprocess.run(command, env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert (warehouse / "fundwire.duckdb").exists()
    assert b"Error logging to API" not in done.stderr  # the server outlived Prefect's workers
    assert _servers_with_home(tmp_path / "prefect") == []  # no server left behind


def _servers_with_home(home: Path) -> list[int]:
    """Pids of Prefect API servers running with PREFECT_HOME=`home`."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes()
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if b"prefect.server.api.server:create_app" in cmdline and (
            f"PREFECT_HOME={home}".encode() in environ.split(b"\0")
        ):
            found.append(int(proc.name))
    return found
