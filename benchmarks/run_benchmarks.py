"""The performance table of issue 7, measured in one invocation on this machine.

    .venv/bin/python benchmarks/run_benchmarks.py           # --quick: small sizes, minutes
    .venv/bin/python benchmarks/run_benchmarks.py --full    # the issue's sizes: 10k cold, 100k base

Every flow case is a subprocess (`fundwire run …`, a bare Prefect flow, the naive flow)
measured with `os.wait4`: wall seconds, CPU seconds and the peak RSS of the largest
process of the case (the Prefect server process is one of them). All cases share one
PREFECT_HOME under the work folder, so Prefect's database migrations are paid by the
first bare flow run and reported on their own row. The floors are a bare flow run that
does nothing (the median of three) and a read-and-decode pass over the cold inbox.
Extraction speed, the naive flow, the views over 1,000,000 facts and the money-parser
peers come after, in the same output.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing import Pool
from pathlib import Path

import facts_views
import money_peers
from synthetic_inbox import generate_inbox

from fundwire.transforms.decode import decode_article
from fundwire.transforms.extract import extract_facts

REPO = Path(__file__).resolve().parents[1]
FUNDWIRE = REPO / ".venv" / "bin" / "fundwire"
DEV_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
SETTLE_SECONDS = 2.5  # fundwire leaves files younger than 2 s for the next run
# Linux starts an exec'ed child's peak RSS at its parent's (the benchmark grows to GBs
# while it times the views), so cases run under GNU time, a small parent of their own.
TIME = Path("/usr/bin/time")
DASK_OPTIONS = ("--task-runner", "dask", "--dask-workers", "2")
COLD_RUNS = {  # case name → options of `fundwire run`
    "cold": (),
    "cold (threads)": ("--task-runner", "thread"),
    "cold (dask)": DASK_OPTIONS,
}
BARE_FLOW = "from prefect import flow\n@flow\ndef bare():\n    pass\nbare()\n"
QUIET_PREFECT = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    # migrations on a fresh PREFECT_HOME take longer than the 20 s default on a busy machine
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


@dataclass(frozen=True)
class Sizes:
    """How many articles each case works on."""

    cold: int
    base: int
    increment: int
    naive: int
    extraction_repeat: int
    facts: int


QUICK = Sizes(cold=1_000, base=5_000, increment=50, naive=200, extraction_repeat=5, facts=200_000)
FULL = Sizes(
    cold=10_000, base=100_000, increment=1_000, naive=1_000, extraction_repeat=20, facts=1_000_000
)


@dataclass
class Case:
    """One measured subprocess."""

    name: str
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    exit_code: int
    articles: int = 0
    megabytes: float = 0.0


class Bench:
    """Runs the cases with one environment (shared PREFECT_HOME) and collects them."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
        self.env.update(QUIET_PREFECT)
        self.env["PREFECT_HOME"] = str(work / "prefect_home")
        self.cases: dict[str, Case] = {}

    def measure(self, name: str, argv: list[str], articles: int = 0, mb: float = 0.0) -> Case:
        """Run argv to completion; wall time, CPU and peak RSS from the kernel's accounting."""
        log = self.work / (re.sub(r"[^\w+%-]+", "_", name) + ".log")
        print(f"  … {name}", file=sys.stderr, flush=True)
        rss_file = log.with_suffix(".rss")
        if TIME.exists():  # a small parent: see TIME
            argv = [str(TIME), "-f", "%M", "-o", str(rss_file), *argv]
        with open(log, "wb") as out:
            started = time.perf_counter()
            proc = subprocess.Popen(argv, env=self.env, stdout=out, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - started
        peak_kb = usage.ru_maxrss
        if rss_file.exists():
            peak_kb = int(rss_file.read_text().split()[-1])
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 3):  # 3: the run finished with some files as reject rows
            tail = log.read_text(errors="replace")[-2000:]
            raise SystemExit(f"{name} failed with exit code {code}:\n{tail}")
        case = Case(
            name,
            seconds,
            usage.ru_utime + usage.ru_stime,
            peak_kb / 1024,
            code,
            articles,
            mb,
        )
        self.cases[name] = case
        print(f"    {case}", file=sys.stderr, flush=True)
        return case

    def fundwire_run(
        self,
        name: str,
        inbox: Path,
        warehouse: Path,
        articles: int,
        mb: float,
        options: tuple[str, ...] = (),
    ) -> Case:
        argv = [str(FUNDWIRE), "run", "--inbox", str(inbox), "--warehouse", str(warehouse), "-q"]
        return self.measure(name, [*argv, *options], articles, mb)

    def bare_flow(self, name: str) -> Case:
        return self.measure(name, [sys.executable, "-c", BARE_FLOW])


