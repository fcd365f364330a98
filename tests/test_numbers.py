"""Numeral grammars: Arabic with separators, Chinese (mixed, traditional), English words."""

from decimal import Decimal

import pytest

from fundwire.transforms.numbers import (
    exact,
    parse_arabic,
    parse_chinese_number,
    parse_english_words,
)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1,234,567.890", Decimal("1234567.890")),
        ("150,000,000", Decimal(150000000)),
        ("20,00,000", Decimal(2000000)),  # Indian grouping
        ("１，０００", Decimal(1000)),  # full-width
        ("4.7", Decimal("4.7")),
    ],
)
def test_arabic(written: str, value: Decimal) -> None:
    assert parse_arabic(written) == value


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("16.4亿", 1640000000),  # cn2an's float drift gives 1639999999.9999998
        ("二十亿", 2000000000),
        ("1.2万亿", 1200000000000),
        ("3千万", 30000000),
        ("两千五百万", 25000000),
        ("一千万", 10000000),
        ("一万零五", 10005),
        ("一万五", 15000),  # a lone digit after a unit counts in the next lower unit
        ("三千五", 3500),
        ("三十五", 35),
        ("十", 10),
        ("十五亿", 1500000000),
        ("三亿五千万", 350000000),
        ("一百零五", 105),
        ("5億", 500000000),
        ("3000萬", 30000000),
        ("兩億", 200000000),
        ("壹佰萬", 1000000),
        ("1,000万", 10000000),
        ("１０亿", 1000000000),
        ("1兆", 10**12),
        ("二〇二三", 2023),
    ],
)
def test_chinese(written: str, value: int) -> None:
    assert parse_chinese_number(written) == value


@pytest.mark.parametrize("written", ["", "十十", "五十五十", "百分", "1.2.3万", "万²"])
def test_chinese_malformed_is_none(written: str) -> None:
    assert parse_chinese_number(written) is None


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("forty", 40),
        ("a", 1),
        ("two hundred and five", 205),
        ("twenty-five", 25),
        ("one thousand two hundred", 1200),
        ("half a", Decimal("0.5")),
    ],
)
def test_english_words(written: str, value: Decimal | int) -> None:
    assert parse_english_words(written) == value


def test_english_words_rejects_other_words() -> None:
    assert parse_english_words("forty thieves") is None


def test_exact_drops_trailing_zero_fraction() -> None:
    assert str(exact(Decimal("1.5") * 10**9)) == "1500000000"
    assert str(exact(Decimal("12.50"))) == "12.5"


def test_exact_keeps_every_digit_beyond_the_context_precision() -> None:
    big = Decimal("123456789012345678901234567890.000")  # 30 digits: more than the default 28
    assert str(exact(big)) == "123456789012345678901234567890"
    assert str(exact(Decimal("1E+30"))) == "1" + "0" * 30
    assert str(exact(Decimal("0.0"))) == "0"
