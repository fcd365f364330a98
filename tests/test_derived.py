"""Deals updated a slice of companies at a time equal deals recomputed from all facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from fundwire.warehouse import derived
from tests.runs import ingest_in_process, warehouse_state, write_articles


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
