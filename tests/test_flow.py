"""The real Prefect flow on a temporary inbox into a temporary warehouse, queried with DuckDB."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from fundwire.flows.pipeline import run_pipeline
from tests.articles import ACME_EN, ACME_ZH, BAD_FILES, BETA_EN, write_inbox

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]


def _snapshot(warehouse: Path) -> dict[str, int]:
    return {
        str(p.relative_to(warehouse)): p.stat().st_mtime_ns
        for p in warehouse.rglob("*")
        if p.is_file() and p.name != ".fundwire.lock"
    }


def _query(database: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("flow")
    inbox, warehouse = root / "inbox", root / "warehouse"
    write_inbox(inbox, {"acme-en.md": ACME_EN, "acme-zh.md": ACME_ZH, **BAD_FILES})
    summary = run_pipeline(inbox, warehouse, settle_seconds=0)
    return inbox, warehouse, summary


def test_every_file_is_an_article_or_a_reject(first_run) -> None:
    _, warehouse, summary = first_run
    assert summary.articles == 2
    assert summary.rejects_by_reason == {
        "empty": 1,
        "binary": 1,
        "bad_front_matter": 1,
        "bad_json": 1,
    }
    database = warehouse / "fundwire.duckdb"
    articles = _query(database, "SELECT count(*) FROM raw_articles")[0][0]
    rejects = _query(database, "SELECT count(*) FROM raw_rejects WHERE stage <> 'validate'")[0][0]
    assert articles + rejects == 6


def test_views_answer_from_another_working_directory(first_run, tmp_path, monkeypatch) -> None:
    _, warehouse, _ = first_run
    monkeypatch.chdir(tmp_path)
    database = warehouse / "fundwire.duckdb"
    facts = _query(
        database,
        "SELECT investee, kind, amount, currency FROM facts_usd "
        "WHERE kind = 'round' ORDER BY published",
    )
    assert ("Acme Robotics", "round", 20_000_000, "USD") in [
        (i, k, int(a), c) for i, k, a, c in facts
    ]
    investors = {row[0] for row in _query(database, "SELECT investor FROM investor_totals")}
    assert "Sequoia Capital" in investors


def test_same_deal_in_two_languages_is_one_deal(first_run) -> None:
    _, warehouse, _ = first_run
    rows = _query(
        warehouse / "fundwire.duckdb",
        "SELECT source_count FROM raw_deals WHERE kind = 'round' AND investee = 'Acme Robotics'",
    )
    assert rows == [(2,)]


def test_rerun_with_nothing_new_changes_nothing(first_run) -> None:
    inbox, warehouse, _ = first_run
    before = _snapshot(warehouse)
    summary = run_pipeline(inbox, warehouse, settle_seconds=0)
    assert summary.nothing_new
    assert _snapshot(warehouse) == before


def test_one_new_file_is_the_only_one_processed(first_run) -> None:
    inbox, warehouse, _ = first_run
    write_inbox(inbox, {"beta.md": BETA_EN})
    summary = run_pipeline(inbox, warehouse, settle_seconds=0)
    assert summary.new_files == 1 and summary.articles == 1
    assert summary.unchanged_files == 6
    assert summary.partitions_rewritten == [
        "articles/published_year=2024/published_month=4",
        "facts/published_year=2024/published_month=4",
    ] or all("month=4" in p for p in summary.partitions_rewritten)
    names = _query(warehouse / "fundwire.duckdb", "SELECT file_name FROM raw_articles ORDER BY 1")
    assert names == [("acme-en.md",), ("acme-zh.md",), ("beta.md",)]


def test_copy_under_another_name_is_recorded_as_duplicate(first_run) -> None:
    inbox, warehouse, _ = first_run
    write_inbox(inbox, {"acme-en-copy.md": ACME_EN})
    summary = run_pipeline(inbox, warehouse, settle_seconds=0)
    assert summary.articles == 0 and summary.duplicates == 1
    rows = _query(
        warehouse / "fundwire.duckdb",
        "SELECT reason, detail FROM raw_rejects WHERE file_name = 'acme-en-copy.md'",
    )
    assert rows == [("duplicate_content", "same content as acme-en.md")]
    assert os.path.exists(warehouse / "fundwire.duckdb")
