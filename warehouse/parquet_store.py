"""Atomic, idempotent Parquet writes: stage per batch, then add one file per run and partition.

A partition is a folder, `<table>/<col>=<value>/...`, of Parquet files: `data.parquet`
(an empty table's placeholder, or a partition written before files were appended) and
one `part-<run_id>-<n>.parquet` per run that added rows to it. A run never rewrites the
files of other runs unless they hold a key the run writes again (only after a killed
run: its files are re-extracted under a new run id), so 1% new articles write 1% of the
rows. Every file is replaced whole (`warehouse.storage`: a renamed temporary file on
local disk, one PUT on an object store), so a reader (or a run killed at any instant)
sees a file whole or not at all; a repeated key is first removed from the older file,
then the new file appears, so no key is ever stored twice. Small files are merged
(`compact_partition`) when a partition holds COMPACT_AT of them.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import PurePosixPath

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from fundwire.warehouse.storage import Location, Where, location
from fundwire.warehouse.tables import TableSpec

DATA_FILE = "data.parquet"
PART_PREFIX = "part-"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
STAGING_DIR = "_staging"
COMMIT_THREADS = 4  # partitions written at once: I/O and fsync overlap, the GIL is released
COMPACT_AT = 24  # a partition's files are merged into one when a run would add the 25th
JOURNAL_PREFIX = "_replaced-"
_LEFTOVER = re.compile(r"\..+\.\d+\.tmp(\.wal)?")  # `.<name>.<pid>.tmp`, DuckDB's `.wal` too


def write_atomic(table: pa.Table, path: Where) -> None:
    """Write `table` to `path` so that the file appears whole or not at all."""
    location(path).write_parquet(table)


def stage_batch(staging: Where, spec: TableSpec, table: pa.Table, batch_no: int) -> None:
    """Park one batch's rows of a table, split by partition, until the run commits them."""
    if not table.num_rows:
        return
    table = table.cast(spec.schema)
    for folder, rows in _split_by_partition(table, spec):
        target = location(staging) / spec.name / folder / f"batch-{batch_no:06d}.parquet"
        write_atomic(rows.select(spec.data_schema.names), target)


def commit_staged(warehouse: Where, staging: Where, spec: TableSpec) -> list[str]:
    """Add the staged rows of a table to its partitions, one new file per partition
    (`staging`'s name is the run id); return the partitions written.

    The file name is new at every attempt, so a retried commit treats its earlier
    attempt's file like any older file holding the same keys. Partitions are
    independent, so they are read and written on a few threads (Parquet I/O and fsync
    release the GIL); whether any older file holds a key again is answered by one scan
    of their key columns, and only then are files rewritten one by one.
    """
    warehouse, staged_root = location(warehouse), location(staging) / spec.name
    if not staged_root.exists():
        return []
    part_name = f"{PART_PREFIX}{location(staging).name}-{uuid.uuid4().hex[:8]}.parquet"
    staged_files: dict[str, list[str]] = defaultdict(list)
    for entry in staged_root.files():
        rel = PurePosixPath(entry.rel)
        if rel.name.startswith("batch-") and rel.suffix == ".parquet":
            staged_files[rel.parent.as_posix()].append(entry.rel)
    rel_folders = sorted(staged_files)
    folders = [
        warehouse / spec.name / rel if rel != "." else warehouse / spec.name for rel in rel_folders
    ]

    def staged_rows(rel_folder: str) -> pa.Table:
        rows = pa.concat_tables(
            (staged_root / rel).read_parquet(spec.data_schema)
            for rel in sorted(staged_files[rel_folder])
        )
        return _last_per_key(rows, spec.key).sort_by(spec.key)

    with ThreadPoolExecutor(COMMIT_THREADS) as pool:
        new_rows = list(pool.map(staged_rows, rel_folders))
        older = list(pool.map(_data_files, folders))
        stored_again = _stored_keys(
            [path for paths in older for path in paths],
            pa.chunked_array([rows[spec.key] for rows in new_rows], pa.string()),
            spec,
        )
        add = partial(_add_to_partition, stored_again=stored_again, part_name=part_name, spec=spec)
        list(pool.map(add, folders, new_rows, older))
    return [folder.relative_to(warehouse) for folder in folders]


