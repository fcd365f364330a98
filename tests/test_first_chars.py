"""Patterns with a first-character scan find what `re.compile` finds, where `re` finds it."""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import fundwire.transforms
from fundwire.transforms.decode import decode_article
from fundwire.transforms.first_chars import compile_scanning, opens_beyond_ascii
from fundwire.transforms.hanzi import FoldedPattern
from fundwire.transforms.sentences import split_sentences
from tests.articles import ACME_EN, ACME_ZH

TEXTS = [
    "The round was led by Foo Capital, with participation from Bar, on Oct. 3, 2024.",
    "Zeta raised $5m; 洽谈 continued. 甲資本領投，乙跟投，融資5000萬美元。",
    "ledger, misled, co-led by X; 2023-10-28 and 28日 and 去年10月",
    "",
    "x",
]


def _same(plain: re.Pattern[str], scanning: re.Pattern[str], text: str) -> None:
    """The scan serves searches (search, finditer, sub); a match at one position skips it."""

    def found(pattern: re.Pattern[str], pos: int) -> list[tuple[tuple[int, int], tuple]]:
        return [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(text, pos)]

    for pos in {0, len(text) // 2}:
        assert found(plain, pos) == found(scanning, pos)
        a, b = plain.match(text, pos), scanning.match(text, pos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(?:led|co-led)\s+by\b|估值",  # word edges before each alternative
        r"(?=[0-9去])(?:(?P<y>\d{4})-\d\d|去年(?P<m>\d+)月)",  # a lookahead names the start
        r"(?<![0-9])(?P<day>\d{1,2})日(?!内)",  # a lookbehind is passed over
        r"(?:a|b)?\s*led|[领領]投",  # optional parts: their characters and the next ones
        r"\s+(?:also\s+)?(?:co-led|led)\s+(?:the|a)\b",
        # alternatives opening with groups get a lookahead for their first characters
        r"(?P<day>(?<![0-9])\d{1,2})日|(?P<my>(?P<m>Oct|May)\.?\s+(?P<y>\d{4}))|(?P<w>(?:by|to)+)",
        # alternatives opening with one literal are tried under it, in their order
        r"million|billion|\bbn\b|[bc]y|bus|b(?P<n>\d)|led",
    ],
)
def test_scanning_patterns_match_like_re(pattern: str) -> None:
    scanning = compile_scanning(pattern)
    assert scanning != re.compile(pattern)  # a first-character scan was added
    assert scanning.pattern == pattern and scanning.groupindex == re.compile(pattern).groupindex
    for text in TEXTS:
        _same(re.compile(pattern), scanning, text)


def test_alternatives_are_not_joined_across_one_that_may_match_first() -> None:
    """ "bx|[ab]y|bz": at "b" the class comes between; "b?" matches anywhere."""
    for pattern in (r"bx|[ab]y|bz", r"bill|(?:yy)?|bus", r"bx|\wy|bz"):
        for text in ("by bz bx", "bus bill", "a bus", "bzy"):
            _same(re.compile(pattern), compile_scanning(pattern), text)
            assert [m.span() for m in re.finditer(pattern, text)] == [
                m.span() for m in compile_scanning(pattern).finditer(text)
            ]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"[^a]b", 0),  # a negated class may start anywhere
        (r"(?a:\W)x", 0),  # an ASCII \W holds letters the Unicode one does not
        (r"^led", 0),  # anchored: tried at the start only
        (r"a?", 0),  # may match ""
        (r"led", re.I),  # case-insensitive: left to re
        (r"(?i:led)x", 0),
        (r".x", 0),
    ],
)
def test_no_scan_where_the_first_characters_cannot_be_told(pattern: str, flags: int) -> None:
    assert compile_scanning(pattern, flags) == re.compile(pattern, flags)


def test_every_engine_pattern_matches_like_re(request: pytest.FixtureRequest) -> None:
    """Every compiled pattern of the extraction modules, on sentences of the test articles
    and, when present, of the labelled corpus."""
    for module in pkgutil.iter_modules(fundwire.transforms.__path__):
        importlib.import_module(f"fundwire.transforms.{module.name}")
    texts = list(TEXTS)
    sources = [ACME_EN, ACME_ZH]
    corpus = Path(request.config.rootpath).parent / "shared" / "corpus" / "dev"
    if corpus.is_dir():
        sources += [decode_article(p.read_bytes(), p.name).text for p in _articles(corpus)]
    for source in sources:
        sentences = [s.text for s in split_sentences(source, None)]
        texts += sentences + [s.lower() for s in sentences]
    patterns = {
        (p.pattern, p.flags)
        for name, module in sys.modules.items()
        if name.startswith("fundwire.transforms.")
        for value in vars(module).values()
        for p in (
            [value]
            if isinstance(value, re.Pattern)
            else [value._folded, value._gate]
            if isinstance(value, FoldedPattern)
            else []
        )
        if isinstance(p, re.Pattern) and isinstance(p.pattern, str)
    }
    scanned = 0
    for pattern, flags in sorted(patterns):
        plain, scanning = re.compile(pattern, flags), compile_scanning(pattern, flags)
        if plain == scanning:
            continue  # no scan added: the same code
        scanned += 1
        for text in texts:
            _same(plain, scanning, text)
    assert scanned > 50  # most of the engine's patterns get a scan


def _articles(corpus: Path) -> list[Path]:
    return [p for p in sorted(corpus.iterdir()) if p.suffix in (".md", ".txt", ".html", ".json")]


@pytest.mark.parametrize(
    ("pattern", "beyond"),
    [
        (r"领投|牵头", True),
        (r"[领領]投", True),
        (r"(?=[估])估值", True),
        (r"领投|led by", False),  # an English alternative can match ASCII text
        (r"\d+亿", False),  # opens with a digit
        (r"(?P<who>领投)", False),  # a capturing group: its number must not move
        (r"(?:领投)?", False),  # can match the empty string
    ],
)
def test_opens_beyond_ascii(pattern: str, beyond: bool) -> None:
    assert opens_beyond_ascii(pattern) is beyond
