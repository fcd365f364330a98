"""The command line: exit codes, one-line errors, and the data each command prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fundwire.flows.cli import app
from tests.articles import ACME_EN, BAD_FILES, write_inbox

FUNDWIRE = [sys.executable, "-c", "from fundwire.flows.cli import main; main()"]


def _fundwire(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*FUNDWIRE, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_missing_inbox_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = _fundwire("run", "--inbox", str(tmp_path / "nope"), "--warehouse", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"fundwire: error: inbox {tmp_path / 'nope'} does not exist or is not a folder"
    ]


def test_sql_without_warehouse_is_one_line(tmp_path: Path) -> None:
    result = _fundwire("sql", "SELECT 1", "--warehouse", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("fundwire: error: no warehouse at")


def test_bad_option_is_a_usage_error(tmp_path: Path) -> None:
    result = _fundwire("extract", "--format", "xml", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_extract_prints_facts_as_jsonl_with_evidence(tmp_path: Path) -> None:
    write_inbox(tmp_path, {"acme.md": ACME_EN})
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "acme.md")])
    assert result.exit_code == 0, result.output
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    rounds = [f for f in facts if f["kind"] == "round"]
    assert rounds and rounds[0]["amount"] == 20_000_000 and rounds[0]["currency"] == "USD"
    fact = rounds[0]
    assert fact["article"] == "acme.md"
    text = (tmp_path / "acme.md").read_text()
    assert "$20 million" in fact["evidence"]
    assert set(fact) >= {
        "kind",
        "investee",
        "investor",
        "lead",
        "amount",
        "currency",
        "qualifier",
        "round",
        "date",
        "status",
        "evidence",
    }
    assert text.count(fact["evidence"].split("\n")[0][:30]) >= 1


def test_extract_skips_unreadable_files_with_a_message(tmp_path: Path) -> None:
    write_inbox(tmp_path, {"empty.md": BAD_FILES["empty.md"], "acme.md": ACME_EN})
    result = _fundwire("extract", str(tmp_path / "empty.md"), str(tmp_path / "acme.md"))
    assert result.returncode == 3
    assert "skipped" in result.stderr and "empty" in result.stderr
    assert result.stdout.strip()


@pytest.mark.flow
@pytest.mark.usefixtures("prefect_harness")
def test_run_then_sql_in_every_format(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    write_inbox(inbox, {"acme.md": ACME_EN, "empty.md": BAD_FILES["empty.md"]})
    runner = CliRunner()
    result = runner.invoke(app, ["run", "--inbox", str(inbox), "--warehouse", str(warehouse)])
    assert result.exit_code == 3, result.output  # one file rejected
    assert "articles ingested" in result.stdout
    query = "SELECT file_name FROM raw_articles"
    csv_out = runner.invoke(app, ["sql", query, "--warehouse", str(warehouse), "--format", "csv"])
    assert csv_out.stdout.splitlines() == ["file_name", "acme.md"]
    json_out = runner.invoke(app, ["sql", query, "--warehouse", str(warehouse), "--format", "json"])
    assert [json.loads(x) for x in json_out.stdout.splitlines()] == [{"file_name": "acme.md"}]
    again = runner.invoke(app, ["run", "--inbox", str(inbox), "--warehouse", str(warehouse)])
    assert again.exit_code == 0 and "Nothing new" in again.stdout
