"""The `fundwire` command line: run the flow, extract facts from files, query the warehouse."""

from __future__ import annotations

import json
import os
import sys
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from fundwire.flows.settings import DEFAULT_INBOX, DEFAULT_WAREHOUSE, ExitCode, FundwireError
from fundwire.flows.task_runners import RunnerKind
from fundwire.transforms.fx import DEFAULT_BASE_CURRENCY
from fundwire.transforms.records import FACT_FIELDS
from fundwire.warehouse.errors import WarehouseError

DEFAULT_CRON = "*/15 * * * *"

app = typer.Typer(
    name="fundwire",
    help="Funding news (English and Chinese) to a Parquet + DuckDB warehouse.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class FactFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


BaseCurrencyOption = Annotated[
    str, typer.Option("--base-currency", help="Second currency of converted figures.")
]
BatchSizeOption = Annotated[int, typer.Option(min=1, help="Articles per extraction task.")]
InboxOption = Annotated[
    str, typer.Option("--inbox", help="Folder or URL (s3://bucket/prefix) of article files.")
]
WarehouseOption = Annotated[
    str,
    typer.Option("--warehouse", help="Folder or URL (s3://bucket/prefix) of the Parquet tables."),
]
DatabaseOption = Annotated[
    Path | None,
    typer.Option(
        "--database",
        envvar="FUNDWIRE_DATABASE",
        help="The local DuckDB file of views (default: WAREHOUSE/fundwire.duckdb; for a "
        "URL warehouse ./data/<scheme>/<bucket>/<prefix>/fundwire.duckdb).",
    ),
]


@app.command()
def run(
    inbox: InboxOption = DEFAULT_INBOX,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    base_currency: BaseCurrencyOption = DEFAULT_BASE_CURRENCY,
    batch_size: BatchSizeOption = 500,
    task_runner: Annotated[
        RunnerKind,
        typer.Option(
            "--task-runner",
            help="Where extraction batches run: worker processes (one per core), "
            "threads of the flow's process (one core), or Dask.",
        ),
    ] = RunnerKind.process,
    dask_address: Annotated[
        str | None,
        typer.Option(
            "--dask-address",
            help="Scheduler of a running Dask cluster (tcp://host:8786); "
            "default: a local cluster started for the run.",
        ),
    ] = None,
    dask_workers: Annotated[
        int | None,
        typer.Option("--dask-workers", min=1, help="Local Dask workers (default: 1 per core)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors.")] = False,
    database: DatabaseOption = None,
) -> None:
    """Ingest the new files of INBOX into WAREHOUSE (one Prefect flow run)."""
    _check_inbox(inbox)
    if dask_address and task_runner is not RunnerKind.dask:
        raise FundwireError("--dask-address needs --task-runner dask", ExitCode.USAGE)
    from fundwire.flows.early_server import early_prefect_server

    with early_prefect_server() as server:  # it comes up while Prefect and the flow load
        from fundwire.flows.pipeline import run_pipeline
        from fundwire.flows.progress import ProgressBar, RunProgress

        server.wait_ready()
        console = Console(stderr=True)
        show_bar = not quiet and console.is_terminal
        with ProgressBar(console) if show_bar else nullcontext(RunProgress()) as progress:
            summary = run_pipeline(
                inbox=inbox,
                warehouse=warehouse,
                base_currency=base_currency,
                batch_size=batch_size,
                task_runner=task_runner,
                dask_address=dask_address,
                dask_workers=dask_workers,
                progress=progress,
                database=database,
            )
    from fundwire.flows.summary import print_summary

    if summary.locked:
        raise FundwireError(summary.locked, ExitCode.LOCKED)
    if not quiet:
        print_summary(summary, Console())
    if summary.rejected_files:
        raise typer.Exit(ExitCode.SOME_REJECTED)


@app.command()
def serve(
    cron: Annotated[
        str | None,
        typer.Option("--cron", help='When runs fire, as cron (default "*/15 * * * *").'),
    ] = None,
    interval: Annotated[
        float | None,
        typer.Option("--interval", min=1, help="Instead of --cron: a run every N seconds."),
    ] = None,
    inbox: InboxOption = DEFAULT_INBOX,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    base_currency: BaseCurrencyOption = DEFAULT_BASE_CURRENCY,
    batch_size: BatchSizeOption = 500,
    name: Annotated[str, typer.Option("--name", help="Name of the Prefect deployment.")] = (
        "fundwire"
    ),
    log_level: Annotated[
        str, typer.Option("--log-level", help="Level of the Prefect logs of the served runs.")
    ] = "INFO",
    database: DatabaseOption = None,
) -> None:
    """Run the flow on a schedule until Ctrl-C or SIGTERM (starts a Prefect server if needed)."""
    _check_inbox(inbox)
    if cron and interval:
        raise FundwireError("give --cron or --interval, not both", ExitCode.USAGE)
    os.environ["PREFECT_LOGGING_LEVEL"] = log_level.upper()  # read when Prefect is imported
    from fundwire.flows.serve import Schedule, serve_ingest

    schedule = Schedule(interval=interval) if interval else Schedule(cron=cron or DEFAULT_CRON)
    serve_ingest(
        inbox,
        warehouse,
        schedule,
        name=name,
        base_currency=base_currency,
        batch_size=batch_size,
        echo=lambda line: Console(stderr=True).print(line, highlight=False, soft_wrap=True),
        database=database,
    )


@app.command()
def report(
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    out: Annotated[Path, typer.Option("--out", help="Where to write the page.")] = Path(
        "report.html"
    ),
    database: DatabaseOption = None,
) -> None:
    """Write one self-contained HTML page of charts about the warehouse (opens offline)."""
    from fundwire.flows.report import write_report

    path = write_report(warehouse, out, database)
    Console(stderr=True).print(f"Report written to {path}", highlight=False)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files to read.")],
    fmt: Annotated[FactFormat, typer.Option("--format", help="Output format.")] = FactFormat.jsonl,
) -> None:
    """Print the funding facts of article files, without touching any warehouse."""
    from fundwire.transforms.decode import DecodeError, decode_article
    from fundwire.transforms.extract import extract_facts

    rows: list[dict[str, object]] = []
    failed = 0
    for path in paths:
        try:
            article = decode_article(path.read_bytes(), path.name)
        except (OSError, DecodeError) as exc:
            sys.stderr.write(f"fundwire: skipped {path}: {exc}\n")
            failed += 1
            continue
        rows.extend({"article": path.name, **fact.as_json()} for fact in extract_facts(article))
    if fmt is FactFormat.jsonl:
        out = sys.stdout
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        columns = ["article", *FACT_FIELDS]
        _print_table(columns, [[row[c] for c in columns] for row in rows])
    if failed:
        raise typer.Exit(ExitCode.SOME_REJECTED)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SQL query over the warehouse views.")],
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    fmt: Annotated[QueryFormat, typer.Option("--format", help="Output format.")] = (
        QueryFormat.table
    ),
    database: DatabaseOption = None,
) -> None:
    """Run a read-only SQL query on the warehouse and print the result."""
    from fundwire.warehouse.database import query_warehouse

    columns, rows = query_warehouse(warehouse, query, database)
    if fmt is QueryFormat.table:
        _print_table(columns, rows)
    elif fmt is QueryFormat.csv:
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row, strict=True)), default=str) + "\n")


