"""Helpers of the reliability tests: a generated inbox, `fundwire run` as a subprocess, and
the checks every warehouse state must pass (whole files, unique keys, nothing lost).

The articles are written here from templates (no corpus text); their figures vary so
that they land in many partitions and form many deals.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

import fundwire.flows  # noqa: F401  quiet, offline Prefect defaults before the harness starts
from fundwire.flows.batch import process_files
from fundwire.warehouse.inbox import LEDGER_PATH, discover, write_ledger
from fundwire.warehouse.parquet_store import STAGING_DIR, clear_staging, commit_staged
from fundwire.warehouse.tables import INGESTED_TABLES

FUNDWIRE = Path(sys.executable).with_name("fundwire")
KEYS = {
    "articles": "article_id",
    "facts": "fact_id",
    "rejects": "reject_id",
    "deals": "deal_id",
    "deal_sources": "fact_id",
}
VOLATILE = {"run_id", "ingested_at", "rejected_at"}  # differ between runs by design

_COMPANIES = [
    "Acme Robotics", "Nimbus Labs", "Quanta Grid", "Helio Bio", "Vela Systems", "Orbit Freight",
    "Lumen Health", "Cobalt AI", "Tessera Pay", "Kestrel Data", "Marlow Energy", "Pinecrest Labs",
    "Sable Security", "Juniper Farms", "Atlas Motors",
]  # fmt: skip
_INVESTORS = [
    "Sequoia Capital", "Index Ventures", "Accel", "Lightspeed Venture Partners",
    "General Catalyst", "Tiger Global", "SoftBank Vision Fund", "Insight Partners",
]  # fmt: skip
_ZH_INVESTORS = ["红杉中国", "高瓴资本", "经纬创投", "启明创投", "IDG资本", "腾讯投资"]
_ROUNDS = [("seed", "种子轮"), ("Series A", "A轮"), ("Series B", "B轮"), ("Series C", "C轮")]


def article(number: int) -> tuple[str, str]:
    """(file name, text) of generated article `number`: English when even, Chinese when odd."""
    company = _COMPANIES[number % len(_COMPANIES)]
    round_en, round_zh = _ROUNDS[number % len(_ROUNDS)]
    year, month, day = 2023 + number % 2, 1 + number % 12, 1 + number % 27
    published = f"{year}-{month:02d}-{day:02d}"
    amount = 5 + 7 * number
    if number % 2 == 0:
        lead, other = _INVESTORS[number % 8], _INVESTORS[(number + 3) % 8]
        text = (
            f"---\ntitle: {company} raises ${amount} million {round_en}\n"
            f"published: {published}\nlang: en\n---\n"
            f"{company}, a software start-up, said on Tuesday it had raised ${amount} million in "
            f"a {round_en} round led by {lead}, with participation from {other}.\n\n"
            f"The company will use the money to hire engineers. It was founded in {year - 5}.\n"
        )
        return f"{published}_{number:03d}-en.md", text
    lead, other = _ZH_INVESTORS[number % 6], _ZH_INVESTORS[(number + 1) % 6]
    text = (
        f"---\ntitle: {company}完成{amount}00万美元{round_zh}融资\n"
        f"published: {published}\nlang: zh\n---\n"
        f"{company}宣布完成{amount}00万美元{round_zh}融资，由{lead}领投，{other}跟投。"
        "本轮资金将用于产品研发和市场拓展。\n"
    )
    return f"{published}_{number:03d}-zh.md", text


def write_articles(inbox: Path, numbers: range, extra: dict[str, bytes] | None = None) -> None:
    """Generated articles (and `extra` files) as settled uploads: mtime a minute ago."""
    inbox.mkdir(parents=True, exist_ok=True)
    files = {name: text.encode() for name, text in map(article, numbers)} | (extra or {})
    for name, data in files.items():
        path = inbox / name
        path.write_bytes(data)
        old = time.time() - 60
        os.utime(path, (old, old))


def run_env(prefect_api: str, prefect_home: Path) -> dict[str, str]:
    """Environment of a `fundwire run` child: the test session's Prefect API, quiet logs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FUNDWIRE_", "PREFECT_"))}
    env |= {
        "PREFECT_API_URL": prefect_api,
        "PREFECT_HOME": str(prefect_home),
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
    return env


def start_run(
    inbox: Path, warehouse: Path, env: dict[str, str], *args: str
) -> subprocess.Popen[bytes]:
    """`fundwire run` in the background (its own process group, so a kill takes it whole)."""
    return subprocess.Popen(
        [str(FUNDWIRE), "run", "--inbox", str(inbox), "--warehouse", str(warehouse), "-q", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def run_to_end(
    inbox: Path, warehouse: Path, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[bytes]:
    process = start_run(inbox, warehouse, env, *args)
    out, err = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def wait_for_lock(process: subprocess.Popen[bytes], warehouse: Path, timeout: float = 120) -> float:
    """Block until `process` holds the warehouse lock (its work has begun); the time it did."""
    lock = warehouse / ".fundwire.lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if lock.read_text().strip() == str(process.pid):
                return time.monotonic()
        except OSError:
            pass
        if process.poll() is not None:
            raise AssertionError(f"run ended before taking the lock: {process.stderr.read()}")
        time.sleep(0.005)
    raise AssertionError("run never took the warehouse lock")


def _parquet_files(warehouse: Path) -> list[Path]:
    return sorted(p for p in warehouse.rglob("*.parquet") if not p.name.startswith("."))


def assert_whole_and_unique(warehouse: Path) -> dict[str, int]:
    """Every Parquet file reads completely, no key repeats, and every file the ledger marks
    as done is in the warehouse. Returns the row count of each table."""
    for path in _parquet_files(warehouse):
        if "_staging" not in path.parts:  # staged batches are named batch-N.parquet
            named = path.name in {"data.parquet", "inbox_files.parquet"}
            assert named or path.name.startswith("part-"), f"stray file {path}"
        pq.read_table(path)  # raises on a truncated or half-written file
    counts = {}
    for table, key in KEYS.items():
        rows = _table_rows(warehouse, table)
        keys = [row[key] for row in rows]
        assert len(keys) == len(set(keys)), f"duplicate {key} in {table}"
        counts[table] = len(rows)
    articles = {row["article_id"] for row in _table_rows(warehouse, "articles")}
    for row in _ledger(warehouse):
        if row["outcome"] == "article":
            assert row["content_hash"] in articles, f"ledger marks {row['path']} done, not stored"
    return counts


def assert_database_consistent(warehouse: Path) -> None:
    """fundwire.duckdb opens read-only, every view and table reads, and no key repeats in SQL."""
    con = duckdb.connect(str(warehouse / "fundwire.duckdb"), read_only=True)
    try:
        for table, key in KEYS.items():
            repeated = con.execute(
                f"SELECT {key}, count(*) FROM raw_{table} GROUP BY 1 HAVING count(*) > 1"
            ).fetchall()
            assert not repeated, f"raw_{table} repeats {key}: {repeated[:3]}"
        relations = con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal "
            "UNION ALL SELECT table_name FROM duckdb_tables() WHERE NOT internal"
        ).fetchall()
        for (view,) in relations:
            con.execute(f'SELECT count(*) FROM "{view}"').fetchall()
    finally:
        con.close()


def warehouse_state(warehouse: Path) -> dict[str, set[str]]:
    """The content of every table and of the ledger, without the columns that name a run."""
    state = {table: _normalised(_table_rows(warehouse, table)) for table in KEYS}
    state["ledger"] = _normalised(_ledger(warehouse))
    return state


def _table_rows(warehouse: Path, table: str) -> list[dict]:
    from fundwire.warehouse import tables
    from fundwire.warehouse.parquet_store import read_table

    spec = getattr(tables, table.upper())
    return read_table(warehouse, spec).to_pylist()


def _ledger(warehouse: Path) -> list[dict]:
    path = warehouse / LEDGER_PATH
    return pq.read_table(path).to_pylist() if path.exists() else []


def _normalised(rows: list[dict]) -> set[str]:
    out = set()
    for row in rows:
        row = {k: v for k, v in row.items() if k not in VOLATILE}
        if row.get("row_json"):
            inner = json.loads(row["row_json"])
            row["row_json"] = {k: v for k, v in inner.items() if k not in VOLATILE}
        out.add(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False))
    return out


def state_diff(expected: dict[str, set[str]], actual: dict[str, set[str]], limit: int = 3) -> str:
    """A short account of how two warehouse states differ, for assertion messages."""
    lines = []
    for table in expected:
        missing, extra = expected[table] - actual[table], actual[table] - expected[table]
        if missing or extra:
            lines.append(f"{table}: {len(missing)} missing, {len(extra)} extra")
            lines += [f"  - {row[:400]}" for row in sorted(missing)[:limit]]
            lines += [f"  + {row[:400]}" for row in sorted(extra)[:limit]]
    return "\n".join(lines)


def ingest_in_process(inbox: Path, warehouse: Path) -> None:
    """Discover, extract and commit without Prefect (the derive step is the one under test)."""
    found = discover(inbox, warehouse, settle_seconds=0)
    staging = warehouse / STAGING_DIR / "test"
    report = process_files(found.new, staging, 1, "test")
    for spec in INGESTED_TABLES:
        commit_staged(warehouse, staging, spec)
    write_ledger(warehouse, report.ledger_rows)
    clear_staging(warehouse)
