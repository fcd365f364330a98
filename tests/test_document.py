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


# --- regression tests (errors fixed while scoring) -------------------------------------


def test_bare_gongsi_means_the_article_company() -> None:
    text = (
        "# 甲乙科技完成5亿元B轮融资\n\n"
        "甲乙科技宣布完成5亿元B轮融资。丙丁科技也在加快融资。\n\n"
        "去年，公司完成了首轮2亿元融资。\n"
    )
    rounds = {(f.investee, f.amount) for f in _facts(text) if f.kind == "round"}
    assert ("甲乙科技", Decimal(200_000_000)) in rounds


def test_company_introduced_by_a_descriptor() -> None:
    text = (
        "# 甲乙完成融资\n\n甲乙科技完成5亿元B轮融资。\n\n"
        "经济部门公布，新成立的半导体公司Zetaco将承担研发。这家新公司由丙丁银行出资。\n"
    )
    facts = _brief(_facts(text))
    assert ("investment", "Zetaco", "丙丁银行", None, None, None, None) in {
        (k, e, i, a, ld, r, None) for k, e, i, a, ld, r, _ in facts
    }


def test_round_named_without_amount_merges_with_the_told_amount() -> None:
    facts = [
        Fact("round", "Zeta", round="pre_ipo", status="completed", evidence_start=1),
        Fact("round", "Zeta", amount=Decimal(10**10), currency="USD", round="pre_ipo"),
    ]
    (merged,) = merge_facts(facts)
    assert merged.amount == Decimal(10**10)


def test_reported_participation_keeps_the_round_completed() -> None:
    text = "甲乙科技宣布完成5亿元D轮融资。\n另有报道称，丙丁集团也参与了这一轮。\n"
    facts = {(f.kind, f.investor): f.status for f in _facts(text)}
    assert facts[("round", None)] == "completed"
    assert facts[("investment", "丙丁集团")] == "reported"


def test_undated_valuation_of_the_round_takes_the_round_date() -> None:
    text = (
        "On May 9, 2022, Zeta announced a Series C financing of $100m.\n"
        "The round values Zeta at $2 billion.\n"
    )
    (valuation,) = [f for f in _facts(text) if f.kind == "valuation"]
    assert valuation.date == "2022-05-09"


# --- regressions: error classes seen on unseen articles -------------------------------------


def _parties(facts: list[Fact]) -> set[tuple]:
    return {(f.kind, f.investee, f.investor, f.amount) for f in facts}


def test_a_sentence_opening_with_a_function_word_names_no_investor() -> None:
    facts = _facts("If Zeta Robotics closes the deal, Foo Capital will invest $20 million in it.")
    assert all(f.investor != "If" and f.investee != "If" for f in facts)
    facts = _facts("Although Zeta Robotics raised $40 million, it still wants more chips.")
    assert _parties(facts) == {("round", "Zeta Robotics", None, Decimal(40_000_000))}


def test_places_are_never_parties() -> None:
    assert _facts("Japan invested $1 billion in Zeta Robotics last year.") == []
    facts = _facts("United States led the $30 million round in Zeta Robotics.")
    assert {f.investee for f in facts} == {"Zeta Robotics"}
    assert _facts("美国投资者将向星河智能注资3亿美元。") == []


def test_a_rivals_valuation_stays_with_the_rival() -> None:
    facts = _facts(
        "Zeta Robotics raised $50 million. Zeta's rival Orbit Labs was valued at $2 billion."
    )
    assert ("valuation", "Orbit Labs", None, Decimal(2_000_000_000)) in _parties(facts)
    facts = _facts(
        "Zeta Robotics's rival Orbit Labs was valued at $9 billion, while Zeta raised $6 million."
    )
    assert ("valuation", "Orbit Labs", None, Decimal(9_000_000_000)) in _parties(facts)
    assert not any(f.kind == "valuation" and f.investee == "Zeta Robotics" for f in facts)


