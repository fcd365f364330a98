"""Money mentions in English and Chinese news text, read into exact amounts.

One compiled regular expression finds every form in one left-to-right pass;
small functions then read the matched parts with the grammars of `numbers`.

Qualifiers, by what the words mean for the stated figure:

* ``about``: about, approximately, around, roughly, some, an estimated, ~;
  约, 大约, 约合, 大概, and after the figure 左右, 上下; "or so".
* ``up_to``: up to, as much as, as high as, a maximum of; 最高, 最多, 至多,
  不超过, 不高于, and after the figure 以内, 以下, 之内.
* ``over``: more than, over, upwards of, in excess of, north of, at least,
  above; 超, 超过, 逾, 过 (过亿), 多于, 不少于, 不低于, 至少, and 多/余 inside the
  figure (一千多万, 1000余万) or 以上 after it; "or more", "-plus".
* ``nearly``: nearly, almost, close to, just under, just shy of; 近, 将近,
  接近, 逼近, 几近.
* ``exact`` otherwise. 高达 ("as high as") and 达 state the figure itself with
  emphasis, not a ceiling, so they stay ``exact``.

Vague amounts have ``amount=None`` and ``qualifier=None``: 数亿元, 数千万美元,
上亿元, 几十亿, 十几亿, a bare magnitude with no qualifier (千万元级, 亿元), "tens of
millions", "hundreds of millions of dollars", "several hundred million dollars",
"billions of dollars", "multibillion-dollar". A bare magnitude after a
qualifier is a figure: 逾亿元 is over 100,000,000, 近千万元 nearly 10,000,000.

Not money: a number with no currency word, symbol or code beside it (years,
percentages, share counts, phone numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from fundwire.transforms.numbers import (
    CHINESE_DIGITS,
    CHINESE_SMALL_UNITS,
    ENGLISH_MAGNITUDES,
    ENGLISH_NUMBER_WORDS,
    exact,
    parse_arabic,
    parse_chinese_number,
    parse_english_words,
)


@dataclass(frozen=True, slots=True)
class Money:
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
    "US$": "USD", "U.S.$": "USD", "US $": "USD", "USD": "USD", "USD$": "USD", "$": "USD",
    "HK$": "HKD", "HKD": "HKD", "S$": "SGD", "SG$": "SGD", "SGD": "SGD",
    "NT$": "TWD", "TWD": "TWD", "NTD": "TWD", "A$": "AUD", "AU$": "AUD", "AUD": "AUD",
    "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD",
    "R$": "BRL", "BRL": "BRL", "MX$": "MXN", "MXN": "MXN",
    "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "₹": "INR", "Rs.": "INR",
    "Rs": "INR", "INR": "INR", "₩": "KRW", "KRW": "KRW", "JP¥": "JPY", "JPY": "JPY",
    "CN¥": "CNY", "RMB": "CNY", "CNY": "CNY", "CHF": "CHF", "SEK": "SEK", "NOK": "NOK",
    "DKK": "DKK", "₪": "ILS", "ILS": "ILS", "AED": "AED", "SAR": "SAR", "₦": "NGN",
    "IDR": "IDR", "Rp": "IDR", "MYR": "MYR", "RM": "MYR", "THB": "THB", "฿": "THB",
    "PHP": "PHP", "₱": "PHP", "ZAR": "ZAR", "TRY": "TRY", "₺": "TRY", "PLN": "PLN",
    "RUB": "RUB", "₽": "RUB", "VND": "VND", "₫": "VND", "KES": "KES", "EGP": "EGP",
    "CZK": "CZK", "HUF": "HUF",
}  # fmt: skip
YEN_OR_YUAN_SYMBOLS = ("¥", "￥")

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
# Written before a Chinese figure: 人民币1.5亿元, 美元5000万.
CHINESE_PREFIX_CURRENCIES = ("人民币", "人民幣", "美元", "港币", "港幣", "港元", "欧元", "歐元")

ENGLISH_QUALIFIERS: dict[str, str] = {
    "about": "about", "approximately": "about", "approx.": "about", "around": "about",
    "roughly": "about", "some": "about", "an estimated": "about", "estimated": "about",
    "~": "about", "up to": "up_to", "as much as": "up_to", "as high as": "up_to",
    "a maximum of": "up_to", "more than": "over", "over": "over", "upwards of": "over",
    "upward of": "over", "in excess of": "over", "north of": "over", "at least": "over",
    "above": "over", "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "just under": "nearly", "just shy of": "nearly", "just below": "nearly",
}  # fmt: skip
ENGLISH_AFTER_QUALIFIERS: dict[str, str] = {"or more": "over", "plus": "over", "or so": "about"}

CHINESE_QUALIFIERS: dict[str, str] = {
    "约合": "about", "约为": "about", "大约": "about", "大概": "about", "约": "about",
    "約": "about", "最高": "up_to", "最多": "up_to", "至多": "up_to", "不超过": "up_to",
    "不超過": "up_to", "不高于": "up_to", "超过": "over", "超過": "over", "超出": "over",
    "超": "over", "逾": "over", "多于": "over", "不少于": "over", "不低于": "over",
    "至少": "over", "将近": "nearly", "將近": "nearly", "接近": "nearly", "逼近": "nearly",
    "几近": "nearly", "近": "nearly",
}  # fmt: skip
CHINESE_AFTER_QUALIFIERS: dict[str, str] = {
    "左右": "about", "上下": "about", "以上": "over", "之上": "over", "以内": "up_to",
    "以下": "up_to", "之内": "up_to",
}  # fmt: skip


# --- the pattern ---------------------------------------------------------------------------


def _alternation(words: object) -> str:
    """Longest first, so 'US$' wins over '$' and '元人民币' over '元'."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _words(words: object) -> str:
    """A case-insensitive alternation of whole words (spaces match any run of blanks)."""
    escaped = sorted(words, key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in escaped) + ")"


