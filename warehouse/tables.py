"""The Parquet tables of the warehouse: their Arrow types, keys and partitioning.

Money is DECIMAL(38, 2), dates are DATE, strings are dictionary-encoded by the
Parquet writer: BI tools and Spark read the same types DuckDB does.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

MONEY = pa.decimal128(38, 2)
PUBLISHED_PARTITION = ("published_year", "published_month")


@dataclass(frozen=True)
class TableSpec:
    """A warehouse table: its folder name, row key and hive partition columns."""

    name: str
    schema: pa.Schema
    key: str
    partition_by: tuple[str, ...] = ()

    @property
    def data_schema(self) -> pa.Schema:
        """The columns stored inside the files (partition columns live in folder names)."""
        return pa.schema([f for f in self.schema if f.name not in self.partition_by])


ARTICLES = TableSpec(
    name="articles",
    key="article_id",
    partition_by=PUBLISHED_PARTITION,
    schema=pa.schema(
        [
            ("article_id", pa.string()),
            ("file_name", pa.string()),
            ("path", pa.string()),
            ("format", pa.string()),
            ("encoding", pa.string()),
            ("lang", pa.string()),
            ("title", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("published", pa.date32()),
            ("published_source", pa.string()),
            ("size_bytes", pa.int64()),
            ("text_chars", pa.int32()),
            ("fact_count", pa.int32()),
            ("run_id", pa.string()),
            ("ingested_at", pa.timestamp("us", tz="UTC")),
            ("published_year", pa.int32()),
            ("published_month", pa.int32()),
        ]
    ),
)

FACTS = TableSpec(
    name="facts",
    key="fact_id",
    partition_by=PUBLISHED_PARTITION,
    schema=pa.schema(
        [
            ("fact_id", pa.string()),
            ("article_id", pa.string()),
            ("file_name", pa.string()),
            ("kind", pa.string()),
            ("investee", pa.string()),
            ("investor", pa.string()),
            ("lead", pa.bool_()),
            ("amount", MONEY),
            ("currency", pa.string()),
            ("qualifier", pa.string()),
            ("round", pa.string()),
            ("status", pa.string()),
            ("date", pa.string()),
            ("date_precision", pa.string()),
            ("date_start", pa.date32()),
            ("published", pa.date32()),
            ("evidence", pa.string()),
            ("evidence_start", pa.int32()),
            ("evidence_end", pa.int32()),
            ("published_year", pa.int32()),
            ("published_month", pa.int32()),
        ]
    ),
)

REJECTS = TableSpec(
    name="rejects",
    key="reject_id",
    partition_by=("stage",),
    schema=pa.schema(
        [
            ("reject_id", pa.string()),
            ("file_name", pa.string()),
            ("path", pa.string()),
            ("article_id", pa.string()),
            ("reason", pa.string()),
            ("detail", pa.string()),
            ("failed_check", pa.string()),
            ("row_json", pa.string()),
            ("run_id", pa.string()),
            ("rejected_at", pa.timestamp("us", tz="UTC")),
            ("stage", pa.string()),
        ]
    ),
)

INGESTED_TABLES = (FACTS, REJECTS, ARTICLES)  # commit order: articles last marks a file done

DEALS = TableSpec(
    name="deals",
    key="deal_id",
    schema=pa.schema(
        [
            ("deal_id", pa.string()),
            ("kind", pa.string()),
            ("investee", pa.string()),
            ("investor", pa.string()),
            ("lead", pa.bool_()),
            ("amount", MONEY),
            ("currency", pa.string()),
            ("qualifier", pa.string()),
            ("amount_min", MONEY),
            ("amount_max", MONEY),
            ("conflict", pa.bool_()),
            ("amount_fact_id", pa.string()),
            ("date", pa.string()),
            ("date_precision", pa.string()),
            ("date_start", pa.date32()),
            ("first_reported", pa.date32()),
            ("last_reported", pa.date32()),
            ("round", pa.string()),
            ("status", pa.string()),
            ("source_count", pa.int32()),
            ("article_count", pa.int32()),
            ("round_deal_id", pa.string()),
        ]
    ),
)

DEAL_SOURCES = TableSpec(
    name="deal_sources",
    key="fact_id",
    schema=pa.schema(
        [
            ("deal_id", pa.string()),
            ("fact_id", pa.string()),
            ("article_id", pa.string()),
        ]
    ),
)


FX_RATES = TableSpec(
    name="fx_rates",
    key="fx_row_id",
    schema=pa.schema(
        [
            ("fx_row_id", pa.string()),
            ("fx_key", pa.string()),
            ("currency", pa.string()),
            ("date", pa.string()),
            ("published", pa.date32()),
            ("base_currency", pa.string()),
            ("rate", pa.decimal128(24, 14)),
            ("rate_date", pa.date32()),
            ("rate_period", pa.string()),
            ("rate_days", pa.int32()),
            ("method", pa.string()),
            ("source", pa.string()),
            ("reason", pa.string()),
        ]
    ),
)

DERIVED_TABLES = (DEALS, DEAL_SOURCES, FX_RATES)


def table_from_rows(rows: list[dict], spec: TableSpec) -> pa.Table:
    """Row dicts as an Arrow table of the spec's types; a column a row lacks is null."""
    return pa.table(
        {f.name: pa.array([row.get(f.name) for row in rows], type=f.type) for f in spec.schema},
        schema=spec.schema,
    )
