"""Date mentions: absolute and relative forms, resolved against the publication date."""

import datetime

import pytest

from fundwire.transforms.dates import DateMention, find_dates

PUBLISHED = datetime.date(2023, 10, 28)  # a Saturday


def only(text: str, published: datetime.date | None = PUBLISHED) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("It closed on 2023-10-28.", "2023-10-28", "day"),
        ("It closed on 2023/10/28.", "2023-10-28", "day"),
        ("It closed on October 28, 2023.", "2023-10-28", "day"),
        ("It closed on Oct. 28, 2023.", "2023-10-28", "day"),
        ("It closed on 28 October 2023.", "2023-10-28", "day"),
        ("It closed on 28th October, 2023.", "2023-10-28", "day"),
        ("It closed in Oct. 2023.", "2023-10", "month"),
        ("It closed in October 2023.", "2023-10", "month"),
        ("It was founded in 2021.", "2021", "year"),
        ("It has grown since 2019.", "2019", "year"),
        ("It will list in early 2024.", "2024", "year"),
        ("公司于2023年10月28日宣布。", "2023-10-28", "day"),
        ("公司于2023年10月28号宣布。", "2023-10-28", "day"),
        ("公司于2023 年 10 月 28 日宣布。", "2023-10-28", "day"),
        ("公司于2023年10月宣布。", "2023-10", "month"),
        ("公司于2023年宣布。", "2023", "year"),
        ("公司于2022年底宣布。", "2022-12", "month"),
        ("公司于二〇二三年十月宣布。", "2023-10", "month"),
        ("It closed on 10/28/2023.", "2023-10-28", "day"),
        ("It closed on 28/10/2023.", "2023-10-28", "day"),
    ],
)
def test_absolute(sentence: str, value: str, precision: str) -> None:
    mention = only(sentence)
    assert (mention.value, mention.precision, mention.relative) == (value, precision, False)
    assert only(sentence, None).value == value  # absolute dates need no anchor


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("公司10月28日宣布。", "2023-10-28", "day"),
        ("公司10月宣布。", "2023-10", "month"),
        ("公司十月宣布。", "2023-10", "month"),
        ("公司11月宣布。", "2022-11", "month"),  # after the publication month: last year's
        ("公司今年3月宣布。", "2023-03", "month"),
        ("公司去年3月宣布。", "2022-03", "month"),
        ("公司去年10月28日宣布。", "2022-10-28", "day"),
        ("公司去年底宣布。", "2022-12", "month"),
        ("公司去年年底宣布。", "2022-12", "month"),
        ("公司去年宣布。", "2022", "year"),
        ("公司前年宣布。", "2021", "year"),
        ("公司年初宣布。", "2023", "year"),
        ("公司今年年初宣布。", "2023", "year"),
        ("公司今年初宣布。", "2023", "year"),
        ("公司上月宣布。", "2023-09", "month"),
        ("公司上个月宣布。", "2023-09", "month"),
        ("公司本月宣布。", "2023-10", "month"),
        ("公司上月28日宣布。", "2023-09-28", "day"),
        ("公司周五宣布。", "2023-10-27", "day"),
        ("公司星期五宣布。", "2023-10-27", "day"),
        ("公司上周五宣布。", "2023-10-20", "day"),
        ("公司昨日宣布。", "2023-10-27", "day"),
        ("公司今天宣布。", "2023-10-28", "day"),
        ("据报道，公司26日宣布。", "2023-10-26", "day"),  # a day of the publication month
        ("据报道，公司30日宣布。", "2023-09-30", "day"),  # still to come: last month's
        ("It announced it earlier this year.", "2023", "year"),
        ("It announced it this year.", "2023", "year"),
        ("It announced it last year.", "2022", "year"),
        ("It announced it at the end of last year.", "2022-12", "month"),
        ("It announced it last month.", "2023-09", "month"),
        ("It announced it earlier this month.", "2023-10", "month"),
        ("It announced it last October.", "2022-10", "month"),
        ("It announced it last September.", "2023-09", "month"),
        ("It announced it in March.", "2023-03", "month"),
        ("It announced it in December.", "2022-12", "month"),
        ("It raised money in February last year.", "2022-02", "month"),
        ("It plans to list in March next year.", "2024-03", "month"),
        ("It plans to list by the end of this year.", "2023-12", "month"),
        ("It announced it on March 3.", "2023-03-03", "day"),
        ("It announced it on Friday.", "2023-10-27", "day"),
        ("It announced it last Saturday.", "2023-10-21", "day"),
        ("It announced it yesterday.", "2023-10-27", "day"),
        ("It announced it today.", "2023-10-28", "day"),
    ],
)
def test_relative(sentence: str, value: str, precision: str) -> None:
    mention = only(sentence)
    assert (mention.value, mention.precision, mention.relative) == (value, precision, True)


