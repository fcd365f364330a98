"""Money mentions in English and Chinese news text, read into exact amounts.

One compiled regular expression finds every figure (1.5, 二十亿) that has a currency
beside it in one left-to-right pass; the qualifier and symbol before a figure are read
from a short window behind it. Money in words ("forty million dollars", "tens of
millions") is looked for only around "illion". Small functions then read the parts
with the grammars of `numbers`.

Qualifiers, by what the words mean for the stated figure:

* ``about``: about, approximately, around, roughly, some, an estimated; 约,
  大约, 约合, 大概, and after the figure 左右, 上下; "or so".
* ``up_to``: up to, as much as, as high as, a maximum of; 最高, 最多, 至多,
  不超过, 不高于, 低于, 不到, 不足, less than, and after the figure 以内, 以下, 之内.
* ``over``: more than, over, upwards of, in excess of, north of, at least,
  above, exceeding, topping; 超, 超过, 逾, 过 (过亿), 高于, 略高于, 多于, 不少于,
  不低于, 至少, and 多/余 inside the figure (一千多万, 1000余万) or 以上 after it;
  "or more", "-plus".
* ``nearly``: nearly, almost, close to, just under, just shy of, nearing,
  approaching; 近, 将近, 接近, 逼近, 几近, 略低于.
* ``exact`` otherwise. 高达 and 达 ("reaches", "amounts to") state the figure
  itself with emphasis, not a ceiling, so they stay ``exact``.

Vague amounts have ``amount=None`` and ``qualifier=None``: 数亿元, 数千万美元,
上亿元, 几十亿, 十几亿, a bare magnitude with no qualifier (千万元级, 亿元, 百万美元;
but 十亿元 is 1,000,000,000), "tens of millions", "hundreds of millions of
dollars", "several hundred million dollars", "billions of dollars",
"multibillion-dollar". A bare magnitude after a qualifier is a figure: 逾亿元 is
over 100,000,000, 近千万元 nearly 10,000,000.

A range is read as "up to" its high end: "$5-10 million" and "5000万至1亿元" are up to
10,000,000 and 100,000,000. "From $5 million to $10 million" and "由5亿元增至10亿元" tell
a change, not a range: two figures.

Not money: a number with no currency word, symbol or code beside it (years,
percentages, share counts, phone numbers).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from fundwire.transforms.first_chars import compile_scanning
from fundwire.transforms.numbers import (
    CHINESE_DIGITS,
    ENGLISH_MAGNITUDES,
    ENGLISH_NUMBER_WORDS,
    exact,
    parse_arabic,
    parse_chinese_number,
    parse_english_words,
)


class Money(NamedTuple):
    """A money expression: its span in the text and what it states."""

    start: int  # span of the whole expression (qualifier word included) in the text given
    end: int
    text: str
    amount: Decimal | None  # None for vague amounts (数亿元, tens of millions)
    currency: str | None  # ISO 4217
    qualifier: str | None  # exact | about | up_to | over | nearly; None when amount is None


# --- vocabularies: surface form → meaning --------------------------------------------------

# Symbols and codes written before the figure. "¥" is resolved by the caller's hint.
PREFIX_CURRENCIES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "USD$": "USD", "$": "USD",
    "HK$": "HKD", "HKD": "HKD", "S$": "SGD", "SG$": "SGD", "SGD": "SGD",
    "NT$": "TWD", "TWD": "TWD", "NTD": "TWD", "A$": "AUD", "AU$": "AUD", "AUD": "AUD",
    "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD",
    "R$": "BRL", "BRL": "BRL", "MX$": "MXN", "MXN": "MXN",
    "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "₹": "INR", "Rs.": "INR",
    "Rs": "INR", "INR": "INR", "₩": "KRW", "KRW": "KRW", "JP¥": "JPY", "JPY": "JPY",
    "CN¥": "CNY", "RMB": "CNY", "Rmb": "CNY", "CNY": "CNY", "CHF": "CHF", "SEK": "SEK",
    "NOK": "NOK", "DKK": "DKK", "₪": "ILS", "ILS": "ILS", "AED": "AED", "SAR": "SAR", "₦": "NGN",
    "IDR": "IDR", "Rp": "IDR", "MYR": "MYR", "RM": "MYR", "THB": "THB", "฿": "THB",
    "₱": "PHP", "ZAR": "ZAR", "TRY": "TRY", "₺": "TRY", "PLN": "PLN",
    "RUB": "RUB", "₽": "RUB", "VND": "VND", "₫": "VND", "KES": "KES", "EGP": "EGP",
    "CZK": "CZK", "HUF": "HUF",
}  # fmt: skip
YEN_OR_YUAN_SYMBOLS = ("¥", "￥")
# Chinese currency words that may also stand before the figure: 人民币1.5亿元, 美元5000万.
CHINESE_PREFIX_CURRENCIES = ("人民币", "人民幣", "美元", "港币", "港幣", "港元", "欧元", "歐元")

# English words and codes written after the figure ("300 billion yuan", "40 million USD").
SUFFIX_CURRENCIES: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "US dollars": "USD", "U.S. dollars": "USD",
    "USD": "USD", "Hong Kong dollars": "HKD", "HK dollars": "HKD", "HKD": "HKD",
    "Singapore dollars": "SGD", "SGD": "SGD", "New Taiwan dollars": "TWD",
    "Taiwan dollars": "TWD", "NT dollars": "TWD", "TWD": "TWD",
    "Australian dollars": "AUD", "AUD": "AUD", "Canadian dollars": "CAD", "CAD": "CAD",
    "New Zealand dollars": "NZD", "euros": "EUR", "euro": "EUR", "EUR": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "sterling": "GBP", "GBP": "GBP",
    "yen": "JPY", "JPY": "JPY", "yuan": "CNY", "renminbi": "CNY", "RMB": "CNY",
    "CNY": "CNY", "rupees": "INR", "INR": "INR", "won": "KRW", "KRW": "KRW",
    "Swiss francs": "CHF", "francs": "CHF", "CHF": "CHF", "reais": "BRL", "real": "BRL",
    "rubles": "RUB", "roubles": "RUB", "rupiah": "IDR", "ringgit": "MYR", "baht": "THB",
    "rand": "ZAR", "lira": "TRY", "dirhams": "AED", "riyals": "SAR", "naira": "NGN",
    "shekels": "ILS", "zloty": "PLN", "kronor": "SEK", "Mexican pesos": "MXN",
}  # fmt: skip

CHINESE_CURRENCIES: dict[str, str] = {
    "美元": "USD", "美金": "USD", "元人民币": "CNY", "元人民幣": "CNY", "人民币": "CNY",
    "人民幣": "CNY", "元": "CNY", "块": "CNY", "塊": "CNY", "欧元": "EUR", "歐元": "EUR",
    "英镑": "GBP", "英鎊": "GBP", "日元": "JPY", "日圆": "JPY", "日圓": "JPY", "円": "JPY",
    "港元": "HKD", "港币": "HKD", "港幣": "HKD", "新台币": "TWD", "新台幣": "TWD",
    "新臺幣": "TWD", "台币": "TWD", "台幣": "TWD", "臺幣": "TWD", "韩元": "KRW",
    "韓元": "KRW", "韩币": "KRW", "韓圜": "KRW", "印度卢比": "INR", "卢比": "INR",
    "盧比": "INR", "新加坡元": "SGD", "新元": "SGD", "新币": "SGD", "新幣": "SGD",
    "瑞士法郎": "CHF", "瑞郎": "CHF", "加元": "CAD", "加币": "CAD", "加拿大元": "CAD",
    "澳元": "AUD", "澳币": "AUD", "澳大利亚元": "AUD", "新西兰元": "NZD", "纽元": "NZD",
    "卢布": "RUB", "泰铢": "THB", "雷亚尔": "BRL", "林吉特": "MYR", "印尼盾": "IDR",
    "越南盾": "VND", "迪拉姆": "AED", "里亚尔": "SAR", "兰特": "ZAR", "里拉": "TRY",
}  # fmt: skip

ENGLISH_QUALIFIERS: dict[str, str] = {
    "about": "about", "approximately": "about", "approx.": "about", "around": "about",
    "roughly": "about", "some": "about", "an estimated": "about", "estimated": "about",
    "up to": "up_to", "as much as": "up_to", "as high as": "up_to",
    "a maximum of": "up_to", "more than": "over", "over": "over", "upwards of": "over",
    "upward of": "over", "in excess of": "over", "north of": "over", "at least": "over",
    "above": "over", "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "just under": "nearly", "just shy of": "nearly", "just below": "nearly",
    "less than": "up_to", "nearing": "nearly", "approaching": "nearly",
    "exceeding": "over", "topping": "over", "surpassing": "over",
}  # fmt: skip
ENGLISH_AFTER_QUALIFIERS: dict[str, str] = {"or more": "over", "plus": "over", "or so": "about"}

CHINESE_QUALIFIERS: dict[str, str] = {
    "约合": "about", "约为": "about", "大约": "about", "大概": "about", "约": "about",
    "約": "about", "最高": "up_to", "最多": "up_to", "至多": "up_to", "不超过": "up_to",
    "不超過": "up_to", "不高于": "up_to", "超过": "over", "超過": "over", "超出": "over",
    "超": "over", "逾": "over", "多于": "over", "不少于": "over", "不低于": "over",
    "至少": "over", "将近": "nearly", "將近": "nearly", "接近": "nearly", "逼近": "nearly",
    "几近": "nearly", "近": "nearly", "过": "over", "高于": "over", "略高于": "over",
    "稍高于": "over", "略超": "over", "略超过": "over", "略低于": "nearly", "稍低于": "nearly",
    "低于": "up_to", "不到": "up_to", "不足": "up_to",
}  # fmt: skip
CHINESE_AFTER_QUALIFIERS: dict[str, str] = {
    "左右": "about", "上下": "about", "以上": "over", "之上": "over", "以内": "up_to",
    "以下": "up_to", "之内": "up_to",
}  # fmt: skip


# --- the pattern ---------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so 'US$' wins over '$' and '元人民币' over '元'."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _first_characters(words: Iterable[str], both_cases: bool = False) -> str:
    """A class of the characters the words start with (in either case, if asked)."""
    firsts = {word[0] for word in words}
    if both_cases:
        firsts = {case for first in firsts for case in (first.lower(), first.upper())}
    return "[" + "".join(sorted({re.escape(first) for first in firsts})) + "]"


def _words(words: Iterable[str]) -> str:
    """A case-insensitive alternation of whole words (spaces match any run of blanks), longest
    first, each led by its first letter in both cases: the engine tests an alternative's
    opening class before it enters it, so a position tries only the words of its letter."""
    by_letter: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_letter.setdefault(word[0].lower(), []).append(word)
    return (
        "(?:"
        + "|".join(
            _first_characters(letter, both_cases=True)
            + "(?ai:"
            + "|".join(re.escape(w[1:]).replace(r"\ ", r"\s+") for w in same)
            + ")"
            for letter, same in by_letter.items()
        )
        + ")"
    )


_SP = r"[ \u00a0\u202f]"
_DIGIT = "[0-9０-９]"
# Atomic: a figure is read whole. What may follow one (a magnitude, a unit, a currency, a
# blank, a range mark) never opens with a digit or a separator, so the pattern never
# matches with a shorter reading of the same digits where the whole one fails; backtracking
# into the digits would only try them again.
_ARABIC = rf"(?>{_DIGIT}+(?:[,，](?:{_DIGIT}{{2}}[,，])*{_DIGIT}{{3}})*(?:[.．]{_DIGIT}+)?)"
_EN_WORD_MAGNITUDES = r"trillion|billion|million|thousand|lakh\s+crores?|crores?|lakhs?|lacs?"
_EN_MAGNITUDE = (
    rf"(?ai:-?(?:{_EN_WORD_MAGNITUDES})|bn|bln|mn|mln|tn|trn|cr|[bmkt]"
    rf"|{_SP}+(?:{_EN_WORD_MAGNITUDES}|bn|bln|mn|mln|tn|trn))(?![A-Za-z0-9])"
)
_EN_NUMBER_WORD = "|".join(ENGLISH_NUMBER_WORDS)
_EN_WORD_NUMBER = rf"(?ai:\b(?:{_EN_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?:{_EN_NUMBER_WORD}))*)"
_EN_SUFFIX = (
    rf"(?:(?:US|U\.S\.){_SP}+)?(?:{_words(w for w in SUFFIX_CURRENCIES if not w.isupper())}"
    rf"|{_alternation(w for w in SUFFIX_CURRENCIES if w.isupper())})(?![A-Za-z])"
)
_EN_AFTER = rf"(?:{_SP}+or{_SP}+(?:more|so)\b|-plus\b)"

_CN_NUMERAL = "零〇○一二两兩三四五六七八九十百千万亿億萬壹贰貳叁參肆伍陆陸柒捌玖拾佰仟兆"
_CN_UNIT = "十百千拾佰仟万亿億萬兆"
_CN_MAGNITUDE = "[万萬亿億兆]"
_CN_SUFFIX = f"(?:{_alternation(CHINESE_CURRENCIES)})(?!宇宙|素|件|组|器|化|老|首|旦)"
_CN_AFTER = _alternation(CHINESE_AFTER_QUALIFIERS)
_CN_UNITS = (
    f"[多余]?[十百千拾佰仟]?[多余]?{_CN_MAGNITUDE}+"
    f"(?:[0-9]+(?:[十百千拾佰仟]{_CN_MAGNITUDE}*|{_CN_MAGNITUDE}+))*[多余]?"  # 1亿5千万
)
# Nothing after an English figure that would make it Chinese ("$1.5亿", "500元").
_NOT_CHINESE_AFTER = f"(?!{_SP}?(?:[多余十百千万亿萬億]|{_CN_SUFFIX}))"

# Every money expression has a figure; the scan starts only where one can start, so the
# engine skips the rest of the text in C (a new form must add its first character here).
# Currency symbols and qualifiers written before the figure are read afterwards from a
# short window (BEFORE_FIGURE).
_FIGURE_START = f"[0-9０-９{_CN_NUMERAL}数几上好]"

# A cheap test, in the pattern, that a currency symbol or code may stand right before the
# figure; BEFORE_FIGURE then reads it exactly. It keeps bare numbers (years, counts) from
# ever reaching Python.
_SYMBOL = "[$€£¥￥₹₩₪₦฿₱₺₽₫币幣元]"
_MAYBE_PREFIXED = (
    rf"(?P<maybe_prefixed>(?<={_SYMBOL})|(?<={_SYMBOL}{_SP})|(?<=[A-Za-z]{{2}})|(?<=[A-Z]{{2}}{_SP})"
    rf"|(?<=R[sp])|(?<=R[sp]{_SP})|(?<=Rs\.))?"
)

# The low end of a range, read as "up to" its high end: "$5-10 million", "$5m-$10m",
# "5000万至1亿元", "5-10亿元". Not "from 5 to 10" nor "增至": those tell a change.
_RANGE_LOW = (
    rf"(?<![0-9０-９.．]){_ARABIC}(?:{_EN_MAGNITUDE}|{_CN_UNITS})?{_SP}?[-–—~～至到]{_SP}?"
    rf"(?:[$€£¥￥₹]|US\$|HK\$)?"
)

MONEY_PATTERN = compile_scanning(
    rf"(?={_FIGURE_START})(?:"
    # An Arabic figure: 1.5, 1,234,567.890, 5000
    rf"{_MAYBE_PREFIXED}(?P<range_low>{_RANGE_LOW})?"
    rf"(?P<arabic>(?<![0-9０-９])(?<![0-9０-９][.．,，]){_ARABIC})"
    rf"(?:"
    # ... read the English way: "1.5bn", "300 billion yuan", "40 million USD", "5 or more"
    rf"(?P<en_mag>{_EN_MAGNITUDE})?(?:{_SP}+(?P<en_cur>{_EN_SUFFIX}))?(?P<en_after>{_EN_AFTER})?"
    rf"(?![.,，．]?[0-9０-９]){_NOT_CHINESE_AFTER}(?(en_cur)|(?(maybe_prefixed)|(?!)))"
    # ... or the Chinese way: "5000万美元", "16.4亿元", "10多亿元以上", "1.5亿" (人民币 before)
    rf"|{_SP}?(?P<cn_units>(?:{_CN_UNITS})?[多余]?)"
    rf"(?:{_SP}?(?P<cn_cur>{_CN_SUFFIX}))?(?P<cn_after>{_CN_AFTER})?"
    rf"(?(cn_cur)|(?(maybe_prefixed)|(?!))))"
    # A Chinese-numeral figure with a unit in it: 二十亿元, 一千多万元, 数亿元, 上亿元, 亿元
    rf"|(?P<hanzi>(?<![{_CN_NUMERAL}数几])(?:数|几|好几|上)?[{_CN_NUMERAL}几多余]*"
    rf"[{_CN_UNIT}][{_CN_NUMERAL}几多余]*){_SP}?(?P<hanzi_cur>{_CN_SUFFIX})"
    rf"(?P<hanzi_after>{_CN_AFTER})?"
    rf")"
)


_PREFIX_WORDS = ("US", *PREFIX_CURRENCIES, *YEN_OR_YUAN_SYMBOLS, *CHINESE_PREFIX_CURRENCIES)
# Where a match of BEFORE_FIGURE can start: the first character of a qualifier (an English
# one in either case) or of a currency, each with its own condition on the character before.
# One lookahead rejects the other positions of the window before the alternations run, and
# names the characters the engine scans for. (An empty match, at the end of the window, would
# tell nothing: there is none.)
_BEFORE_FIGURE_START = (
    rf"(?=(?<!\w){_first_characters(ENGLISH_QUALIFIERS, both_cases=True)}"
    rf"|(?<![通经經超不]){_first_characters(CHINESE_QUALIFIERS)}"
    rf"|(?<![A-Za-z]){_first_characters(_PREFIX_WORDS)})"
)
# What may stand right before a figure: a qualifier, then a currency symbol or code.
BEFORE_FIGURE = compile_scanning(
    _BEFORE_FIGURE_START + rf"(?:(?<!\w)(?P<en_qualifier>{_words(ENGLISH_QUALIFIERS)})\s+"
    rf"|(?<![通经經超不])(?P<cn_qualifier>{_alternation(CHINESE_QUALIFIERS)})(?:可?达到?|为)?)?"
    rf"(?:(?<![A-Za-z])(?P<prefix>US{_SP}\$"
    rf"|{_alternation([*PREFIX_CURRENCIES, *YEN_OR_YUAN_SYMBOLS, *CHINESE_PREFIX_CURRENCIES])})"
    rf"{_SP}?)?$"
)
BEFORE_WINDOW = 32
# The last characters of everything BEFORE_FIGURE reads: when the character right before a
# figure is none of them, there is nothing to read (most figures in Chinese text).
BEFORE_LAST_CHARS = frozenset(
    " \u00a0\u202f\t\n达到为"
    + "".join(word[-1] for word in (*PREFIX_CURRENCIES, *YEN_OR_YUAN_SYMBOLS))
    + "".join(word[-1] for word in (*CHINESE_PREFIX_CURRENCIES, *CHINESE_QUALIFIERS))
)

# Money written in words carries "illion": "forty million dollars", "tens of millions".
WORDS_ANCHOR = compile_scanning("illion")
WORDS_WINDOW = 60
MONEY_IN_WORDS_PATTERN = compile_scanning(
    rf"(?P<words>{_EN_WORD_NUMBER})(?P<words_mag>{_EN_MAGNITUDE}){_SP}+(?P<words_cur>{_EN_SUFFIX})"
    rf"(?P<words_after>{_EN_AFTER})?"
    # vague: "tens of millions of dollars", "several hundred million euros", "billions of ..."
    rf"|(?ai:\b(?:tens|hundreds|dozens)\s+of\s+(?:millions|billions))"
    rf"(?:\s+of\s+(?P<vague_cur>{_EN_SUFFIX}))?(?!\s+of\b)"
    rf"|(?ai:\b(?:several|a\s+few)\s+(?:hundred\s+|tens\s+of\s+)?(?:million|billion|trillion))"
    rf"\s+(?P<several_cur>{_EN_SUFFIX})"
    rf"|(?ai:\b(?:millions|billions)\s+of)\s+(?P<plural_cur>{_EN_SUFFIX})"
    rf"|(?ai:\bmulti-?\s?(?:billion|million)[\s-]+(?P<multi_cur>dollar|euro|pound|yuan))\b"
)


# --- reading a match -----------------------------------------------------------------------


def find_money(text: str, yen_or_yuan: str = "CNY") -> list[Money]:
    """Every money expression in `text`, left to right, non-overlapping.

    `yen_or_yuan` resolves a bare ¥/￥ (the caller knows whether the article is
    about a Japanese company).
    """
    found = [
        money
        for match in MONEY_PATTERN.finditer(text)
        if (money := _read_figure(text, match, yen_or_yuan)) is not None
    ]
    if "illion" in text:
        found.extend(_money_in_words(text, found))
        found.sort(key=lambda money: money.start)
    return _without_overlaps(found)


def _without_overlaps(found: list[Money]) -> list[Money]:
    kept: list[Money] = []
    for money in found:
        if not kept or money.start >= kept[-1].end:
            kept.append(money)
    return kept


def _before(text: str, start: int) -> re.Match[str] | None:
    """The qualifier and currency written right before the figure at `start`, if any."""
    if start == 0 or text[start - 1] not in BEFORE_LAST_CHARS:
        return None
    return BEFORE_FIGURE.search(text, max(0, start - BEFORE_WINDOW), start)


def _read_figure(text: str, match: re.Match[str], yen_or_yuan: str) -> Money | None:
    before = _before(text, match.start())
    prefix = before.group("prefix") if before else None
    start = before.start() if before and before.group() else match.start()
    group = match.group
    if group("hanzi") is not None:
        currency = _prefix_currency(prefix) or CHINESE_CURRENCIES[group("hanzi_cur")]
        qualifier = _chinese_qualifier(before, group("hanzi_after"))
        return _chinese_money(text, start, match.end(), group("hanzi"), currency, qualifier)
    if group("cn_cur") is not None or group("cn_units"):
        written = group("cn_cur")
        currency = _prefix_currency(prefix) or (CHINESE_CURRENCIES[written] if written else None)
        if currency is None and prefix in YEN_OR_YUAN_SYMBOLS:
            currency = yen_or_yuan  # ¥1.5亿
        if currency is None:
            return None
        qualifier = "up_to" if group("range_low") else _chinese_qualifier(before, group("cn_after"))
        figure = group("arabic") + group("cn_units")
        return _chinese_money(text, start, match.end(), figure, currency, qualifier)
    return _english_money(text, start, match, prefix, before, yen_or_yuan)


def _english_money(
    text: str,
    start: int,
    match: re.Match[str],
    prefix: str | None,
    before: re.Match[str] | None,
    yen_or_yuan: str,
) -> Money | None:
    """'$1.5bn', 'US$300 million', '300 billion yuan': the symbol before wins, except ¥,
    which the word after ('¥10 billion yen') or the caller's hint resolves."""
    group = match.group
    written_after = group("en_cur")
    end = match.end()
    if prefix is None:
        if written_after is None:
            return None
        currency = _suffix_currency(written_after)
    elif prefix in YEN_OR_YUAN_SYMBOLS:
        currency = _suffix_currency(written_after) if written_after else yen_or_yuan
    else:
        currency = _prefix_currency(prefix)
        if written_after and _suffix_currency(written_after) != currency:
            end = match.end("en_mag") if group("en_mag") else match.end("arabic")
    amount = parse_arabic(group("arabic")) * _english_magnitude(group("en_mag"))
    qualifier = _english_qualifier(before.group("en_qualifier") if before else None)
    if group("range_low"):
        qualifier = "up_to"
    if group("en_after") and end == match.end():
        qualifier = _english_after_qualifier(group("en_after"))
    return _money(text, start, end, amount, currency, qualifier)


