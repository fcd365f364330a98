"""SIGKILL `fundwire run` at random moments, run again, and compare with an uninterrupted run.

The reference runs are watched to time each step of a run (extraction, Parquet commits,
deal derivation, the view build, the ledger); each trial aims at one step in turn and
kills the run at a moment drawn uniformly over that step's span. Half the trials kill a
first run into an empty warehouse, half an incremental run into a warehouse that
already holds half the inbox. After the kill the warehouse must read whole with
unique keys; after a second, complete run it must equal the reference (one
uninterrupted run of the whole inbox) exactly: same rows, same deal ids.

CI runs FUNDWIRE_KILL_TRIALS (default 5, one per step) trials; the full check is
`FUNDWIRE_KILL_TRIALS=24 .venv/bin/pytest tests/test_kill.py -s` (about 4 minutes).
FUNDWIRE_KILL_SEED replays a sequence of kill moments.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from fundwire.warehouse.database import build_database
from tests.runs import (
    assert_database_consistent,
    assert_whole_and_unique,
    run_env,
    run_to_end,
    start_run,
    state_diff,
    wait_for_lock,
    warehouse_state,
    write_articles,
)

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

TRIALS = int(os.environ.get("FUNDWIRE_KILL_TRIALS", "5"))  # one per step
SEED = int(os.environ.get("FUNDWIRE_KILL_SEED", str(random.randrange(1_000_000))))
ARTICLES = range(40)
BATCH = ("--batch-size", "4")  # many extraction tasks and staged files to land in
EXTRA_FILES = {
    "empty.md": b"",
    "picture.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "zz-absurd.md": b"---\npublished: 2024-02-02\n---\n"
    b"Gamma Labs raised $9,999,999 trillion in a Series A round led by Accel.\n",
}
# The steps of a run in order (README, "one run, step by step"), each with the names in the
# warehouse folder whose appearance or change shows the step has begun.
PHASES = (
    ("extract", ("_staging",)),
    ("commit", ("facts", "rejects", "articles")),
    ("derive", ("deals", "deal_sources", "fx_rates")),
    ("views", (".fundwire.duckdb.", "fundwire.duckdb")),
    ("ledger", ("_state",)),
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The inbox, the Prefect API for child runs, and the two reference runs with timings."""
    from prefect.settings import PREFECT_API_URL

    root = tmp_path_factory.mktemp("kill")
    env = run_env(PREFECT_API_URL.value(), root / "prefect-home")
    inbox, half_inbox = root / "inbox", root / "half-inbox"
    write_articles(inbox, ARTICLES, EXTRA_FILES)
    shutil.copy2(next(inbox.glob("*_000-en.md")), inbox / "zz-copy-of-000.md")  # a duplicate
    write_articles(half_inbox, range(0, len(ARTICLES), 2))

    half = root / "half"
    world = {"root": root, "env": env, "inbox": inbox, "half": half}
    world["timeline-incremental"] = _timed_run(half_inbox, half, env)  # about the same work
    reference = root / "reference"
    world["timeline-fresh"] = _timed_run(inbox, reference, env)
    world["state"] = warehouse_state(reference)
    assert_whole_and_unique(reference)
    assert_database_consistent(reference)
    return world


def test_reference_run_holds_every_file(world: dict) -> None:
    state = world["state"]
    assert len(state["articles"]) == len(ARTICLES) + 1  # zz-absurd.md is an article
    assert len(state["ledger"]) == len(ARTICLES) + len(EXTRA_FILES) + 1
    assert len(state["deals"]) > 10


def test_kill_at_random_moments_then_rerun(world: dict) -> None:
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for trial in range(TRIALS):
        mode = ("fresh", "incremental")[trial % 2]
        target = PHASES[trial % len(PHASES)][0]  # 10 trials cover every (mode, step) pair
        start, end = world[f"timeline-{mode}"][target]
        delay = rng.uniform(start, end)
        warehouse = _trial_warehouse(world, mode, f"trial-{trial:02d}")
        started = time.time_ns()
        process = start_run(world["inbox"], warehouse, world["env"], *BATCH)
        time.sleep(max(0.0, wait_for_lock(process, warehouse) + delay - time.monotonic()))
        killed = process.poll() is None
        if killed:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
        phase = _phase_reached(warehouse, started) if killed else "after exit"
        mid_write = any(warehouse.rglob(".*.tmp"))
        context = f"seed {SEED} trial {trial} ({mode}, aimed at {target} +{delay:.2f}s: {phase})"
        print(context)  # shown with the failure

        assert_whole_and_unique(warehouse)
        if (warehouse / "fundwire.duckdb").exists():
            assert_database_consistent(warehouse)

        rerun = run_to_end(world["inbox"], warehouse, world["env"], *BATCH)
        assert rerun.returncode in (0, 3), f"{context}: {rerun.stderr.decode()}"
        assert_whole_and_unique(warehouse)
        assert_database_consistent(warehouse)
        final = warehouse_state(warehouse)
        assert final == world["state"], f"{context}\n{state_diff(world['state'], final)}"
        assert not any(warehouse.rglob(".*.tmp")), f"{context}: temporary files left behind"
        assert not (warehouse / "_staging").exists(), context
        outcomes[f"{phase}{' mid-write' if mid_write else ''}"] += 1
        shutil.rmtree(warehouse)
    timeline = {p: round(s, 2) for p, (s, _) in world["timeline-fresh"].items()}
    print(f"\nkill trials: {TRIALS}, seed {SEED}; steps begin (s after the lock): {timeline}")
    print(f"killed in, all recovered: {dict(sorted(outcomes.items()))}")


def _timed_run(inbox: Path, warehouse: Path, env: dict[str, str]) -> dict[str, tuple]:
    """Run to completion, watching the warehouse folder; when each step began and ended,
    in seconds after the lock was taken (the spans the kills aim at)."""
    process = start_run(inbox, warehouse, env, *BATCH)
    locked = wait_for_lock(process, warehouse)
    began: dict[str, float] = {}
    while process.poll() is None:
        names = os.listdir(warehouse)
        for phase, markers in PHASES:
            if phase not in began and any(n.startswith(markers) for n in names):
                began[phase] = time.monotonic() - locked
        time.sleep(0.002)
    _, err = process.communicate(timeout=300)
    assert process.returncode in (0, 3), err.decode()  # 3: some files were rejected
    began["extract"] = 0.0  # discovery, before the first staged batch, counts as extraction
    ends = [*(began[p] for p, _ in PHASES[1:]), time.monotonic() - locked]
    return {p: (began[p], end) for (p, _), end in zip(PHASES, ends, strict=True)}


def _trial_warehouse(world: dict, mode: str, name: str) -> Path:
    """An empty warehouse path, or a copy of the half-filled one with its views rebuilt."""
    warehouse = world["root"] / name
    if mode == "incremental":
        shutil.copytree(world["half"], warehouse)
        build_database(warehouse)  # the copied views still name the original folder
    return warehouse


def _phase_reached(warehouse: Path, since_ns: int) -> str:
    """The last step whose output the killed run had written, judged by modification times."""
    for phase, markers in reversed(PHASES):
        for path in warehouse.iterdir():
            if not path.name.startswith(markers):
                continue
            changed = [path, *path.rglob("*")] if path.is_dir() else [path]
            if any(p.stat().st_mtime_ns >= since_ns for p in changed if p.is_file()):
                return phase
    return "discover"
