"""Where the warehouse and the inbox live: a local folder or an object-store prefix.

A `Location` is to the warehouse what `pathlib.Path` was: `/` joins, and it lists,
reads and writes whole files, on local disk or on any store pyarrow or fsspec can open
(`s3://bucket/prefix`, `gs://…`). The warehouse only ever needs whole-file operations,
and each keeps its crash-safety promise on both kinds of storage:

- local disk: a file is written beside its target under a hidden temporary name,
  fsync-ed and renamed over it, so a reader or a killed run sees the old file or the
  new one (the temporary names are `.<name>.<pid>.tmp`, which `clear_staging` removes);
- object store: there is no rename, but a PUT (or a completed multipart upload)
  replaces an object whole, and S3 reads are strongly consistent, which gives readers
  the same guarantee per file. A killed upload leaves no object, only an incomplete
  multipart upload that the bucket's lifecycle rule should abort (docs/operations.md).

Local listing uses `os.walk` (the no-op run over 100,000 files stays a directory
walk); an object store is listed with one paged LIST per prefix, size and
LastModified included, so known files are never read.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from fundwire.warehouse.errors import WarehouseError

if TYPE_CHECKING:
    import duckdb
    import fsspec
    import pyarrow.dataset as ds

T = TypeVar("T")
PARQUET_OPTIONS = {"compression": "zstd", "use_dictionary": True, "write_statistics": True}


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A file under a location: its path relative to the location, size and mtime."""

    rel: str
    size: int
    mtime_ns: int