def inbox_megabytes(inbox: Path, first: int = 0) -> float:
    """Size of the inbox files from the `first`-th (in name order of the generator) on."""
    return sum(p.stat().st_size for p in inbox.iterdir() if _index(p) >= first) / 1e6


def _index(path: Path) -> int:
    return int(path.stem.rsplit("_", 1)[1])


def write_inbox(folder: Path, n: int, start_index: int = 0) -> None:
    print(f"  … generating {n} articles in {folder.name}", file=sys.stderr, flush=True)
    generate_inbox(folder, n, seed=0, start_index=start_index)


def read_and_decode(inbox: Path) -> None:
    """The I/O floor: every file read and decoded, nothing extracted or written."""
    for path in sorted(inbox.iterdir()):
        decode_article(path.read_bytes(), path.name)


# ---------------------------------------------------------------- extraction alone
_corpus: list = []


def _load_corpus() -> None:
    files = [p for p in sorted(DEV_CORPUS.iterdir()) if p.is_file() and "gold" not in p.name]
    _corpus.extend(decode_article(p.read_bytes(), p.name) for p in files)
    extract_facts(_corpus[0])  # compiled patterns and the alias table, outside the timing


def _extract_passes(passes: int) -> tuple[int, float]:
    """(bytes of text extracted, CPU seconds) for `passes` passes over the corpus."""
    started = time.process_time()
    for _ in range(passes):
        for article in _corpus:
            extract_facts(article)
    size = sum(len(a.text.encode()) for a in _corpus) * passes
    return size, time.process_time() - started


def extraction_speed(repeat: int) -> tuple[float, float, float]:
    """MB/s of extract_facts: one process (wall clock, then CPU time), two processes (wall)."""
    if not _corpus:
        _load_corpus()
    started = time.perf_counter()
    size, cpu = _extract_passes(repeat)
    one_core, one_core_cpu = size / 1e6 / (time.perf_counter() - started), size / 1e6 / cpu
    with Pool(2, initializer=_load_corpus) as pool:
        pool.map(_extract_passes, [1, 1], chunksize=1)  # both workers warm
        started = time.perf_counter()
        results = pool.map(_extract_passes, [repeat, repeat], chunksize=1)
        wall = time.perf_counter() - started
    return one_core, one_core_cpu, sum(r[0] for r in results) / 1e6 / wall


# ---------------------------------------------------------------- the table
def run_small(sizes: Sizes, work: Path, runs_only: bool = False) -> Bench:
    """Floors, cold runs and the naive flow: everything but the large base."""
    bench = Bench(work)
    cold_inbox, naive_inbox = work / "inbox_cold", work / "inbox_1k"
    if not cold_inbox.exists():
        write_inbox(cold_inbox, sizes.cold)
    cold_mb = inbox_megabytes(cold_inbox)

    bench.bare_flow("prefect migrations (fresh PREFECT_HOME)")
    floors = [bench.bare_flow(f"bare flow #{i}") for i in (1, 2, 3)]
    median = statistics.median(c.seconds for c in floors)
    bench.cases["bare flow"] = min(floors, key=lambda c: abs(c.seconds - median))
    read_floor = [sys.executable, __file__, "--read-and-decode", str(cold_inbox)]
    bench.measure("read+decode (I/O floor)", read_floor, sizes.cold, cold_mb)
    for name, options in COLD_RUNS.items():
        if runs_only and "dask" in name:
            continue
        shutil.rmtree(work / f"wh_{name}", ignore_errors=True)
        bench.fundwire_run(name, cold_inbox, work / f"wh_{name}", sizes.cold, cold_mb, options)
    if runs_only:
        return bench
    write_inbox(naive_inbox, sizes.naive)
    naive_mb = inbox_megabytes(naive_inbox)
    naive = [sys.executable, str(Path(__file__).with_name("naive_flow.py"))]
    naive += ["--inbox", str(naive_inbox), "--warehouse", str(work / "wh_naive")]
    bench.measure("naive flow", naive, sizes.naive, naive_mb)
    bench.fundwire_run("batched flow", naive_inbox, work / "wh_batched", sizes.naive, naive_mb)
    return bench


