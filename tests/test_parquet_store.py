"""Atomic partition writes: merge by key, idempotent commits, readable by DuckDB with hive types."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from fundwire.warehouse.parquet_store import (
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


def _commit(warehouse: Path, rows: list[dict], batch: int = 1) -> list[str]:
    staging = warehouse / "_staging" / "run"
    stage_batch(staging, FACTS, table_from_rows(rows, FACTS), batch)
    rewritten = commit_staged(warehouse, staging, FACTS)
    clear_staging(warehouse)
    return rewritten


def test_commit_writes_one_file_per_partition_with_nulls_in_default_partition(tmp_path: Path):
    rewritten = _commit(tmp_path, [_fact("f1", 2023), _fact("f2", 2024), _fact("f3", None)])
    assert rewritten == [
        "facts/published_year=2023/published_month=5",
        "facts/published_year=2024/published_month=5",
        "facts/published_year=__HIVE_DEFAULT_PARTITION__/published_month=__HIVE_DEFAULT_PARTITION__",
    ]
    assert len(list((tmp_path / "facts").rglob("*.parquet"))) == 3


def test_recommit_is_idempotent_and_touches_only_changed_partitions(tmp_path: Path):
    _commit(tmp_path, [_fact("f1", 2023), _fact("f2", 2024)])
    before = (tmp_path / "facts/published_year=2024/published_month=5/data.parquet").stat()
    assert _commit(tmp_path, [_fact("f1", 2023, "200.00")]) == [
        "facts/published_year=2023/published_month=5"
    ]
    after = (tmp_path / "facts/published_year=2024/published_month=5/data.parquet").stat()
    assert before.st_mtime_ns == after.st_mtime_ns
    table = read_table(tmp_path, FACTS).sort_by("fact_id").to_pylist()
    assert [(r["fact_id"], r["amount"]) for r in table] == [
        ("f1", Decimal("200.00")),
        ("f2", Decimal("100.00")),
    ]


def test_money_is_decimal_and_dates_are_dates_in_the_files(tmp_path: Path):
    _commit(tmp_path, [_fact("f1", 2023)])
    schema = pq.read_schema(next((tmp_path / "facts").rglob("data.parquet")))
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
