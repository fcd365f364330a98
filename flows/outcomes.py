"""What an extraction batch reports, and the rows that record what became of a file.

Light on purpose (no pandas, pandera or extraction code): the flow imports it on every
run, including runs that find nothing new.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from fundwire.transforms.rows import stable_id
from fundwire.warehouse.inbox import InboxFile, Skipped
from fundwire.warehouse.tables import TableSpec, table_from_rows


@dataclass
class BatchReport:
    """Counts of one batch, and the ledger rows of the files it settled."""

    articles: int = 0
    facts_by_kind: Counter = field(default_factory=Counter)
    rejects_by_reason: Counter = field(default_factory=Counter)
    ledger_rows: list[dict] = field(default_factory=list)
    changed_while_reading: list[str] = field(default_factory=list)

    def add(self, other: BatchReport) -> None:
        self.articles += other.articles
        self.facts_by_kind.update(other.facts_by_kind)
        self.rejects_by_reason.update(other.rejects_by_reason)
        self.ledger_rows.extend(other.ledger_rows)
        self.changed_while_reading.extend(other.changed_while_reading)


def reject_row(skipped: Skipped, run_id: str) -> dict:
    """A reject row for a whole file; its id is stable so re-runs do not duplicate it."""
    return {
        "reject_id": stable_id(skipped.file.rel, skipped.reason, skipped.content_hash),
        "file_name": Path(skipped.file.rel).name,
        "path": skipped.file.rel,
        "article_id": skipped.content_hash,
        "stage": skipped.stage,
        "reason": skipped.reason,
        "detail": skipped.detail,
        "failed_check": None,
        "row_json": None,
        "run_id": run_id,
    }


def ledger_row(file: InboxFile, content_hash: str | None, outcome: str, run_id: str) -> dict:
    """The ledger's memory of a settled file: stat to skip it next time, hash to spot copies."""
    return {
        "path": file.rel,
        "size_bytes": file.size,
        "mtime_ns": file.mtime_ns,
        "content_hash": content_hash,
        "outcome": outcome,
        "run_id": run_id,
    }


def rows_table(rows: list[dict], spec: TableSpec) -> pa.Table:
    """Row dicts as an Arrow table of the warehouse types, stamped with the current time."""
    now = datetime.now(UTC)
    return table_from_rows([{"ingested_at": now, "rejected_at": now, **r} for r in rows], spec)
