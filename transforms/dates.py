"""Date mentions in English and Chinese news text, resolved against the publication date.

One compiled regular expression finds every form in one left-to-right pass; a
small resolver per form turns it into 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', only
as precise as the text is.

Decisions, by what the words mean:

* A month or day written without a year (10月, 10月28日, "in March",
  "October 28") is the latest such month on or before the publication month:
  news reports what happened; a month after the publication month is last year's.
* "last October" is the latest October strictly before the publication month;
  "next October" the first one after it.
* 去年底 / "end of last year" is December of last year (month precision);
  年初 / 今年年初 / "earlier this year" is this year (year precision).
* A weekday (周五, "on Friday") is the latest such day on or before publication;
  "last Friday" the latest strictly before it; 上周五 the Friday of the week before.
* "that year", "the same year", 当年7月, 同年底 take the year of the date mentioned
  last before them in the same text (unresolved when there is none); 当年 alone
  means "back then" and is no date.
* A year alone is a date only after a preposition or modifier ("in 2021", "since
  2019", "early 2024"); a month alone likewise ("in March", "last October"). The
  span leaves the preposition out (callers read "since" to tell a period's start)
  and keeps the modifier in ("last October", "the end of last year").
* 28日 alone is a day of the publication month (of the month before when the 28th
  is still to come), as Chinese news dates its reports; 30日内 is a duration.
* 10/28/2023 is read the US way unless the first number cannot be a month.
* 日前, 近日, 近期, "recently" are not dates: no day can be read from them; nor
  is 今日 in a name (今日头条, 今日资本).
* With no publication date, a relative mention keeps ``value=None``: no year is
  invented.
* Years outside 1900–2100 and impossible days (month 13, 30 February) are not dates.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import NamedTuple

from fundwire.transforms.first_chars import compile_scanning
from fundwire.transforms.numbers import parse_chinese_number


class DateMention(NamedTuple):
    """A date expression: its span in the text and the date it names."""

    start: int
    end: int
    text: str
    value: str | None  # 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; None when relative and unanchored
    precision: str  # year | month | day
    relative: bool


FIRST_YEAR, LAST_YEAR = 1900, 2100

MONTH_NAMES: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, int] = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
MONTHS = MONTH_NAMES | MONTH_ABBREVIATIONS
WEEKDAYS: dict[str, int] = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5,
    "Sunday": 6, "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
}  # fmt: skip
CHINESE_YEAR_OFFSETS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
# "That year": the year of the date mentioned last before it (2021年1月…，当年7月).
CHINESE_SAME_YEAR = ("同年", "当年", "當年")
CHINESE_MONTH_OFFSETS = {"本月": 0, "这个月": 0, "這個月": 0, "上月": -1, "上个月": -1,
                         "上個月": -1, "下月": 1, "下个月": 1, "下個月": 1}  # fmt: skip
CHINESE_DAY_OFFSETS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2}
ENGLISH_OFFSETS = {"this": 0, "last": -1, "next": 1}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# "March" or "Oct." (the dot belongs to an abbreviation, not to a sentence's end after "March")
_MONTH = rf"(?:{_alternation(MONTH_NAMES)}|(?:{_alternation(MONTH_ABBREVIATIONS)})\.?)(?![A-Za-z])"
_WEEKDAY = _alternation(w for w in WEEKDAYS if w.isascii())
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?<![0-9])[0-9]{4}(?![0-9])"
_CN_SMALL = "[0-9]{1,2}|[一二三四五六七八九十]{1,3}"  # a month or day number
_CN_DAY_SUFFIX = "[日号號]"
_SP = r"\s?"

# Every date starts with a digit, a capital (month, weekday), year/month/today/yesterday or
# a Chinese date character: the scan skips all other positions in C. A new form must add
# its first character here. Words that modify a date from before it ("last", "in",
# "end of") are read from a short window (BEFORE_*).
# Each form opens at a digit with no digit before it (the rest of a number starts no date),
# and lowercase "t", "y" and "m" start one only at a word start: "today" and "yesterday" as
# their forms read, "year" and "month" because BEFORE_RELATIVE keeps them only after a
# blank. So the commonest letters of English are tried only there.
_DATE_START = (
    r"(?<![0-9])[0-9]|[ADFJMNOSTWY〇零一二三四五六七八九十今去前明本上下这這年周星礼禮昨当當同]"
    r"|(?a:\b[tym])"
)

DATE_PATTERN = compile_scanning(
    rf"(?={_DATE_START})(?:"
    # 2023-10-28, 2023/10/28, 2023.10.28, 2023-10
    rf"(?P<iso>(?P<iso_y>{_YEAR})(?P<sep>[-/.])(?P<iso_m>1[0-2]|0?[1-9])"
    rf"(?:(?P=sep)(?P<iso_d>[0-9]{{1,2}}))?(?![0-9]))"
    # 10/28/2023 (US) or 28/10/2023, when the first number cannot be a month
    rf"|(?P<slash>(?<![0-9/])(?P<slash_a>[0-9]{{1,2}})/(?P<slash_b>[0-9]{{1,2}})/(?P<slash_y>{_YEAR}))"
    # October 2023, Oct. 2023
    rf"|(?P<my>(?P<my_m>{_MONTH}),?\s+(?P<my_y>{_YEAR}))"
    # October 28, 2023; October 28
    rf"|(?P<mdy>(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>[0-9]{{1,2}}){_ORDINAL}(?![0-9])"
    rf"(?:,?\s+(?P<mdy_y>{_YEAR}))?)"
    # 28 October 2023; 28 October
    rf"|(?P<dmy>(?<![0-9])(?P<dmy_d>[0-9]{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<dmy_m>{_MONTH})"
    rf"(?:,?\s+(?P<dmy_y>{_YEAR}))?)"
    # March, October: a month alone, read with the word before it (BEFORE_MONTH)
    rf"|(?P<mon>(?P<mon_m>{_MONTH})(?!\.?,?\s*[0-9])"
    rf"(?:\s+(?:of\s+)?(?P<mon_year>(?ai:this|last|next))\s+(?ai:year)\b)?)"
    # year, month: read with "this/last/next" before them (BEFORE_RELATIVE)
    rf"|(?P<en_rel>(?ai:(?P<en_unit>year|month))\b)"
    rf"|(?P<en_day>(?ai:\b(?P<en_dayword>yesterday|today)\b))"
    # Friday: read with "on/last" before it (BEFORE_WEEKDAY)
    rf"|(?P<en_wd>(?P<en_wd_d>{_WEEKDAY})\b)"
    # 2023年10月28日, 2023年10月, 2023年, 2023年底
    rf"|(?P<cn>(?P<cn_y>{_YEAR}|(?<![〇零一二三四五六七八九])[〇零一二三四五六七八九]{{4}}){_SP}年"
    rf"(?:{_SP}(?P<cn_m>{_CN_SMALL}){_SP}月份?(?:{_SP}(?P<cn_d>{_CN_SMALL}){_SP}{_CN_DAY_SUFFIX})?"
    rf"|(?P<cn_edge>初|底|末|中))?)"
    # 今年3月, 去年底, 今年年初, 去年10月28日
    rf"|(?P<cnrel>(?P<cnrel_y>{_alternation([*CHINESE_YEAR_OFFSETS, *CHINESE_SAME_YEAR])})"
    rf"(?:(?P<cnrel_m>{_CN_SMALL}){_SP}月份?(?:{_SP}(?P<cnrel_d>{_CN_SMALL}){_SP}{_CN_DAY_SUFFIX})?"
    rf"|年?(?P<cnrel_edge>初|底|末|中))?)"
    # 年初, 年底 (this year)
    rf"|(?P<cnedge>(?<![0-9〇零一二三四五六七八九今去前明本上当當同])年(?P<cnedge_e>初|底|末))"
    # 上月, 本月, 上月28日
    rf"|(?P<cnmrel>(?P<cnmrel_w>{_alternation(CHINESE_MONTH_OFFSETS)})"
    rf"(?:(?P<cnmrel_d>{_CN_SMALL}){_SP}{_CN_DAY_SUFFIX})?)"
    # 10月, 10月28日, 十月
    rf"|(?P<cnmd>(?<![0-9一二三四五六七八九十年])(?P<cnmd_m>{_CN_SMALL}){_SP}月份?"
    rf"(?:{_SP}(?P<cnmd_d>{_CN_SMALL}){_SP}{_CN_DAY_SUFFIX})?)"
    # 今天, 昨日 (not 今日头条, a company)
    rf"|(?P<cnday>(?P<cnday_w>{_alternation(CHINESE_DAY_OFFSETS)})(?!头条|頭條|资本|資本))"
    # 28日: a day of the publication month, as Chinese news dates its reports (not 30日内)
    rf"|(?P<cnday_of_month>(?<![0-9０-９月])(?P<dom>[0-9]{{1,2}})日(?!内|以内|之内|起算))"
    # 周五, 星期五, 上周五
    rf"|(?P<cnwd>(?P<cnwd_last>上)?(?:周|星期|礼拜|禮拜)(?P<cnwd_d>[一二三四五六日天])(?!年))"
    # 2021: a year alone, read with the word before it (BEFORE_YEAR); last, after 2021年
    rf"|(?P<yr>{_YEAR}(?![.,/-][0-9]|%))"
    rf")"
)
# Words before a month, year or weekday that make it a date. A preposition ("in", "since",
# "on") stays outside the mention's span, so callers can read it ("since 2019" starts a
# period); a modifier ("last", "early", "the end of") is part of the date, inside the span.
_PREPOSITION = r"(?ai:in|since|during|by|until|through|from|of|on)\s+"
_EDGE_OF = r"(?:the\s+)?(?:end|beginning|start|middle)\s+of"
BEFORE_MONTH = compile_scanning(
    rf"(?<![A-Za-z])(?:{_PREPOSITION}"
    rf"|(?P<modifier>(?P<word>(?ai:last|this|next|early|late|{_EDGE_OF}))\s+|(?ai:mid)-))$"
)
BEFORE_YEAR = compile_scanning(
    rf"(?<![A-Za-z])(?:{_PREPOSITION}|(?P<modifier>(?ai:early|late|{_EDGE_OF})\s+|(?ai:mid)-\s*))$"
)
BEFORE_RELATIVE = compile_scanning(
    r"(?<![A-Za-z])(?P<modifier>(?ai:(?P<edge>(?:the\s+)?(?:end|close)\s+of\s+)?"
    r"(?:(?:earlier|later|early|late)\s+)?(?P<which>this|last|next|that|the\s+same)\s+))$"
)
BEFORE_WEEKDAY = compile_scanning(
    r"(?<![A-Za-z])(?:(?ai:on)\s+|(?P<modifier>(?ai:last|this\s+past)\s+))$"
)
BEFORE = {
    "mon": BEFORE_MONTH,
    "yr": BEFORE_YEAR,
    "en_rel": BEFORE_RELATIVE,
    "en_wd": BEFORE_WEEKDAY,
}
BEFORE_WINDOW = 30


def find_dates(text: str, published: datetime.date | None) -> list[DateMention]:
    """Every date mention in `text`, left to right, resolved against `published`."""
    found: list[DateMention] = []
    for match in DATE_PATTERN.finditer(text):
        start, before = match.start(), None
        if match.lastgroup in BEFORE and not match.group("mon_year"):
            before = BEFORE[match.lastgroup].search(text, max(0, start - BEFORE_WINDOW), start)
            if before is None:
                continue  # "March" or "2021" with no word that makes it a date
            if before.group("modifier"):
                start = before.start("modifier")
        previous = next((mention.value for mention in reversed(found) if mention.value), None)
        resolved = _resolve(match, before, published, previous)
        if resolved is not None:
            value, precision, relative = resolved
            end = match.end()
            found.append(DateMention(start, end, text[start:end], value, precision, relative))
    return found


# What a resolver returns: (value, precision, relative), or None when the match is no date.
Resolved = tuple[str | None, str, bool] | None


def _resolve(
    match: re.Match[str],
    before: re.Match[str] | None,
    published: datetime.date | None,
    previous: str | None,
) -> Resolved:
    """`previous` is the value of the last date before this one, for "that year" (当年)."""
    kind = match.lastgroup
    group = match.group
    if kind == "iso":
        if group("iso_d") is None and group("sep") == ".":
            return None  # 2023.5 is a decimal number
        return _absolute(group("iso_y"), group("iso_m"), group("iso_d"))
    if kind == "my":
        return _absolute(group("my_y"), MONTHS[_month_name(group("my_m"))], None)
    if kind in ("mdy", "dmy"):
        month = MONTHS[_month_name(group(f"{kind}_m"))]
        year = group(f"{kind}_y")
        if year:
            return _absolute(year, month, group(f"{kind}_d"))
        return _month_without_year(month, int(group(f"{kind}_d")), published, "latest")
    if kind == "mon":
        month = MONTHS[_month_name(group("mon_m"))]
        if group("mon_year"):  # February last year
            offset = ENGLISH_OFFSETS[group("mon_year").lower()]
            return _year_month_relative(offset, str(month), None, published)
        word = before.group("word") if before else None
        return _english_month(word or "in", month, published)
    if kind == "yr":
        return _absolute(group("yr"), None, None)
    if kind == "en_rel":
        which = " ".join(before.group("which").lower().split())
        if which in ("that", "the same"):  # later that year, the same month
            return _same_as(previous, group("en_unit").lower(), None, None)
        offset = ENGLISH_OFFSETS[which]
        if group("en_unit").lower() == "year":
            return _year_relative(offset, "底" if before.group("edge") else None, published)
        return _month_relative(offset, None, published)
    if kind == "en_day":
        return _day_relative(-1 if group("en_dayword").lower() == "yesterday" else 0, published)
    if kind == "en_wd":
        mode = "before" if before.group("modifier") else "latest"
        return _weekday(WEEKDAYS[group("en_wd_d")], mode, published)
    if kind == "cn":
        return _chinese_absolute(match, published)
    if kind == "cnrel" and group("cnrel_y") in CHINESE_SAME_YEAR:
        if group("cnrel_y") != "同年" and not (group("cnrel_m") or group("cnrel_edge")):
            return None  # 当年 alone is "back then", not a year
        unit = "month" if group("cnrel_m") else "year"
        return _same_as(previous, unit, group("cnrel_m"), group("cnrel_d") or group("cnrel_edge"))
    if kind == "cnrel":
        offset = CHINESE_YEAR_OFFSETS[group("cnrel_y")]
        if group("cnrel_m"):
            return _year_month_relative(offset, group("cnrel_m"), group("cnrel_d"), published)
        return _year_relative(offset, group("cnrel_edge"), published)
    if kind == "cnedge":
        return _year_relative(0, group("cnedge_e"), published)
    if kind == "cnmrel":
        return _month_relative(
            CHINESE_MONTH_OFFSETS[group("cnmrel_w")], group("cnmrel_d"), published
        )
    if kind == "cnmd":
        month = _small_number(group("cnmd_m"))
        day = _small_number(group("cnmd_d")) if group("cnmd_d") else None
        if month is None:
            return None
        return _month_without_year(month, day, published, "latest")
    if kind == "slash":
        first, second = int(group("slash_a")), int(group("slash_b"))
        month, day = (second, first) if first > 12 else (first, second)
        return _absolute(group("slash_y"), month, day)
    if kind == "cnday_of_month":
        return _day_of_month(int(group("dom")), published)
    if kind == "cnday":
        return _day_relative(CHINESE_DAY_OFFSETS[group("cnday_w")], published)
    mode = "previous_week" if group("cnwd_last") else "latest"
    return _weekday(WEEKDAYS[group("cnwd_d")], mode, published)


# --- resolvers -----------------------------------------------------------------------------


def _same_as(
    previous: str | None, unit: str, month: str | None, day_or_edge: str | None
) -> Resolved:
    """'that year', 'the same month', 当年7月, 同年底: resolved against the previous date."""
    if previous is None or (unit == "month" and month is None and len(previous) < 7):
        return _unanchored(unit)
    reference = datetime.date(int(previous[:4]), int(previous[5:7] or 1), 1)
    if month is not None:
        day = day_or_edge if day_or_edge and day_or_edge not in "初底末中" else None
        return _year_month_relative(0, month, day, reference)
    if unit == "month":
        return _month_relative(0, None, reference)
    return _year_relative(0, day_or_edge, reference)


def _month_name(written: str) -> str:
    return written.rstrip(".")


def _small_number(written: str) -> int | None:
    value = parse_chinese_number(written)
    return int(value) if value is not None else None


def _format(year: int, month: int | None, day: int | None) -> tuple[str, str] | None:
    """('YYYY[-MM[-DD]]', precision), or None when no such date exists."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return (f"{year:04d}-{month:02d}", "month") if 1 <= month <= 12 else None
    try:
        return datetime.date(year, month, day).isoformat(), "day"
    except ValueError:
        return None


