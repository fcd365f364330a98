"""The synthetic benchmark inbox: deterministic, the right count, every format and encoding."""

from __future__ import annotations

import codecs
import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.synthetic_inbox import generate_inbox, main

FILE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}_syn_\d{6}\.(md|txt|html|json)$")
COMPANY = re.compile(
    r"\b[A-Z][a-z]+ (?:AI|Robotics|Bio|Semiconductor|Energy|Health|Logistics|Mobility)\b"
)


def decode(data: bytes) -> tuple[str, str]:
    """(encoding, text) of one generated file, told apart by BOM and validity."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", data.decode("utf-16")
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", data.decode("utf-8-sig")
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030", data.decode("gb18030")


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate_inbox(tmp_path_factory.mktemp("inbox"), 400, seed=3)


def test_same_seed_gives_same_bytes(tmp_path: Path) -> None:
    first = generate_inbox(tmp_path / "a", 50, seed=11)
    second = generate_inbox(tmp_path / "b", 50, seed=11)
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))


def test_other_seed_gives_other_articles(tmp_path: Path) -> None:
    first = generate_inbox(tmp_path / "a", 20, seed=1)
    second = generate_inbox(tmp_path / "b", 20, seed=2)
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in second]


def test_start_index_adds_the_articles_a_longer_run_would_have(tmp_path: Path) -> None:
    full = generate_inbox(tmp_path / "full", 40, seed=5)
    tail = generate_inbox(tmp_path / "tail", 10, seed=5, start_index=30)
    assert [(p.name, p.read_bytes()) for p in tail] == [(p.name, p.read_bytes()) for p in full[30:]]


def test_count_and_unique_dated_names(inbox: list[Path]) -> None:
    assert len(inbox) == 400
    assert len({p.name for p in inbox}) == 400
    assert all(FILE_NAME.match(p.name) for p in inbox)
    assert sorted(p.name for p in inbox[0].parent.iterdir()) == sorted(p.name for p in inbox)


def test_every_format_encoding_and_language_occurs(inbox: list[Path]) -> None:
    formats = Counter(p.suffix for p in inbox)
    assert set(formats) == {".md", ".txt", ".html", ".json"}
    assert min(formats.values()) >= 60
    encodings = Counter(decode(p.read_bytes())[0] for p in inbox)
    assert set(encodings) == {"utf-8", "utf-8-sig", "utf-16", "gb18030"}
    texts = [decode(p.read_bytes())[1] for p in inbox]
    chinese = sum(bool(re.search(r"[\u4e00-\u9fff]{8}", t)) for t in texts)
    assert 0.35 < chinese / len(texts) < 0.65


def test_formats_are_well_formed(inbox: list[Path]) -> None:
    for path in inbox:
        text = decode(path.read_bytes())[1]
        if path.suffix == ".json":
            record = json.loads(text)
            assert set(record) == {"title", "body", "published", "url", "source", "lang"}
            assert path.name.startswith(record["published"])
        elif path.suffix == ".md":
            assert text.startswith("---\ntitle: ") and "\npublished: " in text
        elif path.suffix == ".html":
            assert all(tag in text for tag in ("<nav>", "<script>", "<article>", "<footer>"))
        else:
            assert not text.startswith("---")


def test_sizes_are_about_three_kilobytes(inbox: list[Path]) -> None:
    text_sizes = [len(decode(p.read_bytes())[1].encode()) for p in inbox]
    assert min(text_sizes) > 2_000 and max(text_sizes) < 7_000
    assert 2_800 < sum(text_sizes) / len(text_sizes) < 4_500
    assert all(1_000 < p.stat().st_size < 12_000 for p in inbox)


def test_deals_are_reported_by_several_articles(inbox: list[Path]) -> None:
    companies = Counter()
    for path in inbox:
        found = Counter(COMPANY.findall(decode(path.read_bytes())[1]))
        if found:
            companies[found.most_common(1)[0][0]] += 1
    assert companies.most_common(1)[0][1] >= 5
    assert sum(n for n in companies.values() if n > 1) > 0.3 * sum(companies.values())


def test_generation_is_fast(tmp_path: Path) -> None:
    started = time.perf_counter()
    generate_inbox(tmp_path, 1_000, seed=0)
    assert time.perf_counter() - started < 5  # about 0.2 s; loose for a shared machine


def test_command_line_writes_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main([str(tmp_path / "out"), "--articles", "7", "--seed", "4"]) == 0
    assert len(list((tmp_path / "out").iterdir())) == 7
    assert capsys.readouterr().out.startswith("7 articles")