_SP = r"[ \u00a0\u202f]"
_DIGIT = "[0-9０-９]"
_ARABIC = rf"{_DIGIT}+(?:[,，](?:{_DIGIT}{{2}}[,，])*{_DIGIT}{{3}})*(?:[.．]{_DIGIT}+)?"
_EN_WORD_MAGNITUDES = r"trillion|billion|million|thousand|crores?|lakhs?|lacs?"
_EN_MAGNITUDE = (
    rf"(?i:-?(?:{_EN_WORD_MAGNITUDES})|bn|bln|mn|mln|tn|trn|cr|[bmkt]"
    rf"|{_SP}+(?:{_EN_WORD_MAGNITUDES}|bn|bln|mn|mln|tn|trn))(?![A-Za-z0-9])"
)
_EN_NUMBER_WORD = "|".join(ENGLISH_NUMBER_WORDS)
_EN_WORD_NUMBER = rf"(?i:\b(?:{_EN_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?:{_EN_NUMBER_WORD}))*)"
_EN_QUALIFIER = rf"(?<!\w){_words(ENGLISH_QUALIFIERS)}"
_EN_PREFIX = rf"(?<![A-Za-z])(?:US{_SP}\$|{_alternation([*PREFIX_CURRENCIES, *YEN_OR_YUAN_SYMBOLS])})"
_EN_SUFFIX = (
    rf"(?:(?:US|U\.S\.){_SP}+)?(?:{_words(w for w in SUFFIX_CURRENCIES if not w.isupper())}"
    rf"|{_alternation(w for w in SUFFIX_CURRENCIES if w.isupper())})(?![A-Za-z])"
)
_EN_AFTER = rf"(?:{_SP}+or{_SP}+(?:more|so)\b|-plus\b)"
_NO_CHINESE_UNIT_AFTER = f"(?!{_SP}?[多余十百千万亿萬億])"

_CN_NUMERAL = "零〇○一二两兩三四五六七八九十百千万亿億萬壹贰貳叁參肆伍陆陸柒捌玖拾佰仟兆"
_CN_MAGNITUDE = "[万萬亿億兆]"
_CN_SUFFIX = f"(?:{_alternation(CHINESE_CURRENCIES)})(?!宇宙|素|件|组|器|化|老|首|旦)"
_CN_PREFIX = _alternation(CHINESE_PREFIX_CURRENCIES)
_CN_QUALIFIER = _alternation(CHINESE_QUALIFIERS)
_CN_VERB = "(?:可?达到?|为)?"  # 最高可达10亿元: the verb is part of the phrase, not the meaning
_CN_AFTER = _alternation(CHINESE_AFTER_QUALIFIERS)
_CN_ARABIC_FIGURE = (
    rf"(?<![0-9０-９.．]){_ARABIC}{_SP}?(?:[多余]?[十百千拾佰仟]?[多余]?{_CN_MAGNITUDE}+[多余]?)"
)
# A Chinese figure: Arabic digits with Chinese units (3千万, 16.4亿, 10多亿, 1000余万), or
# Chinese numerals throughout (二十亿, 一千多万), or a vague magnitude (数亿, 上千万, 十几亿).
_CN_FIGURE = (
    rf"(?:{_CN_ARABIC_FIGURE}?"
    rf"|(?<![{_CN_NUMERAL}数几])(?:数|几|好几|上)?[{_CN_NUMERAL}几多余]*{_CN_MAGNITUDE}[多余]?"
    rf"|(?<![{_CN_NUMERAL}数几])[{_CN_NUMERAL}几多余]*[{_CN_NUMERAL}])"
)

