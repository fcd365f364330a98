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


def test_traditional_strategic_and_debt_rounds_and_an_ipo() -> None:
    strategic = _deals("芯片公司甲乙科技宣布完成5億元戰略融資，由丙丁資本領投。")
    debt = _deals("芯片公司甲乙科技宣布完成5億元債權融資，由丙丁資本領投。")
    ipo = _deals("甲乙科技完成首次公开募股，募资10亿港元。")
    assert [d.round for d in strategic + debt + ipo] == ["strategic", "debt", "ipo"]
    assert _summary(strategic[0])[:3] == ("round", "甲乙科技", 500_000_000)


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


# --- regression tests (errors fixed while scoring) -------------------------------------


def _names(deals: list[Deal]) -> list[str]:
    return [i.name for d in deals for i in d.investors]


def test_chinese_list_continues_over_comma_yiji() -> None:
    deals = _deals("本轮由甲乙资本领投，丙丁基金、戊己创投，以及庚辛投资等参投。")
    assert _names(deals) == ["甲乙资本", "丙丁基金", "戊己创投", "庚辛投资"]


def test_each_investor_puts_the_same_amount() -> None:
    deals = _deals("其中，甲乙银行和丙丁证券各出资10亿日元，戊己保险出资3亿日元。")
    assert [(d.investors[0].name, d.amount.amount) for d in deals] == [
        ("甲乙银行", 1_000_000_000),
        ("丙丁证券", 1_000_000_000),
        ("戊己保险", 300_000_000),
    ]


def test_cornerstone_subscription() -> None:
    (deal,) = _deals("其中，甲乙基金认购2亿美元。")
    assert (deal.kind, deal.investors[0].name, deal.amount.amount) == (
        "investment",
        "甲乙基金",
        200_000_000,
    )


def test_chinese_from_list_of_backers() -> None:
    (deal,) = _deals("视频公司甲乙科技从丙丁资本、戊己创投等处获得1.41亿美元。")
    assert (deal.investee, _names([deal])) == ("甲乙科技", ["丙丁资本", "戊己创投"])


def test_funded_by_a_person() -> None:
    (deal,) = _deals("甲乙科技在创办之初主要由丙丁集团的创始人张三资助。")
    assert (deal.investee, deal.investors[0].name) == ("甲乙科技", "张三")


def test_shareholders_of_the_company() -> None:
    deals = _deals("甲乙科技已完成两轮融资，丙丁资本和戊己创投都在其股东名单之列。")
    assert {d.investee for d in deals if d.kind == "investment"} == {"甲乙科技"}
    assert {"丙丁资本", "戊己创投"} <= set(_names(deals))


def test_english_financed_by_founder() -> None:
    (deal,) = _deals("Until now Zeta has been financed largely by its founder, Jane Roe.")
    assert (deal.investee, deal.investors[0].name, deal.kind) == ("Zeta", "Jane Roe", "investment")


def test_announced_investment_noun_frame() -> None:
    (deal,) = _deals("Foo Corp on Monday announced a new multiyear investment in Zeta.")
    assert (deal.kind, deal.investee, deal.investors[0].name) == ("investment", "Zeta", "Foo")


def test_fund_managed_by_is_the_fund() -> None:
    (deal,) = _deals("Zeta raised $20m in a Series B led by the Orion Fund managed by K3 Partners.")
    assert _names([deal]) == ["Orion Fund"]


def test_relative_clause_investor() -> None:
    (deal,) = _deals(
        "Zeta last raised money in 2021, when Foo Capital led a $50m Series B "
        "in which Bar Ventures also took part."
    )
    assert {i.name: i.lead for i in deal.investors} == {"Foo Capital": True, "Bar Ventures": None}


def test_origin_after_an_investor_name() -> None:
    (deal,) = _deals("Foo Capital also took part, as did Bar Ventures from Italy.")
    assert "Bar Ventures" in _names([deal])


def test_with_participants_also_investing() -> None:
    (deal,) = _deals(
        "Zeta raised $60m in a Series C round led by Foo Group, with Bar Bank also investing."
    )
    assert {i.name: i.lead for i in deal.investors} == {"Foo Group": True, "Bar Bank": None}


def test_valuation_put_at_after_declining() -> None:
    deals = _deals(
        "Zeta would not discuss its valuation, but people familiar with it put it at $2.2 billion."
    )
    assert [(d.kind, d.status) for d in deals] == [("valuation", "reported")]


