"""The extractor against the labelled corpus, scored with the shared scorer's own matching.

Reads /work/shared (beside the repository) when present; skipped elsewhere. No corpus text
is copied into the project.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from fundwire.transforms.decode import decode_article
from fundwire.transforms.extract import extract_facts

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ATTRIBUTES = ("qualifier", "round", "date", "lead", "status")


def _scorer() -> ModuleType:
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("the shared corpus and scorer are not on this machine")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(folder: str) -> tuple[dict[str, tuple[int, int, int]], dict[str, list[int]]]:
    score = _scorer()
    corpus = SHARED / "corpus" / folder
    gold = [row for f in sorted(corpus.glob("gold*.jsonl")) for row in score.load_jsonl(f)]
    predictions = []
    for path in sorted(corpus.iterdir()):
        if path.is_file() and not path.name.startswith(("gold", ".")):
            article = decode_article(path.read_bytes(), path.name)
            for fact in extract_facts(article):
                row = json.loads(json.dumps(fact.as_json()))
                row["article"] = path.name
                predictions.append(row)
    counts, attr_hits, _, _ = score.score(gold, predictions, corpus)
    return dict(counts), dict(attr_hits)


def _f1(counts: dict[str, tuple[int, int, int]], key: str) -> float:
    tp, fp, fn = counts[key]
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def test_seeds_f1() -> None:
    counts, _ = _score("seeds")
    assert _f1(counts, "all") >= 0.95


def test_dev_f1_overall_and_per_language() -> None:
    counts, _ = _score("dev")
    assert _f1(counts, "all") >= 0.92
    assert _f1(counts, "lang:en") >= 0.90
    assert _f1(counts, "lang:zh") >= 0.90


def test_dev_attribute_accuracy() -> None:
    _, attr_hits = _score("dev")
    for attribute in ATTRIBUTES:
        ok, total = attr_hits[attribute]
        assert ok / total >= 0.90, attribute
