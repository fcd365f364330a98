"""`fundwire report`: a self-contained page whose charts draw in headless Chromium, offline."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fundwire.flows.report import named_queries, render_report, write_report
from tests.articles import ACME_EN, ACME_ZH, BAD_FILES, write_inbox

GAMMA_EN = """---
title: Orbit Capital backs Gamma Bio
published: 2024-05-14
lang: en
---
Orbit Capital has invested $18 million in Gamma Bio, a lab-automation company.
"""
CHARTS = ("investors", "rounds", "currencies", "rejects")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_named_queries_split_on_name_lines() -> None:
    sql = "-- header\n-- name: a\nSELECT 1;\n\n-- name: b\n-- why\nSELECT 2;\n"
    assert named_queries(sql) == {"a": "SELECT 1;", "b": "-- why\nSELECT 2;"}


def test_empty_warehouse_gets_notes_instead_of_charts() -> None:
    data = {
        "overview": [],
        "investor_totals": [],
        "round_timeline": [],
        "currency_mix": [],
        "rejects_by_reason": [],
        "recent_rejects": [],
    }
    page = render_report(data, Path("/w"), datetime(2024, 1, 1, tzinfo=UTC))
    assert "No disclosed investments yet." in page and "const specs = {};" in page


@pytest.fixture(scope="module")
def report_page(tmp_path_factory, prefect_harness) -> Path:
    from fundwire.flows.pipeline import run_pipeline

    root = tmp_path_factory.mktemp("report")
    articles = {"acme-en.md": ACME_EN, "acme-zh.md": ACME_ZH, "gamma.md": GAMMA_EN}
    write_inbox(root / "inbox", articles)
    write_inbox(root / "inbox", BAD_FILES)
    run_pipeline(root / "inbox", root / "warehouse", settle_seconds=0)
    return write_report(root / "warehouse", root / "report.html")


@pytest.mark.flow
def test_page_is_self_contained(report_page: Path) -> None:
    page = report_page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "window.vegaEmbed=" in page
    for chart in CHARTS:
        assert f'<div class="chart" id="{chart}">' in page
    assert "broken-front-matter.md" in page  # the latest rejects table


@pytest.mark.flow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_charts_draw_in_headless_chromium_without_console_errors(report_page: Path) -> None:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    command += ["--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000"]
    result = subprocess.run(
        [*command, "--dump-dom", report_page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    dom = result.stdout
    assert 'data-charts="drawn"' in dom
    for chart in CHARTS:
        block = dom.split(f'id="{chart}"', 1)[1].split("</section>", 1)[0]
        assert "<svg" in block and "<path" in block, f"chart {chart} did not draw"
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