def test_chinese_valuation_told_later_in_the_sentence() -> None:
    deals = _deals("甲乙科技没有公布估值，但知情人士透露约为22亿美元。")
    assert [d.kind for d in deals] == ["valuation"]


def test_tranche_and_need_are_not_deals() -> None:
    roles = [
        f.role for f in read_figures("先期投入5亿美元，并同意在日后继续追加投资15亿美元。", "CNY")
    ]
    assert roles == ["distractor", "distractor"]
    assert _deals("后者需要数十亿美元来训练模型。") == []


def test_founding_year_is_not_the_deal_date() -> None:
    (deal,) = _deals("这家成立于2015年的公司获得丙丁资本的5亿元投资。")
    assert deal.date is None


def test_since_year_is_not_the_deal_date() -> None:
    (deal,) = _deals("算上2019年以来的历次注资，丙丁资本对甲乙科技的累计投资已达约130亿美元。")
    assert (deal.kind, deal.date) == ("stake", None)


def test_vague_sum_without_a_deal_verb_is_nothing() -> None:
    assert _deals('Foo Corp deepens Zeta tie-up with "multibillion-dollar" investment') == []


def test_led_jointly_by() -> None:
    (deal,) = _deals("The round was led jointly by Foo Capital and Jane Roe.")
    assert {i.name: i.lead for i in deal.investors} == {"Foo Capital": True, "Jane Roe": True}


def test_lead_investor_own_amount_after_comma() -> None:
    (deal,) = _deals("其中，甲乙汽车作为战略投资人领投本轮，出资4亿美元（约合人民币28亿元）。")
    (investor,) = deal.investors
    assert (investor.name, investor.lead, investor.amount.amount) == ("甲乙汽车", True, 400_000_000)


def test_own_backers_are_background_investments() -> None:
    deals = _deals("Its earlier backers include the venture firms Foo Capital and Bar Ventures.")
    assert [(d.kind, d.investors[0].name, d.background) for d in deals] == [
        ("investment", "Foo Capital", True),
        ("investment", "Bar Ventures", True),
    ]


def test_chinese_list_after_continues_over_comma_yiji() -> None:
    deals = _deals(
        "甲乙科技完成A轮融资，本轮投资方包括丙丁资本等机构，以及戊己投资基金等多家机构。"
    )
    assert {"丙丁资本", "戊己投资基金"} <= set(_names(deals))


def test_putting_without_money_is_no_investment() -> None:
    assert (
        _deals("The deal would triple its valuation, putting it among the top firms in Europe.")
        == []
    )


def test_doubles_its_named_investment_is_a_stake_figure() -> None:
    roles = [f.role for f in read_figures("Foo doubles its Zeta investment to $8 billion", "CNY")]
    assert roles == ["stake"]


def test_first_tranche_and_capital_spending_are_not_deals() -> None:
    roles = [f.role for f in read_figures("丙丁先行出资5亿美元，其余15亿美元将分批到位。", "CNY")]
    assert roles == ["distractor", "distractor"]
    spending = "Foo's capital spending this year is expected to reach about $75 billion."
    assert [f.role for f in read_figures(spending, "CNY")] == ["distractor"]


def test_a_figure_compared_with_is_an_earlier_valuation_not_a_round() -> None:
    deals = _deals(
        "Zeta Robotics raised $80 million at a $6.7 billion valuation, up from $9bn in 2021."
    )
    assert [(d.kind, d.amount.amount, d.date) for d in deals] == [
        ("round", 80_000_000, None),
        ("valuation", 6_700_000_000, None),
        ("valuation", 9_000_000_000, "2021"),
    ]


def test_the_figure_next_to_valuation_is_the_valuation() -> None:
    deals = _deals("Zeta Robotics raises $800M as valuation falls to $6.7B")
    assert [(d.kind, d.amount.amount) for d in deals] == [
        ("round", 800_000_000),
        ("valuation", 6_700_000_000),
    ]


def test_operating_figures_are_not_deals_or_valuations() -> None:
    deals = _deals(
        "Zeta Shop raised $50 million, valuing it at $1 billion, with an order value of "
        "$30 million and an annualized revenue run-rate of $9 million."
    )
    assert [(d.kind, d.amount.amount) for d in deals] == [
        ("round", 50_000_000),
        ("valuation", 1_000_000_000),
    ]
    assert _deals("Its gross merchandise value stood at $2 billion last year.") == []
    assert _deals("公司去年交易额达30亿元。") == []


