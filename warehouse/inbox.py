"""Finding new inbox files: stat first, hash only what the ledger has not seen.

An old file is recognised by (path, size, mtime) without being read; only a new
or changed file is read and hashed, and its content hash decides whether it is
new content or a copy of an article already ingested. On an object store the
listing gives size and LastModified (whole seconds: the settle delay keeps a
rewrite within the same second from going unseen), so the same holds.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from fundwire.warehouse.errors import WarehouseError
from fundwire.warehouse.parquet_store import write_atomic
from fundwire.warehouse.storage import Location, Where, location

LEDGER_PATH = Path("_state") / "inbox_files.parquet"
MAX_FILE_BYTES = 20 * 1024 * 1024
TEMPORARY_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".download", ".swp", "~")
LEDGER_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("size_bytes", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("content_hash", pa.string()),
        ("outcome", pa.string()),  # article | duplicate | reject
        ("run_id", pa.string()),
    ]
)


@dataclass(frozen=True, slots=True)
class InboxFile:
    """A regular file under the inbox as `stat` (or the object listing) saw it."""

    path: Path | Location  # a Path on local disk; both have read_bytes()
    rel: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class NewFile:
    """A file whose content the warehouse has not ingested yet."""

    file: InboxFile
    content_hash: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that will not be read: it becomes a reject row with this reason."""

    file: InboxFile
    reason: str
    detail: str
    content_hash: str | None = None
    stage: str = "discover"


@dataclass
class Discovery:
    """What one scan found, by what happens to each file."""

    new: list[NewFile] = field(default_factory=list)
    duplicates: list[Skipped] = field(default_factory=list)
    rejected: list[Skipped] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
    unchanged: int = 0


def content_hash(data: bytes) -> str:
    """The article id: the first 128 bits of the content's SHA-256, hex."""
    return hashlib.sha256(data).hexdigest()[:32]


def discover(
    inbox: Where,
    warehouse: Where,
    settle_seconds: float = 2.0,
    on_first_change: Callable[[], object] | None = None,
) -> Discovery:
    """Sort the inbox's files into new, duplicate, rejected, deferred and unchanged.

    `on_first_change` is called once, as soon as the walk meets a file the ledger does
    not know, so the caller can get ready for work (start worker processes) while the
    rest of the inbox is walked; a run with nothing new never calls it.
    """
    inbox, warehouse = location(inbox), location(warehouse)
    if inbox.is_local and not inbox.is_dir():  # an empty prefix of a bucket is an empty inbox
        raise WarehouseError(f"inbox {inbox} does not exist or is not a folder")
    known_stat, known_hash = _ledger_index(read_ledger(warehouse))
    found = Discovery()
    now_ns = time.time_ns()
    root = inbox.local.resolve() if inbox.is_local else None
    files = _walk(inbox.local, warehouse) if inbox.is_local else _list(inbox, warehouse)
    changed = []
    for rel, ref, size, mtime_ns in files:
        if known_stat.get(rel) == (size, mtime_ns):
            found.unchanged += 1
        else:
            if not changed and on_first_change is not None:
                on_first_change()
            changed.append((rel, ref, size, mtime_ns))
    for rel, ref, size, mtime_ns in sorted(changed, key=lambda f: f[0]):
        if abs(now_ns - mtime_ns) < settle_seconds * 1e9:  # a writer may still be at it;
            found.deferred.append(rel)  # a file dated further ahead is settled, not new
            continue
        file = InboxFile(Path(ref) if isinstance(ref, str) else ref, rel, size, mtime_ns)
        problem = _problem(file, root)
        if problem:
            found.rejected.append(Skipped(file, *problem))
            continue
        try:
            digest = content_hash(file.path.read_bytes())
        except OSError as exc:
            found.rejected.append(Skipped(file, "unreadable", _os_reason(exc), stage="read"))
            continue
        first = known_hash.get(digest)
        if first is not None and first != file.rel:
            found.duplicates.append(
                Skipped(file, "duplicate_content", f"same content as {first}", digest, "duplicate")
            )
            continue
        known_hash[digest] = file.rel
        found.new.append(NewFile(file, digest))
    return found


