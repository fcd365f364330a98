"""Properties: any amount written in any supported way reads back exactly; nothing raises."""

import datetime
from decimal import Decimal

import cn2an
from hypothesis import assume, given
from hypothesis import strategies as st

from fundwire.transforms.dates import find_dates
from fundwire.transforms.money import find_money

AMOUNTS = st.integers(min_value=1, max_value=10**9).map(lambda cents: Decimal(cents) / 100)
WHOLE_AMOUNTS = st.integers(min_value=1, max_value=99_999_999).map(Decimal)

ENGLISH_PREFIXES = {
    "$": "USD", "US$": "USD", "US $": "USD", "USD ": "USD", "HK$": "HKD", "S$": "SGD",
    "NT$": "TWD", "A$": "AUD", "C$": "CAD", "R$": "BRL", "€": "EUR", "EUR ": "EUR",
    "£": "GBP", "₹": "INR", "Rs ": "INR", "Rs.": "INR", "RMB ": "CNY", "CNY ": "CNY",
    "JPY ": "JPY", "¥": "JPY",
}  # fmt: skip
ENGLISH_SUFFIXES = {
    "dollars": "USD", "US dollars": "USD", "euros": "EUR", "pounds": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "won": "KRW", "USD": "USD",
    "Hong Kong dollars": "HKD", "Swiss francs": "CHF",
}  # fmt: skip
ENGLISH_MAGNITUDES = {
    "": 1, " thousand": 10**3, " million": 10**6, " billion": 10**9, " trillion": 10**12,
    "m": 10**6, "M": 10**6, "mn": 10**6, "bn": 10**9, " bn": 10**9, "B": 10**9,
    "b": 10**9, "k": 10**3, "K": 10**3, " crore": 10**7, " lakh": 10**5, "-billion": 10**9,
}  # fmt: skip
CHINESE_CURRENCIES = {
    "美元": "USD", "元": "CNY", "元人民币": "CNY", "欧元": "EUR", "英镑": "GBP", "日元": "JPY",
    "港元": "HKD", "港币": "HKD", "新台币": "TWD", "新台幣": "TWD", "韩元": "KRW",
    "卢比": "INR", "新加坡元": "SGD", "美金": "USD",
}  # fmt: skip
CHINESE_MAGNITUDES = {
    "": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12, "萬": 10**4, "億": 10**8, "千万": 10**7,
}  # fmt: skip


def written(amount: Decimal, grouped: bool) -> str:
    return f"{amount:,}" if grouped else str(amount)


@given(
    amount=AMOUNTS,
    grouped=st.booleans(),
    prefix=st.sampled_from(sorted(ENGLISH_PREFIXES)),
    magnitude=st.sampled_from(sorted(ENGLISH_MAGNITUDES)),
)
def test_english_symbol_first_reads_back(
    amount: Decimal, grouped: bool, prefix: str, magnitude: str
) -> None:
    text = f"It raised {prefix}{written(amount, grouped)}{magnitude} in cash."
    [money] = find_money(text, yen_or_yuan="JPY")
    assert money.amount == amount * ENGLISH_MAGNITUDES[magnitude]
    assert money.currency == ENGLISH_PREFIXES[prefix]


@given(
    amount=AMOUNTS,
    grouped=st.booleans(),
    suffix=st.sampled_from(sorted(ENGLISH_SUFFIXES)),
    magnitude=st.sampled_from(sorted(ENGLISH_MAGNITUDES)),
)
def test_english_currency_after_reads_back(
    amount: Decimal, grouped: bool, suffix: str, magnitude: str
) -> None:
    text = f"It raised {written(amount, grouped)}{magnitude} {suffix} in cash."
    [money] = find_money(text)
    assert money.amount == amount * ENGLISH_MAGNITUDES[magnitude]
    assert money.currency == ENGLISH_SUFFIXES[suffix]


@given(
    amount=AMOUNTS,
    grouped=st.booleans(),
    currency=st.sampled_from(sorted(CHINESE_CURRENCIES)),
    magnitude=st.sampled_from(sorted(CHINESE_MAGNITUDES)),
)
def test_chinese_arabic_figure_reads_back(
    amount: Decimal, grouped: bool, currency: str, magnitude: str
) -> None:
    text = f"公司获得{written(amount, grouped)}{magnitude}{currency}投资。"
    [money] = find_money(text)
    assert money.amount == amount * CHINESE_MAGNITUDES[magnitude]
    assert money.currency == CHINESE_CURRENCIES[currency]
    assert money.qualifier == "exact"


@given(
    amount=WHOLE_AMOUNTS,
    currency=st.sampled_from(sorted(CHINESE_CURRENCIES)),
    magnitude=st.sampled_from(sorted(set(CHINESE_MAGNITUDES) - {"千万"})),  # 十千万 is no numeral
)
def test_chinese_numerals_read_back(amount: Decimal, currency: str, magnitude: str) -> None:
    assume(amount >= 10 or magnitude)  # a lone 三元 is not read as money (三元组, 三元锂电池)
    text = f"公司获得{cn2an.an2cn(int(amount))}{magnitude}{currency}投资。"
    [money] = find_money(text)
    assert money.amount == amount * CHINESE_MAGNITUDES[magnitude]
    assert money.currency == CHINESE_CURRENCIES[currency]


@given(text=st.text(), hint=st.sampled_from(["CNY", "JPY"]))
def test_find_money_never_raises(text: str, hint: str) -> None:
    for money in find_money(text, hint):
        assert text[money.start : money.end] == money.text


@given(text=st.text(), published=st.none() | st.dates())
def test_find_dates_never_raises(text: str, published: datetime.date | None) -> None:
    for mention in find_dates(text, published):
        assert text[mention.start : mention.end] == mention.text


ALPHABET = st.sampled_from([*"0123456789.,年月日号万亿元美$¥ 十一二三数多余超约近-/", "2023"])


@given(text=st.lists(ALPHABET, max_size=30).map("".join), published=st.none() | st.dates())
def test_number_heavy_text_never_raises(text: str, published: datetime.date | None) -> None:
    find_money(text)
    find_dates(text, published)
