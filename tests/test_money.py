"""Money mentions: every English and Chinese form, qualifiers, vague amounts, non-money."""

from decimal import Decimal
from itertools import pairwise

import pytest

from fundwire.transforms.money import Money, find_money


def only(text: str, yen_or_yuan: str = "CNY") -> Money:
    found = find_money(text, yen_or_yuan)
    assert len(found) == 1, found
    return found[0]


def reads(text: str, yen_or_yuan: str = "CNY") -> tuple[Decimal | None, str | None, str | None]:
    money = only(text, yen_or_yuan)
    return money.amount, money.currency, money.qualifier


@pytest.mark.parametrize(
    ("sentence", "amount", "currency"),
    [
        ("The startup raised $1.5bn on Monday.", 1500000000, "USD"),
        ("It raised $1.5 billion.", 1500000000, "USD"),
        ("The round was US$300 million.", 300000000, "USD"),
        ("A loan of USD 40m was signed.", 40000000, "USD"),
        ("The fund has €600m to invest.", 600000000, "EUR"),
        ("Investors put in £1.1 billion.", 1100000000, "GBP"),
        ("They raised $2.3B.", 2300000000, "USD"),
        ("She gave forty million dollars.", 40000000, "USD"),
        ("He wanted a billion dollars.", 1000000000, "USD"),
        ("It paid $150,000,000 in cash.", 150000000, "USD"),
        ("The exact figure was USD 1,234,567.890 in total.", Decimal("1234567.89"), "USD"),
        ("The group invested ₹2,000 crore.", 20000000000, "INR"),
        ("The bank lent Rs 500 crore.", 5000000000, "INR"),
        ("The grant was Rs 5 lakh.", 500000, "INR"),
        ("It raised HK$3 billion.", 3000000000, "HKD"),
        ("It raised S$10m.", 10000000, "SGD"),
        ("It raised NT$5 billion.", 5000000000, "TWD"),
        ("It raised A$20m.", 20000000, "AUD"),
        ("It raised C$1 million.", 1000000, "CAD"),
        ("It raised R$3 bn.", 3000000000, "BRL"),
        ("It raised 10 billion yen.", 10000000000, "JPY"),
        ("It raised 300 billion yuan.", 300000000000, "CNY"),
        ("It raised RMB 2 billion.", 2000000000, "CNY"),
        ("It raised CNY 500 million.", 500000000, "CNY"),
        ("It raised EUR 5m.", 5000000, "EUR"),
        ("It raised $6.6 billion.", 6600000000, "USD"),
        ("They made a $4 billion investment.", 4000000000, "USD"),
        ("It raised $100M.", 100000000, "USD"),
        ("It raised $4.7 billion.", 4700000000, "USD"),
        ("It raised US$4.7 billion.", 4700000000, "USD"),  # a popular parser gives 47000001
        ("It raised US $5 million.", 5000000, "USD"),
        ("It raised 2 billion US dollars.", 2000000000, "USD"),
        ("It raised 40 million USD.", 40000000, "USD"),
        ("It raised 3 million Swiss francs.", 3000000, "CHF"),
        ("It raised two hundred million euros.", 200000000, "EUR"),
        ("It raised half a billion dollars.", 500000000, "USD"),
        ("It raised $4-billion.", 4000000000, "USD"),
        ("It was valued at ₹4.62 lakh crore.", 4620000000000, "INR"),  # lakh crore = 10^12
        ("It raised Rs.500 crore.", 5000000000, "INR"),
        ("It raised Rmb2bn.", 2000000000, "CNY"),
    ],
)
def test_english_amounts(sentence: str, amount: int | Decimal, currency: str) -> None:
    assert reads(sentence) == (amount, currency, "exact")