def _money_in_words(text: str, figures: list[Money]) -> list[Money]:
    """Money in words around each 'illion' not already in a figure ('$5 million'):
    'a billion dollars', 'tens of millions'."""
    found: dict[int, Money] = {}
    starts = [money.start for money in figures]
    for anchor in WORDS_ANCHOR.finditer(text):
        inside = bisect.bisect_right(starts, anchor.start()) - 1
        if inside >= 0 and anchor.start() < figures[inside].end:
            continue
        low, high = max(0, anchor.start() - WORDS_WINDOW), anchor.end() + WORDS_WINDOW
        for match in MONEY_IN_WORDS_PATTERN.finditer(text, low, high):
            if match.start() <= anchor.start() < match.end() and match.start() not in found:
                money = _read_words(text, match)
                if money is not None:
                    found[match.start()] = money
    return list(found.values())


def _read_words(text: str, match: re.Match[str]) -> Money | None:
    group = match.group
    if group("words") is None:
        written = (
            group("vague_cur") or group("several_cur") or group("plural_cur") or group("multi_cur")
        )
        currency = _suffix_currency(written) if written else None
        return _money(text, match.start(), match.end(), None, currency, None)
    value = parse_english_words(group("words"))
    if value is None:
        return None
    before = _before(text, match.start())
    start = before.start() if before and before.group("en_qualifier") else match.start()
    qualifier = _english_qualifier(before.group("en_qualifier") if before else None)
    if group("words_after"):
        qualifier = ENGLISH_AFTER_QUALIFIERS[
            " ".join(group("words_after").replace("-", " ").split())
        ]
    amount = value * _english_magnitude(group("words_mag"))
    return _money(text, start, match.end(), amount, _suffix_currency(group("words_cur")), qualifier)


