"""Pattern helpers: both scripts, and case-insensitive patterns run on lower-cased text."""

import re

from fundwire.transforms.hanzi import both_scripts, compile_both, compile_folded


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


def test_gate_only_when_its_alternatives_open_with_a_character() -> None:
    assert compile_folded(r"\bin talks\b|\babout to\b|洽谈")._gate is not None
    assert compile_folded(r"\b(?:raised|closed)\b|完成")._gate is None  # a group: no quick test
    assert compile_folded(r"(?P<seed>\bseed\b)|\bangel\b")._gate is None
    assert compile_folded(r"revenue|sales")._gate is None  # no word edge: nothing to gate


def test_gated_and_ungated_patterns_find_the_same_matches() -> None:
    text = "Zeta Capital, in talks since May, raised $5m; 洽谈 continued. Ин talks"
    for pattern in (r"\bin talks\b|\bmay\b|洽谈", r"\b(?:raised|talks)\b|continued\b"):
        folded = compile_folded(pattern)
        exact = re.compile(pattern, re.I)
        assert [m.span() for m in folded.finditer(text)] == [m.span() for m in exact.finditer(text)]
        assert [m.span() for m in folded.finditer(text, 20, 40)] == [
            m.span() for m in exact.finditer(text, 20, 40)
        ]


def test_needed_words_gate_keeps_every_match() -> None:
    pattern = r"\b(?:its|the firm's)\s+(?:backers|investors)\s+include\s+|其的股东包括"
    gated = compile_folded(pattern, needs="backers|investors|股东")
    reference = compile_both(pattern, re.I)
    for text in ("Its Backers include Z.", "The firm's investors include Y", "其的股東包括X", "no"):
        assert [m.span() for m in gated.finditer(text)] == [
            m.span() for m in reference.finditer(text)
        ]


def test_ascii_text_is_searched_without_the_chinese_alternatives() -> None:
    pattern = r"领投|\b(?:led|co-led)\s+by\b|估值|\bvalu(?:ation|ed)\b"
    folded, exact = compile_folded(pattern), re.compile(both_scripts(pattern), re.I)
    assert folded._ascii is not folded._folded  # the English alternatives alone
    texts = ["Co-Led by Zeta at a valuation", "由X领投，估值 led by Y", "領投 Valued", "none"]
    for text in texts:
        assert [m.span() for m in folded.finditer(text)] == [m.span() for m in exact.finditer(text)]
        assert bool(folded.match(text, 3)) == bool(exact.match(text, 3))


def test_texts_searched_in_turn_are_lowered_each_for_itself() -> None:
    folded = compile_folded(r"\bseries b\b")
    first, second = "A SERIES B round", "no round here"
    for _ in range(2):  # the last lowered text is kept: alternating texts must not mix
        assert folded.search(first).span() == (2, 10)
        assert folded.search(second) is None
