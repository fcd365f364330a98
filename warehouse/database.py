"""The DuckDB file: views over the Parquet tables, rebuilt beside the live file and swapped in.

DuckDB locks a file against every other process while one writes it, so
fundwire never writes the live file: it builds a new one and renames it over
the old. A BI tool holding the old file open keeps reading the old views until
it reconnects; a run never waits for it. Views read Parquet through absolute
paths or URLs, so the file works from any working directory.

DuckDB writes only local files: with the warehouse on an object store, the file
lives in a local folder (`database_path`) and its views name `s3://…` Parquet, which
every connection opened here can read (`storage.duckdb_reads`).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from fundwire.warehouse.errors import WarehouseError
from fundwire.warehouse.storage import Location, Where, duckdb_reads, location
from fundwire.warehouse.tables import DERIVED_TABLES, INGESTED_TABLES
from fundwire.warehouse.views import build_views

DATABASE_NAME = "fundwire.duckdb"
REMOTE_DATABASES = Path("data")  # object-store warehouses: data/<scheme>/<bucket>/<prefix>/


def database_path(warehouse: Where, database: str | os.PathLike[str] | None = None) -> Path:
    """The DuckDB file: `database` when given, else inside a local warehouse, else (for an
    object store, where DuckDB cannot write) under ./data/ named after the warehouse URL."""
    if database is not None:
        return Path(database).absolute()
    warehouse = location(warehouse)
    if warehouse.is_local:
        return warehouse.local / DATABASE_NAME
    return (REMOTE_DATABASES / warehouse.scheme / warehouse.path / DATABASE_NAME).absolute()


def local_state(warehouse: Where, database: Path) -> Path:
    """The local folder of a warehouse's run lock and served Prefect state: the warehouse
    itself on local disk, else the DuckDB file's folder (an object store cannot flock)."""
    warehouse = location(warehouse)
    return warehouse.local if warehouse.is_local else database.parent


def parquet_globs(warehouse: Where) -> dict[str, str]:
    """raw_<table> view name → absolute glob (or URL) of the table's Parquet files."""
    root = location(warehouse).url
    if any(char in root for char in "*?[]{}"):
        raise WarehouseError(f"warehouse path {root} contains a glob character (*?[]{{}})")
    return {
        f"raw_{spec.name}": f"{root}/{spec.name}/{'*/' * len(spec.partition_by)}*.parquet"
        for spec in (*INGESTED_TABLES, *DERIVED_TABLES)
    }


def build_database(warehouse: Where, database: str | os.PathLike[str] | None = None) -> Path:
    """Write a fresh fundwire.duckdb with every view, then swap it in atomically."""
    final = database_path(warehouse, database)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".{final.name}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        duckdb_reads(con, location(warehouse))
        build_views(con, parquet_globs(warehouse))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, final)
    return final


def open_database(
    warehouse: Where, database: str | os.PathLike[str] | None = None
) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse's DuckDB file that can read its Parquet."""
    path = database_path(warehouse, database)
    if not path.exists():
        raise WarehouseError(f"no warehouse at {warehouse} (run `fundwire run` first)")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open {path}: {_first_line(exc)}") from exc
    try:
        duckdb_reads(con, location(warehouse))
    except BaseException:
        con.close()
        raise
    return con


def query_warehouse(
    warehouse: Where, sql: str, database: str | os.PathLike[str] | None = None
) -> tuple[list[str], list[tuple]]:
    """Run one query read-only; column names and rows."""
    con = open_database(warehouse, database)
    try:
        _confine(con, location(warehouse))
    except duckdb.Error as exc:
        con.close()
        raise WarehouseError(f"cannot open {warehouse}: {_first_line(exc)}") from exc
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()
    except duckdb.Error as exc:
        raise WarehouseError(f"query failed: {_first_line(exc)}") from exc
    finally:
        con.close()


def _confine(con: duckdb.DuckDBPyConnection, warehouse: Location) -> None:
    """An ad hoc query may read the warehouse and nothing else, and write nothing."""
    root = warehouse.local.resolve() if warehouse.is_local else warehouse.url
    con.execute("SET allowed_directories = [?]", [f"{root}/"])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
