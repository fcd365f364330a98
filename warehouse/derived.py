"""Tables derived from all facts: deals across articles and the exchange rates they need.

Derived tables are recomputed from the facts table on every run that changed
it, and swapped in whole, so they can never disagree with the facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fundwire.transforms.deals import build_deals
from fundwire.transforms.fx import fx_rates_for
from fundwire.warehouse.parquet_store import read_table, replace_table
from fundwire.warehouse.tables import DEAL_SOURCES, DEALS, FACTS, FX_RATES, table_from_rows

FACT_COLUMNS = [
    "fact_id",
    "article_id",
    "kind",
    "investee",
    "investor",
    "lead",
    "amount",
    "currency",
    "qualifier",
    "round",
    "status",
    "date",
    "date_precision",
    "date_start",
    "published",
    "evidence",
]


@dataclass(frozen=True)
class DerivedReport:
    deals: int
    unconverted: int  # amounts with no exchange rate to USD (shown with a reason in facts_usd)


def derive_tables(warehouse: Path, base_currency: str) -> DerivedReport:
    """Rebuild deals, deal sources and FX rates from the committed facts."""
    facts = read_table(warehouse, FACTS, FACT_COLUMNS).to_pylist()
    deals, sources = build_deals(facts)
    replace_table(warehouse, DEALS, table_from_rows(deals, DEALS))
    replace_table(warehouse, DEAL_SOURCES, table_from_rows(sources, DEAL_SOURCES))
    requests = {
        (row["currency"], row["date"], row["published"])
        for row in facts
        if row["currency"] and row["amount"] is not None
    }
    rates = fx_rates_for(sorted(requests, key=str), ("USD", base_currency))
    for row in rates:
        row["fx_row_id"] = f"{row['fx_key']}>{row['base_currency']}"
    replace_table(warehouse, FX_RATES, table_from_rows(rates, FX_RATES))
    unconverted = sum(1 for r in rates if r["base_currency"] == "USD" and r["rate"] is None)
    return DerivedReport(deals=len(deals), unconverted=unconverted)
