"""Atheris fuzz target: one inbox file's bytes through decode and the full extraction.

The only exception allowed out of `decode_article` is `DecodeError` (it becomes a
reject row); `extract_facts` must accept every article that decoding produces.
Anything else is a crash atheris reports, with the input saved as `crash-<sha1>`.

Run (10 minutes, one core, niced; corpus and crashes under /tmp):

    mkdir -p /tmp/fuzz-corpus
    nice -n 10 .venv/bin/python fuzz/fuzz_extract.py /tmp/fuzz-corpus \
        -max_total_time=600 -max_len=4096 -artifact_prefix=/tmp/fuzz-

Replay one crash: `.venv/bin/python fuzz/fuzz_extract.py /tmp/fuzz-crash-<sha1>`.
Seeds are optional: any .md/.txt/.html/.json articles copied into the corpus folder.
"""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports():
    from fundwire.transforms.decode import FORMATS, DecodeError, decode_article
    from fundwire.transforms.extract import extract_facts
    from fundwire.transforms.rows import fact_rows

SUFFIXES = sorted(FORMATS)


def test_one_input(data: bytes) -> None:
    """The first byte picks the file suffix, the rest is the file's content.

    Besides decode and extract, the facts go through `as_json` and `fact_rows`, the
    two ways the command line and the flow turn them into output.
    """
    if not data:
        return
    name = "2024-03-05-fuzz" + SUFFIXES[data[0] % len(SUFFIXES)]
    try:
        article = decode_article(data[1:], name)
    except DecodeError:
        return
    facts = extract_facts(article)
    for fact in facts:
        start, end = fact.evidence_start, fact.evidence_end
        if not 0 <= start <= end <= len(article.text):
            raise AssertionError(f"evidence span {start}..{end} outside the article text")
        json.dumps(fact.as_json(), ensure_ascii=False)
    fact_rows(article, "0" * 32, facts)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
