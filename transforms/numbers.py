"""Numerals as news writes them, read into exact `Decimal` values.

Three small grammars, shared by the money and date finders:

* Arabic digits with thousands separators, Western (1,234,567.890) or Indian
  (20,00,000) grouping, in ASCII or full-width forms.
* Chinese numerals, simplified or traditional, financial forms included, and
  the mixed forms Chinese news prefers ("3千万", "1.2万亿", "16.4亿").
* English number words ("forty", "two hundred", "a", "half a").

`cn2an` was considered and not used: it returns floats ("16.4亿" drifts), and
rejects forms news uses every day ("1.2万亿", "1,000万", "一千多万").
The Chinese grammar below is short and exact instead.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

CHINESE_DIGITS: dict[str, int] = {
    **dict.fromkeys("零〇○", 0),
    **dict.fromkeys("一壹", 1),
    **dict.fromkeys("二两兩贰貳", 2),
    **dict.fromkeys("三叁參", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陆陸", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
# Before parsing, every numeral is written one way: Arabic digits, full-width or Chinese
# (二十亿 → 2十亿), and one character per unit (億 → 亿, 仟 → 千).
CANONICAL_NUMERALS = str.maketrans(
    {
        **{char: str(digit) for char, digit in CHINESE_DIGITS.items()},
        **dict(zip("０１２３４５６７８９．", "0123456789.", strict=True)),
        **dict(zip("億萬仟佰拾", "亿万千百十", strict=True)),
        ",": None, "，": None, " ": None,
    }
)  # fmt: skip
# Largest first: a number is split at its largest unit. 兆 is 10^12 as in Taiwanese and
# Japanese finance (1兆日圓), where it appears with money.
CHINESE_BIG_UNITS = (("兆", 10**12), ("亿", 10**8), ("万", 10**4))
CHINESE_SMALL_UNITS = (("千", 1000), ("百", 100), ("十", 10))
_BIG_UNIT = dict(CHINESE_BIG_UNITS)
# Arabic digits and at most one big unit after them: what the grammar reads as
# digits × unit (+ a remainder of 0), so the value is that product.
_DIGITS_AND_UNIT = re.compile(r"([0-9]+(?:\.[0-9]+)?)([兆亿万])?")

ENGLISH_UNITS: dict[str, int] = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
ENGLISH_NUMBER_WORDS = (*ENGLISH_UNITS, "hundred", "thousand", "half")

ENGLISH_MAGNITUDES: dict[str, int] = {
    "thousand": 10**3, "k": 10**3,
    "million": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6, "mil": 10**6,
    "billion": 10**9, "b": 10**9, "bn": 10**9, "bln": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12, "t": 10**12,
    "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5,
    "crore": 10**7, "crores": 10**7, "cr": 10**7, "lakh crore": 10**12, "lakh crores": 10**12,
}  # fmt: skip


def exact(value: Decimal) -> Decimal:
    """`value` without a trailing '.0': 1.5 × 10^9 prints as 1500000000, not 1500000000.0."""
    if value == value.to_integral_value():
        # int() is exact at any size (no context precision); a zero keeps its sign
        return Decimal(int(value)) if value else value.quantize(Decimal(1))
    return value.normalize()


def parse_arabic(text: str) -> Decimal:
    """'1,234,567.890' → Decimal('1234567.890'); full-width digits and commas accepted."""
    return Decimal(text.translate(FULL_WIDTH).replace(",", "").replace(" ", ""))


def parse_chinese_number(text: str) -> Decimal | None:
    """A Chinese or mixed numeral ('二十亿', '3千万', '1.2万亿') → Decimal; None if malformed.

    A number is split at its largest unit: left × unit + right. A lone digit
    after a unit counts in the next lower unit, as speech does ('一万五' is 15000).
    """
    plain = _DIGITS_AND_UNIT.fullmatch(text)
    if plain is not None:  # the commonest forms (28, 16.4亿) read without the grammar
        number, unit = plain.groups()
        return Decimal(number) * _BIG_UNIT[unit] if unit else Decimal(number)
    canonical = text.translate(CANONICAL_NUMERALS)
    if not canonical:
        return None
    try:
        return _chinese_value(canonical)
    except InvalidOperation:
        return None


def _chinese_value(text: str) -> Decimal | None:
    for char, unit in CHINESE_BIG_UNITS:
        split = text.rfind(char)
        if split >= 0:
            return _scaled(text[:split], unit, text[split + 1 :], allow_compound_left=True)
    for char, unit in CHINESE_SMALL_UNITS:
        split = text.rfind(char)
        if split >= 0:
            return _scaled(text[:split], unit, text[split + 1 :], allow_compound_left=False)
    return _digits(text)


def _scaled(left: str, unit: int, right: str, *, allow_compound_left: bool) -> Decimal | None:
    if not left:
        multiplier: Decimal | None = Decimal(1)
    elif allow_compound_left:
        multiplier = _chinese_value(left)
    else:
        multiplier = _digits(left)
    remainder = _remainder(right, unit)
    if multiplier is None or remainder is None:
        return None
    return multiplier * unit + remainder


def _remainder(text: str, unit: int) -> Decimal | None:
    stripped = text.lstrip("0")
    if not stripped:
        return Decimal(0)
    if stripped == text and unit >= 100 and len(stripped) == 1 and stripped in "123456789":
        return Decimal(int(stripped) * unit // 10)
    value = _chinese_value(stripped)
    if value is None or value >= unit:
        return None
    return value


def _digits(text: str) -> Decimal | None:
    """'2023', '1.5': the digits between units; None when anything else is left."""
    plain = text.replace(".", "", 1)
    return Decimal(text) if plain.isascii() and plain.isdigit() else None


def parse_english_words(text: str) -> Decimal | None:
    """'forty' → 40, 'two hundred and five' → 205, 'a' → 1, 'half a' → 0.5; None if not a number."""
    words = [word for word in text.lower().replace("-", " ").split() if word != "and"]
    if not words:
        return None
    if words[0] == "half":
        return Decimal("0.5") if words[1:] in ([], ["a"], ["an"]) else None
    total = current = 0
    for word in words:
        if word in ENGLISH_UNITS:
            current += ENGLISH_UNITS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return Decimal(total + current)
