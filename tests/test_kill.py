"""SIGKILL `fundwire run` at random moments, run again, and compare with an uninterrupted run.

The reference run is watched to time each step of a run (extraction, Parquet commits,
deal derivation, the view build, the ledger). Each trial aims at one step in turn: it
waits until the run has written the step's first output, then kills it after a delay
drawn uniformly over the step's measured length. Half the trials kill a
first run into an empty warehouse, half an incremental run into a warehouse that
already holds half the inbox. After the kill the warehouse must read whole with
unique keys; after a second, complete run it must equal the reference (one
uninterrupted run of the whole inbox) exactly: same rows, same deal ids.

CI runs FUNDWIRE_KILL_TRIALS (default 4) trials; the full check is
`FUNDWIRE_KILL_TRIALS=24 .venv/bin/pytest tests/test_kill.py -s` (10 to 15 minutes on two cores).
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

from fundwire.warehouse import derived
from fundwire.warehouse.database import build_database
from tests.runs import (
    assert_database_consistent,
    assert_whole_and_unique,
    ingest_in_process,
    run_env,
    run_to_end,
    start_run,
    state_diff,
    wait_for_lock,
    warehouse_state,
    write_articles,
)

TRIALS = int(os.environ.get("FUNDWIRE_KILL_TRIALS", "4"))
SEED = int(os.environ.get("FUNDWIRE_KILL_SEED", str(random.randrange(1_000_000))))
ARTICLES = range(16)
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

# The steps the trials aim at in turn: the writing steps first, so that few trials (CI)
# still kill during Parquet commits, deal derivation, the view build and the ledger.
AIMS = ("commit", "derive", "views", "ledger", "extract")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> dict:
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
    assert run_to_end(half_inbox, half, env, *BATCH).returncode == 0
    reference = root / "reference"
    world["spans"] = _timed_run(inbox, reference, env)
    world["state"] = warehouse_state(reference)
    assert_whole_and_unique(reference)
    assert_database_consistent(reference)
    return world


@pytest.mark.flow
def test_reference_run_holds_every_file(world: dict) -> None:
    state = world["state"]
    assert len(state["articles"]) == len(ARTICLES) + 1  # zz-absurd.md is an article
    assert len(state["ledger"]) == len(ARTICLES) + len(EXTRA_FILES) + 1
    assert len(state["deals"]) > 10


@pytest.mark.flow
def test_kill_at_random_moments_then_rerun(world: dict) -> None:
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for trial in range(TRIALS):
        mode = ("fresh", "incremental")[trial % 2]
        target = AIMS[trial % len(AIMS)]  # 10 trials cover every (mode, step) pair
        delay = rng.uniform(0.0, world["spans"][target])
        warehouse = _trial_warehouse(world, mode, f"trial-{trial:02d}")
        started = time.time_ns()
        process = start_run(world["inbox"], warehouse, world["env"], *BATCH)
        wait_for_lock(process, warehouse)
        while process.poll() is None and not _began(warehouse, target, started):
            time.sleep(0.005)
        time.sleep(delay)
        killed = process.poll() is None
        if killed:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
        phase = _phase_reached(warehouse, started) if killed else "after exit"
        mid_write = any(warehouse.rglob(".*.tmp"))
        context = f"seed {SEED} trial {trial} ({mode}, {target} began +{delay:.2f}s: {phase})"
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
    spans = {phase: round(seconds, 2) for phase, seconds in world["spans"].items()}
    print(f"\nkill trials: {TRIALS}, seed {SEED}; seconds each step lasts: {spans}")
    print(f"killed in, all recovered: {dict(sorted(outcomes.items()))}")


def _timed_run(inbox: Path, warehouse: Path, env: dict[str, str]) -> dict[str, float]:
    """Run to completion, watching the warehouse; how many seconds each step lasted (from
    its first output to the next step's), the span a kill aimed at that step is drawn from."""
    started = time.time_ns()
    process = start_run(inbox, warehouse, env, *BATCH)
    began = {"extract": wait_for_lock(process, warehouse)}  # discovery counts as extraction
    while process.poll() is None:
        for phase, _ in PHASES:
            if phase not in began and _began(warehouse, phase, started):
                began[phase] = time.monotonic()
        time.sleep(0.005)
    _, err = process.communicate(timeout=300)
    assert process.returncode in (0, 3), err.decode()  # 3: some files were rejected
    ends = [*(began[p] for p, _ in PHASES[1:]), time.monotonic()]
    return {p: end - began[p] for (p, _), end in zip(PHASES, ends, strict=True)}


def _trial_warehouse(world: dict, mode: str, name: str) -> Path:
    """An empty warehouse path, or a copy of the half-filled one with its views rebuilt."""
    warehouse = world["root"] / name
    if mode == "incremental":
        shutil.copytree(world["half"], warehouse)
        build_database(warehouse)  # the copied views still name the original folder
    return warehouse


def _phase_reached(warehouse: Path, since_ns: int) -> str:
    """The last step whose output the killed run had written."""
    reached = [phase for phase, _ in PHASES if _began(warehouse, phase, since_ns)]
    return reached[-1] if reached else "discover"


def _began(warehouse: Path, phase: str, since_ns: int) -> bool:
    """Whether a run started at `since_ns` has written anything of `phase` yet."""
    markers = dict(PHASES)[phase]
    for path in warehouse.iterdir() if warehouse.exists() else ():
        if path.name.startswith(markers):
            changed = [path, *path.rglob("*")] if path.is_dir() else [path]
            try:
                if any(p.stat().st_mtime_ns >= since_ns for p in changed if p.is_file()):
                    return True
            except FileNotFoundError:  # renamed or removed under our feet: it changed
                return True
    return False


class _Killed(BaseException):
    """Stands for SIGKILL inside one process: nothing after it runs."""


@pytest.mark.parametrize(
    ("incremental", "writes_before_kill"),
    [(True, 0), (True, 1), (True, 2), (False, 0), (False, 1), (False, 2), (False, 3)],
)
def test_derive_killed_between_its_swaps_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, incremental: bool, writes_before_kill: int
) -> None:
    """Deals, deal sources, rates (and, when all is recomputed, the rules file) are swapped
    one after another; a kill between any two must leave what the next derive repairs.
    The random kills above rarely land in these millisecond gaps; this aims at each."""
    inbox, warehouse, scratch = tmp_path / "inbox", tmp_path / "warehouse", tmp_path / "scratch"
    if incremental:
        write_articles(inbox, range(0, 24, 2))
        ingest_in_process(inbox, warehouse)
        derived.derive_tables(warehouse, "EUR")
    write_articles(inbox, range(24))
    ingest_in_process(inbox, warehouse)

    writes: list[str] = []
    real_replace, real_store = derived.replace_table, derived._store_rules

    def write_or_die(name: str, write, *args) -> None:
        if len(writes) == writes_before_kill:
            raise _Killed
        writes.append(name)
        write(*args)

    monkeypatch.setattr(
        derived,
        "replace_table",
        lambda w, spec, t: write_or_die(spec.name, real_replace, w, spec, t),
    )
    monkeypatch.setattr(derived, "_store_rules", lambda *a: write_or_die("rules", real_store, *a))
    with pytest.raises(_Killed):
        derived.derive_tables(warehouse, "EUR")
    monkeypatch.undo()
    derived.derive_tables(warehouse, "EUR")

    ingest_in_process(inbox, scratch)
    derived.derive_tables(scratch, "EUR")
    expected, actual = warehouse_state(scratch), warehouse_state(warehouse)
    for table in ("facts", "deals", "deal_sources"):
        assert actual[table] == expected[table], state_diff(
            {table: expected[table]}, {table: actual[table]}
        )