def _absolute(year: str | int, month: str | int | None, day: str | int | None) -> Resolved:
    formatted = _format(int(year), _int(month), _int(day))
    return None if formatted is None else (formatted[0], formatted[1], False)


def _int(value: str | int | None) -> int | None:
    return None if value is None else int(value)


def _relative(year: int, month: int | None, day: int | None) -> Resolved:
    """A relative mention once resolved against its anchor; None when no such date exists."""
    formatted = _format(year, month, day)
    return None if formatted is None else (formatted[0], formatted[1], True)


def _unanchored(precision: str) -> Resolved:
    """A relative mention with no anchor: kept, with no value invented."""
    return None, precision, True


def _chinese_absolute(match: re.Match[str], published: datetime.date | None) -> Resolved:
    written_year = match.group("cn_y")
    year = int(written_year) if written_year.isdigit() else _small_number_positional(written_year)
    edge = match.group("cn_edge")
    if edge:
        return _absolute(year, 12, None) if edge in "底末" else _absolute(year, None, None)
    if match.group("cn_m") is None:
        return _absolute(year, None, None)
    month = _small_number(match.group("cn_m"))
    day = _small_number(match.group("cn_d")) if match.group("cn_d") else None
    if month is None:
        return None
    return _absolute(year, month, day)