def test_a_later_tranche_is_not_a_round() -> None:
    facts = _facts(
        "Zeta Robotics raised $500 million. Foo Capital invested $300 million in the round, "
        "with a second tranche of $200 million due next year."
    )
    assert _parties(facts) == {
        ("round", "Zeta Robotics", None, Decimal(500_000_000)),
        ("investment", "Zeta Robotics", "Foo Capital", Decimal(300_000_000)),
    }


def test_an_investors_added_money_is_its_investment_not_a_round() -> None:
    facts = _facts(
        "Foo Capital first invested $10 million in Zeta Robotics in 2022 and added $20 million "
        "in March this year."
    )
    assert ("round", "Zeta Robotics", None, Decimal(20_000_000)) not in _parties(facts)
    assert ("investment", "Zeta Robotics", "Foo Capital", Decimal(20_000_000)) in _parties(facts)


def test_chinese_measure_phrase_is_no_name() -> None:
    facts = _facts("星河智能完成B轮融资。据报道，丰禾资本此次的投资规模为2亿元。")
    assert ("investment", "星河智能", "丰禾资本", Decimal(200_000_000)) in _parties(facts)
    assert all("规模" not in (f.investee + (f.investor or "")) for f in facts)


def test_a_company_the_subject_bought_is_not_the_investee() -> None:
    facts = _facts("Zeta Robotics, which bought Orbit Labs for $90 million, raised $500 million.")
    assert _parties(facts) == {("round", "Zeta Robotics", None, Decimal(500_000_000))}


def test_dateline_and_descriptor_are_not_the_company() -> None:
    text = (
        "STOCKHOLM (Wire) - Swedish payments firm Zetapay said it has raised $80 million "
        "in a round led by Foo Capital.\n\n"
        "South Korean AI developer Qupstage said on Tuesday it has raised $7 million.\n"
    )
    facts = _brief(_facts(text))
    assert ("investment", "Zetapay", "Foo Capital", None, True, None, "2024-06") in facts
    assert {f[1] for f in facts} == {"Zetapay", "Qupstage"}


def test_a_country_is_not_an_investor() -> None:
    facts = _facts("Zeta Bank has raised $100 million from Japan's three largest banks.")
    assert [(f.kind, f.investor) for f in facts] == [("round", None)]


def test_investor_lists_in_their_own_sentence_join_the_round() -> None:
    text = (
        "Zeta Robotics has raised $80 million in a Series D round led by Foo Capital. "
        "Bar Ventures also put money into the round. "
        "Qux Partners and Jane Doe were among the angel investors.\n"
    )
    investors = {f.investor: f.round for f in _facts(text) if f.kind == "investment"}
    assert investors == {
        "Foo Capital": "series_d",
        "Bar Ventures": "series_d",
        "Qux Partners": "series_d",
        "Jane Doe": "series_d",
    }


def test_an_investors_own_amount_is_not_a_round_of_the_investor() -> None:
    text = (
        "Zeta Retail raised Rs 1,000 crore. "
        "Foo Holdings invested Rs 400 crore of its own capital in the round.\n"
    )
    facts = {(f.kind, f.investee, f.investor, f.amount) for f in _facts(text)}
    assert facts == {
        ("round", "Zeta Retail", None, Decimal("10000000000")),
        ("investment", "Zeta Retail", "Foo Holdings", Decimal("4000000000")),
    }


def test_dates_are_inherited_by_what_refers_to_the_round() -> None:
    text = (
        "Zeta AI has raised $90 million in a Series B led by Foo Capital, "
        "a round which closed in March last year.\n\n"
        "Qux Labs raised $20 million in a Series C led by Bar Ventures in March.\n\n"
        "The company was founded in 2019.\n\n"
        "The financing values the company at $1 billion.\n"
    )
    dated = {(f.kind, f.investee, f.date) for f in _facts(text) if f.investor is None}
    assert dated == {
        ("round", "Zeta AI", "2023-03"),
        ("round", "Qux Labs", "2024-03"),
        ("valuation", "Qux Labs", "2024-03"),
    }


