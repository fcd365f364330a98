"""Tables derived from all facts: deals across articles and the exchange rates they need.

Derived tables always equal a recomputation from the whole facts table, and are
swapped in whole, so they can never disagree with the facts. A run pays only for the
companies it touched, though: a deal is formed from the facts of one canonical
investee, and an investment is linked only to a round of that same investee, so the
deals of a company depend on that company's facts alone. For the facts added or removed
since the last derive, only the (kind, investee, investor) groups of those
facts are clustered again; a deal formed again of exactly the facts of a stored deal
keeps the stored row, and only deals whose best round may have changed are linked to
rounds again. Exchange rates are looked up only for keys not seen before. When the
code that forms deals or looks up rates, or the rate data, changes (the fingerprint
in `deals/_rules.txt`), or there is no previous result, everything is recomputed. So
does the derive after one killed between its swaps: the fingerprint is removed before
the first and written after the last, as an update trusts the stored deals and
sources to come from one derive. A change to the extractor does not count: deals are
derived from the stored facts, which a new extractor does not rewrite.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import zlib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from fundwire.schemas import vocab
from fundwire.transforms import deals as deal_rules
from fundwire.transforms import fx as rate_rules
from fundwire.transforms.deals import build_deals, canonical_key, link_rounds, regroup_deals
from fundwire.transforms.fx import SEED_FILE as FX_SEED_FILE
from fundwire.transforms.fx import fx_key, fx_rates_for
from fundwire.warehouse.errors import WarehouseError
from fundwire.warehouse.parquet_store import read_table, replace_table
from fundwire.warehouse.storage import Where, location
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
    "published",
]
RULES_PATH = Path(DEALS.name) / "_rules.txt"  # readers skip files starting with "_"
FACTS_PER_SLICE = 20_000  # deals are formed from this many facts (as Python objects) at a time
_SEP = "\x1f"  # joins the parts of a group key; canonical keys hold only word characters


@dataclass(frozen=True)
class DerivedReport:
    deals: int
    unconverted: int  # amounts with no exchange rate to USD (shown with a reason in facts_usd)
    groups_reclustered: int | None = None  # None: everything was recomputed


def derive_tables(warehouse: Where, base_currency: str) -> DerivedReport:
    """Bring deals, deal sources and FX rates up to date with the committed facts."""
    rules = rules_fingerprint()
    facts = read_table(warehouse, FACTS, FACT_COLUMNS).combine_chunks()  # a chunk per file
    if _stored_rules(warehouse) == rules:
        deals, sources, touched = _update_deals(warehouse, facts)
    else:
        deals, sources, touched = *_build_by_company(facts), None
    if touched != 0:
        (location(warehouse) / RULES_PATH).unlink()  # until all is swapped: two derives mix
        replace_table(warehouse, DEALS, deals)
        replace_table(warehouse, DEAL_SOURCES, sources)
    rates, unconverted = _derive_rates(warehouse, facts, base_currency, touched is not None)
    replace_table(warehouse, FX_RATES, rates)
    if touched != 0:
        _store_rules(warehouse, rules)  # last: a run killed before it recomputes everything
    return DerivedReport(deals=deals.num_rows, unconverted=unconverted, groups_reclustered=touched)


def rules_fingerprint() -> str:
    """A hash of what facts, deals and rates come from: when it changes, old rows are stale."""
    digest = hashlib.sha256()
    for module in (deal_rules, rate_rules, vocab):
        digest.update(module.__name__.encode() + b"\0" + inspect.getsource(module).encode())
    digest.update((files("fundwire.seeds") / FX_SEED_FILE).read_bytes())
    digest.update(importlib.metadata.version("currencyconverter").encode())
    digest.update(str(DEALS.schema).encode() + str(DEAL_SOURCES.schema).encode())
    return digest.hexdigest()


def _update_deals(warehouse: Where, facts: pa.Table) -> tuple[pa.Table, pa.Table, int]:
    """(deals, deal sources, groups formed again): old deals kept where nothing changed.

    Only the (kind, investee, investor) groups of facts added or removed are formed
    again (`regroup_deals`, told each old fact's deal: a deal formed again from the same
    facts keeps its row), and only the deals whose round may have changed are linked to
    rounds again. The sources (returned only when some group was formed again) are one
    row per fact: its deal, new or kept, and its article (the views join the evidence
    from the facts, so it is neither read nor written here).
    """
    old_deals = read_table(warehouse, DEALS)
    old_sources = read_table(warehouse, DEAL_SOURCES, ["deal_id", "fact_id"])
    fact_groups, deal_groups = _group_keys(facts), _group_keys(old_deals)
    source_of = pc.index_in(facts["fact_id"], value_set=old_sources["fact_id"])
    new_groups = fact_groups.filter(pc.is_null(source_of))
    touched = new_groups.chunks
    if facts.num_rows - len(new_groups) != old_sources.num_rows:  # facts were removed
        removed = pc.invert(pc.is_in(old_sources["fact_id"], value_set=facts["fact_id"]))
        lost = pc.is_in(old_deals["deal_id"], value_set=old_sources["deal_id"].filter(removed))
        touched += deal_groups.filter(lost).chunks
    touched = pc.unique(pa.chunked_array(touched, pa.string()))
    if len(touched) == 0:
        return old_deals, old_sources, 0
    regroup = facts.filter(pc.is_in(fact_groups, value_set=touched))
    regrouped = pc.is_in(deal_groups, value_set=touched)
    known = old_sources.filter(
        pc.is_in(old_sources["deal_id"], value_set=old_deals["deal_id"].filter(regrouped))
    )
    previous = dict(zip(known["fact_id"].to_pylist(), known["deal_id"].to_pylist(), strict=True))
    slices = -(-regroup.num_rows // FACTS_PER_SLICE)  # a slice of companies at a time
    fact_slice = _slice_of(_canonical(regroup["investee"]), slices)
    unchanged: list[str] = []
    formed = [DEALS.schema.empty_table()]
    placed: dict[str, str] = {}  # fact_id -> deal_id, for the facts of formed deals
    for number in range(slices):
        rows = regroup.filter(pc.equal(fact_slice, number)).to_pylist()
        kept, deals, sources = regroup_deals(rows, previous)
        unchanged.extend(kept)
        formed.append(table_from_rows(deals, DEALS))
        placed.update((source["fact_id"], source["deal_id"]) for source in sources)
    stale = pc.and_(
        regrouped,
        pc.invert(pc.is_in(old_deals["deal_id"], value_set=pa.array(unchanged, pa.string()))),
    )
    new_deals = pa.concat_tables(formed)
    deals = pa.concat_tables([old_deals.filter(pc.invert(stale)), new_deals])
    new_deal_of = pc.index_in(facts["fact_id"], value_set=pa.array(placed, pa.string()))
    deal_of = pc.if_else(
        pc.is_valid(new_deal_of),
        pc.take(pa.array(placed.values(), pa.string()), new_deal_of),
        pc.take(old_sources["deal_id"], source_of),  # a fact not placed again keeps its deal
    )
    sources = pa.table(
        [deal_of, facts["fact_id"], facts["article_id"]],
        schema=DEAL_SOURCES.schema,
    )
    return _link_rounds_again(deals, new_deals, old_deals.filter(stale)), sources, len(touched)


def _link_rounds_again(deals: pa.Table, new: pa.Table, gone: pa.Table) -> pa.Table:
    """The deals, with `round_deal_id` set again where it may differ from the stored one.

    A deal's round is a function of the deal and of its company's round deals, so only
    the `new` deals and the deals of companies that gained or lost (`gone`) a round
    deal need linking, and a kept deal only against the new rounds and its own.
    """
    changed = pa.concat_tables(
        [new.select(["kind", "investee"]), gone.select(["kind", "investee"])]
    )
    rounds_changed = _canonical(changed["investee"]).filter(pc.equal(changed["kind"], "round"))
    company = _canonical(deals["investee"])
    linked = pc.is_in(deals["kind"], value_set=pa.array(["investment", "valuation"]))
    fresh = pc.is_in(deals["deal_id"], value_set=new["deal_id"])
    kept = pc.and_(
        pc.and_(linked, pc.invert(fresh)), pc.is_in(company, value_set=pc.unique(rounds_changed))
    )
    relink = pc.or_(pc.and_(linked, fresh), kept)
    rounds = pc.and_(
        pc.equal(deals["kind"], "round"),
        pc.is_in(company, value_set=pc.unique(company.filter(relink))),
    )
    wanted = pc.or_(relink, rounds)
    rows = deals.filter(wanted).select(["deal_id", "kind", "investee", "round", "date_start"])
    rows = rows.to_pylist()
    kept_deals = deals.filter(kept)
    previous = zip(
        kept_deals["deal_id"].to_pylist(), kept_deals["round_deal_id"].to_pylist(), strict=True
    )
    new_rounds = new["deal_id"].filter(pc.equal(new["kind"], "round"))
    link_rounds(rows, dict(previous), set(new_rounds.to_pylist()))
    round_ids = deals["round_deal_id"].to_pylist()
    for position, row in zip(pc.indices_nonzero(wanted).to_pylist(), rows, strict=True):
        if "round_deal_id" in row:  # set by link_rounds: an investment or a valuation
            round_ids[position] = row["round_deal_id"]
    column = deals.schema.get_field_index("round_deal_id")
    return deals.set_column(column, "round_deal_id", pa.array(round_ids, pa.string()))


def _build_by_company(facts: pa.Table) -> tuple[pa.Table, pa.Table]:
    """All deals, formed a slice of companies at a time so memory stays bounded.

    A company's deals depend on its facts alone, so slicing cannot change them.
    """
    slices = -(-facts.num_rows // FACTS_PER_SLICE)
    numbers = _slice_of(_canonical(facts["investee"]), slices)
    deals, sources = [], []
    for number in range(slices):
        rows = facts.filter(pc.equal(numbers, number)).to_pylist()
        slice_deals, slice_sources = build_deals(rows)
        deals.append(table_from_rows(slice_deals, DEALS))
        sources.append(_sources(slice_sources))
    empty = (DEALS.schema.empty_table(), DEAL_SOURCES.schema.empty_table())
    return pa.concat_tables([empty[0], *deals]), pa.concat_tables([empty[1], *sources])


def _slice_of(companies: pa.ChunkedArray, slices: int) -> pa.ChunkedArray:
    """The slice number of each row's company (canonical key): the same in every run."""
    spellings = pc.unique(companies)
    numbers = pa.array(
        [zlib.crc32(key.encode()) % max(slices, 1) for key in spellings.to_pylist()], pa.int32()
    )
    return pc.take(numbers, pc.index_in(companies, value_set=spellings))


