"""Derived tables updated after an increment equal the tables recomputed from all facts."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from fundwire.transforms.fx import fx_key
from fundwire.warehouse import derived
from fundwire.warehouse.parquet_store import read_table
from fundwire.warehouse.tables import DEAL_SOURCES, DERIVED_TABLES, FACTS, table_from_rows
from tests.runs import ingest_in_process, warehouse_state, write_articles
from tests.test_deals_regroup import random_facts, split


def test_update_in_many_slices_equals_a_full_recomputation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, warehouse, scratch = tmp_path / "inbox", tmp_path / "warehouse", tmp_path / "scratch"
    write_articles(inbox, range(0, 30, 3))
    ingest_in_process(inbox, warehouse)
    derived.derive_tables(warehouse, "EUR")
    write_articles(inbox, range(30))
    ingest_in_process(inbox, warehouse)
    monkeypatch.setattr(derived, "FACTS_PER_SLICE", 3)  # many slices of a few companies
    report = derived.derive_tables(warehouse, "EUR")
    assert report.groups_reclustered
    monkeypatch.undo()

    ingest_in_process(inbox, scratch)
    derived.derive_tables(scratch, "EUR")
    expected, actual = warehouse_state(scratch), warehouse_state(warehouse)
    for table in ("facts", "deals", "deal_sources"):
        assert actual[table] == expected[table], table


def test_the_rules_fingerprint_changes_with_the_code_that_forms_deals_and_rates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import fundwire.transforms.relations as extractor_module

    before = derived.rules_fingerprint()
    monkeypatch.setattr(derived, "rate_rules", extractor_module)  # as if fx.py were edited
    assert derived.rules_fingerprint() != before
    monkeypatch.undo()
    assert derived.rules_fingerprint() == before


def _write_facts(warehouse: Path, facts: list[dict]) -> None:
    """The facts table as one file (derive reads the table, whatever its files)."""
    folder = warehouse / "facts" / "published_year=2023" / "published_month=1"
    shutil.rmtree(warehouse / "facts", ignore_errors=True)
    folder.mkdir(parents=True)
    pq.write_table(
        table_from_rows(facts, FACTS).select(FACTS.data_schema.names), folder / "f.parquet"
    )


def _derived_rows(warehouse: Path) -> dict[str, list]:
    return {
        spec.name: sorted(map(repr, read_table(warehouse, spec).sort_by(spec.key).to_pylist()))
        for spec in DERIVED_TABLES
    }


@pytest.mark.parametrize("seed", range(6))
def test_incremental_derive_equals_a_full_recomputation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    facts = random_facts(seed, articles=300)
    before, after = split(facts, seed)
    if seed % 2:
        monkeypatch.setattr(derived, "FACTS_PER_SLICE", 40)  # groups in several slices
    warehouse, scratch = tmp_path / "warehouse", tmp_path / "scratch"
    _write_facts(warehouse, before)
    assert derived.derive_tables(warehouse, "EUR").groups_reclustered is None
    _write_facts(warehouse, after)
    assert derived.derive_tables(warehouse, "EUR").groups_reclustered
    assert derived.derive_tables(warehouse, "EUR").groups_reclustered == 0  # nothing new
    _write_facts(scratch, after)
    assert derived.derive_tables(scratch, "EUR").groups_reclustered is None
    assert _derived_rows(warehouse) == _derived_rows(scratch)


def test_fx_keys_are_computed_as_transforms_fx_computes_them() -> None:
    rows = [
        {"currency": "CNY", "date": "2023-10-27", "published": date(2023, 10, 28)},
        {"currency": "USD", "date": "2023-10", "published": None},
        {"currency": "EUR", "date": "2023", "published": date(2024, 1, 2)},
        {"currency": "JPY", "date": None, "published": date(2023, 10, 28)},
        {"currency": "JPY", "date": "", "published": date(999, 1, 2)},
        {"currency": "GBP", "date": None, "published": None},
        {"currency": "GBP", "date": "2023-02-30", "published": None},
    ]
    table = table_from_rows(rows, FACTS)
    assert derived._fx_keys(table).to_pylist() == [
        fx_key(r["currency"], r["date"], r["published"]) for r in rows
    ]


def test_a_new_base_currency_gives_the_rates_a_full_recomputation_gives(tmp_path: Path) -> None:
    facts = random_facts(11, articles=120)
    warehouse, scratch = tmp_path / "warehouse", tmp_path / "scratch"
    _write_facts(warehouse, facts)
    derived.derive_tables(warehouse, "EUR")
    assert derived.derive_tables(warehouse, "CNY").groups_reclustered == 0
    _write_facts(scratch, facts)
    derived.derive_tables(scratch, "CNY")
    assert _derived_rows(warehouse) == _derived_rows(scratch)


class _Killed(BaseException):
    """Stands for SIGKILL inside one process."""


def test_a_derive_killed_between_its_swaps_is_followed_by_a_full_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = random_facts(5, articles=300)
    before, after = split(facts, 5)
    warehouse, scratch = tmp_path / "warehouse", tmp_path / "scratch"
    _write_facts(warehouse, before[: len(before) // 2])
    derived.derive_tables(warehouse, "EUR")
    _write_facts(warehouse, before)
    real_replace = derived.replace_table

    def replace_or_die(where: Path, spec: object, table: object) -> None:
        if spec is DEAL_SOURCES:
            raise _Killed
        real_replace(where, spec, table)

    monkeypatch.setattr(derived, "replace_table", replace_or_die)
    with pytest.raises(_Killed):
        derived.derive_tables(warehouse, "EUR")  # new deals, old deal sources
    monkeypatch.undo()
    _write_facts(warehouse, after)
    assert derived.derive_tables(warehouse, "EUR").groups_reclustered is None
    _write_facts(scratch, after)
    derived.derive_tables(scratch, "EUR")
    assert _derived_rows(warehouse) == _derived_rows(scratch)
