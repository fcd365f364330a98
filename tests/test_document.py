"""Document level: coreference, joined investor lists, dates, one fact per deal."""

from datetime import date
from decimal import Decimal

from fundwire.transforms.document import merge_facts
from fundwire.transforms.extract import extract_facts
from fundwire.transforms.records import Article, Fact


def _facts(text: str, published: date | None = date(2024, 6, 14)) -> list[Fact]:
    return extract_facts(Article(file_name="a.md", text=text, published=published))


def _brief(facts: list[Fact]) -> set[tuple]:
    return {(f.kind, f.investee, f.investor, f.amount, f.lead, f.round, f.date) for f in facts}


def test_headline_and_body_state_one_deal_once() -> None:
    text = (
        "# Zeta Robotics raises $40 million\n\n"
        "Zeta Robotics said on Tuesday it has raised $40 million in a Series B round "
        "led by Foo Capital.\n"
    )
    rounds = [f for f in _facts(text) if f.kind == "round"]
    assert len(rounds) == 1
    assert rounds[0].round == "series_b"


def test_investors_in_the_next_sentence_join_the_round() -> None:
    text = (
        "Zeta Robotics has closed a $40 million Series B round.\n"
        "Foo Capital led the round. Bar Ventures and Qux Partners also took part.\n"
    )
    facts = _brief(_facts(text))
    assert (
        "investment",
        "Zeta Robotics",
        "Foo Capital",
        None,
        True,
        "series_b",
        "2024-06",
    ) in facts
    assert (
        "investment",
        "Zeta Robotics",
        "Qux Partners",
        None,
        None,
        "series_b",
        "2024-06",
    ) in facts


def test_pronoun_resolves_to_the_company_told_about() -> None:
    text = (
        "Zeta Robotics has closed a $40 million Series B round.\n\n"
        "Earlier, in April 2022, it raised $10 million in a Series A led by Foo Capital.\n"
    )
    facts = _brief(_facts(text))
    assert (
        "round",
        "Zeta Robotics",
        None,
        Decimal(10_000_000),
        None,
        "series_a",
        "2022-04",
    ) in facts


def test_evidence_points_into_the_text() -> None:
    text = "Intro line.\n\nZeta Robotics raised $40 million in a seed round.\n"
    (fact,) = _facts(text)
    assert text[fact.evidence_start : fact.evidence_end] == fact.evidence


def test_no_date_is_invented_without_published() -> None:
    (fact,) = _facts("Zeta Robotics raised $40 million in a seed round.", published=None)
    assert fact.date is None


def test_short_and_full_investor_names_are_one_investor() -> None:
    facts = [
        Fact("investment", "Zeta", investor="Foo", lead=True, evidence_start=1),
        Fact("investment", "Zeta", investor="Foo Capital", lead=True, evidence_start=5),
    ]
    assert [f.investor for f in merge_facts(facts)] == ["Foo Capital"]


def test_distinct_rounds_are_not_merged() -> None:
    facts = [
        Fact("investment", "Zeta", investor="Foo Capital", round="series_a"),
        Fact("investment", "Zeta", investor="Foo Capital", round="series_b"),
    ]
    assert len(merge_facts(facts)) == 2


def test_chinese_article_with_followers_and_this_company() -> None:
    text = (
        "# 甲乙科技完成5亿元B轮融资\n\n"
        "3月5日，芯片公司甲乙科技宣布完成5亿元B轮融资，由丙丁资本领投，戊己创投跟投。\n\n"
        "同属芯片赛道的庚辛智能也在加快融资。这家公司去年完成2亿元A轮融资。\n"
    )
    facts = _brief(_facts(text))
    assert (
        "round",
        "甲乙科技",
        None,
        Decimal(500_000_000),
        None,
        "series_b",
        "2024-03-05",
    ) in facts
    assert ("investment", "甲乙科技", "丙丁资本", None, True, "series_b", "2024-03-05") in facts
    assert ("round", "庚辛智能", None, Decimal(200_000_000), None, "series_a", "2023") in facts