def test_chinese_names_are_cut_from_modals_and_verbs() -> None:
    (deal,) = _deals("甲乙智能正洽谈新一轮融资，金额约5亿美元。")
    assert (deal.investee, deal.status) == ("甲乙智能", "in_talks")
    (deal,) = _deals("小米有望领投甲乙智能的新一轮融资。")
    assert (deal.investee, deal.investors[0].name, deal.status) == (
        "甲乙智能",
        "Xiaomi",
        "in_talks",
    )
    (deal,) = _deals("甲乙智能宣佈完成10亿元C轮融资，由腾讯领投。")
    assert (deal.investee, deal.round) == ("甲乙智能", "series_c")


def test_each_investor_of_fenbie_keeps_the_amount() -> None:
    deals = _deals("甲乙智能完成10亿元融资，腾讯和张三分别出资5亿元。")
    investments = [(d.investors[0].name, d.amount.amount) for d in deals if d.kind == "investment"]
    assert investments == [("Tencent", 500_000_000), ("张三", 500_000_000)]


def test_known_names_run_together_are_split() -> None:
    (deal,) = _deals("甲乙智能完成5亿美元融资，腾讯阿里吉利跟投。")
    assert [i.name for i in deal.investors] == ["Tencent", "Alibaba", "Geely"]


def test_the_likes_of_and_a_past_backing_do_not_hide_investors() -> None:
    (deal,) = _deals(
        "Zeta AI raised $9 million from the likes of Foo Capital, Bar Ventures and Jane Doe, "
        "who also backed Qux Labs."
    )
    assert [i.name for i in deal.investors] == ["Foo Capital", "Bar Ventures", "Jane Doe"]


def test_angel_investors_named_after_the_lead_do_not_lead() -> None:
    (deal,) = _deals("Zeta AI raised $9 million led by Foo Capital and angel investors Jane Doe.")
    assert [(i.name, i.lead) for i in deal.investors] == [("Foo Capital", True), ("Jane Doe", None)]


def test_cumulative_investment_is_a_stake() -> None:
    deals = _deals(
        "Foo Holdings invested €20 million in Zeta Energy, bringing its total investment to €75m."
    )
    assert [(d.kind, d.amount.amount) for d in deals] == [
        ("investment", 20_000_000),
        ("stake", 75_000_000),
    ]
    (deal,) = _deals("福欧控股累计投资甲乙能源约5亿元。")
    assert (deal.kind, deal.investee, deal.amount.amount) == ("stake", "甲乙能源", 500_000_000)
    (deal,) = _deals("福欧控股对甲乙能源合计已投入5亿元。")
    assert (deal.kind, deal.investee) == ("stake", "甲乙能源")


def test_status_belongs_to_the_clause_that_states_it() -> None:
    deals = _deals(
        "Zeta AI raised $100 million led by Foo Capital, valuing it at $2 billion, "
        "according to people familiar with the matter."
    )
    assert [(d.kind, d.status) for d in deals] == [
        ("round", "completed"),
        ("valuation", "reported"),
    ]
    deals = _deals("Foo Capital领投了甲乙智能3亿美元的融资，据报道，该轮对其估值超过40亿美元。")
    assert [(d.kind, d.status) for d in deals] == [
        ("round", "completed"),
        ("valuation", "reported"),
    ]
    (deal,) = _deals("甲乙智能被曝完成3亿元融资。")
    assert deal.status == "reported"


def test_convertible_bonds_are_debt() -> None:
    (deal,) = _deals("Zeta AI raised $200 million through the sale of convertible bonds.")
    assert (deal.kind, deal.round) == ("round", "debt")
    (deal,) = _deals("甲乙智能发行5亿元可转换债券。")
    assert (deal.kind, deal.round, deal.amount.amount) == ("round", "debt", 500_000_000)


def test_cornerstone_investors_invest_in_the_offering() -> None:
    (deal,) = _deals("甲乙智能启动全球发售，募资约58亿港元，基石投资者包括中国移动、丙丁资本。")
    assert (deal.investee, deal.round) == (COREFERENCE, "ipo")  # the document resolves it
    assert [i.name for i in deal.investors] == ["China Mobile", "丙丁资本"]


