"""Two runs on one warehouse, files still being written, and runs repeated: nothing doubles.

The flow tests start `fundwire run` as child processes against the session's Prefect
API; the tests of discovery and batches call them directly.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from fundwire.flows.batch import process_files
from fundwire.flows.settings import ExitCode
from fundwire.warehouse.inbox import discover
from tests.runs import (
    article,
    assert_database_consistent,
    assert_whole_and_unique,
    run_env,
    run_to_end,
    start_run,
    state_diff,
    wait_for_lock,
    warehouse_state,
    write_articles,
)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    return run_env(PREFECT_API_URL.value(), tmp_path_factory.mktemp("prefect-home"))


def _files(warehouse: Path) -> dict[str, int]:
    """Every file of the warehouse and its modification time (the lock file aside)."""
    return {
        str(p.relative_to(warehouse)): p.stat().st_mtime_ns
        for p in warehouse.rglob("*")
        if p.is_file() and p.name != ".fundwire.lock"
    }


@pytest.mark.flow
def test_second_run_exits_with_code_4_while_the_first_holds_the_warehouse(
    env: dict[str, str], tmp_path: Path
) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse"
    write_articles(inbox, range(8))
    first = start_run(inbox, warehouse, env)
    wait_for_lock(first, warehouse)
    os.kill(first.pid, signal.SIGSTOP)  # hold it mid-run, lock taken, for as long as we need
    try:
        before = _files(warehouse)
        second = run_to_end(inbox, warehouse, env)
        assert _files(warehouse) == before, "the refused run wrote into the warehouse"
    finally:
        os.kill(first.pid, signal.SIGCONT)
    assert second.returncode == ExitCode.LOCKED
    message = second.stderr.decode().strip().splitlines()[-1]  # after Prefect's own warning
    assert message == (
        f"fundwire: error: another fundwire run (pid {first.pid}) is using {warehouse}; "
        "try again when it has finished"
    )
    _, err = first.communicate(timeout=300)
    assert first.returncode == ExitCode.OK, err.decode()
    assert assert_whole_and_unique(warehouse)["articles"] == 8
    assert_database_consistent(warehouse)


@pytest.mark.flow
def test_two_runs_started_together_give_the_warehouse_of_one(
    env: dict[str, str], tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    write_articles(inbox, range(6))
    alone, together = tmp_path / "alone", tmp_path / "together"
    assert run_to_end(inbox, alone, env).returncode == ExitCode.OK
    runs = [start_run(inbox, together, env) for _ in range(2)]
    codes = sorted(run.wait(timeout=300) for run in runs)
    # Overlapping, one is refused; if one finished before the other locked, the second
    # finds nothing new. Either way the warehouse is that of a single run.
    assert codes in ([ExitCode.OK, ExitCode.LOCKED], [ExitCode.OK, ExitCode.OK])
    assert_whole_and_unique(together)
    assert_database_consistent(together)
    expected, actual = warehouse_state(alone), warehouse_state(together)
    assert actual == expected, state_diff(expected, actual)


@pytest.mark.flow
def test_files_being_written_wait_and_runs_repeat_to_the_same_warehouse(
    env: dict[str, str], tmp_path: Path
) -> None:
    """A growing file and a `.part` upload are left alone until finished; a copy of an
    article under another name is a duplicate; a third run changes nothing."""
    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse"
    write_articles(inbox, range(6))
    original = next(inbox.glob("*_000-en.md"))
    shutil.copy2(original, inbox / "copy-of-the-first.md")
    growing_name, growing_text = article(6)
    upload_name, upload_text = article(7)
    growing, upload = inbox / growing_name, inbox / f"{upload_name}.part"
    upload.write_text(upload_text)
    stop = threading.Event()
    writer = threading.Thread(target=_write_slowly, args=(growing, growing_text, stop))
    writer.start()
    try:
        first = run_to_end(inbox, warehouse, env)
    finally:
        stop.set()
        writer.join()
    assert first.returncode == ExitCode.OK, first.stderr.decode()
    state = warehouse_state(warehouse)
    ledger_paths = {json.loads(row)["path"] for row in state["ledger"]}
    assert growing_name not in ledger_paths and upload.name not in ledger_paths
    assert len(state["articles"]) == 6
    duplicates = [row for row in state["rejects"] if '"duplicate_content"' in row]
    assert len(duplicates) == 1 and f"same content as {original.name}" in duplicates[0]

    growing.write_text(growing_text)  # the writer finishes, the upload is renamed into place
    upload.rename(inbox / upload_name)
    for path in (growing, inbox / upload_name):
        os.utime(path, (time.time() - 60, time.time() - 60))
    second = run_to_end(inbox, warehouse, env)
    assert second.returncode == ExitCode.OK, second.stderr.decode()
    assert assert_whole_and_unique(warehouse)["articles"] == 8
    full_lengths = _text_chars(warehouse)
    assert full_lengths[growing_name] >= len(growing_text.split("---\n")[-1].strip())

    before, files_before = warehouse_state(warehouse), _files(warehouse)
    third = run_to_end(inbox, warehouse, env)
    assert third.returncode == ExitCode.OK
    assert _files(warehouse) == files_before
    assert warehouse_state(warehouse) == before
    assert_database_consistent(warehouse)


def _write_slowly(path: Path, text: str, stop: threading.Event) -> None:
    """Append a few bytes every 0.3 s, as a slow upload does, until told to stop."""
    with path.open("w", encoding="utf-8") as handle:
        for char in text * 1000:
            if stop.is_set():
                return
            handle.write(char)
            handle.flush()
            time.sleep(0.3)


def _text_chars(warehouse: Path) -> dict[str, int]:
    from fundwire.warehouse.parquet_store import read_table
    from fundwire.warehouse.tables import ARTICLES

    rows = read_table(warehouse, ARTICLES, ["file_name", "text_chars"]).to_pylist()
    return {row["file_name"]: row["text_chars"] for row in rows}


def test_temporary_names_and_fresh_files_are_left_for_the_next_run(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    write_articles(inbox, range(2))
    for name in ("a.md.part", "b.md.tmp", ".c.md", "d.md.crdownload", "e.md~"):
        (inbox / name).write_text("Acme raised $1 million.")
    (inbox / "fresh.md").write_text("Acme raised $1 million.")  # modified just now
    found = discover(inbox, warehouse, settle_seconds=2.0)
    assert len(found.new) == 2
    assert found.deferred == ["fresh.md"]
    assert not found.rejected and not found.duplicates


def test_file_dated_in_the_future_is_not_deferred_forever(tmp_path: Path) -> None:
    """Regression: an mtime ahead of the clock (an unpacked archive, a skewed share) used to
    count as 'being written' on every run, so the file was never ingested."""
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    inbox.mkdir()
    path = inbox / "from-the-future.md"
    path.write_text("Acme raised $1 million.")
    ahead = time.time() + 3600 * 24 * 365
    os.utime(path, (ahead, ahead))
    found = discover(inbox, warehouse, settle_seconds=2.0)
    assert [n.file.rel for n in found.new] == ["from-the-future.md"]


def test_file_changed_between_discovery_and_reading_is_not_ingested(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    write_articles(inbox, range(2))
    found = discover(inbox, warehouse, settle_seconds=0)
    changing = found.new[0].file.path
    changing.write_bytes(changing.read_bytes()[:40])  # truncated by a writer after the scan
    report = process_files(found.new, warehouse / "_staging" / "run", 1, "run")
    assert report.changed_while_reading == [found.new[0].file.rel]
    assert report.articles == 1
    assert [row["path"] for row in report.ledger_rows] == [found.new[1].file.rel]