@pytest.mark.parametrize(
    "sentence",
    ["公司今年3月宣布。", "公司10月宣布。", "It announced it last year.", "公司周五宣布。"],
)
def test_relative_without_published_invents_nothing(sentence: str) -> None:
    mention = only(sentence, None)
    assert mention.value is None
    assert mention.relative


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("It has grown since 2019.", "2019"),  # a preposition stays outside: callers read it
        ("It closed in March.", "March"),
        ("It closed on Friday.", "Friday"),
        ("It closed last Friday.", "last Friday"),  # a modifier is part of the date
        ("It closed at the end of last year.", "the end of last year"),
        ("It will list in early 2024.", "early 2024"),
    ],
)
def test_span_keeps_prepositions_out_and_modifiers_in(sentence: str, text: str) -> None:
    assert only(sentence).text == text


def test_span_covers_the_mention() -> None:
    sentence = "公司于2023年10月28日宣布。"
    mention = only(sentence)
    assert sentence[mention.start : mention.end] == mention.text == "2023年10月28日"


@pytest.mark.parametrize(
    "sentence",
    [
        "公司日前宣布。",  # a few days ago: no day can be read
        "公司近日宣布。",
        "It closed on 2023-13-01.",
        "It closed on 2023-02-30.",
        "公司2199年上市。",
        "公司1800年成立。",
        "项目历时3个月。",
        "公司将在30日内完成。",
        "今日头条发布公告。",
        "今日资本领投。",  # an investor named Today Capital
        "当年的创始团队仍在。",  # 当年 alone is "back then"
        "The ratio was 2023.5 today",
        "In 2,000 cities.",
        "May be later.",
        "Revenue was 2023 million.",
    ],
)
def test_not_dates(sentence: str) -> None:
    assert [m for m in find_dates(sentence, PUBLISHED) if m.text != "today"] == []


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("公司2021年1月获得种子轮，当年7月又完成A轮。", ["2021-01", "2021-07"]),
        ("公司2019年完成A轮，同年底完成B轮。", ["2019", "2019-12"]),
        ("It raised a seed round in May 2021 and a Series A later that year.", ["2021-05", "2021"]),
        ("It raised in 2019 and again the same year.", ["2019", "2019"]),
    ],
)
def test_that_year_is_the_previous_dates_year(sentence: str, values: list[str]) -> None:
    assert [m.value for m in find_dates(sentence, PUBLISHED)] == values


def test_that_year_without_an_earlier_date_is_unresolved() -> None:
    mention = only("公司当年7月完成A轮。")
    assert (mention.value, mention.relative) == (None, True)


def test_several_dates_left_to_right() -> None:
    found = find_dates("去年底完成A轮，今年3月完成B轮。", PUBLISHED)
    assert [m.value for m in found] == ["2022-12", "2023-03"]


def test_today_only_at_an_ascii_word_start() -> None:
    published = datetime.date(2024, 5, 16)
    assert [m.value for m in find_dates("Zeta said today it raised", published)] == ["2024-05-16"]
    assert [m.value for m in find_dates("消息today确认", published)] == ["2024-05-16"]
    assert find_dates("the photoday gallery", published) == []
    assert find_dates("9today", published) == []
