"""Sentence-level frames: who invests in whom, how much, in which round (minimal sentences)."""

from datetime import date

from fundwire.transforms.relations import COREFERENCE, Deal, read_figures, read_sentence
from fundwire.transforms.sentences import Sentence

PUBLISHED = date(2024, 6, 14)


def _deals(text: str) -> list[Deal]:
    return read_sentence(Sentence(0, len(text), text, "body", 0), PUBLISHED, "CNY")


def _summary(deal: Deal) -> tuple:
    amount = deal.amount.amount if deal.amount else None
    investors = tuple((i.name, i.lead) for i in deal.investors)
    return deal.kind, deal.investee, amount, deal.round, investors


def test_english_round_led_by_with_participants() -> None:
    deals = _deals(
        "Zeta Robotics raised $40 million in a Series B round led by Foo Capital, "
        "with participation from Bar Ventures and Qux Partners."
    )
    assert [_summary(d) for d in deals] == [
        (
            "round",
            "Zeta Robotics",
            40_000_000,
            "series_b",
            (("Foo Capital", True), ("Bar Ventures", None), ("Qux Partners", None)),
        )
    ]


def test_english_investor_first_frame_is_an_investment() -> None:
    (deal,) = _deals("Foo Capital agreed to invest up to $2 billion in Zeta Robotics.")
    assert (deal.kind, deal.investee, deal.investors[0].name) == (
        "investment",
        "Zeta Robotics",
        "Foo Capital",
    )
    assert deal.amount.qualifier == "up_to"
    assert deal.status == "announced"


def test_english_raise_from_one_investor_is_an_investment() -> None:
    (deal,) = _deals("In March, Zeta Robotics took in forty million dollars from Foo Capital.")
    assert (deal.kind, deal.investors[0].name, deal.date) == (
        "investment",
        "Foo Capital",
        "2024-03",
    )


def test_valuation_told_with_the_round() -> None:
    deals = _deals("Zeta Robotics raised $90m at a valuation of about $1bn.")
    assert [(d.kind, d.amount.amount) for d in deals] == [
        ("round", 90_000_000),
        ("valuation", 1_000_000_000),
    ]


def test_pronoun_subject_is_left_for_the_document() -> None:
    (deal,) = _deals("In April it raised $5 million in a seed round.")
    assert deal.investee == COREFERENCE and deal.round == "seed"


def test_investors_joining_the_previous_round() -> None:
    (deal,) = _deals("Foo Capital and Bar Ventures also joined the round.")
    assert deal.joins_previous
    assert [i.name for i in deal.investors] == ["Foo Capital", "Bar Ventures"]


def test_appositive_of_is_not_an_investor() -> None:
    (deal,) = _deals("FooVentures, the venture arm of Barco, joined the round.")
    assert [i.name for i in deal.investors] == ["FooVentures"]


def test_cumulative_total_is_a_stake() -> None:
    (deal,) = _deals("Foo Capital doubled its investment in Zeta Robotics to $8 billion.")
    assert (deal.kind, deal.amount.amount) == ("stake", 8_000_000_000)


def test_already_invested_without_date_is_a_stake() -> None:
    (deal,) = _deals("Foo Capital has already invested $2 billion in Zeta Robotics.")
    assert deal.kind == "stake"


def test_company_total_over_the_years_is_not_a_deal() -> None:
    assert _deals("Zeta Robotics has raised $415 million since its founding.") == []


def test_market_wide_statistic_is_not_a_deal() -> None:
    assert _deals("Chip start-ups raised $19 billion in the first quarter.") == []


def test_revenue_is_not_a_deal() -> None:
    assert _deals("Zeta Robotics reported revenue of $7 billion last quarter.") == []


def test_chinese_round_with_lead_and_followers() -> None:
    (deal,) = _deals(
        "芯片公司甲乙科技宣布完成5亿元B轮融资，由丙丁资本领投，戊己创投、庚辛基金跟投。"
    )
    assert _summary(deal) == (
        "round",
        "甲乙科技",
        500_000_000,
        "series_b",
        (("丙丁资本", True), ("戊己创投", None), ("庚辛基金", None)),
    )


def test_chinese_investor_first_frame() -> None:
    (deal,) = _deals("今年1月，丙丁资本宣布对甲乙科技追加最高2亿美元的投资。")
    assert (deal.kind, deal.investee, deal.investors[0].name, deal.date) == (
        "investment",
        "甲乙科技",
        "丙丁资本",
        "2024-01",
    )


def test_chinese_received_investment_names_investors() -> None:
    deals = _deals("甲乙科技还获得了丙丁资本和Foo Ventures等机构的投资。")
    assert [(d.kind, d.investee, d.investors[0].name) for d in deals] == [
        ("investment", "甲乙科技", "丙丁资本"),
        ("investment", "甲乙科技", "Foo Ventures"),
    ]


def test_chinese_two_rounds_in_one_sentence() -> None:
    deals = _deals("甲乙科技2021年1月拿到500万欧元的启动资金后，当年7月又完成2300万欧元A轮融资。")
    assert [(d.investee, d.amount.amount, d.round) for d in deals] == [
        ("甲乙科技", 5_000_000, None),
        ("甲乙科技", 23_000_000, "series_a"),
    ]


def test_chinese_investor_own_amount_in_a_round() -> None:
    deals = _deals("2016年，丙丁资本领投了甲乙科技的天使轮，张三以个人名义跟投了1000万元。")
    assert [d.round for d in deals] == ["angel", "angel"]
    own = {i.name: i.amount.amount if i.amount else None for d in deals for i in d.investors}
    assert own == {"丙丁资本": None, "张三": 10_000_000}


def test_concession_clause_is_ignored() -> None:
    deals = _deals("除去获得丙丁资本的支持外，甲乙科技还获得了戊己创投的资助。")
    assert [i.name for d in deals for i in d.investors] == ["戊己创投"]


def test_bracketed_conversion_is_the_same_figure() -> None:
    figures = read_figures("甲乙科技完成1.05亿欧元（约合1.13亿美元）种子轮融资。", "CNY")
    assert [f.money.currency for f in figures] == ["EUR"]


def test_government_subsidy_is_not_a_deal() -> None:
    assert [f.role for f in read_figures("政府将为其提供700亿日元补贴。", "JPY")] == ["distractor"]


def test_range_of_valuations_is_not_a_deal() -> None:
    assert _deals("从450亿美元到1500亿美元，甲乙科技的估值增长了两倍。") == []
