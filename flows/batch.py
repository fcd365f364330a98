"""The work of one extraction task: inbox files in, validated rows staged as Parquet.

Wiring only: reading is `warehouse.inbox`, decoding and extraction are
`transforms`, the checks are `schemas`, staging is `warehouse.parquet_store`.
Every file ends as an article row or a reject row; nothing here raises for bad input,
and an article the extractor fails on becomes an `extract_error` reject (with the
exception) instead of failing the batch, so one such file cannot block the inbox.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pandera.pandas as pandera
import pyarrow as pa

from fundwire.flows.outcomes import BatchReport, ledger_row, reject_row, rows_table
from fundwire.schemas.articles import ArticleSchema
from fundwire.schemas.facts import FactSchema
from fundwire.schemas.validate import split_valid
from fundwire.transforms.decode import DecodeError, decode_article
from fundwire.transforms.extract import extract_facts
from fundwire.transforms.rows import article_row, fact_rows, stable_id
from fundwire.warehouse.inbox import NewFile, Skipped, content_hash
from fundwire.warehouse.parquet_store import stage_batch
from fundwire.warehouse.tables import ARTICLES, FACTS, REJECTS, TableSpec


def process_files(files: list[NewFile], staging: Path, batch_no: int, run_id: str) -> BatchReport:
    """Read, decode, extract and validate a batch of new files; stage the resulting rows."""
    report = BatchReport()
    articles: list[dict] = []
    facts: list[dict] = []
    rejects: list[dict] = []
    for new in files:
        file = new.file
        try:
            data = file.path.read_bytes()
        except OSError as exc:
            _add_reject(
                Skipped(file, "unreadable", str(exc), stage="read"), run_id, rejects, report
            )
            continue
        if content_hash(data) != new.content_hash:
            report.changed_while_reading.append(file.rel)  # still being written: next run
            continue
        try:
            article = decode_article(data, file.rel)
        except DecodeError as exc:
            skipped = Skipped(file, exc.reason, str(exc), new.content_hash, "decode")
            _add_reject(skipped, run_id, rejects, report)
            continue
        try:
            rows = fact_rows(article, new.content_hash, extract_facts(article))
        except Exception as exc:  # an extractor bug must not block the inbox
            detail = f"extraction failed: {type(exc).__name__}: {exc}"
            skipped = Skipped(file, "extract_error", detail, new.content_hash, "extract")
            _add_reject(skipped, run_id, rejects, report)
            continue
        facts.extend(rows)
        articles.append(article_row(article, new.content_hash, file.rel, file.size, len(rows)))
        report.ledger_rows.append(ledger_row(file, new.content_hash, "article", run_id))

    for row in articles:
        row["run_id"] = run_id
    facts = _keep_valid(facts, FACTS, FactSchema, "fact", run_id, rejects)
    articles = _keep_valid(articles, ARTICLES, ArticleSchema, "article", run_id, rejects)

    stage_batch(staging, FACTS, rows_table(facts, FACTS), batch_no)
    stage_batch(staging, ARTICLES, rows_table(articles, ARTICLES), batch_no)
    stage_batch(staging, REJECTS, rows_table(rejects, REJECTS), batch_no)
    report.articles = len(articles)
    report.facts_by_kind.update(row["kind"] for row in facts)
    report.rejects_by_reason.update(row["reason"] for row in rejects)
    return report


# A made-up article that yields facts: what `warm_up` runs through the whole batch path.
_WARM_UP_ARTICLE = (
    b"---\ntitle: Example Robotics raises $20 million\npublished: 2024-03-01\n---\n"
    b"Example Robotics raised $20 million in a Series A round led by Example Capital.\n"
)


def warm_up() -> None:
    """Pay once what the first batch of every worker would: Pandera builds its schemas and
    imports its backends on first use (~1 s), the extractor loads its name tables. The
    worker processes' fork server calls this, so each worker forks ready."""
    article = decode_article(_WARM_UP_ARTICLE, "warm-up.md")
    facts = fact_rows(article, "0" * 32, extract_facts(article))
    articles = [article_row(article, "0" * 32, "warm-up.md", len(_WARM_UP_ARTICLE), len(facts))]
    articles[0]["run_id"] = "warm-up"
    rejects: list[dict] = []
    _keep_valid(facts, FACTS, FactSchema, "fact", "warm-up", rejects)
    _keep_valid(articles, ARTICLES, ArticleSchema, "article", "warm-up", rejects)
    if not facts or rejects:
        raise RuntimeError(f"the warm-up article gave {len(facts)} facts, rejects {rejects}")


def _add_reject(skipped: Skipped, run_id: str, rejects: list[dict], report: BatchReport) -> None:
    """A whole file becomes a reject row, and the ledger records it as settled."""
    rejects.append(reject_row(skipped, run_id))
    report.ledger_rows.append(ledger_row(skipped.file, skipped.content_hash, "reject", run_id))


def _keep_valid(
    rows: list[dict],
    spec: TableSpec,
    schema: type[pandera.DataFrameModel],
    what: str,
    run_id: str,
    rejects: list[dict],
) -> list[dict]:
    """The rows that pass `schema`; each failing row becomes a reject row naming its checks."""
    failed = split_valid(_frame(rows, spec), schema)
    rejects.extend(_row_reject(rows[i], what, checks, run_id) for i, checks in failed.items())
    return [row for i, row in enumerate(rows) if i not in failed]


def _row_reject(row: dict, what: str, checks: list[str], run_id: str) -> dict:
    """A reject row for a fact or article row that failed its schema checks."""
    return {
        "reject_id": stable_id(row.get("fact_id", row["article_id"]), f"{what}_failed_checks"),
        "file_name": row["file_name"],
        "path": row.get("path", row["file_name"]),
        "article_id": row["article_id"],
        "stage": "validate",
        "reason": f"{what}_failed_checks",
        "detail": "; ".join(checks),
        "failed_check": checks[0],
        "row_json": json.dumps(row, default=str, ensure_ascii=False),
        "run_id": run_id,
    }


def _frame(rows: list[dict], spec: TableSpec) -> pd.DataFrame:
    """Rows as the pandas frame the Pandera model checks (nullable booleans, int64 counts)."""
    frame = pd.DataFrame(rows, columns=[f.name for f in spec.schema])
    for f in spec.schema:
        if pa.types.is_boolean(f.type):
            frame[f.name] = frame[f.name].astype("boolean")
        elif pa.types.is_integer(f.type) and f.name not in spec.partition_by:
            frame[f.name] = frame[f.name].astype("int64")
    return frame