def _small_number_positional(written: str) -> int:
    """二〇二三 → 2023: a year is read digit by digit."""
    return int("".join(str(int(parse_chinese_number(char) or 0)) for char in written))


def _year_relative(offset: int, edge: str | None, published: datetime.date | None) -> Resolved:
    """今年 / 去年 / 去年底 / 年初 / 'end of last year'."""
    month = 12 if edge in ("底", "末") else None
    precision = "month" if month else "year"
    if published is None:
        return _unanchored(precision)
    return _relative(published.year + offset, month, None)


def _year_month_relative(
    offset: int, month_text: str, day_text: str | None, published: datetime.date | None
) -> Resolved:
    """今年3月, 去年10月28日."""
    month = _small_number(month_text)
    day = _small_number(day_text) if day_text else None
    if month is None:
        return None
    precision = "day" if day else "month"
    if published is None:
        return _unanchored(precision) if 1 <= month <= 12 else None
    return _relative(published.year + offset, month, day)


def _month_relative(offset: int, day_text: str | None, published: datetime.date | None) -> Resolved:
    """本月, 上月, 'last month', 上月28日."""
    day = _small_number(day_text) if day_text else None
    precision = "day" if day else "month"
    if published is None:
        return _unanchored(precision)
    months = published.year * 12 + published.month - 1 + offset
    return _relative(months // 12, months % 12 + 1, day)


def _month_without_year(
    month: int, day: int | None, published: datetime.date | None, which: str
) -> Resolved:
    """A month (and day) with no year: `which` is latest (on or before), last or next."""
    precision = "day" if day else "month"
    if not 1 <= month <= 12:
        return None
    if published is None:
        return _unanchored(precision)
    year = published.year
    if which == "next":
        year += 1 if month <= published.month else 0
    elif month > published.month or (which == "last" and month == published.month):
        year -= 1
    return _relative(year, month, day)


def _english_month(word: str, month: int, published: datetime.date | None) -> Resolved:
    """'last October', 'next June', 'in March', 'early May'."""
    word = word.lower()
    if word == "this":
        return _year_month_relative(0, str(month), None, published)
    which = word if word in ("last", "next") else "latest"
    return _month_without_year(month, None, published, which)


def _day_of_month(day: int, published: datetime.date | None) -> Resolved:
    """28日: this month's 28th, or last month's when the 28th is still to come."""
    if published is None:
        return _unanchored("day") if 1 <= day <= 31 else None
    months = published.year * 12 + published.month - 1 - (1 if day > published.day else 0)
    return _relative(months // 12, months % 12 + 1, day)


def _day_relative(offset: int, published: datetime.date | None) -> Resolved:
    if published is None:
        return _unanchored("day")
    day = published + datetime.timedelta(days=offset)
    return _relative(day.year, day.month, day.day)


def _weekday(weekday: int, mode: str, published: datetime.date | None) -> Resolved:
    """`mode` latest: on or before publication (周五, 'on Friday'); before: strictly before
    ('last Friday'); previous_week: in the calendar week before publication's (上周五)."""
    if published is None:
        return _unanchored("day")
    if mode == "previous_week":
        back = published.weekday() + 7 - weekday
    else:
        back = (published.weekday() - weekday) % 7
        if mode == "before":
            back = back or 7
    return _day_relative(-back, published)
