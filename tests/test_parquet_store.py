"""Atomic partition writes: a file per run, keys never repeated, compaction, DuckDB hive types."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from fundwire.warehouse import parquet_store
from fundwire.warehouse.parquet_store import (
    COMPACT_AT,
    clear_staging,
    commit_staged,
    read_table,
    stage_batch,
    write_atomic,
)
from fundwire.warehouse.tables import FACTS, table_from_rows


def _fact(fact_id: str, year: int | None, amount: str = "100.00", investee: str = "Acme") -> dict:
    return {
        "fact_id": fact_id,
        "article_id": "a" * 32,
        "file_name": "a.md",
        "kind": "round",
        "investee": investee,
        "amount": Decimal(amount),
        "currency": "USD",
        "qualifier": "exact",
        "evidence": "Acme raised.",
        "evidence_start": 0,
        "evidence_end": 12,
        "published": None if year is None else date(year, 5, 1),
        "published_year": year,
        "published_month": None if year is None else 5,
    }


def _commit(warehouse: Path, rows: list[dict], batch: int = 1, run: str = "run") -> list[str]:
    staging = warehouse / "_staging" / run
    stage_batch(staging, FACTS, table_from_rows(rows, FACTS), batch)
    rewritten = commit_staged(warehouse, staging, FACTS)
    clear_staging(warehouse)
    return rewritten


def _files(folder: Path) -> dict[str, int]:
    """Parquet file name → modification time, of one partition folder."""
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.suffix == ".parquet"}


def _fact_ids(warehouse: Path) -> list[str]:
    return sorted(read_table(warehouse, FACTS, ["fact_id"])["fact_id"].to_pylist())


MAY_2024 = "facts/published_year=2024/published_month=5"


def test_commit_writes_one_file_per_partition_with_nulls_in_default_partition(tmp_path: Path):
    rewritten = _commit(tmp_path, [_fact("f1", 2023), _fact("f2", 2024), _fact("f3", None)])
    assert rewritten == [
        "facts/published_year=2023/published_month=5",
        "facts/published_year=2024/published_month=5",
        "facts/published_year=__HIVE_DEFAULT_PARTITION__/published_month=__HIVE_DEFAULT_PARTITION__",
    ]
    assert len(list((tmp_path / "facts").rglob("*.parquet"))) == 3


def test_recommit_replaces_keys_and_touches_only_changed_partitions(tmp_path: Path):
    _commit(tmp_path, [_fact("f1", 2023), _fact("f2", 2024)])
    before = _files(tmp_path / MAY_2024)
    assert _commit(tmp_path, [_fact("f1", 2023, "200.00")], run="again") == [
        "facts/published_year=2023/published_month=5"
    ]
    assert _files(tmp_path / MAY_2024) == before
    table = read_table(tmp_path, FACTS).sort_by("fact_id").to_pylist()
    assert [(r["fact_id"], r["amount"]) for r in table] == [
        ("f1", Decimal("200.00")),
        ("f2", Decimal("100.00")),
    ]


def test_new_rows_add_a_file_and_leave_older_files_alone(tmp_path: Path):
    _commit(tmp_path, [_fact("f1", 2024), _fact("f2", 2024)], run="one")
    before = _files(tmp_path / MAY_2024)
    _commit(tmp_path, [_fact("f3", 2024)], run="two")
    after = _files(tmp_path / MAY_2024)
    assert len(after) == 2 and all(after[name] == mtime for name, mtime in before.items())
    assert _fact_ids(tmp_path) == ["f1", "f2", "f3"]


def test_a_key_written_again_leaves_the_older_file(tmp_path: Path):
    _commit(tmp_path, [_fact("f1", 2024), _fact("f2", 2024)], run="killed")
    _commit(tmp_path, [_fact("f2", 2024, "300.00"), _fact("f3", 2024)], run="rerun")
    assert _fact_ids(tmp_path) == ["f1", "f2", "f3"]
    amounts = {r["fact_id"]: r["amount"] for r in read_table(tmp_path, FACTS).to_pylist()}
    assert amounts["f2"] == Decimal("300.00")
    staging = tmp_path / "_staging" / "retry"  # a retried commit of the same staged rows
    stage_batch(staging, FACTS, table_from_rows([_fact("f4", 2024)], FACTS), 1)
    commit_staged(tmp_path, staging, FACTS)
    commit_staged(tmp_path, staging, FACTS)
    assert _fact_ids(tmp_path) == ["f1", "f2", "f3", "f4"]


def test_a_partition_of_many_files_is_compacted_into_one(tmp_path: Path):
    for n in range(COMPACT_AT + 1):
        _commit(tmp_path, [_fact(f"f{n:02d}", 2024)], run=f"run{n}")
    assert len(_files(tmp_path / MAY_2024)) == 1
    assert _fact_ids(tmp_path) == [f"f{n:02d}" for n in range(COMPACT_AT + 1)]
    assert not list((tmp_path / MAY_2024).glob("_*"))


def test_a_compaction_killed_after_the_swap_is_finished_by_the_next_run(
    tmp_path: Path, monkeypatch
):
    for n in range(COMPACT_AT):
        _commit(tmp_path, [_fact(f"f{n:02d}", 2024)], run=f"run{n}")
    monkeypatch.setattr(parquet_store, "_finish_compaction", lambda journal: None)  # "killed"
    _commit(tmp_path, [_fact("last", 2024)], run="compacting")
    assert len(_files(tmp_path / MAY_2024)) == COMPACT_AT + 1  # merged file and the old ones
    monkeypatch.undo()
    clear_staging(tmp_path)  # what the next run does first, under the lock
    assert len(_files(tmp_path / MAY_2024)) == 1
    assert _fact_ids(tmp_path) == sorted([*(f"f{n:02d}" for n in range(COMPACT_AT)), "last"])


def test_money_is_decimal_and_dates_are_dates_in_the_files(tmp_path: Path):
    _commit(tmp_path, [_fact("f1", 2023)])
    schema = pq.read_schema(next((tmp_path / "facts").rglob("part-*.parquet")))
    assert str(schema.field("amount").type) == "decimal128(38, 2)"
    assert str(schema.field("published").type) == "date32[day]"


def test_duckdb_reads_the_dataset_with_hive_partitioning(tmp_path: Path):
    _commit(tmp_path, [_fact("f1", 2023), _fact("f3", None)])
    rows = duckdb.sql(
        f"SELECT fact_id, published_year, typeof(amount) FROM read_parquet("
        f"'{tmp_path}/facts/**/*.parquet', hive_partitioning=true) ORDER BY fact_id"
    ).fetchall()
    assert rows == [("f1", 2023, "DECIMAL(38,2)"), ("f3", None, "DECIMAL(38,2)")]


def test_write_atomic_leaves_no_temporary_file(tmp_path: Path):
    target = tmp_path / "t" / "data.parquet"
    write_atomic(table_from_rows([_fact("f1", 2023)], FACTS), target)
    assert [p.name for p in target.parent.iterdir()] == ["data.parquet"]