def test_the_investing_unit_not_its_parent_is_the_investor() -> None:
    (deal,) = _deals("甲乙智能完成5亿美元A轮融资，由腾讯旗下的丙丁基金领投。")
    assert [(i.name, i.lead) for i in deal.investors] == [("丙丁基金", True)]
    for text in (
        "Zeta AI raised $100 million in a round led by Foo Corp's venture arm, Barfund.",
        "Zeta AI raised $100 million in a round led by Foo Corp's venture arm Barfund.",
        "Zeta AI raised $100 million in a round led by Barfund, the venture arm of Foo Corp.",
    ):
        (deal,) = _deals(text)
        assert [i.name for i in deal.investors] == ["Barfund"], text


def test_an_open_list_total_is_the_round_not_a_stake() -> None:
    (deal,) = _deals("腾讯等战略投资者将向甲乙智能投资总计70亿元。")
    assert (deal.kind, deal.investee, deal.amount.amount) == ("round", "甲乙智能", 7_000_000_000)
    assert [(i.name, i.amount) for i in deal.investors] == [("Tencent", None)]
    (deal,) = _deals("腾讯将向甲乙智能投资总计70亿元。")
    assert (deal.kind, deal.amount.amount) == ("investment", 7_000_000_000)


def test_a_later_also_clause_ends_the_lead_list() -> None:
    (deal,) = _deals(
        "Zeta AI raised $9 million led by Foo Capital, and Bar Ventures also took part."
    )
    assert [(i.name, i.lead) for i in deal.investors] == [
        ("Foo Capital", True),
        ("Bar Ventures", None),
    ]


def test_counted_groups_are_not_names() -> None:
    assert [d.investors for d in _deals("甲乙银行获得日本三大银行共计100亿日元投资。")] in (
        [],
        [[]],
    )


def test_a_trailing_source_frames_a_round_with_a_thousands_comma() -> None:
    (deal,) = _deals(
        "Zeta raised Rs 2,000 crore led by Foo Capital, according to regulatory filings."
    )
    assert deal.status == "reported"


def test_existing_investors_putting_in_the_rest_join_the_round() -> None:
    (deal,) = _deals(
        "Zeta raised $90 million led by Foo Capital, while existing investors Bar Ventures "
        "and Qux Partners put in the rest."
    )
    assert [i.name for i in deal.investors] == ["Foo Capital", "Bar Ventures", "Qux Partners"]


def test_a_received_round_with_its_lead_is_a_round() -> None:
    (deal,) = _deals("甲乙科技曾於2022年獲得由丙丁資本領投的2億美元B輪融資。")
    assert (deal.kind, deal.amount.amount, deal.round) == ("round", 200_000_000, "series_b")
    assert [(i.name, i.lead, i.amount) for i in deal.investors] == [("丙丁資本", True, None)]


def test_an_investor_that_also_took_part_is_named() -> None:
    (deal,) = _deals("據報道，丙丁資本亦有參與本輪投資。")
    assert [i.name for i in deal.investors] == ["丙丁資本"]


def test_a_chinese_comparison_is_an_earlier_valuation() -> None:
    deals = _deals("甲乙智能完成8亿美元融资，估值降至67亿美元，较2021年的456亿美元大幅缩水。")
    assert [(d.kind, d.amount.amount, d.date) for d in deals] == [
        ("round", 800_000_000, None),
        ("valuation", 6_700_000_000, None),
        ("valuation", 45_600_000_000, "2021"),
    ]


def test_an_investors_own_funds_in_a_chinese_round() -> None:
    deals = _deals("甲乙科技完成10亿元融资，其中丙丁集团以自有资金出资4亿元。")
    own = [(i.name, i.amount.amount) for d in deals for i in d.investors if i.amount]
    assert own == [("丙丁集团", 400_000_000)]
    assert [d.amount.amount for d in deals if d.amount] == [1_000_000_000]


def test_backgrounds_of_unnamed_funds_are_not_names() -> None:
    (deal,) = _deals("甲乙科技完成10亿元B轮融资，由丙丁资本领投，两家国资背景基金跟投。")
    assert [i.name for i in deal.investors] == ["丙丁资本"]


