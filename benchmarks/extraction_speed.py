"""Extraction speed: MB of article text per CPU second through `extract_facts`, one core.

    .venv/bin/python benchmarks/extraction_speed.py [CORPUS_DIR] [--repeat N] [--cold]
        [--processes N]

Decodes the corpus once (decoding is not timed), then runs the extractor over the
articles N times and reports megabytes of `Article.text` (UTF-8) per second of CPU time
(`time.process_time`: the cores are shared, wall time would measure the neighbours), the
best of --trials runs; wall-clock MB/s (best trial) is printed beside it for reference.
The engine memoizes per-text work (names, statuses); `--cold` empties those caches before
every article, as for a stream of articles never seen before. On a shared machine the
figure moves with the host: for minutes at a time a core runs at about 60% of its speed
(a fixed pure-Python loop, timed beside each measurement as the "reference loop", slows
down as much). `--processes N` measures in N fresh processes, one after another, and
prints each figure with the load average and the reference loop, then their spread.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from fundwire.transforms.decode import decode_article
from fundwire.transforms.extract import extract_facts
from fundwire.transforms.records import Article

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
# Built once per process from seeds/: not per-article work.
_TABLES = ("_rows", "alias_table", "_alias_automaton")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--trials", type=int, default=3, help="best of N timings (shared CPUs)")
    parser.add_argument("--cold", action="store_true", help="empty the caches before each article")
    parser.add_argument("--processes", type=int, default=0, help="measure in N fresh processes")
    args = parser.parse_args()
    if args.processes:
        _in_processes(args)
        return
    files = [
        p for p in sorted(args.corpus.iterdir()) if p.is_file() and not p.name.startswith("gold")
    ]
    articles = [decode_article(p.read_bytes(), p.name) for p in files]
    extract_facts(articles[0])  # warm the tables (alias table, compiled patterns)
    size = sum(len(a.text.encode("utf-8")) for a in articles) * args.repeat
    reference = _reference_seconds()
    trials = [_timed(articles, args.repeat, args.cold) for _ in range(args.trials)]
    reference = max(reference, _reference_seconds())  # full speed only if fast throughout
    cpu = min(t[0] for t in trials)
    wall = min(t[1] for t in trials)
    facts = sum(len(extract_facts(a)) for a in articles) * args.repeat
    print(
        f"{len(articles)} articles x {args.repeat}{' (cold caches)' if args.cold else ''}: "
        f"{size / 1e6:.2f} MB in {cpu:.2f} s CPU = {size / 1e6 / cpu:.2f} MB/s "
        f"({facts} facts); wall {wall:.2f} s = {size / 1e6 / wall:.2f} MB/s; "
        f"reference loop {reference * 1000:.0f} ms"
    )


def _reference_seconds() -> float:
    """CPU seconds of a fixed pure-Python loop, unrelated to fundwire: how fast this
    machine runs right now (a shared host can slow a core by half for minutes)."""
    start = time.process_time()
    total = 0
    for i in range(1_000_000):
        total += i * i % 7
    return time.process_time() - start


def _in_processes(args: argparse.Namespace) -> None:
    """Run this script's measurement in `args.processes` fresh processes; summarize MB/s."""
    argv = [str(args.corpus), "--repeat", str(args.repeat), "--trials", str(args.trials)]
    argv += ["--cold"] if args.cold else []
    count = args.processes
    figures: list[tuple[float, float]] = []  # (MB/s, reference loop ms)
    for run in range(1, count + 1):
        load = os.getloadavg()[0]
        line = subprocess.run(
            [sys.executable, __file__, *argv], capture_output=True, text=True, check=True
        ).stdout.strip()
        rate = float(line.split(" MB/s")[0].rsplit("= ", 1)[1])
        figures.append((rate, float(line.rsplit("reference loop ", 1)[1].split()[0])))
        print(f"process {run} (load {load:.2f}): {line}")
    rates = [rate for rate, _ in figures]
    references = [reference for _, reference in figures]
    print(
        f"MB/s of CPU time over {count} processes: min {min(rates):.2f}, "
        f"median {statistics.median(rates):.2f}, max {max(rates):.2f}; "
        f"reference loop {min(references):.0f}-{max(references):.0f} ms "
        f"(docs/benchmarks.md: what it takes on this machine at full speed)"
    )


def _timed(articles: list[Article], repeat: int, cold: bool) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of `repeat` passes over the articles."""
    caches = _caches() if cold else []
    start, start_wall = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        for article in articles:
            for cache in caches:
                cache.cache_clear()
            extract_facts(article)
    return time.process_time() - start, time.perf_counter() - start_wall


def _caches() -> list[functools._lru_cache_wrapper]:
    """The memo caches of the engine's modules, the seed tables excepted."""
    return [
        value
        for name, module in sys.modules.items()
        if name.startswith("fundwire.transforms.")
        for value in vars(module).values()
        if hasattr(value, "cache_clear") and getattr(value, "__name__", "") not in _TABLES
    ]


if __name__ == "__main__":
    main()