def run_incremental(bench: Bench, sizes: Sizes) -> None:
    """The large base, a no-op run over it, then a run with 1% new articles.

    The +1% run works on copies (the inbox hard-linked, the warehouse copied with its
    files' times), so the base of a kept work folder (--work) serves again: a second
    invocation skips building it.
    """
    big_inbox, warehouse = bench.work / "inbox_big", bench.work / "wh_big"
    if not (warehouse / "_state").exists():
        shutil.rmtree(warehouse, ignore_errors=True)
        shutil.rmtree(big_inbox, ignore_errors=True)
        write_inbox(big_inbox, sizes.base)
        time.sleep(SETTLE_SECONDS)
        big_mb = inbox_megabytes(big_inbox)
        bench.fundwire_run("cold (base)", big_inbox, warehouse, sizes.base, big_mb)
    bench.fundwire_run("no-op", big_inbox, warehouse, 0, 0.0)
    plus_inbox, plus_warehouse = bench.work / "inbox_plus", bench.work / "wh_plus"
    for copy in (plus_inbox, plus_warehouse):
        shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(big_inbox, plus_inbox, copy_function=os.link)
    shutil.copytree(warehouse, plus_warehouse)
    write_inbox(plus_inbox, sizes.increment, start_index=sizes.base)
    time.sleep(SETTLE_SECONDS)
    new_mb = inbox_megabytes(plus_inbox, first=sizes.base)
    bench.fundwire_run("+1%", plus_inbox, plus_warehouse, sizes.increment, new_mb)


def _target(case: str, sizes: Sizes, bench: Bench) -> tuple[str, str]:
    """(target text, holds?) of a case, when the issue sets one."""
    floor = bench.cases["bare flow"].seconds
    c = bench.cases[case]
    rss_ok = c.peak_rss_mb <= 1024
    if case in COLD_RUNS and sizes.cold == FULL.cold:
        return "≤ 60 s", _yes(c.seconds <= 60)
    if case == "cold (base)" and sizes.base == FULL.base:
        return "RSS ≤ 1 GB", _yes(rss_ok)
    if case == "no-op":
        return "≤ floor + 3 s; RSS ≤ 1 GB", _yes(c.seconds <= floor + 3 and rss_ok)
    if case == "+1%":
        return "≤ floor + 10 s; RSS ≤ 1 GB", _yes(c.seconds <= floor + 10 and rss_ok)
    return "", ""


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def print_tables(
    bench: Bench, sizes: Sizes, extraction: tuple[float, float, float] | None, views, money
) -> None:
    floor = bench.cases["bare flow"].seconds
    io_floor = bench.cases["read+decode (I/O floor)"].seconds
    print("\n### Flow runs (each a subprocess; floor = bare Prefect flow run)\n")
    print(
        "| case | articles | MB | seconds | − floor | ÷ floor | ÷ I/O floor | articles/s | MB/s "
        "| CPU s | peak RSS MB | target | holds |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|")
    order = [
        ("prefect migrations (fresh PREFECT_HOME)", "prefect migrations (fresh PREFECT_HOME)"),
        ("bare flow", "bare flow (floor, median of 3)"),
        ("read+decode (I/O floor)", f"read+decode only, {sizes.cold:,} (I/O floor)"),
        ("cold", f"fundwire cold run, {sizes.cold:,} (worker processes, the default)"),
        ("cold (threads)", f"fundwire cold run, {sizes.cold:,}, `--task-runner thread`"),
        ("cold (dask)", f"fundwire cold run, {sizes.cold:,}, `{' '.join(DASK_OPTIONS)}`"),
        ("cold (base)", f"fundwire cold run, {sizes.base:,} (the base)"),
        ("no-op", f"fundwire no-op run over {sizes.base:,}"),
        ("+1%", f"fundwire +{sizes.increment:,} new over {sizes.base:,}"),
    ]
    for key, label in order:
        if key not in bench.cases:  # --runs-only, or a kept base (--work)
            continue
        c = bench.cases[key]
        rate = f"{c.articles / c.seconds:,.0f}" if c.articles else "–"
        mbs = f"{c.megabytes / c.seconds:.2f}" if c.megabytes else "–"
        target, holds = _target(key, sizes, bench)
        print(
            f"| {label} | {c.articles:,} | {c.megabytes:.1f} | {c.seconds:.1f} "
            f"| {c.seconds - floor:+.1f} | {c.seconds / floor:.2f} | {c.seconds / io_floor:.1f} "
            f"| {rate} | {mbs} | {c.cpu_seconds:.1f} | {c.peak_rss_mb:,.0f} | {target} | {holds} |"
        )

    if extraction is None:  # --runs-only
        return
    naive, batched = bench.cases["naive flow"], bench.cases["batched flow"]
    one_core, one_core_cpu, two_procs = extraction
    print("\n### Extraction, orchestration, views\n")
    print("| measure | value | target | holds |")
    print("|---|--:|---|---|")
    print(
        f"| extraction, 1 process (dev corpus × {sizes.extraction_repeat}) | {one_core:.2f} MB/s "
        f"wall, {one_core_cpu:.2f} MB/s of CPU time | ≥ 1 MB/s/core | {_yes(one_core_cpu >= 1)} |"
    )
    print(
        f"| extraction, 2 processes | {two_procs:.2f} MB/s ({two_procs / one_core:.2f}×) "
        f"| close to 2× | {_yes(two_procs / one_core >= 1.7)} |"
    )
    print(
        f"| naive flow (1 task per article), {sizes.naive:,} articles | {naive.seconds:.1f} s "
        f"(peak RSS {naive.peak_rss_mb:,.0f} MB) | | |"
    )
    print(
        f"| fundwire batched flow, {sizes.naive:,} articles | {batched.seconds:.1f} s "
        f"(peak RSS {batched.peak_rss_mb:,.0f} MB) | | |"
    )
    print(f"| naive ÷ batched | {naive.seconds / batched.seconds:.2f}× | | |")
    for name, seconds in views:
        target = name in facts_views.VIEWS
        label = f"`{name}`, full result" if target else name
        print(
            f"| {label}, {sizes.facts:,} generated facts | {seconds:.3f} s "
            f"| {'≤ 1 s' if target else ''} | {_yes(seconds <= 1) if target else ''} |"
        )

    print("\n### Money parsing against peers (English expressions of the labelled corpus)\n")
    print(money_peers.format_table(money))


