"""The bundled sample inbox: every article decodes, is labelled, and extracts close to it."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

from fundwire.schemas.vocab import CURRENCIES, KINDS, QUALIFIERS, ROUNDS, STATUSES
from fundwire.transforms.decode import decode_article
from fundwire.transforms.extract import extract_facts
from tests.test_extract_corpus import _scorer

INBOX = Path(str(files("fundwire.seeds") / "inbox"))
EXPECTED = Path(str(files("fundwire.seeds") / "inbox_expected.jsonl"))


def _expected() -> list[dict]:
    return [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines()]


def test_every_sample_article_decodes_and_is_labelled() -> None:
    names = sorted(p.name for p in INBOX.iterdir())
    assert len(names) >= 8
    for name in names:
        article = decode_article((INBOX / name).read_bytes(), name)
        assert article.lang in {"en", "zh"}
    assert {row["article"] for row in _expected()} == set(names)


def test_labels_use_the_vocabularies() -> None:
    for row in _expected():
        assert row["kind"] in KINDS
        assert row["currency"] in (None, *CURRENCIES)
        assert row["qualifier"] in (None, *QUALIFIERS)
        assert row["round"] in (None, *ROUNDS)
        assert row["status"] in (None, *STATUSES)


def test_extraction_on_the_sample_inbox_is_close_to_its_labels() -> None:
    score = _scorer()
    predictions = []
    for path in sorted(INBOX.iterdir()):
        article = decode_article(path.read_bytes(), path.name)
        predictions += [{"article": path.name, **f.as_json()} for f in extract_facts(article)]
    predictions = json.loads(json.dumps(predictions))
    counts, _, _, _ = score.score(_expected(), predictions, INBOX)
    tp, fp, fn = counts["all"]
    assert 2 * tp / (2 * tp + fp + fn) >= 0.88
