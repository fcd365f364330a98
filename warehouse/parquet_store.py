"""Atomic, idempotent Parquet writes: stage per batch, then swap whole partition files.

A partition is one file, `<table>/<col>=<value>/.../data.parquet`. It is
rewritten by writing a hidden temporary file beside it and `os.replace`-ing it
over the old one, so a reader (or a run killed at any instant) sees either the
old partition or the new one, never a half-written file or both. Merging by the
table's key makes a repeated commit of the same rows a no-op.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from fundwire.warehouse.tables import TableSpec

DATA_FILE = "data.parquet"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
STAGING_DIR = "_staging"
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
    """Park one batch's rows of a table until the run commits them."""
    if table.num_rows:
        write_atomic(table.cast(spec.schema), staging / spec.name / f"batch-{batch_no:06d}.parquet")


def commit_staged(warehouse: Path, staging: Path, spec: TableSpec) -> list[str]:
    """Merge the staged rows of a table into its partitions; return the partitions rewritten."""
    staged_dir = staging / spec.name
    if not staged_dir.exists():
        return []
    staged = ds.dataset(staged_dir, schema=spec.schema, format="parquet")
    rewritten = []
    for values in _partition_values(staged, spec):
        new_rows = staged.to_table(filter=_partition_filter(spec, values))
        folder = _partition_folder(warehouse / spec.name, spec, values)
        existing = folder / DATA_FILE
        merged = _merge_by_key(_read_partition(existing, spec), new_rows, spec)
        write_atomic(merged.select(spec.data_schema.names), existing)
        rewritten.append(str(folder.relative_to(warehouse)))
    return rewritten


def ensure_table(warehouse: Path, spec: TableSpec) -> None:
    """Give a table that has no rows yet one empty file, so readers see its columns."""
    root = warehouse / spec.name
    if root.exists() and next(root.rglob(DATA_FILE), None) is not None:
        return
    folder = _partition_folder(root, spec, (None,) * len(spec.partition_by))
    write_atomic(spec.data_schema.empty_table(), folder / DATA_FILE)


def replace_table(warehouse: Path, spec: TableSpec, table: pa.Table) -> None:
    """Swap an unpartitioned, fully derived table (deals, FX rates) in one rename."""
    write_atomic(table.cast(spec.schema).sort_by(spec.key), warehouse / spec.name / DATA_FILE)


def read_table(warehouse: Path, spec: TableSpec, columns: list[str] | None = None) -> pa.Table:
    """The whole table as Arrow, partition columns included; empty when never written."""
    root = warehouse / spec.name
    if not root.exists() or next(root.rglob(DATA_FILE), None) is None:
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
    return dataset.to_table(columns=columns)


def clear_staging(warehouse: Path) -> None:
    """Drop what a killed run staged or half-wrote: it is recomputed from the inbox.

    Called under the run lock, so every hidden temporary file (`write_atomic`'s, and
    the DuckDB file `database.py` builds beside the live one) belongs to a dead run.
    """
    shutil.rmtree(warehouse / STAGING_DIR, ignore_errors=True)
    for path in warehouse.rglob(".*.tmp*"):
        if _LEFTOVER.fullmatch(path.name) and path.is_file():
            path.unlink(missing_ok=True)


def _partition_values(staged: ds.Dataset, spec: TableSpec) -> Iterator[tuple[object, ...]]:
    if not spec.partition_by:
        yield ()
        return
    keys = staged.to_table(columns=list(spec.partition_by)).group_by(list(spec.partition_by))
    rows = keys.aggregate([]).to_pylist()
    for row in sorted(rows, key=lambda r: tuple(str(r[c]) for c in spec.partition_by)):
        yield tuple(row[c] for c in spec.partition_by)


def _partition_filter(spec: TableSpec, values: tuple[object, ...]) -> pc.Expression | None:
    expression = None
    for column, value in zip(spec.partition_by, values, strict=True):
        term = pc.field(column).is_null() if value is None else pc.field(column) == value
        expression = term if expression is None else expression & term
    return expression


def _partition_folder(root: Path, spec: TableSpec, values: tuple[object, ...]) -> Path:
    folder = root
    for column, value in zip(spec.partition_by, values, strict=True):
        folder = folder / f"{column}={NULL_PARTITION if value is None else value}"
    return folder


def _read_partition(path: Path, spec: TableSpec) -> pa.Table:
    if not path.exists():
        return spec.data_schema.empty_table()
    return pq.read_table(path, schema=spec.data_schema)


def _merge_by_key(existing: pa.Table, new_rows: pa.Table, spec: TableSpec) -> pa.Table:
    """Rows of `new_rows` replace rows of `existing` with the same key; output sorted by key."""
    new_rows = _last_per_key(new_rows.select(spec.data_schema.names), spec.key)
    kept = existing.filter(pc.invert(pc.is_in(existing[spec.key], value_set=new_rows[spec.key])))
    return pa.concat_tables([kept, new_rows]).sort_by(spec.key)


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
