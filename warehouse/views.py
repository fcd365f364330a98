"""The DuckDB views: raw_* views over the Parquet tables, then every warehouse/sql/*.sql file.

The SQL files are staged like dbt (cleaned facts -> deals -> marts) and run in
file-name order; they reference only the raw_* views and each other, so the
same files work on the real warehouse and on a test fixture.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

import duckdb

RAW_VIEWS = (
    "raw_articles",
    "raw_facts",
    "raw_rejects",
    "raw_deals",
    "raw_deal_sources",
    "raw_fx_rates",
)


def sql_files() -> list[Traversable]:
    """The view definitions, in the order they must run."""
    folder = files("fundwire.warehouse") / "sql"
    return sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)


def build_views(con: duckdb.DuckDBPyConnection, tables: dict[str, str]) -> None:
    """Create the raw_* views over absolute Parquet globs, then run the SQL files in order.

    DuckDB cannot bind parameters inside CREATE VIEW, so view names are checked
    against RAW_VIEWS and each glob is embedded as an escaped string literal.
    """
    missing = set(RAW_VIEWS) - set(tables)
    unknown = set(tables) - set(RAW_VIEWS)
    if missing or unknown:
        raise ValueError(f"raw views: missing {sorted(missing)}, unknown {sorted(unknown)}")
    for name in RAW_VIEWS:
        con.execute(
            f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet("
            f"{_string_literal(tables[name])}, hive_partitioning = true, union_by_name = true)"
        )
    for sql_file in sql_files():
        con.execute(sql_file.read_text(encoding="utf-8"))


def _string_literal(value: str) -> str:
    if "\x00" in value:
        raise ValueError("a Parquet glob cannot contain a NUL character")
    return "'" + value.replace("'", "''") + "'"
