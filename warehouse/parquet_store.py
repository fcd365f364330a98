"""Atomic, idempotent Parquet writes: stage per batch, then add one file per run and partition.

A partition is a folder, `<table>/<col>=<value>/...`, of Parquet files: `data.parquet`
(an empty table's placeholder, or a partition written before files were appended) and
one `part-<run_id>.parquet` per run that added rows to it. A run never rewrites the
files of other runs unless they hold a key the run writes again (only after a killed
run: its files are re-extracted under a new run id), so 1% new articles write 1% of the
rows. Every file is written beside its final name and `os.replace`-d into place, so a
reader (or a run killed at any instant) sees a file whole or not at all; a repeated key
is first removed from the older file, then the new file appears, so no key is ever
stored twice. Small files are merged (`compact_partition`) when a partition holds more
than COMPACT_AT of them.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from fundwire.warehouse.tables import TableSpec

DATA_FILE = "data.parquet"
PART_PREFIX = "part-"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
STAGING_DIR = "_staging"
COMPACT_AT = 24  # a partition's files are merged into one when a run would add the 25th
JOURNAL_PREFIX = "_replaced-"
_LEFTOVER = re.compile(r"\..+\.\d+\.tmp(\.wal)?")  # `.<name>.<pid>.tmp`, DuckDB's `.wal` too


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write `table` to `path` so that the file appears whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    pq.write_table(table, tmp, compression="zstd", use_dictionary=True, write_statistics=True)
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def stage_batch(staging: Path, spec: TableSpec, table: pa.Table, batch_no: int) -> None:
    """Park one batch's rows of a table, split by partition, until the run commits them."""
    if not table.num_rows:
        return
    table = table.cast(spec.schema)
    for folder, rows in _split_by_partition(table, spec):
        name = f"batch-{batch_no:06d}.parquet"
        write_atomic(rows.select(spec.data_schema.names), staging / spec.name / folder / name)


def commit_staged(warehouse: Path, staging: Path, spec: TableSpec) -> list[str]:
    """Add the staged rows of a table to its partitions, one new file per partition
    (`staging`'s name is the run id); return the partitions written.

    The file name is new at every attempt, so a retried commit treats its earlier
    attempt's file like any older file holding the same keys.
    """
    staged_root = staging / spec.name
    if not staged_root.exists():
        return []
    part_name = f"{PART_PREFIX}{staging.name}-{uuid.uuid4().hex[:8]}.parquet"
    depth = "/".join(["*"] * len(spec.partition_by))
    written = []
    for staged in sorted(staged_root.glob(depth)) if depth else [staged_root]:
        rel = staged.relative_to(staged_root)
        new_rows = pa.concat_tables(
            pq.read_table(path, schema=spec.data_schema)
            for path in sorted(staged.glob("batch-*.parquet"))
        )
        new_rows = _last_per_key(new_rows, spec.key).sort_by(spec.key)
        folder = warehouse / spec.name / rel
        older = _data_files(folder)
        for path in older:  # keys written again (a killed run's rows): out of the old file first
            _drop_keys(path, new_rows[spec.key], spec)
        older = [path for path in older if path.exists()]
        if len(older) >= COMPACT_AT:
            compact_partition(folder, older, new_rows, part_name, spec)
        else:
            write_atomic(new_rows, folder / part_name)
        written.append(str(folder.relative_to(warehouse)))
    return written


def compact_partition(
    folder: Path, older: list[Path], new_rows: pa.Table, part_name: str, spec: TableSpec
) -> None:
    """Merge a partition's files and the run's new rows into the run's one file.

    The merged file takes its place first, then the old files go. A journal
    (`_replaced-<part>.txt`, which readers skip) names them beforehand, so a run killed
    between the two steps is rolled forward by `clear_staging` at the next run.
    """
    merged = pa.concat_tables(
        [*(pq.read_table(path, schema=spec.data_schema) for path in older), new_rows]
    ).sort_by(spec.key)
    tmp = folder / f".{part_name}.{os.getpid()}.tmp"
    pq.write_table(merged, tmp, compression="zstd", use_dictionary=True, write_statistics=True)
    journal = folder / f"{JOURNAL_PREFIX}{part_name}.txt"
    with open(journal, "w", encoding="utf-8") as handle:
        handle.write("\n".join(path.name for path in older))
        handle.flush()
        os.fsync(handle.fileno())
    _fsync_dir(folder)
    os.replace(tmp, folder / part_name)
    _finish_compaction(journal)


def ensure_table(warehouse: Path, spec: TableSpec) -> None:
    """Give a table that has no rows yet one empty file, so readers see its columns."""
    root = warehouse / spec.name
    if _has_files(root):
        return
    folder = _partition_folder(root, spec, (None,) * len(spec.partition_by))
    write_atomic(spec.data_schema.empty_table(), folder / DATA_FILE)