def _chinese_money(
    text: str, start: int, end: int, figure: str, currency: str, qualifier: str | None
) -> Money | None:
    """Read a Chinese figure: vague (数亿), bare magnitude (亿), or a number with 多/余."""
    figure = "".join(figure.split())
    if figure[0] in "数几上好" or "几" in figure:
        return _money(text, start, end, None, currency, None)
    starts_with_unit = figure[0] not in CHINESE_DIGITS and not figure[0].isdigit()
    if starts_with_unit and figure[0] not in "十拾" and qualifier is None:
        return _money(text, start, end, None, currency, None)  # 千万元级, 亿元: a magnitude
    value = parse_chinese_number(figure.replace("多", "").replace("余", ""))
    if value is None:
        return None
    if qualifier is None:
        qualifier = "over" if "多" in figure or "余" in figure else "exact"
    return _money(text, start, end, value, currency, qualifier)


def _chinese_qualifier(before: re.Match[str] | None, after: str | None) -> str | None:
    """The qualifier stated before (约, 超过) or after (左右, 以上) a Chinese figure, if any."""
    if before and before.group("cn_qualifier"):
        return CHINESE_QUALIFIERS[before.group("cn_qualifier")]
    if before and before.group("en_qualifier"):
        return _english_qualifier(before.group("en_qualifier"))
    return CHINESE_AFTER_QUALIFIERS[after] if after else None


