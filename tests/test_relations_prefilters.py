"""The quick scans that skip work must never skip a sentence its full patterns would read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fundwire.transforms import relations as r
from fundwire.transforms.decode import decode_article
from fundwire.transforms.sentences import Sentence, split_sentences

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


def _read(text: str) -> list[r.Deal]:
    return r.read_sentence(Sentence(0, len(text), text, "body", 0), date(2024, 6, 14), "CNY")


# One invented sentence per way a sentence tells a deal, each passing the gate for its own
# frame's reason (no funding word or done verb where another trigger is what counts).
TELLING = [
    "Acme raised $5 million in a Series A led by Foo Capital.",  # investee first
    "Foo Partners invested $3 million in Acme.",  # investor first, "invested" alone
    "Foo Partners backs Acme.",
    "Bar Ventures also participated.",  # a role cue joining the previous round
    "Acme is valued at $1 billion.",  # a valuation only
    "Its early backers include Alpha Partners and Beta Labs.",
    "Acme has been financed by Foo Partners.",
    "甲资本向乙科技投资1亿元。",
    "甲资本和乙基金都是丙科技的股东。",  # a shareholding, no funding word
    "乙科技由甲资本资助。",
]


@pytest.mark.parametrize("text", TELLING)
def test_gate_passes_every_sentence_that_tells_a_deal(text: str) -> None:
    assert _read(text), "the example must tell a deal"
    assert r.may_tell_deal(text, text, r.has_cjk(text))


@pytest.mark.parametrize(
    "text",
    [
        "Revenue rose to $5 million last year.",
        "The shares fell 3% to $12 after the report.",
        "去年公司营收达到3亿元。",
    ],
)
def test_gate_skips_money_without_any_deal_trigger(text: str) -> None:
    assert not r.may_tell_deal(text, text, r.has_cjk(text))
    assert _read(text) == []


def test_gate_never_drops_a_deal_the_frames_would_read(monkeypatch) -> None:
    """Every sentence above and the money distractors: the same deals with the gate open."""
    sentences = [*TELLING, "Revenue rose to $5 million last year.", "去年公司营收达到3亿元。"]
    gated = [[(d.kind, d.investee) for d in _read(t)] for t in sentences]
    monkeypatch.setattr(r, "may_tell_deal", lambda *_: True)
    assert gated == [[(d.kind, d.investee) for d in _read(t)] for t in sentences]


def test_gate_drops_no_deal_of_the_dev_corpus(monkeypatch) -> None:
    """The labelled articles (when on this machine): every sentence reads the same deals
    with the gate open."""
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
    if not corpus.is_dir():
        pytest.skip("the shared corpus is not on this machine")
    sentences = [
        (sentence, article.published)
        for path in sorted(corpus.iterdir())
        if path.is_file() and not path.name.startswith("gold")
        for article in [decode_article(path.read_bytes(), path.name)]
        for sentence in split_sentences(article.text, article.title)
    ]

    def deals() -> list[list[tuple]]:
        return [
            [(d.kind, d.investee, d.amount) for d in r.read_sentence(s, published, "CNY")]
            for s, published in sentences
        ]

    gated = deals()
    monkeypatch.setattr(r, "may_tell_deal", lambda *_: True)
    assert gated == deals()