@pytest.mark.parametrize(
    ("sentence", "amount", "currency"),
    [
        ("公司完成20亿美元融资。", 2000000000, "USD"),
        ("获得5.5亿美元投资。", 550000000, "USD"),
        ("获得5000万美元投资。", 50000000, "USD"),
        ("募资1.5亿元人民币。", 150000000, "CNY"),
        ("募资人民币1.5亿元。", 150000000, "CNY"),
        ("募资人民币1.5亿，", 150000000, "CNY"),
        ("募资二十亿元。", 2000000000, "CNY"),
        ("投资1.2万亿日元。", 1200000000000, "JPY"),
        ("获8000万欧元融资。", 80000000, "EUR"),
        ("募资10亿港元。", 1000000000, "HKD"),
        ("募资5亿港币。", 500000000, "HKD"),
        ("募資3億新台幣。", 300000000, "TWD"),
        ("募资3亿新台币。", 300000000, "TWD"),
        ("獲得3000萬美元投資。", 30000000, "USD"),
        ("获得1亿美金。", 100000000, "USD"),
        ("获得5亿英镑。", 500000000, "GBP"),
        ("获得1000亿韩元。", 100000000000, "KRW"),
        ("获得500亿卢比。", 50000000000, "INR"),
        ("获得1亿新加坡元。", 100000000, "SGD"),
        ("获得2000万新元。", 20000000, "SGD"),
        ("获得1,000万美元。", 10000000, "USD"),
        ("获得16.4亿元。", 1640000000, "CNY"),  # exact, not 1639999999
        ("获得3千万元。", 30000000, "CNY"),
        ("获得两千五百万元。", 25000000, "CNY"),
        ("获得1亿5千万元。", 150000000, "CNY"),
        ("获得3万5千元。", 35000, "CNY"),
        ("获得$1.5亿。", 150000000, "USD"),
        ("获得100億円。", 10000000000, "JPY"),
        ("高达10亿美元。", 1000000000, "USD"),  # 高达 is emphasis, not a ceiling
    ],
)
def test_chinese_amounts(sentence: str, amount: int, currency: str) -> None:
    assert reads(sentence) == (amount, currency, "exact")


@pytest.mark.parametrize(
    ("sentence", "amount", "qualifier"),
    [
        ("It raised about $5 billion.", 5000000000, "about"),
        ("It raised approximately $5 billion.", 5000000000, "about"),
        ("It raised around $5 billion.", 5000000000, "about"),
        ("It raised roughly $5 billion.", 5000000000, "about"),
        ("It raised some $5 billion.", 5000000000, "about"),
        ("It raised an estimated $5 billion.", 5000000000, "about"),
        ("It will invest up to $2B.", 2000000000, "up_to"),
        ("It will invest as much as $2 billion.", 2000000000, "up_to"),
        ("It will invest as high as $2 billion.", 2000000000, "up_to"),
        ("It raised more than $300 million.", 300000000, "over"),
        ("It raised over $300 million.", 300000000, "over"),
        ("It raised upwards of $300 million.", 300000000, "over"),
        ("It raised in excess of $300 million.", 300000000, "over"),
        ("It raised north of $300 million.", 300000000, "over"),
        ("It raised at least $300 million.", 300000000, "over"),
        ("It raised $300 million or more.", 300000000, "over"),
        ("It raised nearly $7 billion.", 7000000000, "nearly"),
        ("It raised almost $7 billion.", 7000000000, "nearly"),
        ("It raised close to $7 billion.", 7000000000, "nearly"),
        ("It raised just under $7 billion.", 7000000000, "nearly"),
        ("It raised About $7 billion.", 7000000000, "about"),
        ("获得一千多万元投资。", 10000000, "over"),
        ("获得逾亿元投资。", 100000000, "over"),
        ("获得超10亿元投资。", 1000000000, "over"),
        ("获得超过5亿美元投资。", 500000000, "over"),
        ("获得10亿元以上投资。", 1000000000, "over"),
        ("获得10多亿元投资。", 1000000000, "over"),
        ("获得1000余万美元投资。", 10000000, "over"),
        ("融资过亿元。", 100000000, "over"),
        ("获得约3亿元投资。", 300000000, "about"),
        ("获得大约3亿元投资。", 300000000, "about"),
        ("获得5亿元左右投资。", 500000000, "about"),
        ("获得近1亿美元投资。", 100000000, "nearly"),
        ("获得将近2亿元投资。", 200000000, "nearly"),
        ("获得接近3亿元投资。", 300000000, "nearly"),
        ("获得近千万元投资。", 10000000, "nearly"),
        ("最高20亿美元。", 2000000000, "up_to"),
        ("最高可达20亿美元。", 2000000000, "up_to"),
        ("至多1亿元。", 100000000, "up_to"),
        ("不超过5000万元。", 50000000, "up_to"),
        ("估值略高于40亿美元。", 4000000000, "over"),
        ("估值高于40亿美元。", 4000000000, "over"),
        ("融资不到1亿元。", 100000000, "up_to"),
        ("Its valuation was nearing $60 billion.", 60000000000, "nearly"),
        ("It raised less than $5 million.", 5000000, "up_to"),
        ("It raised slightly more than $5 million.", 5000000, "over"),
    ],
)
def test_qualifiers(sentence: str, amount: int, qualifier: str) -> None:
    money = only(sentence)
    assert (money.amount, money.qualifier) == (amount, qualifier)