def test_an_opening_source_frames_every_clause_and_each_clause_keeps_its_date() -> None:
    deals = _deals("据悉，甲乙智能去年完成1亿元A轮融资，今年又完成2亿元B轮融资。")
    assert [(d.round, d.status, d.date) for d in deals] == [
        ("series_a", "reported", "2023"),
        ("series_b", "reported", "2024"),
    ]
    deals = _deals(
        "Zeta raised $10 million in 2021, according to sources, and closed a $50 million "
        "Series B this year."
    )
    assert [(d.status, d.date) for d in deals] == [("reported", "2021"), ("completed", "2024")]


def test_a_previous_valuation_is_not_the_current_one() -> None:
    deals = _deals("甲乙智能完成5亿元融资，投后估值50亿元，此前估值为20亿元。")
    assert [(d.kind, d.amount.amount, d.background) for d in deals][1:] == [
        ("valuation", 5_000_000_000, False),
        ("valuation", 2_000_000_000, True),
    ]


def test_backed_by_is_passive_and_the_likes_of_opens_a_list() -> None:
    for text in (
        "Zeta, backed by the likes of Foo Capital and Bar Ventures, raised $100 million.",
        "Zeta raised $100 million in a round that included the likes of Foo Capital and "
        "Bar Ventures.",
    ):
        deals = _deals(text)
        assert [d.kind for d in deals] == ["round"], text  # no investment by Foo in Zeta
        assert [i.name for i in deals[0].investors] == ["Foo Capital", "Bar Ventures"], text


def test_people_named_among_the_angels_are_investors() -> None:
    deals = _deals("Among the angel investors were Jane Doe and John Roe.")
    assert [(d.joins_previous, [i.name for i in d.investors]) for d in deals] == [
        (True, ["Jane Doe", "John Roe"])
    ]


def test_one_named_investor_among_unnamed_ones_leaves_the_money_to_the_round() -> None:
    (deal,) = _deals(
        "Robomind raised 10 billion yen from investors including Japan's three largest banks "
        "and Foo Capital."
    )
    assert (deal.kind, deal.amount.amount) == ("round", 10_000_000_000)
    assert [(i.name, i.amount) for i in deal.investors] == [("Foo Capital", None)]


def test_a_named_companys_backers_are_its_investors() -> None:
    deals = _deals("Robomind's backers include SoftBank and Foo Capital.")
    assert [(d.investors[0].name, d.background) for d in deals] == [
        ("SoftBank", True),
        ("Foo Capital", True),
    ]


def test_an_existing_shareholder_adding_more_takes_part() -> None:
    (deal,) = _deals("甲乙科技完成数亿元B轮融资，本轮由丙丁资本领投，老股东戊己创投持续加注。")
    assert [(i.name, i.lead) for i in deal.investors] == [("丙丁资本", True), ("戊己创投", None)]


def test_a_list_of_investors_that_returned_joins_the_previous_round() -> None:
    (deal,) = _deals("Foo Capital, Bar Ventures and Qux Partners returned.")
    assert deal.joins_previous
    assert [i.name for i in deal.investors] == ["Foo Capital", "Bar Ventures", "Qux Partners"]


def test_inverted_joining_were_names_the_investors_after_it() -> None:
    (deal,) = _deals("Also joining were Foo Capital and Bar Ventures.")
    assert [i.name for i in deal.investors] == ["Foo Capital", "Bar Ventures"]


def test_intransitive_invested_names_the_investors_before_it() -> None:
    (deal,) = _deals("Foo Capital invested, as did Bar Ventures.")
    assert sorted(i.name for i in deal.investors) == ["Bar Ventures", "Foo Capital"]


def test_transitive_invested_stays_an_investor_first_frame() -> None:
    (deal,) = _deals("Foo Capital invested $20 million in Zeta Robotics.")
    assert (deal.kind, deal.investee, deal.investors[0].name) == (
        "investment",
        "Zeta Robotics",
        "Foo Capital",
    )


def test_a_proper_name_after_the_is_a_list_item_not_an_appositive() -> None:
    (deal,) = _deals(
        "Investors include Foo Capital, the Quill Startup Fund, Bar Ventures and Nvidia."
    )
    assert [i.name for i in deal.investors] == [
        "Foo Capital",
        "Quill Startup Fund",
        "Bar Ventures",
        "Nvidia",
    ]


