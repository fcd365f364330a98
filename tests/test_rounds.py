"""Round words and deal status."""

import pytest

from fundwire.transforms.rounds import find_rounds, find_status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("天使轮", "angel"),
        ("天使+轮", "angel_plus"),
        ("Pre-A轮", "pre_series_a"),
        ("Pre-A+轮", "pre_series_a_plus"),
        ("A+轮", "series_a_plus"),
        ("C1轮", "series_c"),
        ("B-1轮", "series_b"),
        ("战略融资", "strategic"),
        ("a Series B-2 round", "series_b"),
        ("its Series A+ round", "series_a_plus"),
        ("a seed round", "seed"),
        ("a pre-seed round", "pre_seed"),
        ("a pre-IPO round", "pre_ipo"),
        ("its IPO", "ipo"),
        ("a debt financing", "debt"),
        ("种子轮", "seed"),
        ("Pre-IPO轮", "pre_ipo"),
        ("首次公开募股", "ipo"),
        ("首次公開募股", "ipo"),
        ("戰略融資", "strategic"),
        ("債權融資", "debt"),
        ("债权融资", "debt"),
        ("可轉債", "debt"),
    ],
)
def test_round_words(text: str, expected: str) -> None:
    assert [r.round for r in find_rounds(text)] == [expected]


def test_no_round_in_share_class_or_plain_letters() -> None:
    assert find_rounds("A股上市公司") == []
    assert find_rounds("Series of events") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme is in talks to raise $5m.", "in_talks"),
        ("甲公司正洽谈新一轮融资。", "in_talks"),
        ("Acme raised $5m, according to people familiar with the deal.", "reported"),
        ("据悉，甲公司完成融资。", "reported"),
        ("Acme has closed a $5m round.", "completed"),
        ("甲公司宣布完成A轮融资。", "completed"),
        ("Beta agreed to invest $5m in Acme.", "announced"),
        ("乙公司宣布将向甲公司投资5亿元。", "announced"),
    ],
)
def test_status(text: str, expected: str) -> None:
    assert find_status(text) == expected


# --- regression tests (errors fixed while scoring) -------------------------------------


def test_strategic_investor_is_not_a_strategic_round() -> None:
    assert find_rounds("丙丁集团作为战略投资人参与。") == []


def test_hyphenated_sub_rounds_keep_their_series() -> None:
    assert [r.round for r in find_rounds("其中B-1轮由甲领投")] == ["series_b"]


def test_in_talks_outranks_a_report() -> None:
    text = "Reports said that Zeta was about to complete a round of $2 billion."
    assert find_status(text) == "in_talks"


def test_company_announcing_its_own_round_is_completed() -> None:
    text = "Zeta announced a Series C financing of $100,000,000."
    assert find_status(text, raised=True) == "completed"
    assert find_status("Foo Capital announced an investment in Zeta.") == "announced"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pre-seed money", "pre_seed"),
        ("a pre-Series A round", "pre_series_a"),
        ("完成Pre-A+轮融资", "pre_series_a_plus"),
        ("ahead of a pre-IPO deal", "pre_ipo"),
        ("(Series B-2)", "series_b"),
        ("完成K轮融资", "series_k"),
        ("获得天使轮", "angel"),
        ("an Angel round", "angel"),
        ("its SEED round", "seed"),
        ("種子輪", "seed"),
        ("the IPO", "ipo"),
        ("香港上市募资", "ipo"),
        ("掛牌", "ipo"),
        ("港股上市", "ipo"),
        ("a Strategic investment", "strategic"),
        ("Venture debt", "debt"),
        ("a credit facility", "debt"),
        ("Convertible notes", "debt"),
        ("可转换公司债券", "debt"),
    ],
)
def test_round_words_at_every_first_character(text: str, expected: str) -> None:
    assert [r.round for r in find_rounds(text)] == [expected]


def test_traditional_strategic_and_debt_rounds() -> None:
    assert [m.round for m in find_rounds("公司完成戰略融資")] == ["strategic"]
    assert [m.round for m in find_rounds("公司完成債權融資")] == ["debt"]


def test_initial_public_offering_in_chinese_passes_the_quick_scan() -> None:
    assert [m.round for m in find_rounds("公司完成首次公开募股")] == ["ipo"]
    assert [m.round for m in find_rounds("公司完成首次公開發行")] == ["ipo"]