def machine() -> str:
    cores = os.cpu_count()
    with open("/proc/meminfo") as meminfo:
        total_kb = int(meminfo.readline().split()[1])
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{when}; {cores} cores, {total_kb / 1024**2:.1f} GB RAM; Python "
        f"{platform.python_version()}; load average {os.getloadavg()[0]:.1f} at the end"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="small sizes (default)")
    mode.add_argument("--full", action="store_true", help="the issue's sizes")
    parser.add_argument("--work", type=Path, help="work folder (default: a new temporary one)")
    parser.add_argument(
        "--runs-only",
        action="store_true",
        help="only the fundwire runs and their floors (no Dask, naive flow, extraction, "
        "views or money parsers)",
    )
    parser.add_argument("--read-and-decode", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.read_and_decode:
        read_and_decode(args.read_and_decode)
        return 0
    sizes = FULL if args.full else QUICK
    work = args.work or Path(tempfile.mkdtemp(prefix="fundwire-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"work folder: {work}", file=sys.stderr)
    started = time.perf_counter()
    bench = run_small(sizes, work, args.runs_only)
    extraction = views = money = None
    if not args.runs_only:
        print("  … extraction alone", file=sys.stderr, flush=True)
        extraction = extraction_speed(sizes.extraction_repeat)
        print(f"    {extraction}", file=sys.stderr, flush=True)
        print("  … views over generated facts", file=sys.stderr, flush=True)
        views = facts_views.measure(sizes.facts, work / "wh_views")
        print(f"    {views}", file=sys.stderr, flush=True)
        print("  … money parsers", file=sys.stderr, flush=True)
        money = money_peers.measure()
    run_incremental(bench, sizes)
    results = {"cases": [vars(c) for c in bench.cases.values()], "extraction": extraction}
    results |= {"views": views, "money": money}
    (work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    mode_name = ("--full" if args.full else "--quick") + (" --runs-only" if args.runs_only else "")
    print(f"## fundwire benchmarks ({mode_name})\n")
    print(f"Command: `.venv/bin/python benchmarks/run_benchmarks.py {mode_name}`  ")
    print(f"Machine: {machine()}  ")
    print(f"Whole benchmark: {time.perf_counter() - started:.0f} s")
    print_tables(bench, sizes, extraction, views, money)
    return 0


if __name__ == "__main__":
    sys.exit(main())
