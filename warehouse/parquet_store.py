"""Atomic, idempotent Parquet writes: stage per batch, then swap whole partition files.

A partition is one file, `<table>/<col>=<value>/.../data.parquet`. It is
replaced whole (`warehouse.storage`: a renamed temporary file on local disk, one PUT
on an object store), so a reader (or a run killed at any instant) sees either the
old partition or the new one, never a half-written file or both. Merging by the
table's key makes a repeated commit of the same rows a no-op.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from fundwire.warehouse.storage import Location, Where, location
from fundwire.warehouse.tables import TableSpec

DATA_FILE = "data.parquet"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
STAGING_DIR = "_staging"
_LEFTOVER = re.compile(r"\..+\.\d+\.tmp(\.wal)?")  # `.<name>.<pid>.tmp`, DuckDB's `.wal` too


def write_atomic(table: pa.Table, path: Where) -> None:
    """Write `table` to `path` so that the file appears whole or not at all."""
    location(path).write_parquet(table)


def stage_batch(staging: Where, spec: TableSpec, table: pa.Table, batch_no: int) -> None:
    """Park one batch's rows of a table until the run commits them."""
    if table.num_rows:
        target = location(staging) / spec.name / f"batch-{batch_no:06d}.parquet"
        write_atomic(table.cast(spec.schema), target)


def commit_staged(warehouse: Where, staging: Where, spec: TableSpec) -> list[str]:
    """Merge the staged rows of a table into its partitions; return the partitions rewritten."""
    warehouse, staged_dir = location(warehouse), location(staging) / spec.name
    if not staged_dir.exists():
        return []
    staged = staged_dir.dataset(schema=spec.schema)
    rewritten = []
    for values in _partition_values(staged, spec):
        new_rows = staged.to_table(filter=_partition_filter(spec, values))
        folder = _partition_folder(warehouse / spec.name, spec, values)
        existing = folder / DATA_FILE
        merged = _merge_by_key(_read_partition(existing, spec), new_rows, spec)
        write_atomic(merged.select(spec.data_schema.names), existing)
        rewritten.append(folder.relative_to(warehouse))
    return rewritten


def ensure_table(warehouse: Where, spec: TableSpec) -> None:
    """Give a table that has no rows yet one empty file, so readers see its columns."""
    root = location(warehouse) / spec.name
    if _has_data(root):
        return
    folder = _partition_folder(root, spec, (None,) * len(spec.partition_by))
    write_atomic(spec.data_schema.empty_table(), folder / DATA_FILE)


def replace_table(warehouse: Where, spec: TableSpec, table: pa.Table) -> None:
    """Swap an unpartitioned, fully derived table (deals, FX rates) in one rename."""
    target = location(warehouse) / spec.name / DATA_FILE
    write_atomic(table.cast(spec.schema).sort_by(spec.key), target)


def read_table(warehouse: Where, spec: TableSpec, columns: list[str] | None = None) -> pa.Table:
    """The whole table as Arrow, partition columns included; empty when never written."""
    root = location(warehouse) / spec.name
    if not _has_data(root):
        return spec.schema.empty_table().select(columns or spec.schema.names)
    dataset = root.dataset(
        schema=spec.schema,
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


def clear_staging(warehouse: Where) -> None:
    """Drop what a killed run staged or half-wrote: it is recomputed from the inbox.

    Called under the run lock, so every hidden temporary file (`write_atomic`'s, and
    the DuckDB file `database.py` builds beside the live one) belongs to a dead run.
    An object store has none: an interrupted upload leaves no object.
    """
    warehouse = location(warehouse)
    (warehouse / STAGING_DIR).rmtree()
    if not warehouse.is_local:
        return
    for path in warehouse.local.rglob(".*.tmp*"):
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


def _has_data(root: Location) -> bool:
    return any(PurePosixPath(entry.rel).name == DATA_FILE for entry in root.files())


def _partition_folder(root: Location, spec: TableSpec, values: tuple[object, ...]) -> Location:
    folder = root
    for column, value in zip(spec.partition_by, values, strict=True):
        folder = folder / f"{column}={NULL_PARTITION if value is None else value}"
    return folder


def _read_partition(path: Location, spec: TableSpec) -> pa.Table:
    if not path.exists():
        return spec.data_schema.empty_table()
    return path.read_parquet(spec.data_schema)


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