class Location:
    """A file or folder on local disk (`fs` is None) or in an object store (`fs` is set)."""

    __slots__ = ("fs", "path", "scheme")

    def __init__(self, path: str, fs: pafs.FileSystem | None = None, scheme: str = "") -> None:
        self.path = path  # local: absolute path; object store: "bucket/key/prefix"
        self.fs = fs
        self.scheme = scheme

    @property
    def is_local(self) -> bool:
        return self.fs is None

    @property
    def local(self) -> Path:
        """The local path; code that only makes sense on local disk asks for it."""
        if self.fs is not None:
            raise WarehouseError(f"{self.url} is not on local disk")
        return Path(self.path)

    @property
    def url(self) -> str:
        """How users and DuckDB name it: a local path, or `scheme://bucket/key`."""
        return self.path if self.fs is None else f"{self.scheme}://{self.path}"

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def parent(self) -> Location:
        return Location(os.path.dirname(self.path), self.fs, self.scheme)

    def __truediv__(self, part: str | os.PathLike[str]) -> Location:
        part = os.fspath(part)
        joined = os.path.join(self.path, part) if self.fs is None else f"{self.path}/{part}"
        return Location(joined, self.fs, self.scheme)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Location) and self.url == other.url

    def __hash__(self) -> int:
        return hash(self.url)

    def __str__(self) -> str:
        return self.url

    def __repr__(self) -> str:
        return f"Location({self.url!r})"

    def relative_to(self, other: Location) -> str:
        """This location's path under `other`, '/'-separated."""
        return PurePosixPath(self.path).relative_to(other.path).as_posix()

    def exists(self) -> bool:
        if self.fs is None:
            return os.path.exists(self.path)
        return self._info().type != pafs.FileType.NotFound

    def is_dir(self) -> bool:
        """A folder, or on an object store a bucket or a prefix with objects under it."""
        if self.fs is None:
            return os.path.isdir(self.path)
        return self._info().type == pafs.FileType.Directory

    def files(self) -> Iterator[FileEntry]:
        """Every file under this folder, recursively, in no particular order."""
        if self.fs is None:
            for folder, _, names in os.walk(self.path):
                for name in names:
                    try:
                        stat = os.lstat(os.path.join(folder, name))
                    except OSError:  # removed while we walked
                        continue
                    rel = os.path.relpath(os.path.join(folder, name), self.path)
                    yield FileEntry(Path(rel).as_posix(), stat.st_size, stat.st_mtime_ns)
            return
        selector = pafs.FileSelector(self.path, recursive=True, allow_not_found=True)
        for info in self._call(self.fs.get_file_info, selector):
            if info.type == pafs.FileType.File:
                rel = PurePosixPath(info.path).relative_to(self.path).as_posix()
                yield FileEntry(rel, info.size, info.mtime_ns or 0)

    def read_bytes(self) -> bytes:
        if self.fs is None:
            return Path(self.path).read_bytes()
        with self._call(self.fs.open_input_stream, self.path) as stream:
            return stream.read()

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def write_bytes(self, data: bytes) -> None:
        """Replace the file whole (see the module docstring)."""
        if self.fs is None:
            self._replace_local(lambda tmp: Path(tmp).write_bytes(data))
            return
        with self._call(self.fs.open_output_stream, self.path) as stream:
            stream.write(data)

    def write_text(self, text: str, encoding: str = "utf-8") -> None:
        self.write_bytes(text.encode(encoding))

    def write_parquet(self, table: pa.Table) -> None:
        """Replace the file whole with `table` as zstd Parquet (see the module docstring)."""
        if self.fs is None:
            self._replace_local(lambda tmp: pq.write_table(table, tmp, **PARQUET_OPTIONS))
            return
        self._call(pq.write_table, table, self.path, filesystem=self.fs, **PARQUET_OPTIONS)

    def read_parquet(self, schema: pa.Schema | None = None) -> pa.Table:
        return self._call(pq.read_table, self.path, schema=schema, filesystem=self.fs)

    def dataset(self, **options: object) -> ds.Dataset:
        """A pyarrow dataset of the Parquet files under this folder."""
        import pyarrow.dataset as ds  # imports pandas (~0.7 s): not on a run with nothing new

        return self._call(ds.dataset, self.path, filesystem=self.fs, format="parquet", **options)

    def unlink(self) -> None:
        """Remove the file; a missing file is not an error."""
        if self.fs is None:
            Path(self.path).unlink(missing_ok=True)
        elif self.exists():
            self._call(self.fs.delete_file, self.path)

    def rmtree(self) -> None:
        """Remove the folder and everything under it; a missing folder is not an error."""
        if self.fs is None:
            shutil.rmtree(self.path, ignore_errors=True)
        elif self.exists():
            self._call(self.fs.delete_dir, self.path)

    def _info(self) -> pafs.FileInfo:
        return self._call(self.fs.get_file_info, self.path)

    def _call(self, function: Callable[..., T], *args: object, **kwargs: object) -> T:
        """Object-store failures (no bucket, no credentials) as one-line warehouse errors."""
        try:
            return function(*args, **kwargs)
        except OSError as exc:
            if self.fs is None:
                raise
            raise WarehouseError(f"{self.url}: {str(exc).strip().splitlines()[0]}") from exc

    def _replace_local(self, write: Callable[[Path], object]) -> None:
        """Write through `write(tmp)` to a hidden sibling, fsync it, rename it over the file."""
        target = Path(self.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.parent / f".{target.name}.{os.getpid()}.tmp"
        write(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


Where = str | os.PathLike[str] | Location


def location(where: Where) -> Location:
    """A Location for a local path or a URL (`s3://bucket/prefix`, `gs://…`, `file:///…`).

    pyarrow opens the stores it has native support for (S3, GCS, HDFS; AWS_ENDPOINT_URL
    and the usual AWS_* variables apply); any other URL goes through fsspec.
    """
    if isinstance(where, Location):
        return where
    text = os.fspath(where)
    if "://" not in text or text.startswith("file://"):
        return Location(os.path.abspath(text.removeprefix("file://")))
    scheme = text.split("://", 1)[0].lower()
    try:
        fs, path = pafs.FileSystem.from_uri(text)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        fs, path = _fsspec_filesystem(text)
    except OSError as exc:
        raise WarehouseError(f"cannot open {text}: {exc}") from exc
    return Location(path.rstrip("/"), fs, scheme)


def _fsspec_filesystem(url: str) -> tuple[pafs.FileSystem, str]:
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise WarehouseError(f"no file system for {url}: {exc}") from exc
    return pafs.PyFileSystem(pafs.FSSpecHandler(fs)), path


def duckdb_reads(con: duckdb.DuckDBPyConnection, where: Location) -> str:
    """Let a DuckDB connection read `where`'s URLs; how: 'local', 'httpfs' or 'fsspec'.

    DuckDB's own httpfs extension is used when it is installed (`INSTALL httpfs` once,
    on a machine that can reach extensions.duckdb.org); fundwire never downloads it
    during a run. Without it, the store's fsspec file system (s3fs, gcsfs) is registered
    under its scheme, so the same `s3://…` views work. A registered file system lives
    only as long as the connection (every connection that reads an object-store
    warehouse goes through here) and lists the warehouse once, when registered:
    without that listing DuckDB's existence and size checks cost a HEAD request
    each (23 s instead of 5 s to build the views of six articles on a local S3).
    """
    if where.is_local:
        return "local"
    import duckdb  # here, not at the top: a run with nothing new never loads DuckDB

    con.execute("SET autoinstall_known_extensions = false")
    try:
        con.execute("LOAD httpfs")
    except duckdb.Error:
        fs = _fsspec_for(where.scheme)
        fs.find(where.path)  # one listing answers DuckDB's many existence and size checks
        con.register_filesystem(fs)
        return "fsspec"
    if where.scheme in ("s3", "s3a"):
        _s3_secret_from_environment(con)
    return "httpfs"


def _fsspec_for(scheme: str) -> fsspec.AbstractFileSystem:
    """A new fsspec file system per connection, so its listing cache lives only as long as
    the connection (a run adds files between two connections)."""
    import fsspec

    try:
        return fsspec.filesystem(scheme, skip_instance_cache=True)
    except (ImportError, ValueError) as exc:
        raise WarehouseError(
            f"DuckDB cannot read {scheme}:// here: install its fsspec package "
            f"(s3fs, gcsfs) or DuckDB's httpfs extension ({exc})"
        ) from exc


def _s3_secret_from_environment(con: duckdb.DuckDBPyConnection) -> None:
    """httpfs does not read AWS_* variables itself: pass them on as a temporary secret."""
    env = os.environ
    if not env.get("AWS_ACCESS_KEY_ID"):
        return  # the user's own (persistent) DuckDB secrets apply
    options = {
        "KEY_ID": env["AWS_ACCESS_KEY_ID"],
        "SECRET": env.get("AWS_SECRET_ACCESS_KEY", ""),
        "SESSION_TOKEN": env.get("AWS_SESSION_TOKEN", ""),
        "REGION": env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1",
    }
    endpoint = env.get("AWS_ENDPOINT_URL_S3") or env.get("AWS_ENDPOINT_URL")
    if endpoint:
        parts = urlsplit(endpoint)
        options |= {
            "ENDPOINT": parts.netloc,
            "URL_STYLE": "path",
            "USE_SSL": str(parts.scheme == "https").lower(),
        }
    values = ", ".join(
        f"{key} " + (value if key == "USE_SSL" else "'" + value.replace("'", "''") + "'")
        for key, value in options.items()
    )
    con.execute(f"CREATE OR REPLACE TEMPORARY SECRET fundwire_s3 (TYPE s3, {values})")