def _check_inbox(inbox: str) -> None:
    """A local inbox must exist; a bucket prefix with no objects yet is an empty inbox."""
    from fundwire.warehouse.storage import location

    where = location(inbox)
    if where.is_local and not where.is_dir():
        raise FundwireError(f"inbox {inbox} does not exist or is not a folder", ExitCode.USAGE)


def _print_table(columns: list[str], rows: list[list[object]] | list[tuple[object, ...]]) -> None:
    """A table as wide as its data: values are never cut, the terminal wraps long lines."""
    cells = [["" if value is None else str(value) for value in row] for row in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    table = Table(*columns)
    for row in cells:
        table.add_row(*row)
    Console(width=max(80, sum(widths) + 3 * len(widths) + 1)).print(table)


def main() -> None:
    """Console-script entry point: known failures become one line and an exit code."""
    try:
        app()
    except (FundwireError, WarehouseError) as exc:
        sys.stderr.write(f"fundwire: error: {exc}\n")
        sys.exit(getattr(exc, "exit_code", ExitCode.FAILURE))
    except KeyboardInterrupt:
        sys.stderr.write("fundwire: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as exc:  # a bug, not bad input: still one line, traceback on request
        if os.environ.get("FUNDWIRE_DEBUG"):
            raise
        sys.stderr.write(
            f"fundwire: error: unexpected {type(exc).__name__}: {exc} "
            "(set FUNDWIRE_DEBUG=1 for the traceback)\n"
        )
        sys.exit(ExitCode.FAILURE)
