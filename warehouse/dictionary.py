"""The data dictionary page (docs/data-dictionary.md), rendered from the COMMENT ONs.

The comments in warehouse/sql/*.sql are the single source: BI tools show them,
and this page repeats them for readers without a database at hand.
"""

from __future__ import annotations

import sys

import duckdb

HEADER = """# fundwire data dictionary

Generated from the `COMMENT ON` statements in `warehouse/sql/*.sql`; do not edit by
hand. Regenerate with `FUNDWIRE_UPDATE_DICTIONARY=1 pytest tests/test_views.py` (which
also checks it is current) or `python -m fundwire.warehouse.dictionary <warehouse>/fundwire.duckdb`.
The `raw_*` views are the Parquet tables as written; the views below are built on them.
Those marked *table* are materialised each time a run rebuilds the file (the marts
read by dashboards, so that they answer in well under a second); the others are views,
computed when queried.
"""


def render_data_dictionary(con: duckdb.DuckDBPyConnection) -> str:
    """Markdown: one section per commented view or table, one table row per column."""
    relations = con.execute(
        "SELECT name, kind, comment FROM ("
        " SELECT view_name AS name, 'view' AS kind, comment FROM duckdb_views() WHERE NOT internal"
        " UNION ALL"
        " SELECT table_name, 'table', comment FROM duckdb_tables() WHERE NOT internal"
        ") WHERE comment IS NOT NULL ORDER BY name"
    ).fetchall()
    parts = [HEADER]
    for name, kind, comment in relations:
        columns = con.execute(
            "SELECT column_name, data_type, coalesce(comment, '') FROM duckdb_columns() "
            "WHERE table_name = ? ORDER BY column_index",
            [name],
        ).fetchall()
        rows = "\n".join(
            f"| `{column}` | {data_type} | {_cell(text)} |" for column, data_type, text in columns
        )
        parts.append(
            f"## `{name}` ({kind})\n\n{comment}\n\n"
            f"| column | type | meaning |\n|---|---|---|\n{rows}\n"
        )
    return "\n".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main() -> None:
    """Print the dictionary of the warehouse database given as the only argument."""
    con = duckdb.connect(sys.argv[1], read_only=True)
    try:
        sys.stdout.write(render_data_dictionary(con))
    finally:
        con.close()


if __name__ == "__main__":
    main()
