"""Inbox and warehouse on S3: the real flow against a local S3 server (moto on 127.0.0.1,
real HTTP), compared row for row with the same files run through local folders."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fundwire.flows.cli import app
from fundwire.flows.pipeline import run_pipeline
from fundwire.warehouse.database import open_database
from fundwire.warehouse.storage import Where

pytest.importorskip("moto.server", reason="moto[server] is not installed (pip install -e '.[dev]')")
import boto3  # installed with moto

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "seeds" / "inbox").iterdir())
FIRST, LATE = SAMPLES[:6], SAMPLES[6]  # English and Chinese; .txt, .json, .html
VOLATILE = {"run_id", "ingested_at", "rejected_at"}  # differ between runs by design
PARTITION_KEY = re.compile(
    r"wh/facts/published_year=\d{4}/published_month=\d{1,2}/part-[0-9a-f]+-[0-9a-f]+\.parquet"
)


@pytest.fixture(scope="module")
def local_reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    """Every view and table of a run over FIRST with inbox and warehouse on local disk."""
    root = tmp_path_factory.mktemp("local")
    (root / "inbox").mkdir()
    for sample in FIRST:
        shutil.copy(sample, root / "inbox" / sample.name)
    summary = run_pipeline(root / "inbox", root / "wh", settle_seconds=0)
    assert summary.articles == len(FIRST)
    return _contents(root / "wh")


def _contents(warehouse: Where, database: Path | None = None) -> dict[str, list[tuple]]:
    """Each view's and table's rows, sorted, without the columns that name the run."""
    con = open_database(warehouse, database)
    try:
        names = [
            row[0]
            for row in con.execute(
                "SELECT table_name FROM duckdb_tables() UNION "
                "SELECT view_name FROM duckdb_views() "
                "WHERE NOT internal"
            ).fetchall()
        ]
        contents = {}
        for name in names:
            columns = [d[0] for d in con.execute(f"SELECT * FROM {name} LIMIT 0").description]
            kept = ", ".join(f'"{c}"' for c in columns if c not in VOLATILE)
            contents[name] = con.execute(f"SELECT {kept} FROM {name} ORDER BY ALL").fetchall()
        return contents
    finally:
        con.close()


def _upload(bucket: str, prefix: str, files: list[Path]) -> None:
    client = boto3.client("s3")
    for path in files:
        client.put_object(Bucket=bucket, Key=f"{prefix}/{path.name}", Body=path.read_bytes())


def _objects(bucket: str, prefix: str) -> dict[str, str]:
    """Key → ETag of every object under the prefix."""
    pages = (
        boto3.client("s3").get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    )
    return {obj["Key"]: obj["ETag"] for page in pages for obj in page.get("Contents", [])}


def test_inbox_and_warehouse_on_s3(s3_bucket: str, local_reference: dict, tmp_path: Path) -> None:
    _upload(s3_bucket, "inbox", FIRST)
    boto3.client("s3").put_object(Bucket=s3_bucket, Key="inbox/upload.md.part", Body=b"half")
    inbox, warehouse = f"s3://{s3_bucket}/inbox", f"s3://{s3_bucket}/wh"
    database = tmp_path / "db" / "fundwire.duckdb"

    summary = run_pipeline(inbox, warehouse, settle_seconds=0, database=database)
    assert (summary.new_files, summary.articles) == (len(FIRST), len(FIRST))
    objects = _objects(s3_bucket, "wh/")
    facts = [key for key in objects if key.startswith("wh/facts/")]
    assert facts and all(PARTITION_KEY.fullmatch(key) for key in facts)
    assert {"wh/deals/data.parquet", "wh/_state/inbox_files.parquet"} <= set(objects)
    assert not [key for key in objects if "_staging" in key]
    assert database.is_file() and (tmp_path / "db" / ".fundwire.lock").is_file()
    assert _contents(warehouse, database) == local_reference

    again = run_pipeline(inbox, warehouse, settle_seconds=0, database=database)
    assert again.nothing_new and again.unchanged_files == len(FIRST)
    assert _objects(s3_bucket, "wh/") == objects  # not one object rewritten

    _upload(s3_bucket, "inbox", [LATE])
    late = run_pipeline(inbox, warehouse, settle_seconds=0, database=database)
    assert (late.new_files, late.articles, late.unchanged_files) == (1, 1, len(FIRST))
    paths = _contents(warehouse, database)["raw_articles"]
    assert len(paths) == len(FIRST) + 1


def test_local_inbox_into_s3_warehouse_with_the_cli(
    s3_bucket: str, local_reference: dict, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for sample in FIRST:
        shutil.copy(sample, inbox / sample.name)
        old = time.time() - 60  # settled: the command's 2-second settle delay applies
        os.utime(inbox / sample.name, (old, old))
    warehouse, database = f"s3://{s3_bucket}/wh", str(tmp_path / "fundwire.duckdb")
    runner = CliRunner()
    common = ["--warehouse", warehouse, "--database", database]
    result = runner.invoke(app, ["run", "--inbox", str(inbox), *common, "--quiet"])
    assert result.exit_code == 0, result.output
    assert _contents(warehouse, database) == local_reference
    query = "SELECT count(*) AS n FROM raw_articles"
    result = runner.invoke(app, ["sql", query, *common, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["n", str(len(FIRST))]
    outside = f"SELECT count(*) FROM read_parquet('s3://{s3_bucket}/other/*.parquet')"
    result = runner.invoke(app, ["sql", outside, *common])
    assert "disabled by configuration" in str(result.exception)  # confined to the warehouse