MONEY_PATTERN = re.compile(
    # English, symbol or code first: "about $1.5bn", "US$300 million", "₹2,000 crore".
    rf"(?P<en_prefixed>(?:(?P<q1>{_EN_QUALIFIER})\s+)?(?P<cur1>{_EN_PREFIX}){_SP}?"
    rf"(?P<num1>{_ARABIC})(?P<mag1>{_EN_MAGNITUDE})?{_NO_CHINESE_UNIT_AFTER}"
    rf"(?:{_SP}+(?P<cur1b>(?i:yen|yuan|renminbi)|RMB|CNY|JPY)\b)?(?P<after1>{_EN_AFTER})?)"
    # English, figure then currency word or code: "300 billion yuan", "USD" after.
    rf"|(?P<en_suffixed>(?:(?P<q2>{_EN_QUALIFIER})\s+)?(?<![\w.,])(?P<num2>{_ARABIC})"
    rf"(?P<mag2>{_EN_MAGNITUDE})?{_SP}+(?P<cur2>{_EN_SUFFIX})(?P<after2>{_EN_AFTER})?)"
    # English, number words: "forty million dollars", "a billion dollars".
    rf"|(?P<en_words>(?:(?P<q3>{_EN_QUALIFIER})\s+)?(?P<words3>{_EN_WORD_NUMBER})"
    rf"(?P<mag3>{_EN_MAGNITUDE}){_SP}+(?P<cur3>{_EN_SUFFIX})(?P<after3>{_EN_AFTER})?)"
    # English, vague: "tens of millions of dollars", "several hundred million euros".
    rf"|(?P<en_vague>(?i:\b(?:tens|hundreds|dozens)\s+of\s+(?:millions|billions))"
    rf"(?:\s+of\s+(?P<cur4>{_EN_SUFFIX}))?(?!\s+of\b)"
    rf"|(?i:\b(?:several|a\s+few|many)\s+(?:hundred\s+|tens\s+of\s+)?(?:million|billion|trillion))"
    rf"\s+(?P<cur5>{_EN_SUFFIX})"
    rf"|(?i:\b(?:millions|billions)\s+of)\s+(?P<cur6>{_EN_SUFFIX})"
    rf"|(?i:\bmulti-?\s?(?:billion|million)[\s-]+(?P<cur7>dollar|euro|pound|yuan))\b)"
    # Chinese: "约20亿美元", "人民币1.5亿元", "一千多万元", "10亿元以上".
    rf"|(?P<cn>(?:(?P<q8>{_CN_QUALIFIER}){_CN_VERB})?(?P<pre8>{_CN_PREFIX})?{_SP}?"
    rf"(?P<num8>{_CN_FIGURE}){_SP}?(?P<cur8>{_CN_SUFFIX})(?P<after8>{_CN_AFTER})?)"
    # Chinese figure after a currency and none after it: "人民币1.5亿", "RMB 2亿", "$1.5亿".
    rf"|(?P<cn_prefixed>(?:(?P<q9>{_CN_QUALIFIER}){_CN_VERB})?"
    rf"(?P<pre9>{_CN_PREFIX}|RMB|US\$|\$){_SP}?(?P<num9>{_CN_ARABIC_FIGURE})(?P<after9>{_CN_AFTER})?)"
    # Chinese, 过 before a bare magnitude: "融资过亿元".
    rf"|(?P<cn_past>(?<![通经經超不])过(?P<num10>[十百千]?{_CN_MAGNITUDE}+)(?P<cur10>{_CN_SUFFIX}))"
)


# --- reading a match -----------------------------------------------------------------------


def find_money(text: str, yen_or_yuan: str = "CNY") -> list[Money]:
    """Every money expression in `text`, left to right, non-overlapping.

    `yen_or_yuan` resolves a bare ¥/￥ (the caller knows whether the article is
    about a Japanese company).
    """
    found = []
    for match in MONEY_PATTERN.finditer(text):
        money = _read(match, yen_or_yuan)
        if money is not None:
            found.append(money)
    return found


