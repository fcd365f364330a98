"""The DuckDB file: views over the Parquet tables, rebuilt beside the live file and swapped in.

DuckDB locks a file against every other process while one writes it, so
fundwire never writes the live file: it builds a new one and renames it over
the old. A BI tool holding the old file open keeps reading the old views until
it reconnects; a run never waits for it. Views read Parquet through absolute
paths, so the file works from any working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from fundwire.warehouse.errors import WarehouseError
from fundwire.warehouse.tables import DERIVED_TABLES, INGESTED_TABLES
from fundwire.warehouse.views import build_views

DATABASE_NAME = "fundwire.duckdb"


def database_path(warehouse: Path) -> Path:
    return warehouse / DATABASE_NAME


def parquet_globs(warehouse: Path) -> dict[str, str]:
    """raw_<table> view name → absolute glob of the table's Parquet files."""
    root = warehouse.absolute()
    if any(char in str(root) for char in "*?[]{}"):
        raise WarehouseError(f"warehouse path {root} contains a glob character (*?[]{{}})")
    return {
        f"raw_{spec.name}": str(root / spec.name / ("*/" * len(spec.partition_by)) / "*.parquet")
        for spec in (*INGESTED_TABLES, *DERIVED_TABLES)
    }


def build_database(warehouse: Path) -> Path:
    """Write a fresh fundwire.duckdb with every view, then swap it in atomically."""
    final = database_path(warehouse)
    tmp = warehouse / f".{DATABASE_NAME}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        build_views(con, parquet_globs(warehouse))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, final)
    return final


def query_warehouse(warehouse: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run one query read-only; column names and rows."""
    path = database_path(warehouse)
    if not path.exists():
        raise WarehouseError(f"no warehouse at {warehouse} (run `fundwire run` first)")
    try:
        con = duckdb.connect(str(path), read_only=True)
        _confine(con, warehouse)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open {path}: {_first_line(exc)}") from exc
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()
    except duckdb.Error as exc:
        raise WarehouseError(f"query failed: {_first_line(exc)}") from exc
    finally:
        con.close()


def _confine(con: duckdb.DuckDBPyConnection, warehouse: Path) -> None:
    """An ad hoc query may read the warehouse and nothing else, and write nothing."""
    con.execute("SET allowed_directories = [?]", [f"{warehouse.resolve()}/"])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
