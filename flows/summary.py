"""What a run did, as one record and as the table printed at the end of `fundwire run`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from fundwire.warehouse.database import open_database
from fundwire.warehouse.storage import Location

EXAMPLE_QUERY = "SELECT * FROM investor_totals ORDER BY total_usd DESC NULLS LAST LIMIT 5"


@dataclass
class RunSummary:
    run_id: str
    inbox: Location
    warehouse: Location
    database: Path
    new_files: int = 0
    unchanged_files: int = 0
    deferred_files: list[str] = field(default_factory=list)
    articles: int = 0
    duplicates: int = 0
    facts_by_kind: Counter = field(default_factory=Counter)
    rejects_by_reason: Counter = field(default_factory=Counter)
    partitions_rewritten: list[str] = field(default_factory=list)  # given a new file by this run
    deals: int = 0
    deals_touched: int | None = None  # deals with a report from this run's articles
    unconverted: int = 0
    seconds: float = 0.0
    locked: str | None = None  # why the run was skipped: another run held the warehouse
    task_runner: str = "threads"

    @property
    def facts(self) -> int:
        return sum(self.facts_by_kind.values())

    @property
    def rejected_files(self) -> int:
        """Files (not single facts) that became reject rows, copies of known articles excluded."""
        return sum(
            n
            for r, n in self.rejects_by_reason.items()
            if not r.endswith("_failed_checks") and r != "duplicate_content"
        )

    @property
    def nothing_new(self) -> bool:
        return self.new_files == 0

    def one_line(self) -> str:
        return (
            f"{self.articles} articles, {self.facts} facts, {self.deals} deals, "
            f"{sum(self.rejects_by_reason.values())} rejects"
        )


def print_summary(summary: RunSummary, console: Console) -> None:
    """The end-of-run report: what was read, what came out, where it is, how to look."""
    if summary.locked:
        console.print(f"Skipped: {summary.locked}")
        return
    if summary.nothing_new:
        console.print(
            f"Nothing new in {summary.inbox} ({summary.unchanged_files} files already ingested): "
            "the warehouse is unchanged."
        )
        _print_deferred(summary, console)
        return
    table = Table(title=f"fundwire run {summary.run_id}", show_header=False)
    table.add_row("new files", str(summary.new_files))
    table.add_row("articles ingested", str(summary.articles))
    table.add_row("copies of known articles", str(summary.duplicates))
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(summary.facts_by_kind.items())) or "-"
    table.add_row("facts", f"{summary.facts} ({kinds})")
    touched = "" if summary.deals_touched is None else f"{summary.deals_touched} touched, "
    table.add_row("deals", f"{touched}{summary.deals} in warehouse")
    rejects = ", ".join(f"{r} {n}" for r, n in sorted(summary.rejects_by_reason.items())) or "-"
    table.add_row("rejects", f"{sum(summary.rejects_by_reason.values())} ({rejects})")
    if summary.unconverted:
        table.add_row("amounts without FX rate", str(summary.unconverted))
    table.add_row("partitions touched", str(len(summary.partitions_rewritten)))
    table.add_row("duration", f"{summary.seconds:.1f} s ({summary.task_runner})")
    table.add_row("warehouse", str(summary.warehouse))
    console.print(table)
    _print_deferred(summary, console)
    database = "" if summary.warehouse.is_local else f" --database {summary.database}"
    console.print(
        f'Query it:  fundwire sql "{EXAMPLE_QUERY}" --warehouse {summary.warehouse}{database}'
    )
    console.print(
        f'       or: duckdb {summary.database} -c "FROM investor_totals"'
        + ("" if summary.warehouse.is_local else "  (with httpfs: docs/operations.md)")
    )


def count_deals_touched(summary: RunSummary) -> int:
    """Deals that have at least one report from the articles this run ingested."""
    con = open_database(summary.warehouse, summary.database)
    try:
        return con.execute(
            "SELECT count(DISTINCT sources.deal_id) FROM raw_deal_sources AS sources "
            "JOIN raw_articles AS articles USING (article_id) WHERE articles.run_id = ?",
            [summary.run_id],
        ).fetchone()[0]
    finally:
        con.close()


def _print_deferred(summary: RunSummary, console: Console) -> None:
    if summary.deferred_files:
        console.print(
            f"{len(summary.deferred_files)} file(s) still being written, left for the next run: "
            + ", ".join(summary.deferred_files[:5])
        )