def _read(match: re.Match[str], yen_or_yuan: str) -> Money | None:
    group = match.group
    if group("en_prefixed") is not None:
        currency = _prefix_currency(group("cur1"), yen_or_yuan)
        if group("cur1b"):
            currency = _suffix_currency(group("cur1b"))
        magnitude = group("mag1") or group("mag1s")
        amount = parse_arabic(group("num1")) * _english_magnitude(magnitude)
        qualifier = _qualifier(group("q1"), group("after1"), ENGLISH_QUALIFIERS)
        return _money(match, amount, currency, qualifier)
    if group("en_suffixed") is not None:
        number = group("num2")
        value = parse_arabic(number) if number else parse_english_words(group("words2"))
        if value is None:
            return None
        magnitude = group("mag2") or group("mag2s")
        amount = value * _english_magnitude(magnitude)
        qualifier = _qualifier(group("q2"), group("after2"), ENGLISH_QUALIFIERS)
        return _money(match, amount, _suffix_currency(group("cur2")), qualifier)
    if group("en_vague") is not None:
        written = group("cur3") or group("cur4") or group("cur5") or group("cur6")
        return _money(match, None, _suffix_currency(written) if written else None, None)
    if group("cn") is not None:
        currency = CHINESE_CURRENCIES[group("cur7")]
        if group("pre7"):
            currency = CHINESE_CURRENCIES[group("pre7")]
        return _chinese_money(match, group("num7"), currency, group("q7"), group("after7"))
    if group("cn_prefixed") is not None:
        prefix = group("pre8")
        currency = CHINESE_CURRENCIES.get(prefix) or PREFIX_CURRENCIES[prefix]
        return _chinese_money(match, group("num8"), currency, group("q8"), group("after8"))
    return _chinese_money(match, group("num9"), CHINESE_CURRENCIES[group("cur9")], "超", None)


def _chinese_money(
    match: re.Match[str], figure: str, currency: str, before: str | None, after: str | None
) -> Money | None:
    figure = figure.replace(" ", "").replace("\u00a0", "")
    if figure[0] in "数几上" or "几" in figure:
        return _money(match, None, currency, None)
    bare_magnitude = figure[0] not in CHINESE_DIGITS and not figure[0].isdigit()
    if bare_magnitude and figure[0] not in CHINESE_SMALL_UNITS and not before:
        return _money(match, None, currency, None)  # 千万元级, 亿元: an order of magnitude
    approximate = "多" in figure or "余" in figure
    value = parse_chinese_number(figure.replace("多", "").replace("余", ""))
    if value is None:
        return None
    qualifier = _qualifier(before, after, CHINESE_QUALIFIERS | CHINESE_AFTER_QUALIFIERS)
    if approximate and qualifier == "exact":
        qualifier = "over"
    return _money(match, value, currency, qualifier)


def _money(
    match: re.Match[str], amount: Decimal | None, currency: str | None, qualifier: str | None
) -> Money:
    return Money(
        start=match.start(),
        end=match.end(),
        text=match.group(),
        amount=None if amount is None else exact(amount),
        currency=currency,
        qualifier=qualifier,
    )


def _prefix_currency(symbol: str, yen_or_yuan: str) -> str:
    symbol = symbol.strip(" \u00a0\u202f")
    if symbol in YEN_OR_YUAN_SYMBOLS:
        return yen_or_yuan
    return PREFIX_CURRENCIES[symbol]


def _suffix_currency(written: str) -> str:
    words = " ".join(written.split())
    for prefix in ("US ", "U.S. "):
        if words.startswith(prefix) and words[len(prefix) :].lower() in ("dollars", "dollar"):
            return "USD"
    if words in SUFFIX_CURRENCIES:
        return SUFFIX_CURRENCIES[words]
    for word, code in SUFFIX_CURRENCIES.items():
        if word.lower() == words.lower():
            return code
    return "USD"  # "multibillion-dollar"


def _english_magnitude(word: str | None) -> int:
    return ENGLISH_MAGNITUDES[word.lower()] if word else 1


def _qualifier(before: str | None, after: str | None, table: dict[str, str]) -> str:
    if before:
        words = " ".join(before.split()).lower()
        for phrase, meaning in table.items():
            if words.startswith(phrase) and (len(words) == len(phrase) or not words[len(phrase)].isalpha() or table is not ENGLISH_QUALIFIERS):
                return meaning
    if after:
        words = " ".join(after.replace("-", " ").split()).lower()
        return (ENGLISH_AFTER_QUALIFIERS | CHINESE_AFTER_QUALIFIERS).get(words, "exact")
    return "exact"
