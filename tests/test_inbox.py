"""Stat-first discovery: old files are not read, copies are spotted, unsafe files refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fundwire.warehouse.inbox import content_hash, discover, write_ledger


def _settle(path: Path) -> None:
    old = path.stat().st_mtime - 60
    os.utime(path, (old, old), follow_symlinks=False)


def _write(inbox: Path, name: str, data: bytes) -> Path:
    path = inbox / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    _settle(path)
    return path


def _ledger_rows(found, run: str = "r1") -> list[dict]:
    return [
        {
            "path": n.file.rel,
            "size_bytes": n.file.size,
            "mtime_ns": n.file.mtime_ns,
            "content_hash": n.content_hash,
            "outcome": "article",
            "run_id": run,
        }
        for n in found.new
    ]


def test_new_files_then_nothing_new(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    _write(inbox, "a.md", b"one")
    _write(inbox, "sub/b.txt", b"two")
    found = discover(inbox, warehouse)
    assert [n.file.rel for n in found.new] == ["a.md", "sub/b.txt"]
    write_ledger(warehouse, _ledger_rows(found))
    again = discover(inbox, warehouse)
    assert again.new == [] and again.unchanged == 2


def test_the_first_unknown_file_is_announced_once_and_a_no_op_never(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    for name in ("a.md", "b.md", "c.md"):
        _write(inbox, name, name.encode())
    calls = []
    found = discover(inbox, warehouse, on_first_change=lambda: calls.append(1))
    assert calls == [1] and len(found.new) == 3
    write_ledger(warehouse, _ledger_rows(found))
    discover(inbox, warehouse, on_first_change=lambda: calls.append(2))
    assert calls == [1]


def test_known_file_is_not_read_again(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    path = _write(inbox, "a.md", b"one")
    write_ledger(warehouse, _ledger_rows(discover(inbox, warehouse)))
    stat = path.stat()
    path.write_bytes(b"two")  # same size and mtime, other bytes: only a read would notice
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    found = discover(inbox, warehouse)
    assert found.unchanged == 1 and found.new == []


def test_same_content_under_two_names_is_a_duplicate(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    _write(inbox, "a.md", b"same")
    _write(inbox, "b.md", b"same")
    found = discover(inbox, warehouse)
    assert [n.file.rel for n in found.new] == ["a.md"]
    assert [(d.file.rel, d.reason, d.content_hash) for d in found.duplicates] == [
        ("b.md", "duplicate_content", content_hash(b"same"))
    ]


def test_growing_and_temporary_files_wait(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    inbox.mkdir()
    (inbox / "fresh.md").write_bytes(b"being written")
    (inbox / "upload.md.part").write_bytes(b"partial")
    (inbox / ".hidden.md").write_bytes(b"hidden")
    found = discover(inbox, warehouse, settle_seconds=30)
    assert found.new == [] and found.deferred == ["fresh.md"]


def test_symlink_outside_inbox_is_refused_unread(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    inbox.mkdir()
    secret = tmp_path / "secret.md"
    secret.write_bytes(b"outside")
    (inbox / "link.md").symlink_to(secret)
    _settle(inbox / "link.md")
    found = discover(inbox, warehouse)
    assert [(r.file.rel, r.reason) for r in found.rejected] == [("link.md", "outside_inbox")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_reject(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    path = _write(inbox, "locked.md", b"x")
    path.chmod(0)
    found = discover(inbox, warehouse)
    assert [r.reason for r in found.rejected] == ["unreadable"]


def test_missing_inbox_is_a_clear_error(tmp_path: Path) -> None:
    from fundwire.warehouse.errors import WarehouseError

    with pytest.raises(WarehouseError, match="does not exist"):
        discover(tmp_path / "nope", tmp_path / "wh")
