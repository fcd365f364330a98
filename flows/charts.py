"""The report's charts as Vega-Lite specifications, built with altair from query rows.

Rows are plain dicts (numbers as floats, dates as ISO strings) and are inlined
into each spec, so a chart needs nothing but the page it sits in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import altair as alt

WIDTH = 760
# d3-format writes billions as "G"; analysts read "B".
MONEY_LABEL = "replace(format(datum.value, '$.3~s'), 'G', 'B')"
KINDS = ["round", "valuation"]
KIND_COLORS = alt.Scale(domain=KINDS, range=["#1f77b4", "#e45756"])
KIND_SHAPES = alt.Scale(domain=KINDS, range=["circle", "diamond"])


def investor_totals_chart(rows: list[dict]) -> dict:
    """Horizontal bars: disclosed total per investor, largest first."""
    chart = (
        alt.Chart(alt.Data(values=rows), title="Investor totals (disclosed amounts, USD)")
        .mark_bar(color="#4c78a8")
        .encode(
            x=alt.X("total_usd:Q", title="total USD", axis=alt.Axis(labelExpr=MONEY_LABEL)),
            y=alt.Y("investor:N", sort="-x", title=None),
            tooltip=[
                alt.Tooltip("investor:N"),
                alt.Tooltip("total_usd:Q", title="total USD", format="$,.0f"),
                alt.Tooltip("deals:Q"),
                alt.Tooltip("disclosed_deals:Q", title="with amount"),
                alt.Tooltip("lead_count:Q", title="led"),
                alt.Tooltip("investees:N"),
            ],
        )
        .properties(width=WIDTH)
    )
    return chart.to_dict()


def round_timeline_chart(rows: list[dict]) -> dict:
    """One line per company: its rounds (sized by amount) and valuations (labelled) over time."""
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("date_start:T", title="date", axis=alt.Axis(format="%b %Y")),
        y=alt.Y("company:N", title=None, sort=alt.EncodingSortField("date_start", op="min")),
    )
    track = base.mark_rule(color="#ccc").encode(x="min(date_start):T", x2="max(date_start):T")
    points = base.mark_point(filled=True, opacity=0.85).encode(
        color=alt.Color("kind:N", scale=KIND_COLORS, title=None),
        shape=alt.Shape("kind:N", scale=KIND_SHAPES, title=None),
        size=alt.Size(
            "amount_usd:Q",
            title="amount USD",
            scale=alt.Scale(range=[40, 900]),
            legend=alt.Legend(labelExpr=MONEY_LABEL),
        ),
        tooltip=[
            alt.Tooltip("company:N"),
            alt.Tooltip("kind:N"),
            alt.Tooltip("round:N"),
            alt.Tooltip("date:N"),
            alt.Tooltip("amount_usd:Q", title="amount USD", format="$,.0f"),
            alt.Tooltip("valuation_usd:Q", title="valuation USD", format="$,.0f"),
            alt.Tooltip("lead_investors:N", title="led by"),
            alt.Tooltip("status:N"),
        ],
    )
    layers = [track, points]
    if any(row.get("valuation_usd") is not None for row in rows):  # an empty layer warns
        layers.append(
            base.transform_filter("isValid(datum.valuation_usd)")
            .transform_calculate(
                label="'val. ' + " + MONEY_LABEL.replace("datum.value", "datum.valuation_usd")
            )
            .mark_text(dy=-12, fontSize=10, color="#b03a3a")
            .encode(text="label:N")
        )
    chart = alt.layer(*layers).properties(
        width=WIDTH, title="Round history: rounds and valuations per company"
    )
    return chart.to_dict()


def currency_mix_chart(rows: list[dict]) -> dict:
    """Stacked bars: facts with an amount per reported currency, split by article language."""
    per_currency = Counter()
    for row in rows:
        per_currency[row["currency"]] += row["facts"]
    chart = (
        alt.Chart(alt.Data(values=rows), title="Currency mix (facts with an amount)")
        .mark_bar()
        .encode(
            x=alt.X(
                "sum(facts):Q", title="facts", axis=_count_axis([sum(r["facts"] for r in rows)])
            ),
            y=alt.Y("currency:N", sort="-x", title=None),
            color=alt.Color("lang:N", title="language"),
            tooltip=[alt.Tooltip("currency:N"), alt.Tooltip("lang:N"), alt.Tooltip("facts:Q")],
        )
        .properties(width=WIDTH)
    )
    return chart.to_dict()


def rejects_chart(rows: list[dict]) -> dict:
    """Bars: rejects per reason, coloured by the stage that refused them."""
    chart = (
        alt.Chart(alt.Data(values=rows), title="Rejects by reason")
        .mark_bar()
        .encode(
            x=alt.X("rejects:Q", title="rejects", axis=_count_axis(r["rejects"] for r in rows)),
            y=alt.Y("reason:N", sort="-x", title=None),
            color=alt.Color("stage:N"),
            tooltip=[alt.Tooltip("reason:N"), alt.Tooltip("stage:N"), alt.Tooltip("rejects:Q")],
        )
        .properties(width=WIDTH)
    )
    return chart.to_dict()


def _count_axis(counts: Iterable[int]) -> alt.Axis:
    """An axis of whole numbers: no 0.5 ticks when the counts are small."""
    return alt.Axis(format="d", tickCount=max(1, min(10, max(counts, default=1))))