def _prefix_currency(prefix: str | None) -> str | None:
    """The currency of a symbol or word before a figure ('US $', '€', '人民币'); ¥ excepted."""
    if prefix is None:
        return None
    return CHINESE_CURRENCIES.get(prefix) or PREFIX_CURRENCIES.get("".join(prefix.split()))


def _money(
    text: str,
    start: int,
    end: int,
    amount: Decimal | None,
    currency: str | None,
    qualifier: str | None,
) -> Money:
    return Money(
        start=start,
        end=end,
        text=text[start:end],
        amount=None if amount is None else exact(amount),
        currency=currency,
        qualifier=qualifier,
    )


_SUFFIX_CURRENCIES_FOLDED = {word.lower(): code for word, code in SUFFIX_CURRENCIES.items()}


def _suffix_currency(written: str) -> str:
    words = " ".join(written.split())
    if words in SUFFIX_CURRENCIES:  # codes are case-sensitive: "won" is KRW, "WON" is not a code
        return SUFFIX_CURRENCIES[words]
    folded = words.lower().removeprefix("us ").removeprefix("u.s. ")
    return _SUFFIX_CURRENCIES_FOLDED.get(folded, "USD")  # "multibillion-dollar" is USD


def _english_magnitude(written: str | None) -> int:
    return ENGLISH_MAGNITUDES[" ".join(written.strip("-").split()).lower()] if written else 1


def _english_qualifier(written: str | None) -> str:
    return ENGLISH_QUALIFIERS[" ".join(written.split()).lower()] if written else "exact"


def _english_after_qualifier(written: str) -> str:
    return ENGLISH_AFTER_QUALIFIERS[" ".join(written.replace("-", " ").split())]