def _add_to_partition(
    folder: Location,
    new_rows: pa.Table,
    older: list[Location],
    stored_again: pa.Array,
    part_name: str,
    spec: TableSpec,
) -> None:
    """Write a partition's new file; keys written again (a killed run's rows) leave the
    older files first."""
    if len(stored_again) and pc.any(pc.is_in(new_rows[spec.key], value_set=stored_again)).as_py():
        for path in older:
            _drop_keys(path, new_rows[spec.key], spec)
        older = [path for path in older if path.exists()]
    if len(older) >= COMPACT_AT:
        compact_partition(folder, older, new_rows, part_name, spec)
    else:
        write_atomic(new_rows, folder / part_name)


def _stored_keys(files: list[Location], keys: pa.ChunkedArray, spec: TableSpec) -> pa.Array:
    """Which of `keys` the files hold already, in one scan of their key columns."""
    if not files or not len(keys):
        return pa.array([], pa.string())
    import pyarrow.dataset as ds

    dataset = ds.dataset([f.path for f in files], filesystem=files[0].fs, format="parquet")
    found = dataset.to_table(
        columns=[spec.key], filter=ds.field(spec.key).isin(keys.combine_chunks())
    )
    return pc.unique(found[spec.key].combine_chunks())


def compact_partition(
    folder: Location, older: list[Location], new_rows: pa.Table, part_name: str, spec: TableSpec
) -> None:
    """Merge a partition's files and the run's new rows into the run's one file.

    A journal (`_replaced-<part>.txt`, which readers skip) names the old files first;
    then the merged file takes its place and the old files go. A run killed in between
    is rolled forward by `clear_staging` at the next run.
    """
    merged = pa.concat_tables(
        [*(path.read_parquet(spec.data_schema) for path in older), new_rows]
    ).sort_by(spec.key)
    journal = folder / f"{JOURNAL_PREFIX}{part_name}.txt"
    journal.write_text("\n".join(path.name for path in older))
    write_atomic(merged, folder / part_name)
    _finish_compaction(journal)


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


def read_table(
    warehouse: Where,
    spec: TableSpec,
    columns: list[str] | None = None,
    where: pc.Expression | None = None,
) -> pa.Table:
    """The table as Arrow (the rows `where` selects), partition columns included; empty when
    never written."""
    import pyarrow.dataset as ds

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
    return dataset.to_table(columns=columns, filter=where)


def clear_staging(warehouse: Where) -> None:
    """Drop what a killed run staged or half-wrote: it is recomputed from the inbox; finish
    a compaction it left half-way.

    Called under the run lock, so every hidden temporary file (`write_atomic`'s, and
    the DuckDB file `database.py` builds beside the live one) belongs to a dead run.
    An object store has none: an interrupted upload leaves no object.
    """
    warehouse = location(warehouse)
    (warehouse / STAGING_DIR).rmtree()
    for entry in list(warehouse.files()):
        name = PurePosixPath(entry.rel).name
        if warehouse.is_local and _LEFTOVER.fullmatch(name):
            (warehouse / entry.rel).unlink()
        elif name.startswith(JOURNAL_PREFIX) and name.endswith(".txt"):
            _finish_compaction(warehouse / entry.rel)


def _finish_compaction(journal: Location) -> None:
    """Remove the files a compaction replaced, if its merged file is in place; then the journal."""
    merged = journal.parent / journal.name.removeprefix(JOURNAL_PREFIX).removesuffix(".txt")
    if merged.exists():
        for name in journal.read_text().split():
            (journal.parent / name).unlink()
    journal.unlink()


def _is_data_file(name: str) -> bool:
    """A Parquet file readers see (hidden temporaries and `_` files are skipped)."""
    return name.endswith(".parquet") and not name.startswith((".", "_"))


def _data_files(folder: Location) -> list[Location]:
    """The data files of one partition folder."""
    if not folder.exists():
        return []
    names = (entry.rel for entry in folder.files() if "/" not in entry.rel)
    return [folder / name for name in sorted(names) if _is_data_file(name)]


def _has_data(root: Location) -> bool:
    return any(_is_data_file(PurePosixPath(entry.rel).name) for entry in root.files())


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


def _drop_keys(path: Location, keys: pa.ChunkedArray, spec: TableSpec) -> None:
    """Rewrite `path` without the rows whose key is in `keys` (remove it if none is left)."""
    stored = pq.read_table(path.path, columns=[spec.key], filesystem=path.fs)[spec.key]
    if not pc.any(pc.is_in(stored, value_set=keys)).as_py():
        return
    table = path.read_parquet(spec.data_schema)
    kept = table.filter(pc.invert(pc.is_in(table[spec.key], value_set=keys)))
    if kept.num_rows:
        write_atomic(kept, path)
    else:
        path.unlink()


def _partition_folder(root: Location, spec: TableSpec, values: tuple[object, ...]) -> Location:
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