def test_a_dated_new_round_is_not_the_current_round() -> None:
    text = (
        "甲乙智能近日完成5亿元C轮融资，由腾讯领投。\n\n"
        "去年11月，甲乙智能完成了由红杉中国领投的新一轮融资。\n"
    )
    facts = _brief(_facts(text))
    assert ("investment", "甲乙智能", "HongShan", None, True, None, "2023-11") in facts
    assert ("round", "甲乙智能", None, None, None, None, "2023-11") in facts
    assert ("investment", "甲乙智能", "Tencent", None, True, "series_c", "2024-06") in facts


def test_the_offering_is_not_the_company() -> None:
    text = "甲乙智能于12月启动全球发售。全球发售的基石投资者包括中国移动和丙丁资本。\n"
    facts = {(f.kind, f.investee, f.investor, f.round) for f in _facts(text)}
    assert facts == {
        ("round", "甲乙智能", None, "ipo"),
        ("investment", "甲乙智能", "China Mobile", "ipo"),
        ("investment", "甲乙智能", "丙丁资本", "ipo"),
    }


def test_a_round_in_talks_is_not_the_last_round() -> None:
    text = (
        "甲乙智能去年11月完成由丙丁资本领投的新一轮融资。\n\n"
        "据悉，甲乙智能正洽谈新一轮融资，小米有望领投。\n"
    )
    facts = {(f.investor, f.lead, f.status) for f in _facts(text) if f.kind == "investment"}
    assert facts == {("丙丁资本", True, "completed"), ("Xiaomi", True, "in_talks")}


def test_other_participants_in_their_own_sentence_join_the_round() -> None:
    text = (
        "Zeta Robotics has raised $100 million.\n\n"
        "The round was co-led by Foo Capital. "
        "Other participants included Qux Partners and Jane Doe.\n"
    )
    investors = {f.investor: f.lead for f in _facts(text) if f.kind == "investment"}
    assert investors == {"Foo Capital": True, "Qux Partners": None, "Jane Doe": None}


def test_the_descriptor_subject_is_the_company_that_speaks() -> None:
    text = (
        "The San Francisco company has raised $60 million in a Series B led by Foo Capital, "
        "Zetamind said on Wednesday.\n"
    )
    facts = {(f.kind, f.investee, f.investor) for f in _facts(text)}
    assert facts == {("round", "Zetamind", None), ("investment", "Zetamind", "Foo Capital")}


def test_an_open_list_investing_in_gongsi_gives_the_company_a_round() -> None:
    text = (
        "# 甲乙汽车获70亿元战略投资\n\n"
        "甲乙汽车今日宣布，宁德时代等战略投资者将向公司投资总计70亿元。\n"
    )
    facts = {(f.kind, f.investee, f.investor, f.amount) for f in _facts(text)}
    assert facts == {
        ("round", "甲乙汽车", None, Decimal("7000000000")),
        ("investment", "甲乙汽车", "CATL", None),
    }


def test_a_company_backed_by_investors_is_still_the_company() -> None:
    text = "Zeta, backed by the likes of Foo Capital and Bar Ventures, raised $100 million.\n"
    facts = {(f.kind, f.investee, f.investor) for f in _facts(text)}
    assert facts == {
        ("round", "Zeta", None),
        ("investment", "Zeta", "Foo Capital"),
        ("investment", "Zeta", "Bar Ventures"),
    }


def test_an_introduced_company_stands_only_for_an_unnamed_investee() -> None:
    """resolve reads the introducing sentences only when some deal lacks its investee."""
    intro = "同属芯片赛道的庚辛智能也在加快融资。"
    named = _facts(intro + "甲乙科技去年完成2亿元A轮融资。")
    unnamed = _facts(intro + "这家公司去年完成2亿元A轮融资。")
    assert [(f.kind, f.investee) for f in named] == [("round", "甲乙科技")]
    assert [(f.kind, f.investee) for f in unnamed] == [("round", "庚辛智能")]


def test_an_earlier_untyped_round_with_its_own_date_is_a_fact() -> None:
    facts = _facts(
        "Zeta Robotics has raised $90 million led by Foo Capital. It completed an earlier "
        "round in August, for an undisclosed amount."
    )
    assert ("round", None, "Zeta Robotics", None, "2023-08") in {
        (f.kind, f.investor, f.investee, f.amount, f.date) for f in facts
    }