def test_qualifier_is_inside_the_span() -> None:
    sentence = "It raised more than $300 million."
    money = only(sentence)
    assert sentence[money.start : money.end] == money.text == "more than $300 million"


@pytest.mark.parametrize(
    ("sentence", "currency"),
    [
        ("It raised tens of millions of dollars.", "USD"),
        ("It raised hundreds of millions.", None),
        ("It raised several hundred million dollars.", "USD"),
        ("It raised billions of dollars.", "USD"),
        ("It signed a multibillion-dollar deal.", "USD"),
        ("获得数千万美元投资。", "USD"),
        ("获得数亿元投资。", "CNY"),
        ("获得上亿元投资。", "CNY"),
        ("获得数十亿美元投资。", "USD"),
        ("获得十几亿元投资。", "CNY"),
        ("获得几千万元投资。", "CNY"),
        ("完成千万元级融资。", "CNY"),
    ],
)
def test_vague_amounts_have_no_amount(sentence: str, currency: str | None) -> None:
    assert reads(sentence) == (None, currency, None)


@pytest.mark.parametrize(
    ("sentence", "hint", "currency"),
    [
        ("It raised ¥500 million.", "JPY", "JPY"),
        ("It raised ¥500 million.", "CNY", "CNY"),
        ("It raised ￥500 million.", "JPY", "JPY"),
        ("It raised ¥10 billion yen.", "CNY", "JPY"),  # the word after wins over the hint
        ("获得¥1.5亿投资。", "JPY", "JPY"),
        ("获得￥1.5亿元投资。", "JPY", "CNY"),  # 元 after says yuan
        ("获得美元5000万投资。", "CNY", "USD"),
    ],
)
def test_yen_or_yuan_by_hint(sentence: str, hint: str, currency: str) -> None:
    assert only(sentence, hint).currency == currency


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2023 revenue rose 5%.",
        "Call 555-1234 for details.",
        "It sold 500 million shares.",
        "It has 10 million users.",
        "It has tens of millions of users.",
        "2023年营收增长100亿。",
        "公司发行5000万股。",
        "用户数达到10亿。",
        "同比增长25%。",
        "The 2.5 ratio held.",
        "There were many million dollar ideas.",
        "PHP 8 was released.",
    ],
)
def test_not_money(sentence: str) -> None:
    assert find_money(sentence) == []


def test_several_amounts_left_to_right() -> None:
    sentence = "300 billion yuan ($47 billion) went in; 另有5亿元。"
    found = find_money(sentence)
    assert [(m.amount, m.currency) for m in found] == [
        (300000000000, "CNY"),
        (47000000000, "USD"),
        (500000000, "CNY"),
    ]
    assert all(a.end <= b.start for a, b in pairwise(found))


@pytest.mark.parametrize(
    ("sentence", "amount", "text"),
    [
        ("It is raising $5-10 million.", 10000000, "$5-10 million"),
        ("It is raising $1.5bn-$2bn.", 2000000000, "$1.5bn-$2bn"),
        ("It is raising $5m–$10m.", 10000000, "$5m–$10m"),
        ("拟融资5000万至1亿元。", 100000000, "5000万至1亿元"),
        ("拟融资5-10亿元。", 1000000000, "5-10亿元"),
        ("拟融资3到5亿美元。", 500000000, "3到5亿美元"),
    ],
)
def test_a_range_is_up_to_its_high_end(sentence: str, amount: int, text: str) -> None:
    money = only(sentence)
    assert (money.text, money.amount, money.qualifier) == (text, amount, "up_to")


@pytest.mark.parametrize(
    "sentence",
    ["It grew its stake from $2 billion to $4 billion.", "投资额由5亿元增至10亿元。"],
)
def test_a_change_is_two_figures(sentence: str) -> None:
    assert [m.qualifier for m in find_money(sentence)] == ["exact", "exact"]


def test_currency_before_wins_over_a_word_after() -> None:
    money = only("A $5 million won approval.")
    assert (money.text, money.currency) == ("$5 million", "USD")


def test_amounts_are_exact_decimals() -> None:
    money = only("It raised $1.5 billion.")
    assert isinstance(money.amount, Decimal)
    assert str(money.amount) == "1500000000"
