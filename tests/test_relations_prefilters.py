"""The quick scans that skip work must never skip a sentence its full patterns would read."""

from __future__ import annotations

import pytest

from fundwire.transforms import relations as r

# One invented sentence per Chinese investor-first frame.
ZH_FRAMES = [
    (r._ZH_INVEST_TO, "甲资本向乙科技投资1亿元。"),
    (r._ZH_INVEST_TO, "甲资本以2亿元入股乙科技。"),
    (r._ZH_INVESTED, "丙集团领投了丁科技的A轮融资。"),
    (r._ZH_INVESTED, "丙集团累计已投入戊科技约5亿元。"),
    (r._ZH_EACH, "甲、乙和丙各出资10亿日元。"),
    (r._ZH_OWN_INVESTMENT, "甲资本此次的投资规模为10亿美元。"),
    (r._ZH_SUBSCRIBED, "甲基金则认购2亿美元。"),
    (r._ZH_OWN_MONEY, "王某个人拿出5000万美元。"),
]


@pytest.mark.parametrize(("frame", "text"), ZH_FRAMES)
def test_chinese_frames_hold_an_investing_verb(frame, text: str) -> None:
    assert frame.search(text), "the example must exercise its frame"
    assert r._ZH_INVESTING.search(text)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r._OWN_BACKERS, "Its early backers include Alpha Capital and Beta Partners."),
        (r._OWN_BACKERS, "Shareholders in the London start-up include Gamma Fund."),
        (r._OWN_BACKERS, "公司的早期投资方包括甲资本与乙基金。"),
        (r._EN_INVEST, "Alpha announced a strategic investment in Zeta."),
        (r._EN_INVEST, "Alpha took a minority stake in Zeta."),
        (r._EN_BACK, "Alpha doubles its bet on Zeta with new money."),
        (r._EN_BACK, "Alpha bought into Zeta last year."),
        (r._STAKE_NEAR, "doubling its holding in Zeta to"),
        (r._STAKE_NEAR, "甲公司对乙的累计投资"),
        (r._EARLIER_FIGURE, "up sharply from "),
        (r._EARLIER_FIGURE, "its previous valuation of about "),
        (r._EARLIER_FIGURE, "较2021年的"),
    ],
)
def test_gated_cue_patterns_still_match(pattern, text: str) -> None:
    assert pattern.search(text)
