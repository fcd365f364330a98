"""Names: alias lookup, cleaning of raw list items, canonical form."""

import pytest

from fundwire.transforms.entities import (
    canonical,
    clean_name,
    find_known,
    find_names,
    is_coreference,
    looks_like_org,
    strip_legal_suffix,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the Canadian pension investor Maple Pension Investments", "Maple Pension Investments"),
        ("existing investors Foo Ventures", "Foo Ventures"),
        ("英国投资机构Foo Partners", "Foo Partners"),
        ("某某投资等老股东", "某某投资"),
        ("动力电池企业甲乙科技", "甲乙科技"),
        ("某某证券等机构", "某某证券"),
        ("某某科技创始人张三", "张三"),
        ("人工智能初创公司Acme", "Acme"),
        ("自动驾驶公司甲乙智能", "甲乙智能"),
        ("「甲乙科技」", "甲乙科技"),
        ("Acme Robotics Inc.", "Acme Robotics"),
    ],
)
def test_clean_name(raw: str, expected: str) -> None:
    assert clean_name(raw) == expected


def test_appositive_with_of_is_not_a_name() -> None:
    assert clean_name("the venture capital arm of Acme") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [("谷歌", "Google"), ("微软", "Microsoft"), ("亚马逊", "Amazon"), ("Alphabet Inc", "Google")],
)
def test_aliases_map_to_canonical(name: str, expected: str) -> None:
    assert canonical(name) == expected


def test_unknown_names_keep_their_form_without_legal_suffix() -> None:
    assert canonical("Zeta Quux Ltd.") == "Zeta Quux"
    assert canonical("甲乙丙有限公司") == "甲乙丙"


def test_find_known_in_mixed_text() -> None:
    found = find_known("谷歌已同意对初创公司Anthropic追加投资，微软也参与")
    assert [m.canonical for m in found] == ["Google", "Anthropic", "Microsoft"]


def test_strip_legal_suffix() -> None:
    assert strip_legal_suffix("Acme, Inc.") == "Acme"
    assert strip_legal_suffix("甲乙股份有限公司") == "甲乙"


def test_grammar_of_organization_names() -> None:
    assert looks_like_org("Foo Capital")
    assert looks_like_org("甲乙资本")
    assert not looks_like_org("John Smith")


def test_coreference_phrases() -> None:
    assert is_coreference("the London start-up")
    assert is_coreference("该公司")
    assert not is_coreference("Acme")


# --- regression tests (errors fixed while scoring) -------------------------------------


def test_compound_adjective_is_not_a_known_name() -> None:
    assert [m.canonical for m in find_known("Google-backed Zeta raised money")] == []


def test_possessive_place_is_dropped() -> None:
    assert clean_name("Singapore's Zetasek") == "Zetasek"


def test_latin_name_after_chinese_descriptor() -> None:
    assert clean_name("法国公共投资银行Zeta Bank") == "Zeta Bank"


def test_money_token_is_not_a_name() -> None:
    assert clean_name("38B") is None


def test_unnamed_unit_keeps_the_parent() -> None:
    assert clean_name("甲乙投资局旗下全资子公司") == "甲乙投资局"


def test_de_inside_an_investor_name_is_kept() -> None:
    assert clean_name("美的资本") == "美的资本"


def test_vague_items_are_not_names() -> None:
    assert clean_name("数家汽车集团") is None
    assert clean_name("一笔") is None


def test_chinese_suffix_name_found_in_text() -> None:
    assert [m.text for m in find_names("同属芯片赛道的庚辛智能也在加快融资。")] == ["庚辛智能"]


def test_verb_phrase_after_gongsi_is_not_a_name() -> None:
    assert [m.text for m in find_names("公司隨即押後上市，並更新招股文件。")] == []


@pytest.mark.parametrize(
    "raw", ["Japan", "the United States", "美国", "美国投资者", "日本政府", "If"]
)
def test_places_and_function_words_are_no_names(raw: str) -> None:
    assert clean_name(raw) is None


def test_a_name_holding_a_place_is_kept() -> None:
    assert clean_name("Abu Dhabi Growth Fund") == "Abu Dhabi Growth Fund"


@pytest.mark.parametrize("raw", ["规模为", "此次的新投资", "先行投入"])
def test_chinese_measure_and_verb_phrases_are_no_names(raw: str) -> None:
    assert clean_name(raw) is None


def test_known_names_are_found_whole_words_only() -> None:
    assert [m.canonical for m in find_known("Tencent and Alibaba invested")] == [
        "Tencent",
        "Alibaba",
    ]
    assert find_known("Tencentish") == []


def test_traditional_edge_words_are_cut_like_simplified() -> None:
    assert (clean_name("星河資本則"), clean_name("星河资本则")) == ("星河資本", "星河资本")


@pytest.mark.parametrize("raw", ["Japan's", "Japan", "Swedish", "South Korean AI", "San Francisco"])
def test_places_and_nationalities_are_never_parties(raw: str) -> None:
    assert clean_name(raw) is None


@pytest.mark.parametrize(
    "raw", ["产业资本", "战略股东", "某国际战略投资人", "东南亚财团", "两家", "战略"]
)
def test_unnamed_chinese_parties_are_not_names(raw: str) -> None:
    assert clean_name(raw) is None


def test_counted_chinese_groups_are_not_names() -> None:
    assert clean_name("日本三大银行") is None
    assert clean_name("日本三大银行共计") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Payments Giant Zetapay", "Zetapay"), ("AI Startup", None), ("Fintech Firm", None)],
)
def test_title_case_descriptors_are_not_names(raw: str, expected: str | None) -> None:
    assert clean_name(raw) == expected


def test_where_a_chinese_company_is_based_is_not_its_name() -> None:
    assert clean_name("总部位于旧金山的AI初创公司Zetamind") == "Zetamind"
    assert clean_name("来自深圳的机器人公司甲乙科技") == "甲乙科技"


def test_a_descriptor_word_inside_a_fund_name_stays() -> None:
    assert clean_name("the Hummingbird Startup Fund") == "Hummingbird Startup Fund"
    assert clean_name("Payments Giant Zetapay") == "Zetapay"  # a headline's descriptor goes


def test_a_fund_number_ends_the_fund_name() -> None:
    assert clean_name("Quill Growth Fund 2") == "Quill Growth Fund 2"
    assert clean_name("Zeta's Vision Fund 3") == "Vision Fund 3"


def test_an_equity_investment_fund_is_a_name_a_bare_business_kind_is_not() -> None:
    assert clean_name("星河产业股权投资基金") == "星河产业股权投资基金"
    assert clean_name("股权投资") is None


def test_a_quantity_of_unnamed_parties_or_a_size_of_money_is_no_name() -> None:
    assert clean_name("国内外一批") is None
    assert clean_name("大额") is None
    assert clean_name("高额资本") == "高额资本"


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("人工智能芯片公司寒武纪", "寒武纪"),  # all ideographs: tails looked up as keys
        ("国内知名投资机构红杉中国", "红杉中国"),
        ("北京寒武纪科技有限公司", "寒武纪科技有限公司"),  # a legal suffix: lookup strips it
    ],
)
def test_the_longest_known_tail_of_a_chinese_phrase_is_its_name(phrase: str, name: str) -> None:
    assert clean_name(phrase) == name