def read_ledger(warehouse: Where) -> pa.Table:
    """Every file the warehouse has accounted for, as of the last completed run."""
    path = location(warehouse) / LEDGER_PATH
    if not path.exists():
        return LEDGER_SCHEMA.empty_table()
    try:
        data = pa.BufferReader(path.read_bytes())  # not read_parquet: it imports pandas
        return pq.ParquetFile(data).read().cast(LEDGER_SCHEMA)
    except (OSError, pa.ArrowInvalid, WarehouseError) as exc:
        raise WarehouseError(f"cannot read the inbox ledger {path}: {exc}") from exc


def write_ledger(warehouse: Where, rows: list[dict[str, object]]) -> None:
    """Replace the ledger whole: written last, it is what marks a run complete.

    The new rows replace the old rows of the same paths; the rest is copied as Arrow
    columns, never as Python objects, so a run over a large inbox stays cheap.
    """
    new = pa.Table.from_pylist(rows, LEDGER_SCHEMA)
    old = read_ledger(warehouse)
    kept = old.filter(pc.invert(pc.is_in(old["path"], value_set=new["path"])))
    ledger = pa.concat_tables([kept, new]).sort_by("path")
    write_atomic(ledger, location(warehouse) / LEDGER_PATH)


def _ledger_index(ledger: pa.Table) -> tuple[dict[str, tuple[int, int]], dict[str, str]]:
    """(path → (size, mtime) of every settled file, content hash → path of every article)."""
    paths = ledger["path"].to_pylist()
    stats = zip(ledger["size_bytes"].to_pylist(), ledger["mtime_ns"].to_pylist(), strict=True)
    articles = ledger.filter(pc.equal(ledger["outcome"], "article"))
    hashes = zip(articles["content_hash"].to_pylist(), articles["path"].to_pylist(), strict=True)
    return dict(zip(paths, stats, strict=True)), dict(hashes)


def _walk(inbox: Path, warehouse: Location) -> Iterator[tuple[str, str, int, int]]:
    """(relative path, full path, size, mtime) of the files under the inbox, skipping hidden
    and temporary names, and the warehouse itself when it was put inside the inbox (its
    own files are not articles). Strings and `os.scandir`: 100,000 files are walked on
    every run, and most of them are only compared with the ledger."""
    own = warehouse.local.resolve() if warehouse.is_local else None
    folders = [(os.fspath(inbox), "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    continue
                if is_dir:  # like os.walk: a link to a folder is not followed
                    hidden = name.startswith((".", "_")) or entry.is_symlink()
                    if not hidden and Path(entry.path).resolve() != own:
                        folders.append((entry.path, f"{prefix}{name}/"))
                    continue
                if _skipped_name(name):
                    continue
                try:
                    stat = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                yield _printable(prefix + name), entry.path, stat.st_size, stat.st_mtime_ns


def _list(inbox: Location, warehouse: Location) -> Iterator[tuple[str, Location, int, int]]:
    """The objects under an inbox prefix, by the same rules as `_walk`; none is read."""
    own = f"{warehouse.url}/"
    for entry in inbox.files():
        *folders, name = entry.rel.split("/")
        if _skipped_name(name) or any(f.startswith((".", "_")) for f in folders):
            continue
        path = inbox / entry.rel
        if not f"{path.url}/".startswith(own):
            yield entry.rel, path, entry.size, entry.mtime_ns


def _skipped_name(name: str) -> bool:
    """Hidden and temporary names: not articles, or not finished being written."""
    return name.startswith((".", "~")) or name.endswith(TEMPORARY_SUFFIXES)


def _printable(rel: str) -> str:
    """The relative path as valid Unicode: bytes of a name that are not UTF-8 (a Latin-1
    upload, say) are shown as \\xNN, since Parquet strings cannot hold them undecoded."""
    if rel.isascii():
        return rel
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def _problem(file: InboxFile, root: Path | None) -> tuple[str, str] | None:
    """Why a file must not be read at all, or None.

    `root` is the local inbox, resolved; None for an object store, whose objects are
    all regular files.
    """
    if root is not None and file.path.is_symlink():
        target = file.path.resolve()
        if not target.is_relative_to(root):
            return "outside_inbox", "symbolic link to a file outside the inbox: not followed"
        if not target.is_file():
            return "not_a_file", "symbolic link to something that is not a regular file"
    elif root is not None and not file.path.is_file():
        return "not_a_file", "not a regular file"
    if file.size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return "too_large", f"{file.size} bytes: larger than the {limit} MiB an article may be"
    return None


def _os_reason(exc: OSError) -> str:
    return f"cannot read the file: {exc.strerror or exc}"
