"""Pattern helpers: both scripts, and case-insensitive patterns run on lower-cased text."""

import re

from fundwire.transforms.hanzi import compile_both, compile_folded


def test_both_scripts_read_traditional() -> None:
    assert compile_both("领投").search("由甲資本領投")


def test_folded_pattern_finds_what_re_i_finds_at_the_same_offsets() -> None:
    pattern = r"\b(?:led|co-led)\s+by\s+(?P<Who>[A-Z]\w+)|估值"
    folded, exact = compile_folded(pattern), re.compile(pattern, re.I)
    for text in ["The round was LED by Foo.", "Co-Led By bar, then 估值", "nothing here"]:
        assert [m.span() for m in folded.finditer(text)] == [m.span() for m in exact.finditer(text)]
        assert bool(folded.search(text, 3)) == bool(exact.search(text, 3))


def test_folded_pattern_keeps_offsets_when_lowercasing_changes_length() -> None:
    text = "İstanbul: led by Foo"  # "İ".lower() is two characters
    assert compile_folded(r"led by").search(text).span() == (10, 16)
