"""Extraction speed: MB of article text per second through `extract_facts`, one core.

    .venv/bin/python benchmarks/extraction_speed.py [CORPUS_DIR] [--repeat N]

Decodes the corpus once (decoding is not timed), then runs the extractor over the
articles N times and reports megabytes of `Article.text` (UTF-8) per second.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from fundwire.transforms.decode import decode_article
from fundwire.transforms.extract import extract_facts

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--trials", type=int, default=3, help="best of N timings (shared CPUs)")
    args = parser.parse_args()
    files = [
        p for p in sorted(args.corpus.iterdir()) if p.is_file() and not p.name.startswith("gold")
    ]
    articles = [decode_article(p.read_bytes(), p.name) for p in files]
    extract_facts(articles[0])  # warm the caches (alias table, compiled patterns)
    size = sum(len(a.text.encode("utf-8")) for a in articles) * args.repeat
    elapsed = min(_timed(articles, args.repeat) for _ in range(args.trials))
    facts = sum(len(extract_facts(a)) for a in articles) * args.repeat
    print(
        f"{len(articles)} articles x {args.repeat}: {size / 1e6:.2f} MB in {elapsed:.2f} s "
        f"= {size / 1e6 / elapsed:.2f} MB/s ({facts} facts)"
    )


def _timed(articles: list, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for article in articles:
            extract_facts(article)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
