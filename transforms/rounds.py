"""Round types and deal status, as the language writes them.

Round words: 天使轮, Pre-A轮, A+轮 (series_a_plus), C1轮 and Series B-2 (their series),
战略融资 (strategic), seed, IPO, pre-IPO, debt. Status comes from the verbs of the
sentence that tells the deal: in talks (洽谈, 拟, is raising) and reported (据悉,
according to) outrank the verbs of a done deal (完成, raised), which outrank an
announcement (宣布, agreed, will invest).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from fundwire.transforms.hanzi import compile_folded


class RoundMention(NamedTuple):
    """A round word in a text and the ROUNDS value it names."""

    start: int
    end: int
    text: str
    round: str


# Where a round word can start: p, s or v; a-k at the start of a word; or one of the Chinese
# first characters. The lookahead rejects every other position with one test, before the
# alternatives (each opening with a group, so each otherwise tried in full) run.
_ASCII_ROUND_START = r"(?=[psv]|(?<![a-z])[a-k]"
_ROUND_START = _ASCII_ROUND_START + r"|[天种種上掛挂招全首港战戰债債可])"
_ROUND_WORDS = (
    r"(?:(?P<pre_seed>\bpre-?seed\b)"
    r"|(?P<pre_a>\bpre-?(?:series\s*)?A(?P<pre_a_plus>\+|＋)?(?:\s*(?:round|"
    r"轮|輪))|Pre-?A(?P<pre_a_plus2>\+|＋)?(?=轮|輪|系列|\s*round))"
    r"|(?P<pre_ipo>(?<![A-Za-z])pre-?IPO(?![A-Za-z]))"
    r"|(?P<series>\bSeries\s+(?P<letter>[A-Ka-k])(?P<s_plus>\+|＋)?(?:-?\d)?(?![a-z]))"
    r"|(?P<zh_series>(?<![A-Za-z])(?P<zh_letter>[A-Ka-k])(?P<z_plus>\+|＋)?(?:-?\d)?(?:系列)?(?=轮|輪))"
    r"|(?P<angel>\bangel\s+(?:round|investment|funding)|天使(?P<angel_plus>\+|＋)?(?:轮|輪|投资))"
    r"|(?P<seed>\bseed(?:-stage|\s+(?:round|funding|financing|investment|capital))?\b|种子轮|種子輪)"
    r"|(?P<ipo>(?<![A-Za-z-])IPO(?![A-Za-z])|\bpublic offering\b|上市募资|上市集资|"
    r"掛牌|挂牌|招股|全球发售|全球發售|\binitial public offering\b|"
    r"首次公开(?:募股|发行)|首发上市|港股上市|"
    r"上市募资)"
    r"|(?P<strategic>\bstrategic\s+(?:investment|round|funding|financing)|"
    r"战略融资|战略投资(?!人|者|方|机构)|战略轮)"
    r"|(?P<debt>\bdebt\s+(?:financing|round|funding|facility)|\bventure debt\b|"
    r"\bcredit facility\b|\bconvertible (?:notes?|bonds?|debentures?|loans?)\b|"
    r"债权融资|债务融资|可转债|可转换(?:公司)?债券?))"
)
_ROUND = compile_folded(_ROUND_START + _ROUND_WORDS)
# For an ASCII text, which holds none of the Chinese first characters: the engine tests the
# ASCII ones in a small bitmap rather than in a table for the whole of Unicode.
_ASCII_ROUND = compile_folded(_ASCII_ROUND_START + ")" + _ROUND_WORDS)


_ROUND_HINT = compile_folded(
    r"[轮輪]|series|seed|ipo|angel|strategic|战略|debt|债|offering|挂牌|掛牌|招股|发售|發售|"
    r"上市|首次公开|首发|notes?\b|facility|bonds?\b|debentures?"
)


def find_rounds(text: str) -> list[RoundMention]:
    """Every round word in `text`, in order."""
    if not _ROUND_HINT.search(text):
        return []  # most sentences name no round: one cheap scan decides
    out = []
    for m in (_ASCII_ROUND if text.isascii() else _ROUND).finditer(text):
        out.append(RoundMention(m.start(), m.end(), text[m.start() : m.end()], _round_value(m)))
    return out


def _round_value(m: re.Match[str]) -> str:
    for group in ("pre_seed", "pre_ipo", "seed", "ipo", "strategic", "debt"):
        if m.group(group):
            return group
    if m.group("angel"):
        return "angel_plus" if m.group("angel_plus") else "angel"
    if m.group("pre_a"):
        plus = m.group("pre_a_plus") or m.group("pre_a_plus2")
        return "pre_series_a_plus" if plus else "pre_series_a"
    letter = m.group("letter") or m.group("zh_letter")
    plus = m.group("s_plus") or m.group("z_plus")
    return f"series_{letter.lower()}" + ("_plus" if plus else "")


_IN_TALKS = compile_folded(
    r"\bin (?:advanced |early |final )?(?:talks|discussions|negotiations)\b|"
    r"\bis (?:in the process of )?raising\b"
    r"|\bare raising\b|\bseeking to raise\b|\blooking to raise\b|\bis seeking\b|\bplans? to raise\b"
    r"|\babout to\b|\bexpected to\b|\bset to (?:raise|close)\b|\bis undergoing\b"
    r"|洽谈|商谈|谈判|磋商|拟|正在|接近完成|即将完成|计划融资|寻求|有望|即将|或将|预计将"
)
_REPORTED = compile_folded(
    r"\baccording to\b|\breported(?:ly)?\b|\bsources?\b|\bpeople (?:familiar|with knowledge)\b"
    r"|\ba person familiar\b|\bit is reported\b|\breports?\b|\bcited\b"
    r"|据悉|据了解|报道|知情人士|消息人士|援引|透露|传闻|消息称|被曝|曝出|传出"
)
_COMPLETED = compile_folded(
    r"\b(?:raised|closed|secured|completed|took in|received|landed|bagged|picked up|has raised"
    r"|had raised|led|joined|invested|put|injected|got|won|netted|garnered)\b"
    r"|完成|获得|獲得|拿下|斩获|落地|到账|进账|募得|筹得|领投了|投资了|注资了|已投入|已投资|已经"
)
_ANNOUNCED = compile_folded(
    r"\b(?:agreed|agrees|will invest|will put|will lead|plans to invest|would raise|will raise|"
    r"committed|commits|pledged|pledges|to invest|has agreed|signed)\b"
    r"|将向|将对|将投资|同意|承诺|签署|签订|计划投资|将"
)
_ANNOUNCEMENT = compile_folded(r"\b(?:announced|announces|unveiled)\b|宣布|公布")


@lru_cache(maxsize=4096)
def find_status(text: str, raised: bool = False) -> str | None:
    """The status the verbs of `text` give a deal: in_talks, reported, completed, announced.

    `raised` marks a company telling its own round: "announced a Series C" is then a done
    deal, while an investor "announcing" an investment has only committed to it.
    """
    if _IN_TALKS.search(text):
        return "in_talks"
    if _REPORTED.search(text):
        return "reported"
    if _COMPLETED.search(text):
        return "completed"
    if _ANNOUNCED.search(text):
        return "announced"
    if _ANNOUNCEMENT.search(text):
        return "completed" if raised else "announced"
    return None