def replace_table(warehouse: Path, spec: TableSpec, table: pa.Table) -> None:
    """Swap an unpartitioned, fully derived table (deals, FX rates) in one rename."""
    write_atomic(table.cast(spec.schema).sort_by(spec.key), warehouse / spec.name / DATA_FILE)


def read_table(
    warehouse: Path,
    spec: TableSpec,
    columns: list[str] | None = None,
    where: pc.Expression | None = None,
) -> pa.Table:
    """The table as Arrow (the rows `where` selects), partition columns included; empty when
    never written."""
    import pyarrow.dataset as ds  # 0.3-0.7 s to import: only runs with work to do pay it

    root = warehouse / spec.name
    if not _has_files(root):
        return spec.schema.empty_table().select(columns or spec.schema.names)
    dataset = ds.dataset(
        root,
        schema=spec.schema,
        format="parquet",
        partitioning=ds.HivePartitioning(
            pa.schema([spec.schema.field(c) for c in spec.partition_by]),
            null_fallback=NULL_PARTITION,
        )
        if spec.partition_by
        else None,
        exclude_invalid_files=False,
        ignore_prefixes=[".", "_"],
    )
    return dataset.to_table(columns=columns, filter=where)


def clear_staging(warehouse: Path) -> None:
    """Drop what a killed run staged or half-wrote: it is recomputed from the inbox.

    Called under the run lock, so every hidden temporary file (`write_atomic`'s, and
    the DuckDB file `database.py` builds beside the live one) belongs to a dead run.
    """
    shutil.rmtree(warehouse / STAGING_DIR, ignore_errors=True)
    for path in warehouse.rglob(".*.tmp*"):
        if _LEFTOVER.fullmatch(path.name) and path.is_file():
            path.unlink(missing_ok=True)
    for journal in warehouse.rglob(f"{JOURNAL_PREFIX}*.txt"):
        _finish_compaction(journal)


def _finish_compaction(journal: Path) -> None:
    """Remove the files a compaction replaced, if its merged file is in place; then the journal."""
    merged = journal.with_name(journal.name.removeprefix(JOURNAL_PREFIX).removesuffix(".txt"))
    if merged.exists():
        for name in journal.read_text(encoding="utf-8").split():
            (journal.parent / name).unlink(missing_ok=True)
    journal.unlink()
    _fsync_dir(journal.parent)


def _data_files(folder: Path) -> list[Path]:
    """The Parquet files readers see in a partition folder (not hidden, not `_`-prefixed)."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix == ".parquet" and not p.name.startswith((".", "_"))
    )


def _has_files(root: Path) -> bool:
    return root.exists() and any(not p.name.startswith((".", "_")) for p in root.rglob("*.parquet"))


def _split_by_partition(table: pa.Table, spec: TableSpec) -> list[tuple[str, pa.Table]]:
    """(partition folder, its rows) for each partition the rows fall in."""
    if not spec.partition_by:
        return [(".", table)]
    parts = [
        pc.binary_join_element_wise(
            f"{column}=", pc.fill_null(pc.cast(table[column], pa.string()), NULL_PARTITION), ""
        )
        for column in spec.partition_by
    ]
    folders = pc.binary_join_element_wise(*parts, "/")
    return [
        (folder, table.filter(pc.equal(folders, folder)))
        for folder in sorted(pc.unique(folders).to_pylist())
    ]


def _drop_keys(path: Path, keys: pa.ChunkedArray, spec: TableSpec) -> None:
    """Rewrite `path` without the rows whose key is in `keys` (remove it if none is left)."""
    stored = pq.read_table(path, columns=[spec.key])[spec.key]
    if not pc.any(pc.is_in(stored, value_set=keys)).as_py():
        return
    table = pq.read_table(path, schema=spec.data_schema)
    kept = table.filter(pc.invert(pc.is_in(table[spec.key], value_set=keys)))
    if kept.num_rows:
        write_atomic(kept, path)
    else:
        path.unlink()
        _fsync_dir(path.parent)


def _partition_folder(root: Path, spec: TableSpec, values: tuple[object, ...]) -> Path:
    folder = root
    for column, value in zip(spec.partition_by, values, strict=True):
        folder = folder / f"{column}={NULL_PARTITION if value is None else value}"
    return folder


def _last_per_key(table: pa.Table, key: str) -> pa.Table:
    if table.num_rows == len(pc.unique(table[key])):
        return table
    indices = pa.array(range(table.num_rows))
    last = (
        table.select([key])
        .append_column("_row", indices)
        .group_by(key)
        .aggregate([("_row", "max")])
        .column("_row_max")
    )
    return table.take(last)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