def test_a_described_company_keeps_its_appositive_masked() -> None:
    (deal,) = _deals("Zeta, the Foo-backed startup, raised $5 million from Bar Ventures.")
    assert (deal.investee, [i.name for i in deal.investors]) == ("Zeta", ["Bar Ventures"])


def test_an_investor_through_its_vehicle_is_the_investor() -> None:
    (deal,) = _deals("Investors include Jane Quill through Quill Holdings and Foo Capital.")
    assert [i.name for i in deal.investors] == ["Jane Quill", "Foo Capital"]


def test_a_round_said_again_in_apposition_keeps_its_label_and_leads() -> None:
    (deal,) = _deals(
        "The company last raised in April 2021, a $30 million Series A led by Foo Capital, "
        "Bar Ventures and Qux Partners."
    )
    assert (deal.round, deal.date, [i.name for i in deal.investors]) == (
        "series_a",
        "2021-04",
        ["Foo Capital", "Bar Ventures", "Qux Partners"],
    )


def test_an_appositive_telling_an_earlier_round_stays_masked() -> None:
    (deal,) = _deals("Zeta, a company that raised a seed round in 2019, raised $5m from Foo.")
    assert deal.round is None


def test_the_vehicle_clause_of_an_investor_is_masked() -> None:
    (deal,) = _deals(
        "Foo Capital took part alongside Jane Quill, who invested through her family office "
        "Quill Expeditions."
    )
    assert sorted(i.name for i in deal.investors) == ["Foo Capital", "Jane Quill"]


def test_names_among_the_angels_are_investors() -> None:
    (deal,) = _deals(
        "Zeta raised $8 million in a seed round led by Foo Capital, with former executive "
        "Jane Quill among the angels."
    )
    assert [(i.name, i.lead) for i in deal.investors] == [
        ("Foo Capital", True),
        ("Jane Quill", None),
    ]


def test_more_investors_expected_names_nobody() -> None:
    assert _deals("More global investors are expected to join in the coming months.") == []


def test_a_reported_marker_between_investor_and_verb_keeps_the_investor() -> None:
    (deal,) = _deals("今年5月，甲集团旗下Quill Ventures被曝向乙科技投资约4亿美元。")
    assert [i.name for i in deal.investors] == ["Quill Ventures"]


def test_one_cornerstone_investors_own_subscription_is_its_investment() -> None:
    deals = _deals("星河资本、远山集团等作为基石投资者参与认购，其中星河资本认购5000万美元。")
    own = [d for d in deals if d.kind == "investment"]
    assert [(d.investors[0].name, d.amount.amount) for d in own] == [("星河资本", 50_000_000)]


def test_a_part_of_a_figure_told_is_still_no_deal() -> None:
    (deal,) = _deals("本轮融资共100亿元，其中美元部分约90亿美元。")
    assert deal.amount.amount == 10_000_000_000


def test_a_company_that_became_a_shareholder_is_an_investor() -> None:
    (deal,) = _deals("Foo Corp has also become a shareholder.")
    assert (deal.kind, deal.investee, [i.name for i in deal.investors]) == (
        "investment",
        COREFERENCE,
        ["Foo"],
    )


def test_a_shareholder_of_another_company_is_not_read_as_this_ones() -> None:
    assert _deals("Foo Corp became an investor in Bar Robotics last year.") == []


def test_a_round_told_without_type_amount_or_investors() -> None:
    (deal,) = _deals("Zeta completed an earlier funding round in August.")
    assert (deal.kind, deal.investee, deal.amount, deal.round, deal.date) == (
        "round",
        "Zeta",
        None,
        None,
        "2023-08",
    )


def test_a_round_only_planned_is_no_deal() -> None:
    assert _deals("Zeta plans to raise a new round next year.") == []


def test_a_figure_sizing_the_company_in_apposition_is_not_a_deal() -> None:
    text = "Zeta, a $2 billion startup, raised $300 million in a Series C led by Foo Capital."
    assert [f.role for f in read_figures(text, "CNY")] == ["distractor", "deal"]
    amounts = [d.amount.amount for d in _deals(text) if d.amount is not None]
    assert amounts == [300_000_000]
    # a round said again in apposition is still the deal
    told = "Zeta closed its round, a $30 million Series A led by Foo Capital, on Monday."
    assert [f.role for f in read_figures(told, "CNY")] == ["deal"]
