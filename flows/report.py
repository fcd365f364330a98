"""`fundwire report`: one self-contained HTML page about the warehouse that opens offline.

The numbers come from `warehouse/report_queries.sql` over the warehouse views;
the charts are Vega-Lite specs (`flows.charts`) drawn in the browser by Vega,
whose JavaScript is inlined from the vl-convert package: no CDN, no network.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import duckdb

from fundwire.flows import charts
from fundwire.warehouse.database import open_database
from fundwire.warehouse.errors import WarehouseError
from fundwire.warehouse.storage import Where, location

QUERY_MARK = "-- name:"


def named_queries(sql: str) -> dict[str, str]:
    """The `-- name: x` blocks of a SQL file, by name."""
    queries: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in sql.splitlines():
        if line.startswith(QUERY_MARK):
            current = queries.setdefault(line[len(QUERY_MARK) :].strip(), [])
        elif current is not None:
            current.append(line)
    return {name: "\n".join(lines).strip() for name, lines in queries.items()}


def load_report_data(warehouse: Where, database: Path | None = None) -> dict[str, list[dict]]:
    """Every report query's rows, as JSON-ready dicts (floats for money, ISO dates)."""
    sql = (files("fundwire.warehouse") / "report_queries.sql").read_text(encoding="utf-8")
    con = open_database(warehouse, database)
    try:
        data = {}
        for name, query in named_queries(sql).items():
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description]
            data[name] = [
                {c: _plain(v) for c, v in zip(columns, row, strict=True)}
                for row in cursor.fetchall()
            ]
        return data
    except duckdb.Error as exc:
        raise WarehouseError(f"report query failed: {exc}") from exc
    finally:
        con.close()


def write_report(warehouse: Where, out: Path, database: Path | None = None) -> Path:
    """Query the warehouse and write the report page to `out`."""
    page = render_report(load_report_data(warehouse, database), warehouse, datetime.now(UTC))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


def render_report(data: dict[str, list[dict]], warehouse: Where, generated: datetime) -> str:
    """The whole page: overview figures, four charts, the latest rejects."""
    sections = [
        (
            "investors",
            charts.investor_totals_chart,
            data["investor_totals"],
            "No disclosed investments yet.",
        ),
        ("rounds", charts.round_timeline_chart, data["round_timeline"], "No dated rounds yet."),
        ("currencies", charts.currency_mix_chart, data["currency_mix"], "No amounts yet."),
        (
            "rejects",
            charts.rejects_chart,
            data["rejects_by_reason"],
            "No rejects: every file and fact made it.",
        ),
    ]
    specs = {name: build(rows) for name, build, rows, _ in sections if rows}
    body = "\n".join(
        f'<section><div class="chart" id="{name}"></div></section>'
        if rows
        else f'<section><p class="empty" id="{name}">{html.escape(empty)}</p></section>'
        for name, _, rows, empty in sections
    )
    overview = data["overview"][0] if data["overview"] else {}
    return PAGE.format(
        title="fundwire report",
        generated=generated.strftime("%Y-%m-%d %H:%M UTC"),
        warehouse=html.escape(location(warehouse).url),
        cards=_cards(overview),
        charts=body,
        rejects_table=_rejects_table(data["recent_rejects"]),
        vega=vega_bundle(),
        specs=_script_json(specs),
    )


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (vl-convert ships them; ~0.9 MB, ~4 s)."""
    import vl_convert

    return vl_convert.javascript_bundle().replace("</script", "<\\/script")


def _cards(overview: dict) -> str:
    labels = ("articles", "facts", "deals", "companies", "rejects")
    cards = "".join(
        f'<div class="card"><b>{overview.get(k, 0):,}</b><span>{k}</span></div>' for k in labels
    )
    last = overview.get("last_ingested")
    return cards + (
        f'<p class="note">last ingest {html.escape(str(last))[:19]}</p>' if last else ""
    )


def _rejects_table(rows: list[dict]) -> str:
    if not rows:
        return ""
    columns = ("file_name", "stage", "reason", "detail")
    head = "".join(f"<th>{c}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape(str(r[c] or ''))[:200]}</td>" for c in columns)
        + "</tr>"
        for r in rows
    )
    return f"<h2>Latest rejects</h2><table><tr>{head}</tr>{body}</table>"


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _script_json(value: object) -> str:
    """JSON safe to inline in a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; }}
h1 {{ margin-bottom: 4px; }}
.note {{ color: #666; margin: 4px 0 16px; }}
.cards {{ display: flex; gap: 12px; flex-wrap: wrap; }}
.card {{ border: 1px solid #ddd; border-radius: 6px; padding: 8px 16px; min-width: 90px; }}
.card b {{ display: block; font-size: 22px; }}
.card span {{ color: #666; }}
section {{ margin: 28px 0; }}
.empty {{ color: #666; font-style: italic; }}
table {{ border-collapse: collapse; width: 100%; font-size: 12px; }}
th, td {{ border-bottom: 1px solid #eee; padding: 4px 6px; text-align: left; vertical-align: top; }}
#report-errors {{ color: #b00; white-space: pre-wrap; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="note">{warehouse} &middot; generated {generated}</p>
<div class="cards">{cards}</div>
<pre id="report-errors" hidden></pre>
{charts}
{rejects_table}
<script>{vega}</script>
<script>
const specs = {specs};
const errors = [];
function fail(where, error) {{
  errors.push(where + ": " + error);
  const box = document.getElementById("report-errors");
  box.textContent = errors.join("\\n");
  box.hidden = false;
  console.error("fundwire report:", where, error);
}}
window.addEventListener("error", (event) => fail("page", event.message));
Promise.all(Object.entries(specs).map(([id, spec]) =>
  vegaEmbed("#" + id, spec, {{renderer: "svg", actions: false}}).catch((e) => fail(id, e))
)).then(() => {{ document.body.dataset.charts = errors.length ? "failed" : "drawn"; }});
</script>
</body>
</html>
"""
