"""The data dictionary page (docs/data-dictionary.md), rendered from the views' COMMENT ONs.

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
"""


def render_data_dictionary(con: duckdb.DuckDBPyConnection) -> str:
    """Markdown: one section per commented view, one table row per column."""
    views = con.execute(
        "SELECT view_name, comment FROM duckdb_views() "
        "WHERE NOT internal AND comment IS NOT NULL ORDER BY view_name"
    ).fetchall()
    parts = [HEADER]
    for view_name, comment in views:
        columns = con.execute(
            "SELECT column_name, data_type, coalesce(comment, '') FROM duckdb_columns() "
            "WHERE table_name = ? ORDER BY column_index",
            [view_name],
        ).fetchall()
        rows = "\n".join(
            f"| `{name}` | {data_type} | {_cell(text)} |" for name, data_type, text in columns
        )
        parts.append(
            f"## `{view_name}`\n\n{comment}\n\n| column | type | meaning |\n|---|---|---|\n{rows}\n"
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