def _sources(rows: list[dict]) -> pa.Table:
    return table_from_rows(rows, DEAL_SOURCES)


def _group_keys(table: pa.Table) -> pa.ChunkedArray:
    """The clustering group of each row (kind, canonical investee, canonical investor)."""
    return pc.binary_join_element_wise(
        table["kind"], _canonical(table["investee"]), _canonical(table["investor"]), _SEP
    )


def _canonical(names: pa.ChunkedArray) -> pa.ChunkedArray:
    """canonical_key of every row, computed once per distinct spelling."""
    spellings = pc.unique(names)
    keys = pa.array([canonical_key(name) for name in spellings.to_pylist()], pa.string())
    return pc.take(keys, pc.index_in(names, value_set=spellings))


def _derive_rates(
    warehouse: Where, facts: pa.Table, base_currency: str, reuse: bool
) -> tuple[pa.Table, int]:
    """(rates every converted fact needs, how many have no USD rate).

    A rate is a function of its fx_key and base currency alone (the ECB data and the
    seed file are part of the rules fingerprint), so with `reuse` the rows already
    written are kept and only new keys are looked up.
    """
    priced = facts.filter(pc.and_(pc.is_valid(facts["amount"]), pc.is_valid(facts["currency"])))
    keys = _fx_keys(priced)
    wanted = pc.unique(keys)
    bases = ("USD", base_currency)
    known = read_table(warehouse, FX_RATES) if reuse else FX_RATES.schema.empty_table()
    known = known.filter(
        pc.and_(
            pc.is_in(known["fx_key"], value_set=wanted),
            pc.is_in(known["base_currency"], value_set=pa.array(bases)),
        )
    )
    complete = wanted  # the keys with a kept row for every base
    for base in bases:
        with_base = known["fx_key"].filter(pc.equal(known["base_currency"], base))
        complete = complete.filter(pc.is_in(complete, value_set=with_base))
    lacking = pc.invert(pc.is_in(keys, value_set=complete))
    requests = {
        fx_key(*request): request
        for request in zip(
            *(
                priced[column].filter(lacking).to_pylist()
                for column in ("currency", "date", "published")
            ),
            strict=True,
        )
    }
    have = set(zip(known["fx_key"].to_pylist(), known["base_currency"].to_pylist(), strict=True))
    rates = [
        row
        for row in fx_rates_for(sorted(requests.values(), key=str), bases)
        if (row["fx_key"], row["base_currency"]) not in have
    ]
    for row in rates:
        row["fx_row_id"] = f"{row['fx_key']}>{row['base_currency']}"
    table = pa.concat_tables([known, table_from_rows(rates, FX_RATES)])
    usd = table.filter(pc.equal(table["base_currency"], "USD"))
    return table, usd.num_rows - pc.count(usd["rate"]).as_py()


def _fx_keys(facts: pa.Table) -> pa.ChunkedArray:
    """`transforms.fx.fx_key` of every row: currency|date, or currency|published:YYYY-MM-DD."""
    dated = pc.fill_null(pc.not_equal(facts["date"], ""), False)
    published = pc.fill_null(pc.cast(facts["published"], pa.string()), "none")
    undated = pc.binary_join_element_wise("published:", published, "")
    return pc.binary_join_element_wise(
        facts["currency"], pc.if_else(dated, facts["date"], undated), "|"
    )


def _stored_rules(warehouse: Where) -> str | None:
    try:
        return (location(warehouse) / RULES_PATH).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError, WarehouseError):
        return None


def _store_rules(warehouse: Where, rules: str) -> None:
    (location(warehouse) / RULES_PATH).write_text(rules + "\n", encoding="ascii")
