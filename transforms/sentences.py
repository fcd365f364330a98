"""Split an article's text into sentence units with character offsets.

Facts are read one sentence (or sentence pair) at a time, and every fact cites its
sentence by offsets into `Article.text`. Headlines, bullet items and captions are
units of their own because they are not punctuated like prose; prose is split at
Chinese terminators (。！？；) and at English sentence ends that are not
abbreviations, initials or decimal points.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from fundwire.transforms.first_chars import compile_scanning

UNIT_KINDS = ("headline", "bullet", "caption", "body")


class Sentence(NamedTuple):
    """One unit of text: `text` equals the article slice with line breaks turned into spaces."""

    start: int
    end: int
    text: str
    kind: str  # one of UNIT_KINDS
    paragraph: int  # index of the block it came from: neighbours share context


_HEADING = compile_scanning(r"[ \t]*#{1,6}[ \t]+")
_BULLET = compile_scanning(
    r"[ \t]*(?:[-*•·▪►]|\d{1,2}[.)、]|[（(]\d{1,2}[)）])[ \t]+(?:_?\d+_?[ \t]+)?"
)
_CAPTION = compile_scanning(
    r"[ \t]*!\[[^\]]*\]\([^)]*\)?|[ \t]*(?:图|圖|Photo|Image|Caption)[:：]", re.I
)
_ZH_MARKS = "。！？；!?"
_ZH_END = compile_scanning(rf"[{_ZH_MARKS}]+[”」』）)]*")
# A sentence end: its mark, closing quotes, blanks, then what a sentence may open with.
_EN_MARKS = ".!?"
_EN_END = compile_scanning(rf"[{_EN_MARKS}][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9$€£¥])")
_NO_BREAK_BEFORE = compile_scanning(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Inc|Ltd|Co|Corp|St|Jr|Sr|No|vs|Mt|Gen|Sen|Rep|Gov|U\.S|U\.K|"
    r"e\.g|i\.e|approx|est|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"|(?<!Series )(?<!Class )\b[A-Z])\.$"  # an initial, but "a Series B." ends a sentence
)


def split_sentences(text: str, title: str | None = None) -> list[Sentence]:
    """All sentence units of `text`, in order, with offsets into `text`.

    A line equal to `title` is the headline even without markup or a blank line after it.
    """
    units: list[Sentence] = []
    paragraph = 0
    block: list[tuple[int, int]] = []  # (start, end) of prose lines in the current block

    def flush() -> None:
        nonlocal paragraph
        if block:
            units.extend(_split_prose(text, block[0][0], block[-1][1], paragraph))
            paragraph += 1
            block.clear()

    pos = 0
    title_line = title.strip() if title else None
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        content = text[start:end]
        stripped = content.strip()
        if not stripped:
            flush()
            continue
        kind, marker = _line_kind(content)
        if kind == "body" and title and stripped == title_line:
            kind = "headline"
        if kind == "body":
            block.append((start, end))
            continue
        flush()
        unit = _trimmed(text, start + marker, end, kind, paragraph)
        if unit is not None:
            if kind == "headline":
                units.extend(_split_headline(text, unit))
            elif kind == "bullet":
                units.extend(_split_prose(text, unit.start, unit.end, paragraph, kind))
            else:
                units.append(unit)
        paragraph += 1
    flush()
    return units


def _line_kind(line: str) -> tuple[str, int]:
    """The kind of a line and the length of its leading markup."""
    if m := _HEADING.match(line):
        return "headline", m.end()
    if m := _CAPTION.match(line):
        return "caption", m.end()
    if m := _BULLET.match(line):
        return "bullet", m.end()
    return "body", 0


def _trimmed(text: str, start: int, end: int, kind: str, paragraph: int) -> Sentence | None:
    """The unit between `start` and `end` without the blanks and markup around it."""
    while start < end and (text[start].isspace() or text[start] in "*_>"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "*_"):
        end -= 1
    if end <= start:
        return None
    return Sentence(start, end, _flat(text[start:end]), kind, paragraph)


def _flat(s: str) -> str:
    return s.replace("\r", " ").replace("\n", " ")


_HEADLINE_GAP = compile_scanning(
    r"(?<=[\u4e00-\u9fff])[ \t\u3000]+|[ \t\u3000]+(?=[\u4e00-\u9fff])"
)


def _split_headline(text: str, unit: Sentence) -> list[Sentence]:
    """A Chinese headline separates its clauses with spaces: "甲完成A轮融资 乙领投"."""
    if not _HEADLINE_GAP.search(unit.text):
        return [unit]
    out: list[Sentence] = []
    prev = 0
    for m in [*_HEADLINE_GAP.finditer(unit.text), None]:
        cut = m.start() if m else len(unit.text)
        part = _trimmed(text, unit.start + prev, unit.start + cut, unit.kind, unit.paragraph)
        if part is not None:
            out.append(part)
        prev = m.end() if m else prev
    return out


def _split_prose(
    text: str, start: int, end: int, paragraph: int, kind: str = "body"
) -> list[Sentence]:
    """Sentences of one prose block, at Chinese terminators and English sentence ends."""
    chunk = _flat(text[start:end])
    # each end opens with its mark: `in` finds a character several times faster than the
    # engine's scan tests each one against a class, so a scan runs only where a mark occurs
    zh_ends = _ZH_END.finditer(chunk) if _holds_any(chunk, _ZH_MARKS) else ()
    cuts = [m.end() for m in zh_ends]
    for m in _EN_END.finditer(chunk) if _holds_any(chunk, _EN_MARKS) else ():
        mark_end = m.start() + 1
        if not _NO_BREAK_BEFORE.search(chunk[max(0, mark_end - 12) : mark_end]):
            cuts.append(mark_end)
    out: list[Sentence] = []
    prev = 0
    for cut in [*sorted(set(cuts)), len(chunk)]:
        unit = _trimmed(text, start + prev, start + cut, kind, paragraph)
        if unit is not None:
            out.append(unit)
        prev = cut
    return out


def _holds_any(text: str, chars: str) -> bool:
    return any(char in text for char in chars)
