"""One sentence to candidate deals: who invests, in whom, how much, in which round.

Roles come from the verb frame, in both languages:
- investor first: "X invests $N in Y", "X向Y投资N", "X领投了Y的A轮";
- investee first: "Y raised $N (from X)", "Y完成N融资", "Y获X投资";
- role lists: "led by X", "X led the round", "with participation from Y and Z",
  "由X领投，Y、Z跟投", "投资方包括…".
Each money figure is first given a role from the words around it (the deal's amount,
a valuation, a cumulative total, or a distractor such as revenue or a market size).
A sentence that names investors but no deal of its own ("Y also joined the round")
yields a deal marked `joins_previous`; the document stage attaches it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from fundwire.transforms.dates import DateMention, find_dates
from fundwire.transforms.entities import (
    canonical,
    clean_name,
    find_known,
    find_names,
    has_cjk,
    is_coreference,
)
from fundwire.transforms.first_chars import compile_scanning
from fundwire.transforms.hanzi import compile_both, compile_folded
from fundwire.transforms.money import Money, find_money
from fundwire.transforms.rounds import find_rounds, find_status
from fundwire.transforms.sentences import Sentence

COREFERENCE = "<coreference>"  # an investee or investor said again ("it", 该公司): resolved later
TOPIC = "<topic>"  # bare "公司" in Chinese news: the company the article is about


@dataclass(slots=True)
class Investor:
    """An investor named in a deal, with its role and its own amount when the text gives one."""

    name: str
    lead: bool | None = None
    amount: Money | None = None
    status: str | None = None  # set when a later sentence tells this investor's part differently


@dataclass(slots=True)
class Deal:
    """What one sentence says about one deal, before document-level resolution."""

    kind: str  # round | investment | stake | valuation
    investee: str | None
    sentence: Sentence
    amount: Money | None = None
    round: str | None = None
    investors: list[Investor] = field(default_factory=list)
    valuation: Money | None = None
    status: str | None = None
    date: str | None = None
    anchor: int = 0  # where in the sentence the deal is told (for choosing its date)
    joins_previous: bool = False  # names investors of the deal told just before
    refers_back: bool = False  # says "at the time"/当时: takes the previous date
    stake_like: bool = False  # "already invested" without a date: a cumulative stake
    date_from_published: bool = False  # undated news: the published month stands in
    background: bool = False  # an investor listed among the company's backers: no date of its own


# --- words around a figure ---------------------------------------------------------------

_VALUATION_BEFORE = compile_folded(
    r"(?:valuation of|valu(?:ed|es|e|ing) (?:[\w'’.-]+\s){0,4}at|valuation to|"
    r"估值[^，。；\d]{0,8}|valuation(?: (?:of|at|to|near(?:ing)?|was|is|reached|"
    r"hit|topped|rose to|(?:\w+ ){1,2}(?:to|at|of|near|around|about)))?)\s*$"
)
_VALUATION_AFTER = compile_folded(
    r"^\s*(?!(?:as|and|with|while|after|but|amid|on|in|for|its|the|a)\s)(?:\w+\s)?"
    r"(?:post-money |pre-money )?valuation|^\s*(?:的)?(?:投后|投前|整体)?估值"
)
_DISTRACTOR_NEAR = compile_folded(
    r"revenue|sales\b|income|profit|loss\b|earnings|\bARR\b|market(?! valu)|"
    r"shares? (?:rose|fell|slid|jumped)|"
    r"stock|assets under management|\bAUM\b|acqui|buy(?:s|ing)?\b|bought|purchase|takeover|"
    r"grant|subsid|budget|set aside|taskforce|supercomputer|spend|capex|exchange rate|"
    r"营收|收入|营业额|利润|亏损|净利|市场规模|市场|股价|市值|收购|并购|买下|补贴|补助|拨款|预算|管理规模|资产管理"
)
# Figures of how a business trades, not of what it is worth or raised.
_OPERATING_FIGURE = compile_folded(
    r"\b(?:gross merchandise|merchandise value|order value|transaction value|(?:payment|"
    r"transaction|trading) volume|run-?rate|annual(?:ized)? recurring|recurring revenue|arr|gmv|"
    r"bookings|turnover)\b|交易额|交易规模|成交额|订单额|营收|流水|年化收入"
)
# "up from $3bn in 2021": a figure of the past, told to compare (FACTS: never the current round).
_EARLIER_FIGURE = compile_folded(
    r"\b(?:up|down|rising|falling|jumping|climbing|dropping|increas\w*|decreas\w*|compared)\s+"
    r"(?:\w+\s+)?(?:from|with)\s+(?:(?:about|around|roughly|nearly|just|over|more than|"
    r"less than|a|an|its|the)\s+)*$|\b(?:than|versus|vs\.?)\s+(?:about\s+|around\s+)?$"
    r"|\b(?:previous|prior|earlier)\s+(?:private\s+)?valuation\s+(?:of\s+)?(?:about\s+)?$"
    r"|\bpreviously valued at\s+(?:about\s+)?$|此前估值(?:为|约为|达)?$|上一轮估值(?:为|约为|达)?$"
    r"|(?:高于|低于|较|相比|相较于?)(?:\d{4}年(?:\d{1,2}月)?|此前|之前|上一轮|上轮|去年|前年)?(?:时)?(?:的)?$",
    needs="from|with|than|versus|vs|valu|估值|高于|低于|较|相比|相较",
)
# A figure that sizes the company in apposition: ", a $2 billion startup,".
_SIZE_BEFORE = compile_scanning(r",\s+(?:a|an)\s+$")
_SIZED_COMPANY_AFTER = compile_folded(
    r"\s*(?:[a-z][\w-]*\s+){0,2}?(?:start-?up|company|firm|unicorn|business|developer|"
    r"maker|group|lender|platform|provider)\b[^,;]{0,40}[,;]"
)
_VALUE_WORD = compile_folded(r"valu(?:ation|ed|ing|es)|估值")
_TOTAL_NEAR = compile_folded(
    r"\bin total\b|\ba total of\b|\btotal (?:investment|funding)\b|\bso far\b|\bto date\b|"
    r"\bsince (?:its |it was )?(?:founding|founded|launch|inception|\d{4})|"
    r"\bover the (?:years|past)\b|"
    r"\bin the past (?:year|\w+ (?:years|months))\b|\bcumulative|"
    r"\bbring(?:s|ing)? (?:its|the) total|"
    r"\bin all\b|\bit had (?:promised|committed|pledged)\b|"
    r"累计|总计|共计|迄今|至今|一年内|过去一年|总融资|融资总额|合计|总额达|翻倍至|增至"
)
_STAKE_NEAR = compile_folded(
    r"\ba total of\b|\btotal investment\b|\bbring(?:s|ing)? (?:its|the) total|"
    r"\b(?:doubl|tripl|rais|increas|lift|boost)\w* (?:its|their) (?:[\w.-]+ )?(?:investment|stake|"
    r"holding)s?(?: in [\w .-]+?)? to\b|\bcumulative|"
    r"累计投资|累计投入|总投资|投资总额|翻倍至|增至",
    needs="total|investment|stake|holding|cumulative|累计|总投资|投资总额|翻倍至|增至",
)
_ALREADY = compile_folded(r"\balready\b|已经|之前已|此前已|已(?:投|累计)")
_PLURAL_MARKET = compile_folded(
    r"\b(?:start-?ups|companies|firms|developers|makers|players|deals|sector|industry|"
    r"investors poured|venture funding)\b|"
    r"初创企业们|企业们|公司们|行业|赛道(?:共|累计)|全球(?:AI|人工智能)?(?:初创)?企业"
)
_PUBLIC_MONEY = compile_folded(
    r"\b(?:government|minister|ministry|state budget|taxpayer|exchange rate|treasury|"
    r"registered|capital of|programme|program|spending|capex|capital expenditure)\b|"
    r"政府|财政|部委|经产省|补贴|补助|拨款|汇率|现金|cash"
)
_FUND_RAISE = compile_both(
    r"\b(?:new |its )?(?:fund|funds)\b(?! of)|新基金|基金规模|募资规模|美元基金|人民币基金"
)
_CONVERSION = compile_folded(
    r"^\s*[（(]\s*(?:约合|合|折合|约|or|about|approximately|roughly|~)?\s*$"
)
# A tranche of a deal: "$500 million upfront", "another $200 million", "第二笔5亿美元".
_TRANCHE = compile_folded(
    r"先期|先行|首期|首笔|日后|后续|分期|分批|其余|剩余|余下|第[二三四]笔|第[二三四]期|"
    r"\bupfront\b|\blater\b|\bin (?:two|three|several) (?:tranches|stages|installments)"
)
_TRANCHE_BEFORE = compile_folded(
    r"\b(?:tranches?|instal?lments?)\s+of\s+(?:\w+\s+){0,2}$|"
    r"\b(?:the remaining|the rest of the|the balance of)\s+(?:\w+\s+){0,1}$"
)
# A wire dateline opening the story: "STOCKHOLM (Wire) -", "LONDON, March 3 (Reuters) —".
_DATELINE = compile_scanning(
    r"^[A-Z][A-Z.'’ -]{2,30}(?:,\s*[A-Z][A-Za-z.]{2,9}\.?(?:\s+\d{1,2})?)?(?:\s*\([^)]{1,40}\))?"
    r"\s*(?:[-—–]{1,2}|:)\s+"
)
_REFERS_BACK = compile_folded(r"当时|彼时|at the time|\bthen\b")


class Figure(NamedTuple):
    """A money figure with the role its context gives it."""

    money: Money
    role: str  # deal | valuation | earlier | total | stake | distractor


def read_figures(text: str, yen_or_yuan: str) -> list[Figure]:
    """The money figures of a sentence, bracketed conversions dropped, each with its role."""
    return list(_sentence_figures(text, yen_or_yuan))


@lru_cache(maxsize=4096)
def _sentence_figures(text: str, yen_or_yuan: str) -> tuple[Figure, ...]:
    """Memoized like the engine's other per-text work: a sentence repeated (a wire story in
    several outlets, an article read again) is read once."""
    figures: list[Figure] = []
    previous_end = -100
    for money in find_money(text, yen_or_yuan):
        between = text[previous_end : money.start] if previous_end >= 0 else None
        previous_end = money.end
        if between is not None and _CONVERSION.match(between):
            continue  # "300 billion yuan ($47 billion)": the same figure again
        figures.append(Figure(money, _figure_role(text, money)))
    return tuple(figures)


_AT_BEFORE = compile_scanning(r"\bat (?:around |about |roughly )?$")
_VALUATION_WORD = compile_scanning(r"valuation", re.I)
_COPULA_BEFORE = compile_scanning(r"(?:约为|为|达到?)\s*$")
_COPULA_START = compile_scanning(r"约?(?:为|达)")
_ALREADY_PUT_BEFORE = compile_both(r"(?:已|此前|之前)(?:投入|投资|注资)的?$")
_ROUND_AFTER = compile_both(r"^\s*的?\s*[A-Ka-k][-\d+]*轮")
# (but "其中X认购N": X's own amount, not a part of a figure)
_PART_BEFORE = compile_both(
    r"部分(?:约|为|达|规模)?\s*$|(?:其中|包括)(?![^，。；]{0,6}?(?:认购|出资|投入|领投|跟投))[^，。；]{0,6}$"
)
_NEEDED_BEFORE = compile_both(r"(?:需要|\bneeds?\b|\brequires?\b)[^，。；,.]{0,6}$")
_FUND_AFTER = compile_both(r"^[^，。；]{0,12}基金")
_CHANGE_AFTER = compile_both(r"\s*(?:到|至)")
_CHANGE_BEFORE = compile_both(r"(?:^|[，。；\s])从\s*$|从[^，。；]{0,20}(?:到|至)\s*$")


def _figure_role(text: str, money: Money) -> str:
    before = text[max(0, money.start - 60) : money.start]
    after = text[money.end : money.end + 30]
    # the cues written in Chinese only (_COPULA_*, _ALREADY_PUT_BEFORE, _ROUND_AFTER,
    # _PART_BEFORE, _FUND_AFTER, _CHANGE_*) need a Chinese character near the figure
    zh = not (before.isascii() and after.isascii() and money.text.isascii())
    if _OPERATING_FIGURE.search(before[-40:] + " " + after[:20]):
        return "distractor"  # "gross merchandise value of $2bn", "ARR", "交易额": how it trades
    if _SIZE_BEFORE.search(before) and _SIZED_COMPANY_AFTER.match(after):
        return "distractor"  # "Zeta, a $2 billion startup, raised…": the company described
    if _EARLIER_FIGURE.search(before):
        return "earlier" if _VALUE_WORD.search(text) else "distractor"
    if _VALUATION_BEFORE.search(before) or _VALUATION_AFTER.match(after):
        return "valuation"
    if _AT_BEFORE.search(before) and _VALUATION_WORD.search(text):
        return "valuation"  # "would not discuss its valuation, but sources put it at $2bn"
    copula = zh and (_COPULA_BEFORE.search(before) or _COPULA_START.match(money.text))
    if copula and "估值" in text[: money.start]:
        return "valuation"  # "没有公布估值，但知情人士透露约为22亿美元"
    near = before[-30:] + " " + after
    if _STAKE_NEAR.search(before[-50:] + " " + after) or (
        zh and _ALREADY_PUT_BEFORE.search(before)
    ):
        return "stake"
    if _TOTAL_NEAR.search(near) and not (zh and _ROUND_AFTER.match(after)):
        return "total"
    if _DISTRACTOR_NEAR.search(before[-34:] + " " + after[:25]):
        return "distractor"
    if _PUBLIC_MONEY.search(_clause_before(text, money.start) + " " + after[:40]):
        return "distractor"
    if zh and _PART_BEFORE.search(before):
        return "distractor"  # "其中美元部分约90亿美元": a part of a figure already told
    if _TRANCHE.search(before[-12:] + " " + after[:12]) or _TRANCHE_BEFORE.search(before[-30:]):
        return "distractor"  # a tranche of a deal already told (gold marks these optional)
    if _NEEDED_BEFORE.search(before):
        return "distractor"  # money a company needs, not money it got
    if _FUND_RAISE.search(after[:14]) or (zh and _FUND_AFTER.match(after)):
        return "distractor"
    if zh and (_CHANGE_AFTER.match(after) or _CHANGE_BEFORE.search(before)):
        return "distractor"  # "从450亿美元到1500亿美元": a change told, not a deal
    if _PLURAL_MARKET.search(text[max(0, money.start - 45) : money.start]):
        return "distractor"
    return "deal"


def _clause_before(text: str, pos: int) -> str:
    start = _after_last(text, "，。；;：:", pos)
    return text[start:pos]


# --- lists of names ------------------------------------------------------------------------

_EN_SPLIT = compile_both(r"\s*,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+")
_ZH_SPLIT = compile_both(r"、|以及|及|和|与|，|和以及")
_EN_CLAUSE_WORD = compile_folded(
    r"\b(?:while|when|as|but|after|said|says|which|who|that|because|although|where)\b"
)
_EN_BAD_PREFIX = compile_folded(
    r"\b(?:in|at|to|for|with|that|which|who|of|on|values?|valued|than|into|about)\b|[$€£¥\d]"
)


def _list_names(span: str, *, backwards: bool) -> list[str]:
    """Names of a list span, read away from its cue word; stops at the first non-name item."""
    cjk = has_cjk(span)
    items = [i for i in (_ZH_SPLIT if cjk else _EN_SPLIT).split(span) if i.strip()]
    if cjk:  # "腾讯阿里吉利": known names run together without separators
        items = [part for item in items for part in _run_together(item)]
    if backwards:
        items.reverse()
    names: list[str] = []
    for item in items:
        if not cjk and _EN_PARENT_OF_NEXT.search(item):
            continue  # "Foo Corp's venture arm, Barfund": the parent describes the next name
        name = _item_name(item, cjk)
        if name is None:
            if cjk or _EN_UNNAMED_GROUP.match(item):
                continue  # "SK中国、SK海力士以及数家汽车集团", "Japan's three largest banks"
            break
        names.append(name)
        if not cjk and backwards and _EN_CLAUSE_WORD.search(item[: item.find(name)]):
            break
    if backwards:
        names.reverse()
    return names


# An item that describes investors without naming them: "Japan's three largest banks".
_EN_UNNAMED_GROUP = compile_scanning(
    r"^\s*(?:(?:and|including|from|with)\s+)*(?:[A-Z][\w.-]*['’]s\s+)?(?:a|an|two|three|four|five|"
    r"several|some|many|other|its|their|a group of|a number of)\s+[a-z][\w\s-]*[.]?$"
)
# An item that only describes the next one by its parent: "Foo Corp's venture arm".
_EN_PARENT_OF_NEXT = compile_scanning(
    r"['’]s\s+(?:[a-z-]+\s+)*(?:arm|unit|subsidiary|affiliate|vehicle|fund)\s*$"
)


@lru_cache(maxsize=16384)
def _run_together(item: str) -> tuple[str, ...]:
    """The known names an item is made of end to end, else the item itself."""
    known = find_known(item) if len(item) >= 4 else []  # two names hold 2+ characters each
    if len(known) < 2 or any(a.end != b.start for a, b in pairwise(known)):
        return (item,)
    if item[: known[0].start].strip() or _ZH_NAME_GAP.search(item[known[-1].end :]):
        return (item,)
    return (*(m.text for m in known[:-1]), item[known[-1].start :])


_ZH_NAME_GAP = compile_scanning(r"[\u4e00-\u9fffA-Za-z]{3,}")
_EN_ITEM_LEAD = compile_both(
    r"^\s*(?:(?:with|including|from|by|and|as well as|plus|while|both|the likes of)\s+)+", re.I
)
_EN_ITEM_TAIL = compile_scanning(
    # (the lookahead: a tail opens with a blank or a stop; the pattern can also match "" at
    # the end, which `sub` leaves as it is, and without it the engine tries every position)
    r"(?=[\s.,])(?:\s+(?:managed|run|operated|owned|advised) by\s.*|\s+(?:through|via)\s.*"
    r"|(?:\s+(?:from|of|in|based in)\s+[A-Z][\w-]*)?(?:\s+[a-z][\w'’-]*)*)[\s.,]*$"
)


def _item_name(item: str, cjk: bool) -> str | None:
    if not cjk:
        item = _EN_ITEM_TAIL.sub("", _EN_ITEM_LEAD.sub("", item))
    name = clean_name(item)
    if name is None:
        return None
    if not cjk and not has_cjk(name):
        prefix = item[: item.rfind(name)] if name in item else ""
        if _EN_BAD_PREFIX.search(prefix) or len(prefix.split()) > 6:
            return None
    if is_coreference(name):
        return None
    return name


# --- role cues ----------------------------------------------------------------------------

_EN_LEAD_AFTER = compile_folded(
    r"\b(?:co-led|co-headed|led|headed|spearheaded)\s+(?:jointly\s+|together\s+)?by\s+"
)
_EN_PART_AFTER = compile_folded(
    r"\b(?:with (?:additional |further )?participation (?:from|by)|participation from|joined by|"
    r"alongside|along with|together with|with backing from|backed by|"
    r"(?:new |existing |other |returning )?(?:investors|backers|participants) (?:include|"
    r"included|including|such as|were|are)|"
    r"from (?:investors|backers) (?:including|such as)|including|as did|among them|"
    r"(?:also )?(?:joining|participating|investing)(?: in the (?:round|deal|financing))?"
    r" (?:were|are|was|is)|"
    r"among others|(?:round|financing|raise) (?:that |which )?(?:also )?"
    r"(?:drew|attracted|included)|"
    r"(?:and|plus) (?:individual |angel )?(?:investors|angels)(?: such as| including)?)\s+"
)
# "Y has been financed largely by its founder, X": investors of Y with no round told.
_EN_FINANCED_BY = compile_folded(r"\b(?:financed|funded|bankrolled)\s+(?:\w+\s+)?by\s+")
_EN_FROM = compile_folded(r"\bfrom\s+(?!investors|backers)")
_EN_LEAD_BEFORE = compile_folded(
    r"\s+(?:also\s+)?(?:co-led|led|headed|spearheaded)\s+(?:the|a|an|its|this|that)\b"
)
_EN_PART_BEFORE = compile_folded(
    r"\s+(?:(?:also|all|each|both|too)\s+)*(?:joined|participated|took part|"
    r"came back|came in|returned|"
    r"chipped in|piled in|also invested|invested(?=\s*(?:[,.;]|$|(?:too|again|as well)\b))|"
    r"put (?:more |fresh |additional |new )?money in(?:to)?|put in|contributed|investing|"
    r"participating|"
    r"joining|taking part|(?:(?:are|were|is|was) (?:also )?(?:among (?:the )?)?|among (?:the )?)"
    r"(?:[a-z-]+ )?(?:investors|backers|angels))\b"
)
_EN_LED_COMPOUND = compile_both(r"(?P<list>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*)-led\b")
_ZH_LEAD = compile_both(
    r"(?:联合|共同|一起)?(?:领投|牵头|领衔)|(?:是|为|成为)(?:本轮|这一轮|此轮)?(?:的)?(?:最大的?)?(?:出资方|投资方)"
)
_ZH_PART = compile_both(
    r"(?:等)?(?:机构|老股东|新股东|投资方|投资机构)?(?:跟投|参投|入股|参与(?:了)?(?:本轮|投资|融资|此轮|这一轮)?|"
    r"(?:继续|均|持续)?(?:加码|加注|增持|追投|追加投资))"
)
_ZH_FROM = compile_both(
    r"从(?P<list>[^，。；从]{2,60}?)(?:等)?(?:处|手中|那里)(?=获得|筹得|募得|拿到|融资|募集)"
)
_ZH_PART_AFTER = compile_both(
    r"(?:参与本轮的[^。；]{0,24}?包括|(?:投资方|参投方|投资机构|投资人|投资者|股东|参与方)(?:包括|为|有|是))[:：]?"
)
_ZH_LIST_STOP = "，。；：:;！？"


_ZH_CUE_END = compile_both(r"领投|跟投|参投|牵头|领衔|由|其中")  # names start after these


_ZH_LIST_GOES_ON = compile_scanning(r"以及|及|和|还有")


def _zh_list_before(text: str, pos: int) -> list[str]:
    start = _after_last(text, _ZH_LIST_STOP, pos)
    while start > 1 and text[start - 1] == "，" and _ZH_LIST_GOES_ON.match(text[start:]):
        start = _after_last(text, _ZH_LIST_STOP, start - 1)  # "…、Y，以及Z等参投"
    for cue in _ZH_CUE_END.finditer(text, start, pos):
        start = cue.end()
    return _list_names(text[start:pos], backwards=True)


def _zh_list_after(text: str, pos: int) -> list[str]:
    end = pos
    while True:
        ends = [i for i in (text.find(ch, end) for ch in "，。；;！？") if i >= 0]
        end = min(ends) if ends else len(text)
        if not (text[end : end + 1] == "，" and _ZH_LIST_GOES_ON.match(text[end + 1 :])):
            break
        end += 1  # "包括X、Y，以及Z": the list goes on after the comma
    return _list_names(text[pos:end], backwards=False)


# Where an English investor list read forwards ends: a sentence end or the next phrase.
_EN_LIST_STOP = compile_folded(
    r"[.;:!?](?:\s|$)|,?\s+(?:with\b|alongside|along with|in a\b|at a\b|at an\b|"
    r"valuing|which|who|to\b|for\b|bringing|according|after|as part|in\b|"
    r"that|said|led by|co-led by|(?:and|plus) (?:individual |angel )?(?:investors|angels)\b)"
)
# Where a capitalized name starts a new clause: "and Beta Capital also…", ", Zeta said".
_EN_LIST_STOP_NAMED = compile_scanning(
    r",?\s+and (?:[A-Z][\w.&'-]*\s+){1,4}(?:also|too)\b"
    r"|,\s+(?:[A-Z][\w.&'-]*\s+){1,4}(?:said|says|announced|confirmed)\b"
)


def _en_list_after(text: str, pos: int) -> list[str]:
    stops = (_EN_LIST_STOP.search(text, pos), _EN_LIST_STOP_NAMED.search(text, pos))
    end = min((m.start() for m in stops if m), default=len(text))
    return _list_names(text[pos:end], backwards=False)


_EN_RELATIVE = compile_scanning(r"\b(?:which|whom|where|when|that)\s+")


def _en_list_before(text: str, pos: int) -> list[str]:
    start = _after_last(text, ";:—–", pos)
    relatives = list(_EN_RELATIVE.finditer(text, start, pos))
    if relatives:
        start = relatives[-1].end()  # "…a Series B in which GV also took part"
    return _list_names(text[start:pos], backwards=True)


_ZH_CUES = frozenset({_ZH_LEAD, _ZH_PART, _ZH_PART_AFTER, _ZH_FROM})
# Literal words each cue pattern needs: a plain scan that skips most sentences quickly.
_CUE_HINTS = {
    _ZH_LEAD: compile_both(r"领投|牵头|领衔|出资方|投资方"),
    _ZH_PART: compile_both(r"跟投|参投|入股|参与|加码|加注|增持|追投|追加投资"),
    _ZH_PART_AFTER: compile_both(r"方|参与本轮|投资人|投资者|股东|机构"),
    _ZH_FROM: compile_both(r"从"),
    _EN_LEAD_AFTER: compile_folded(r"led |headed "),
    _EN_LED_COMPOUND: compile_scanning(r"-led"),
    _EN_LEAD_BEFORE: compile_folded(r" (?:co-)?led | headed | spearheaded "),
    _EN_PART_AFTER: compile_folded(
        r"particip|joined by|along|together|backing|backed|includ|as did|among|such as|were|are|"
        r"drew|attracted|investors|angels",
    ),
    _EN_PART_BEFORE: compile_folded(
        r"joined|particip|took part|came|returned|chipped|piled|invest|money in|taking part|"
        r"joining|backers|investors|angels|put in|contribut",
    ),
}


# Each role cue: its pattern, the lead flag it gives, and where its names stand.
_ZH_ROLE_CUES = (
    (_ZH_LEAD, True, "before"),
    (_ZH_PART, None, "before"),
    (_ZH_PART_AFTER, None, "after"),
    (_ZH_FROM, None, "inside"),
)
_EN_ROLE_CUES = (
    (_EN_LEAD_AFTER, True, "after"),
    (_EN_LED_COMPOUND, True, "inside"),
    (_EN_LEAD_BEFORE, True, "before"),
    (_EN_PART_AFTER, None, "after"),
    (_EN_PART_BEFORE, None, "before"),
)


def has_role_cue(text: str) -> bool:
    """Whether `find_investor_roles(text)` could find a cue (it may still reject one)."""
    cues = _ZH_ROLE_CUES if has_cjk(text) else _EN_ROLE_CUES
    return any(_CUE_HINTS[p].search(text) and p.search(text) for p, _, _ in cues)


def find_investor_roles(text: str) -> tuple[list[Investor], bool]:
    """Investors named by role cues, and whether any cue was found."""
    found: dict[str, Investor] = {}

    def add(names: list[str], lead: bool | None) -> None:
        for name in names:
            key = canonical(name)
            current = found.get(key)
            if current is None:
                found[key] = Investor(key, lead)
            elif lead:
                current.lead = True

    cue = False
    for pattern, lead, side in _ZH_ROLE_CUES if has_cjk(text) else _EN_ROLE_CUES:
        if not _CUE_HINTS[pattern].search(text):
            continue  # one cheap scan rules the cue out before its full pattern runs
        for m in pattern.finditer(text):
            if pattern is _ZH_LEAD and text[m.end() : m.end() + 1] == "了":
                continue  # "X领投了Y的A轮" is an investor-first frame
            cue = True
            if side == "inside":
                names = _list_names(m.group("list"), backwards=False)
            elif side == "before":
                names = (_zh_list_before if pattern in _ZH_CUES else _en_list_before)(
                    text, m.start()
                )
            else:
                names = (_zh_list_after if pattern in _ZH_CUES else _en_list_after)(text, m.end())
            add(names, lead)
    return list(found.values()), cue


# --- frames ---------------------------------------------------------------------------------

# Inserted phrases masked before frames are read: appositives, relative clauses, and the
# company a subject bought ("X, which bought Y for $1bn, raised…": Y is no party).
_EN_APPOSITIVE = compile_both(
    # (not ", the Gates Foundation,": a proper name after the article is a list item; not
    # ", a $30 million Series A led by X,": a round said again in apposition is the deal)
    r",\s+(?:the|a|an|its)\s+(?!(?:[A-Z][\w.&'’-]*\s+(?:(?:of|for|and|&)\s+)?)*[A-Z][\w.&'’-]*,)"
    r"(?!(?:[$€£¥₹]|US\$)?\d[^,;]{0,20}?\b(?:round|[Ss]eries|seed|financing|funding)\b)"
    r"[^,;]{2,140}?,(?=\s)|"
    r",\s+(?:which|who)\s+(?:\w+\s+){0,2}(?:bought|acquired|acquires|buys|purchased|owns|"
    r"took over|agreed to buy|agreed to acquire)\s[^,;]{2,100}?,(?=\s)|"
    r",\s+(?:who|which)\s+(?:ha[sd]\s+)?(?:(?:also|previously|earlier|once)\s+)*"
    r"(?:backed|backs|funded|invested in|invests in)\b[^,;.]*|"  # the investor's past bets
    r",\s+(?:who|which)\s+(?:invested|invests|participated|took part)\s+(?:through|via)\s"
    r"[^,;.]*|"  # the vehicle an investor used
    r",\s+(?:which|who)\s+(?=\w)|"
    r",\s+(?:the|a|an)\s+[a-z][^,;]*(?=[.;]?$)|\s\([^)]{1,60}\)|"
    r",\s+(?:spun|founded|based|headquartered|set up|launched|created|owned|run)\s"
    r"[^,;]{2,80}?,(?=\s)"
)
# "除去获得X的支持外": a concession, not the deal the sentence tells.
_ZH_BESIDES = compile_both(r"除(?:去|了)?[^，。；]{1,40}?(?:之外|以外|外)(?=，)")
_ZH_GLOSS = compile_both(r"[（(](?![A-Ka-k]\+?轮|天使|种子|Pre)[^）)]{1,40}[）)]")

_EN_INVEST = compile_folded(
    r"\b(?:invest(?:ed|s|ing)?|put(?:s|ting)?|pour(?:ed|s|ing)?|inject(?:ed|s|ing)?|"
    r"commit(?:ted|s|ting)?|plough(?:ed|s)?|plow(?:ed|s)?|pump(?:ed|s)?|doubled its investment|"
    r"(?:made|make|makes) an investment|"
    r"(?<=announced )(?:an?|its|the)\s+(?:[\w,-]+\s+){0,4}investment(?=\s+in(?:to)?\b)|"
    r"(?:took|takes|acquired|bought) "
    r"(?:a |an )?(?:\w+ )?stake)\b",
    needs=r"invest(?:ed|s|ing)?\b|investment|put|pour|inject|commit|plough|plow|pump|stake",
)
_EN_BACK = compile_folded(
    r"(?<!-)\b(?:backs|backed(?! by)|funds|bets on|bought into|buys into|"
    r"(?:deepens|ups|doubles|increases|raises) (?:its|their) "
    r"(?:bet|stake|investment|holding) (?:on|in))\s+",
    needs="backs|backed|funds|bets on|into|its|their",
)
_EN_OWN_TOTAL = compile_both(
    r"(?P<investor>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)(?:'s|’s)\s+(?:total|cumulative|overall)\s+"
    r"(?:investment|commitment|stake|holding)\s+(?:in|to)\s+"
)
_EN_TARGET = compile_folded(r"\b(?:in|into|to)\s+")
_EN_RAISE = compile_folded(
    r"\b(?:raised|raises|raise|raising|closed|closes|close|secured|secures|secure|landed|lands|"
    r"took in|takes in|received|receives|bagged|picked up|nabbed|netted|attracted|announced|"
    r"announces|completed|completes|complete|gets|got|came out of stealth|emerged from stealth|"
    r"won|scored|collected|collects|is undergoing|undergoing|adds|added|pulls in|pulled in|"
    r"rakes in|raked in|nets|drew|draws|has|had)\b"
)
_FUNDING_WORD = compile_folded(
    r"\b(?:funding|financing|round|investment|raise|capital|backing|money|"
    r"valuation|bonds?|notes)\b|融资|投资|注资|募资|集资|筹资|轮|估值|债券|可转债"
)
_ZH_INVEST_TO = compile_both(
    r"(?:向|对|(?<![作成因认称视])为)(?P<target>[^，。；、向对为的]{1,40}?)(?![A-Za-z0-9])"
    r"(?=累计|合计|总计|共计|已|追加|增加|进行|完成|再次|再|继续|投资|注资|投入|入股|领投|了|的|"
    r"[约逾超近最\d一二三四五六七八九十两数])(?:追加|"
    r"增加|进行|完成|再次|再|继续)?(?:了)?"
    r"(?:[^，。；A-Za-z]{0,16}?)?(?:累计|追加|新|战略|股权)*(?:投资|注资|投入|入股)(?!者|人|方|机构)"
    r"|以(?=[^，。；]{0,3}[\d一二两三四五六七八九十])[^，。；]{1,30}?(?:投资|入股|注资)(?P<target2>[^，。；、的]{1,20})"
)
_ZH_INVESTED = compile_both(
    r"(?:联合|共同)?(?:(?:领投|投资|注资|入股|押注|参投|跟投)了|(?<!的)(?:累计|合计|总计|共计)已?(?:投资|投入|注资)了?"
    r"(?=[^，。；]{2,20}?[约逾超近\d一二三四五六七八九十两])|(?:领投|参投|跟投)"
    r"(?=[^，。；了]{2,20}?的[^，。；]{0,8}(?:融资|[轮輪])))(?P<target>[^，。；]{1,40}?)"
    r"(?=的|[，。；]|$|(?:逾|超|近|约)?[\d一二三四五六七八九十两数百千万亿]+)"
)
# "Y获得X（等）的投资", "Y获X N亿元投资", "Y由X资助": investors inside the verb phrase.
# Each investor of a list putting in the same amount: "X、Y和Z各出资10亿日元".
_ZH_EACH = compile_both(
    r"(?:各(?:自)?(?:出资|投资|投入|认购|注资)|(?<![个名])出资)(?=[^，。；]{0,4}?[\d一二三四五六七八九十两])"
)
# An investor's own amount told as a measure: "微软此次的投资规模为100亿美元".
_ZH_OWN_INVESTMENT = compile_both(
    r"(?:^|(?<=[，。；：]))(?P<investor>[^，。；：]{2,20}?)(?:此次|本次|这次|这笔|该笔)?的(?:新)?"
    r"(?:投资|注资|出资)(?:规模|金额|总额|额度)?(?:约为|为|达到|达|高达|是)"
)
# What every match of it holds: one scan rules most sentences out (it opens anywhere).
_ZH_OWN_INVESTMENT_CUE = compile_both(r"的(?:新)?(?:投资|注资|出资)")
# Cornerstone subscriptions in an offering: "X认购2亿美元".
_ZH_SUBSCRIBED = compile_both(r"(?:则|亦|也|共)?认购(?=[^，。；]{0,4}?[\d一二三四五六七八九十两])")
# A person putting in their own money: "王某个人拿出5000万美元".
_ZH_OWN_MONEY = compile_both(
    r"(?:以)?个人(?:名义|身份)?(?:拿出|出资|掏出|投入)(?:了)?(?=[^，。；]{0,4}?[\d一二三四五六七八九十两])"
)
_ZH_BACKING = compile_both(r"投资|注资|资助|支持|入股|融资")
# Where the investors of "获得X…" end: at the amount, or at "的投资/的支持".
_ZH_BACKING_TAIL = compile_both(
    r"(?:投资|注资|领投|出资)?(?:等(?:机构|投资方|投资者)?)?(?:的)?[\d一二两三四五六七八九十数几逾超近约]+(?:\.\d+)?[百千万亿]"
    r"|的[^、，。；]{0,12}(?:投资|注资|资助|支持|融资)|(?:等[^、]{0,8})?(?:战略)?(?:投资|注资|资助|支持)$"
)
_ZH_RECEIVED = compile_both(
    r"(?=[获得接拿由])"  # the first characters below: other positions are passed at once
    r"(?:(?:获得了|获得|获|得到了|得到|接受了|接受|拿到了|拿到)(?P<investors>[^，。；]{2,80})"
    r"|由(?P<by>[^，。；由：:]{2,80}?)(?:共同|联合|个人)?(?:资助|出资|投资|注资)(?!方|人|机构))"
)
_DONE_VERB = compile_folded(
    r"\b(?:raised|raises|closed|closes|secured|secures|completed|completes|announced|announces|"
    r"landed|took in|takes in|received|bagged|bags|added|adds|got|gets|led|"
    r"co-led|pulls in|pulled in|"
    r"rakes in|raked in|nets|netted|picked up|picks up|drew|draws)\b|"
    r"完成|获得|获|拿下|斩获|敲定|启动|宣布|迎来|拿到|落地"
)
_VERB_BEFORE_ROUND = compile_folded(
    r"(?:\b(?:raised|raises|closed|closes|secured|completed|announced|announces|"
    r"landed|led|co-led)\b"
    r"|完成|获得|获|拿到|拿下|宣布|启动|领投了?|跟投了?|参与了?)[^，。；,.;]{0,15}$"
)
# An investor's own share of a round: "X跟投了1000万元", "X领投本轮，出资4亿美元".
_OWN_AMOUNT_BEFORE = compile_both(r"(?:跟投|领投|出资|投入|认购|拿出)了?(?:约|近|逾|超过?)?$")
_ZH_RAISE = compile_both(
    r"完成|获得|获|拿下|拿到|斩获|敲定|启动|推进|开启|迎来|募集|筹集|筹得|募得|集资|募资|进行|宣布|融资|发行"
)
_ZH_DATE_WORDS = compile_both(
    r"\d{1,4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月(?:\d{1,2}日)?|今年|去年|明年|年初|年底|年中|"
    r"近日|日前|今日|昨日|昨天|今天|周[一二三四五六日]|本周|上周|此前|早前|当时|随后|上市前|上市后|成立后|此后|其中|率先|"
    r"初步|当年|同年|次年|之后|首先|最终|另外|此外|本月|上月|当月|同月|本年|今年以来"
)
_ZH_SUBJECT_TAIL = compile_both(
    r"(?:宣布|已经|已|正式|于|在|也|还|就|将|再次|又|再|刚刚|成功|顺利|近期|曾|先后|分别|共|"
    r"同时|此次|这次|率先|今|则|日|透露|表示|称|对外|正在|正|有望|拟|或将|被曝|被传|传出)+$"
)


_ZH_POINTER = compile_scanning(r"^(?:其|它|该|这家|此|公司)")


def _zh_subject(text: str, pos: int) -> str | None:
    """The name a Chinese clause opens with, before position `pos` (its verb)."""
    start = _after_last(text, "，。；：:;！？—", pos)
    clause = _ZH_DATE_WORDS.sub("", _ZH_GLOSS.sub("", text[start:pos]))
    clause = _ZH_SUBJECT_TAIL.sub("", clause.strip())
    if (not clause or not clean_name(clause)) and start > 0 and text[start - 1] in "：:":
        return _zh_subject(text, start - 1)  # "地平线：C轮已进账5.5亿美元"
    if not clause:
        return None
    if clause == "公司":
        return TOPIC
    if is_coreference(clause) or _ZH_POINTER.match(clause):
        return COREFERENCE
    return clean_name(clause)


_EN_CLAUSE_JOIN = compile_scanning(r"\b(?:when|while|after|as|and|but|because|since|where)\s+")
_EN_ELIDED_SUBJECT = compile_scanning(r"\b(?:and|but)\s+$")
_EN_COREFERENCE_SUBJECT = re.compile(
    r"(?P<np>\b(?:it|the\s+(?:[\w-]+\s+){0,3}(?:company|start-?up|firm|developer|maker|group|"
    r"business|unicorn|lab)))\b(?:\s+\w+){0,4}\s*$",
    re.I,
)
_EN_SPEAKER = compile_scanning(r"\b(?:said|says|announced|confirmed|told)\b")
_EN_IT_SUBJECT = compile_scanning(r"\bit\b(?:\s+\w+){0,4}\s*$")


def _en_subject(flat: str, pos: int) -> str | None:
    """The name an English clause has as subject before position `pos` (its verb)."""
    start = _after_last(flat, ";:—–", pos)
    clause = flat[start:pos]
    last = _EN_CLAUSE_JOIN.split(clause)[-1]
    if not last.strip() and _EN_ELIDED_SUBJECT.search(clause):
        named = find_names(clause)  # "X invested $1bn in Y and added $2bn": X, the elided subject
        return named[0].text if named else None
    coref = _EN_COREFERENCE_SUBJECT.search(last)
    if coref and not find_names(last[coref.end("np") :]):
        speaker = _EN_SPEAKER.search(clause)
        named = find_names(clause[: speaker.start()]) if speaker else []
        named = [n for n in named if not _DESCRIBES_NEXT.match(clause, n.end)]
        if named:
            return named[0].text
        if said_after := _SAID_AFTER.search(flat, pos):  # "The company raised…, Zeta said"
            return said_after.group("name")
        if _EN_IT_SUBJECT.search(last):
            earlier = find_names(flat[: pos - len(last)])
            return earlier[-1].text if earlier else COREFERENCE
        return COREFERENCE
    names = [m for m in find_names(clause) if m.end <= len(clause)]
    names = [n for n in names if not _DESCRIBES_NEXT.match(clause, n.end)]
    if names:
        return names[-1].text
    return None


# The speaker a sentence ends with: "…, Zeta said on Wednesday."
_SAID_AFTER = compile_scanning(
    r",\s+(?P<name>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\s+(?:said|says|announced|confirmed)\b"
)
# A name that qualifies a descriptor before the real subject: "OpenAI rival Zeta",
# "Nvidia-backed AI developer Zeta", "the Stockholm payments firm Zeta".
_DESCRIBES_NEXT = compile_scanning(
    r"(?:-[a-z]+)?\s+(?:[A-Za-z][\w-]*\s+){0,3}?(?:developer|start-?up|firm|maker|company|rival|"
    r"unit|arm|subsidiary|platform|provider|operator|giant|lender|startup|player|specialist|"
    r"designer|owner|parent|unicorn|challenger|competitor|spin-?off|affiliate)\s+[A-Z0-9]"
)


# Words without which a sentence tells no funding deal: one scan skips the rest.
_FUNDING_HINT_ZH = compile_both(
    r"[$€£¥₹元]|美元|亿|万|融资|投资|领投|跟投|参投|注资|出资|认购|入股|估值|股东|资助|轮|募资|集资|加码|"
    r"增持|牵头"
)
_FUNDING_HINT_EN = compile_folded(
    r"[$€£¥₹]|million|billion|\bbn\b|\d+\s?[mb]\b|crore|dollars|euros|pounds|yen|yuan|"
    r"invest|raise|raising|round|series|seed|funding|financ|backer|backed|backs|led\b|stake|valu|"
    r"joined|joining|took part|taking part|participa|shareholder|cornerstone|investor|angels|"
    r"put in|contribut|returned|came back|came in|chipped in|piled in|as did|along|together with"
)


def read_sentence(sentence: Sentence, published: date | None, yen_or_yuan: str) -> list[Deal]:
    """Every deal a sentence tells (see the module docstring for the frames)."""
    text = sentence.text
    cjk = has_cjk(text)
    if not (_FUNDING_HINT_ZH if cjk else _FUNDING_HINT_EN).search(text):
        return []  # no money, round or investing word: nothing to read
    flat = text if cjk else _EN_APPOSITIVE.sub(lambda m: " " * len(m.group()), text)
    if not cjk and (dateline := _DATELINE.match(flat)):
        flat = " " * dateline.end() + flat[dateline.end() :]
    if cjk:
        flat = _ZH_GLOSS.sub(lambda m: " " * len(m.group()), flat)
        flat = _ZH_BESIDES.sub(lambda m: " " * len(m.group()), flat)
    if not may_tell_deal(text, flat, cjk):
        return []
    figures = read_figures(text, yen_or_yuan)
    deals: list[Deal] = []
    used: set[int] = set()  # figures consumed by a frame

    deals += _investor_first(flat, sentence, figures, used, cjk)
    deals += _own_backers(flat, sentence)
    if cjk:
        deals += _zh_received(flat, sentence, figures, used)
        deals += _zh_shareholders(flat, sentence)
    deals += _investee_first(flat, sentence, figures, used, cjk, told=deals)
    deals += _valuations(flat, sentence, figures, used, deals, cjk)
    if not deals:
        return deals
    dates = [d for d in find_dates(text, published) if d.value and not _is_span_start(text, d)]
    refers_back = bool(_REFERS_BACK.search(text))
    for deal in deals:
        deal.status = _status_of(text, deal, figures)
        deal.date = _date_for(deal.anchor, dates, text)
        deal.refers_back = refers_back and deal.date is None
        deal.stake_like = deal.stake_like and deal.date is None
        if deal.stake_like and deal.kind == "investment" and deal.amount is not None:
            deal.kind = "stake"
    return deals


# Superset scans for the frames' own triggers (see may_tell_deal).
_VALUATION_HINT = compile_folded(r"valu|估值")
_EN_OWN_TOTAL_HINT = compile_both(r"(?:'s|’s)\s+(?:total|cumulative|overall)\s")


def may_tell_deal(text: str, flat: str, cjk: bool) -> bool:
    """False when no frame of read_sentence can fire, so the sentence's figures, names and
    dates need not be read (most sentences with money tell revenue, prices or markets).

    Each test is a necessary condition of one frame, run on what that frame reads: a round
    or investment read after an investee needs a funding word or a done verb, or else a
    financed-by phrase or a role cue; a valuation needs a valuation word near its figure
    (roles read `text`); investor-first frames need their investing verbs.
    """
    if _FUNDING_WORD.search(flat) or _DONE_VERB.search(flat) or _VALUATION_HINT.search(text):
        return True
    if cjk:
        frames = (_ZH_INVESTING, _ZH_RECEIVED, _ZH_SHAREHOLDERS, _OWN_BACKERS)
    else:
        frames = (
            _EN_INVEST,
            _EN_BACK,
            _EN_OWN_TOTAL_HINT,
            _OWN_BACKERS,
            _EN_BECAME_SHAREHOLDER,
            _EN_FINANCED_BY,
        )
    return any(p.search(flat) for p in frames) or has_role_cue(flat)


# A clause that only cites a source: "…, according to people familiar with the matter". (Chinese
# puts the source first, "据报道，…": it frames what follows and is read with it.)
_ATTRIBUTION = compile_folded(r"^\s*(?:according to|sources? (?:said|say)|people familiar|citing)")


def _status_of(text: str, deal: Deal, figures: list[Figure]) -> str:
    """The status of the clause that tells the deal (FACTS: status belongs to its clause).

    Words before the clause count unless they tell another figure; an attribution right
    after it ("…, according to sources") frames that clause only.
    """
    at = deal.amount.start if deal.amount else deal.anchor
    told_until = _clause_end(text, max(deal.anchor, deal.amount.end if deal.amount else at))
    start = _clause_start(text, min(deal.anchor, at))
    if any(f.money.end <= start and f.money is not deal.amount for f in figures):
        # an earlier clause tells another figure: its words are its own, but an opening
        # "据悉，" / "According to sources," frames the whole sentence
        opening_end = _clause_end(text, 0)
        framed = not any(f.money.start < opening_end for f in figures)
        text_before = text[:opening_end] if framed else ""
    else:
        text_before = text[:start]
    after = text[told_until + 1 : _clause_end(text, told_until + 1)]
    attributed = " " + after if _ATTRIBUTION.match(after) else ""
    told = text_before + text[start:told_until] + attributed
    return find_status(told, raised=deal.kind == "round") or "completed"


_FOUNDED_BEFORE = re.compile(
    r"(?:成立|创立|创办|诞生)于?\s*$|\b(?:founded|established|set up|launched) in\s*$", re.I
)
_SINCE_BEFORE = re.compile(r"\bsince\s*$", re.I)
_SINCE_AFTER = compile_scanning(r"以来|来|起")


def _is_span_start(text: str, mention: DateMention) -> bool:
    """ "since 2019", "2019年以来": the start of a period, not when a deal happened."""
    before = text[max(0, mention.start - 12) : mention.start]
    if _FOUNDED_BEFORE.search(before):
        return True  # when the company was founded, not when the deal was made
    return bool(_SINCE_BEFORE.search(before) or _SINCE_AFTER.match(text[mention.end :]))


def _date_for(anchor: int, dates: list[DateMention], text: str) -> str | None:
    """The date told nearest the deal: the last one before it, else one later in its clause."""
    before = [d for d in dates if d.start <= anchor]
    clause_end = _clause_end(text, anchor)
    if before and before[-1].start < _clause_start(text, anchor):
        own = [d for d in dates if anchor < d.start < clause_end]
        if own:  # "…in 2021, and closed a Series B this year": its own clause dates it
            return own[0].value
    if before:
        return before[-1].value
    after = [d for d in dates if d.start < clause_end]
    if not after:  # "…, a round which closed in March last year": the round's own date, told later
        after = [d for d in dates if _CLOSED_ON.search(text, max(0, d.start - 24), d.start)]
    return after[0].value if after else None


_CLOSED_ON = compile_folded(
    r"\b(?:closed|completed|announced|finali[sz]ed|signed|struck)\s+(?:in|on|at)?\s*$"
)


def _deal_figure(figures: list[Figure], used: set[int], lo: int, hi: int) -> Figure | None:
    for i, f in enumerate(figures):
        if i not in used and lo <= f.money.start < hi and f.role in ("deal", "stake", "total"):
            used.add(i)
            return f
    return None


_ZH_DEAL_NAMED = compile_scanning(r"的(?:战略|股权)?(?:投资|注资)$")
_ZH_LEAD_END = compile_scanning(r"(?:牵头|领投|领衔)$")
_ZH_AMOUNT_START = compile_scanning(r"[\d一二两三四五六七八九十数几逾超近约]")
_EN_COMPANY_BEFORE = re.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,2}(?:company|group|giant|maker|automaker|"
    r"carmaker|firm)\s*(?:\w+\s*){0,2}$",
    re.I,
)
_EN_ROUND_WORD = re.compile(r"\b(?:round|financing)\b", re.I)
_EN_GREW = re.compile(r"doubled|increased|raised", re.I)
_EN_TO_BEFORE = compile_scanning(r"\bto\s*$")


def _investor_first(
    flat: str, sentence: Sentence, figures: list[Figure], used: set[int], cjk: bool
) -> list[Deal]:
    """ "X invests $N in Y", "X向Y投资N", "X领投了Y的A轮", "X投资了Y和Z"."""
    deals: list[Deal] = []
    if cjk and not _ZH_INVESTING.search(flat):
        return deals  # every Chinese frame below holds one of these verbs
    if cjk:
        for m in _ZH_INVEST_TO.finditer(flat):
            target = _target_name(m.group("target") or m.group("target2"), cjk)
            investors = _zh_investors_before(flat, m.start())
            end = _sentence_part_end(flat, m.end())
            figure = _deal_figure(figures, used, m.start(), end)
            if figure is None and _ZH_DEAL_NAMED.search(m.group()):
                continue  # "谷歌对Anthropic的投资是…": the deal named, not told
            lead = _ZH_LEAD_END.search(flat[max(0, m.start() - 3) : m.start()])
            # "X等战略投资者将向Y投资总计70亿元": an open list's total is Y's round, not X's own
            open_list = "等" in flat[_clause_start(flat, m.start()) : m.start()]
            if lead or (open_list and figure is not None and figure.role != "stake"):
                if target == COREFERENCE:  # "…将向公司投资": the company named before
                    target = _antecedent(flat, m.start(), investors)
                deal = Deal("round", target, sentence, figure.money if figure else None)
                deal.investors = [Investor(canonical(n), True if lead else None) for n in investors]
                deal.anchor = m.start()
                deals.append(deal)
                continue
            deals += _investment_deals(sentence, investors, [target], figure, m.start(), flat)
        for m in _ZH_OWN_MONEY.finditer(flat):
            investors = _zh_list_before(flat, m.start())[-1:]
            figure = _deal_figure(figures, used, m.end(), _clause_end(flat, m.end()))
            if investors and figure:
                target = _opening_subject(flat, investors)
                deals += _investment_deals(sentence, investors, [target], figure, m.start(), flat)
        for m in _ZH_OWN_INVESTMENT.finditer(flat) if _ZH_OWN_INVESTMENT_CUE.search(flat) else ():
            investor = clean_name(_ZH_DATE_WORDS.sub("", m.group("investor")))
            figure = _deal_figure(figures, used, m.end(), _clause_end(flat, m.end()))
            if investor and figure:
                deals += _investment_deals(
                    sentence, [investor], [COREFERENCE], figure, m.start(), flat
                )
        for m in _ZH_EACH.finditer(flat):
            names = _zh_list_before(flat, m.start())
            figure = (
                _deal_figure(figures, used, m.end(), _clause_end(flat, m.end())) if names else None
            )
            for name in names if figure else []:
                deal = Deal("investment", COREFERENCE, sentence, figure.money)
                deal.investors = [Investor(canonical(name), None, figure.money)]
                deal.anchor = m.start()
                deals.append(deal)
        for m in _ZH_SUBSCRIBED.finditer(flat):
            investors = _zh_list_before(flat, m.start())[-1:]
            figure = _deal_figure(figures, used, m.end(), _clause_end(flat, m.end()))
            if investors and figure:
                deal = Deal("investment", COREFERENCE, sentence, figure.money)
                deal.investors = [Investor(canonical(investors[0]), None, figure.money)]
                deal.anchor = m.start()
                deals.append(deal)
        for m in _ZH_INVESTED.finditer(flat):
            if _ZH_AMOUNT_START.match(m.group("target")):
                continue  # "跟投了1000万元": the investor's own amount, read with the round
            targets = [_target_name(t, cjk) for t in _ZH_SPLIT.split(m.group("target"))]
            investors = _zh_investors_before(flat, m.start())
            end = _clause_end(flat, m.end())
            figure = _deal_figure(figures, used, m.start(), end)
            lead = True if "领投" in m.group() else None
            rounds = find_rounds(flat[m.end() : end])
            if rounds or lead or (figure and len(targets) == 1 and "轮" in flat[m.end() : end]):
                deal = Deal("round", targets[0], sentence, figure.money if figure else None)
                deal.round = rounds[0].round if rounds else None
                deal.investors = [Investor(canonical(n), lead) for n in investors]
                deal.anchor = m.start()
                deals.append(deal)
            else:
                deals += _investment_deals(sentence, investors, targets, figure, m.start(), flat)
        return deals
    frames = [
        (m, list(_EN_TARGET.finditer(flat, m.end(), min(len(flat), m.end() + 70))))
        for m in _EN_INVEST.finditer(flat)
    ]
    frames += [(m, [m]) for m in _EN_BACK.finditer(flat)]
    for m, target_matches in frames:
        found = [(t, _en_target(flat, t.end())) for t in target_matches]
        found = [(t, name) for t, name in found if name is not None]
        if (
            not found
            and _OWN_MONEY_VERB.match(m.group())
            and any(0 <= f.money.start - m.end() <= 25 for f in figures)
        ):
            found = [(m, COREFERENCE)]  # "X invested Rs 400 crore of its own capital"
        if not found:
            continue
        target_match, target = found[0]
        investors = _en_list_before(flat, m.start())[-3:]
        if not investors and _EN_COMPANY_BEFORE.search(flat[: m.start()]):
            investors = [COREFERENCE]
        if not investors and m.group().endswith("investment"):
            start = _after_last(flat, ";:—–", m.start())
            named = find_names(flat[start : m.start()])
            investors = (
                [named[0].text] if named else []
            )  # "X on Monday announced a … investment in Y"
        figure = _deal_figure(figures, used, m.start(), len(flat))
        # "X invested $300 million in the round": X's own part, read as an investment below
        into_the_round = figure is not None and _THE_ROUND_TARGET.match(flat, target_match.end())
        if (
            not into_the_round
            and _EN_ROUND_WORD.search(flat[target_match.end() :])
            and not _EN_ROUND_WORD.search(flat[: m.start()])
        ):
            own = figure is not None and figure.money.start < target_match.start()
            deal = Deal("round", target, sentence, figure.money if figure and not own else None)
            deal.investors = [Investor(canonical(n)) for n in investors if n != COREFERENCE]
            if own and len(deal.investors) == 1:  # "X invested $N in Y's round": X's own part
                deal.investors[0].amount = figure.money
            deal.joins_previous = target == COREFERENCE and deal.amount is None  # "…in the round"
            deal.round = next((r.round for r in find_rounds(flat[target_match.end() :])), None)
            deal.anchor = m.start()
            deals.append(deal)
            continue
        if (
            figure
            and _EN_GREW.match(m.group())
            and _EN_TO_BEFORE.search(flat[: figure.money.start])
        ):
            figure = Figure(figure.money, "stake")  # "doubled its investment to $8bn": a total
        deals += _investment_deals(sentence, investors, [target], figure, m.start(), flat)
        until = min((o.start() for o, _ in frames if o.start() > m.start()), default=len(flat))
        for i, total in enumerate(figures):  # "…, bringing its total investment to €75m"
            if i not in used and total.role == "stake" and m.end() < total.money.start < until:
                used.add(i)
                deals += _investment_deals(sentence, investors, [target], total, m.start(), flat)
    own_totals = _EN_OWN_TOTAL.finditer(flat) if _EN_OWN_TOTAL_HINT.search(flat) else ()
    for m in own_totals:  # the hint, a quick scan, holds wherever the pattern matches
        target = _en_target(flat, m.end())
        figure = _deal_figure(figures, used, m.end(), len(flat))
        if target and figure:
            deal = Deal("stake", target, sentence, figure.money)
            deal.investors = [
                Investor(
                    canonical(clean_name(m.group("investor")) or m.group("investor")),
                    None,
                    figure.money,
                )
            ]
            deal.anchor = m.start()
            deals.append(deal)
    return deals


_SENTENCE_PART_END = compile_scanning(r"[。；;！？]")
_CLAUSE_END = compile_scanning(r"[，,。；;！？]")


# The verbs of the Chinese investor-first frames (_ZH_INVEST_TO … _ZH_INVESTED): one scan
# rules out the sentences that hold none.
_ZH_INVESTING = compile_both(r"投资|注资|投入|入股|出资|认购|领投|参投|跟投|押注|拿出|掏出")
# "X invested $300 million in the round": X's own part of the round told before.
_THE_ROUND_TARGET = compile_folded(r"the\s+(?:[\w-]+\s+){0,2}(?:round|financing|raise)\b")
_OWN_MONEY_VERB = compile_folded(r"invest|put|pour|inject")


def _sentence_part_end(text: str, pos: int) -> int:
    m = _SENTENCE_PART_END.search(text, pos)
    return m.start() if m else len(text)


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


_ZH_THIS = compile_scanning(r"^(?:这家|该|其|此)")


def _target_name(raw: str, cjk: bool) -> str | None:
    raw = raw.strip()
    if raw == "公司":
        return TOPIC  # "将向公司投资": the company the article is about
    if raw in ("其", "它", "他们", "该公司", "这家公司") or is_coreference(raw):
        return COREFERENCE
    if cjk and _ZH_THIS.match(raw):
        return COREFERENCE
    return clean_name(raw)


_EN_TARGET_END = compile_scanning(r"[,.;]|\s(?:and|at|for|as|in|to|with|earlier|last|this|on)\s")
_EN_TARGET_COREFERENCE = re.compile(
    r"(?:it|the\s+(?:[\w-]+\s+){0,3}(?:company|start-?up|firm|developer|"
    r"maker|lab|group|business|round|financing|raise|deal|funding))\b",
    re.I,
)


def _en_target(flat: str, pos: int) -> str | None:
    window = flat[pos : pos + 80]
    cut = _EN_TARGET_END.search(window)
    head = window[: cut.start()] if cut else window
    coref = _EN_TARGET_COREFERENCE.match(head)
    # "invested $300 million in the round": the company of the round told
    names = [n for n in find_names(head) if n.start < 50]
    if coref and not any(n.start >= coref.end() for n in names):
        return COREFERENCE
    return names[-1].text if names else None


_ZH_INVESTOR_TAIL = compile_scanning(
    r"(?:已经|已|将|还|也|再|又|宣布|同意|计划|拟|曾|此前|先后|分别|共同|联合|正式|"
    r"当时|并|则|会|愿意|决定|此次|本次|就|正在|正|洽谈|商谈|有意|考虑|牵头|领投|被曝|被传|传出)+$"
)
_ZH_INVESTOR_OPENING = compile_scanning(r"^(?:并|且|而|其中|此外|另外|同时)")


def _zh_investors_before(flat: str, pos: int) -> list[str]:
    start = _after_last(flat, "，。；：:;！？", pos)
    clause = _ZH_DATE_WORDS.sub("", flat[start:pos])
    clause = _ZH_INVESTOR_TAIL.sub("", clause.strip())
    clause = _ZH_INVESTOR_OPENING.sub("", clause)
    names = _list_names(clause, backwards=True) if clause else []
    if not names:
        first = find_names(_ZH_DATE_WORDS.sub(lambda d: " " * len(d.group()), flat[:pos]))
        names = [first[0].text] if first else []
    return names


def _investment_deals(
    sentence: Sentence,
    investors: list[str],
    targets: list[str | None],
    figure: Figure | None,
    anchor: int,
    flat: str,
    explicit: bool = True,
) -> list[Deal]:
    deals = []
    investors = [i for i in investors if i]
    if has_cjk(flat):
        targets = [
            (_antecedent(flat, anchor, investors) if explicit else _sentence_subject(flat, anchor))
            if t == COREFERENCE
            else t
            for t in targets
        ]
    for target in targets:
        if target is None or not investors:
            continue
        money = figure.money if figure else None
        stake = figure is not None and figure.role in ("stake", "total")
        if (
            stake
            and figure.role == "total"
            and _WILL.search(flat[max(0, anchor - 12) : anchor + 12])
        ):
            stake = (
                False  # "X将向Y投资总计70亿元": the total of a deal to come, not a stake to date
            )
        already = bool(_ALREADY.search(flat[max(0, anchor - 30) : anchor + 40]))
        if len(investors) == 1 or money is None:
            for name in investors:
                deal = Deal("stake" if stake else "investment", target, sentence)
                deal.investors = [Investor(canonical(name), None, money)]
                deal.amount = money
                deal.anchor = anchor
                deal.stake_like = already
                deals.append(deal)
        else:
            deal = Deal("round", target, sentence, money)
            deal.investors = [Investor(canonical(n)) for n in investors]
            deal.anchor = anchor
            deals.append(deal)
    return deals


_WILL = compile_folded(r"将|拟|计划|\bwill\b|\bplans? to\b")
_PERSON_TITLE = compile_folded(
    r"\s*(?:联合创始人|创始人|创办人|CEO|董事长|总裁|首席|co-?founder|founder|chief)"
)


def _antecedent(flat: str, pos: int, investors: list[str]) -> str:
    """What "其"/"it"/"这家公司" points to: the last name before it that is not an investor."""
    taken = {canonical(i) for i in investors}
    names = [
        m
        for m in find_names(flat[:pos])
        if m.canonical not in taken
        and flat.count("“", 0, m.start) <= flat.count("”", 0, m.start)
        and flat[max(0, m.start - 1) : m.start] not in ("“", "「", '"')
        and not _PERSON_TITLE.match(flat, m.end)
    ]
    return names[-1].text if names else COREFERENCE


# The subject a Chinese sentence opens with: "光年之外由…创立", "寒武纪于2016年成立".
_ZH_OPENING = compile_both(r"([^，。；\s]{2,12}?)(?:由|于|在|宣布|已|将|是|为|成立|创立)")


_ZH_FIRST_VERB = compile_both(
    r"完成|获得|获|拿到|拿下|宣布|由|于|在|已|将|是|成立|创立|正|也|还|又"
)


def _sentence_subject(flat: str, pos: int) -> str:
    """The company an earlier clause names as its subject: "商汤…拿到…，…又获得…".

    Only a name the alias table knows as a company counts; clauses that cite a source
    ("据…获悉") are skipped.
    """
    start = 0
    for end in [i for i, ch in enumerate(flat[:pos]) if ch in "，；"] + [pos]:
        clause = flat[start:end]
        start = end + 1
        if _REPORTING.search(clause):
            continue
        for mention in find_names(clause):
            if mention.type == "company":
                return mention.text
    return COREFERENCE


_REPORTING = compile_both(r"据|获悉|报道|透露|援引|消息")


def _opening_subject(flat: str, investors: list[str]) -> str:
    """The company a sentence opens with, when it is not one of the investors."""
    opening = _ZH_OPENING.match(flat)
    subject = clean_name(_ZH_DATE_WORDS.sub("", opening.group(1))) if opening else None
    taken = {canonical(i) for i in investors}
    return subject if subject and canonical(subject) not in taken else COREFERENCE


def _zh_received(
    flat: str, sentence: Sentence, figures: list[Figure], used: set[int]
) -> list[Deal]:
    """ "Y获得X（等）的投资", "Y由X资助": the investee is the subject, investors in the phrase."""
    deals = []
    for m in _ZH_RECEIVED.finditer(flat):
        span = m.group("investors") or m.group("by")
        if m.group("investors") and _ZH_LED_ROUND.match(span):
            continue  # "获得由X领投的2亿美元B轮融资": a round with its lead, read as a round
        if m.group("investors"):
            if not _ZH_BACKING.search(span) and not any(
                m.start() < f.money.start < m.end() for f in figures
            ):
                continue  # "获得广泛关注": nothing invested
            span = _ZH_BACKING_TAIL.split(span)[0]
        names = _list_names(span, backwards=False)
        if not names:
            continue
        subject = _zh_subject(flat, m.start())
        figure = _deal_figure(figures, used, m.start(), _sentence_part_end(flat, m.end()))
        told = _investment_deals(
            sentence,
            names,
            [subject or COREFERENCE],
            figure,
            m.start(),
            flat,
            explicit=subject is not None,
        )
        clause_rounds = find_rounds(
            flat[_clause_start(flat, m.start()) : _clause_end(flat, m.end())]
        )
        for deal in told:
            deal.round = clause_rounds[-1].round if clause_rounds else None
        deals += told
    return deals


_ZH_OWN_FUNDS = compile_both(
    r"^(?:其中|此外|另外|同时)|(?:以|用)(?:其)?(?:自有|自身|个人|自己的)?资金$"
)
_ZH_LED_ROUND = compile_both(r"由[^，。；]{2,30}?(?:领投|牵头|领衔)的")
_ZH_SHAREHOLDERS = compile_both(
    r"(?=[都均也亦曾在是为成位])"  # the first characters below
    r"(?:都|均|也|亦|曾)*(?:(?:在|是|为|成为|位列)(?P<whose>其|该公司)[^，。；]{0,8}?|"
    r"(?:是|成为)(?P<named>[^，。；、]{2,12}?)的)(?:股东|投资方|投资人|出资人|支持者)"
)


# "Its earlier backers include X and Y", "公司的早期投资方包括X与Y": the company's investors.
_OWN_BACKERS = compile_folded(
    r"\b(?:its|the company's|[a-z][\w.-]*['’]s)\s+(?:\w+\s+)?(?:backers|investors|shareholders)\s+"
    r"(?:include|included|are|were)\s+|\b(?:backers|investors|shareholders) in (?:the|its) "
    r"(?:[\w-]+\s+){0,3}(?:company|start-?up|firm|business)\s+(?:include|included|are|were)\s+"
    r"|(?:公司|其|该公司)的(?:早期|现有|主要|老)?(?:投资方|投资人|股东)(?:包括|有|为)",
    needs=r"(?:backers|investors|shareholders)(?:\s+(?:include|are|were)| in )|投资方|投资人|股东",
)


# "X has also become a shareholder": an investment told as a change of shareholding.
_EN_BECAME_SHAREHOLDER = compile_folded(
    r"\s+(?:has |have |had )?(?:also |since |now |then )*(?:become|became)\s+"
    r"(?:a|an|one of (?:its|the))\s+(?:\w+\s+)?(?:shareholders?|investors?|backers?)\b"
    r"(?!\s+(?:in|of)\s)",
    needs="become|became",
)


def _own_backers(flat: str, sentence: Sentence) -> list[Deal]:
    """Investors a sentence lists as the company's own backers: background investments."""
    deals = []
    for m in _OWN_BACKERS.finditer(flat):
        after = _zh_list_after if has_cjk(flat) else _en_list_after
        names = after(flat, m.end())
        for deal in _investment_deals(sentence, names, [TOPIC], None, m.start(), flat):
            deal.background = True
            deals.append(deal)
    for m in () if has_cjk(flat) else _EN_BECAME_SHAREHOLDER.finditer(flat):
        start = _after_last(flat, ",;:—–", m.start())  # the subject right before, no clause
        names = _list_names(flat[start : m.start()], backwards=True)[-1:]
        for deal in _investment_deals(sentence, names, [COREFERENCE], None, m.start(), flat):
            deal.background = True
            deals.append(deal)
    return deals


def _zh_shareholders(flat: str, sentence: Sentence) -> list[Deal]:
    """ "X、Y和Z都在其股东名单之列", "X是Y的股东": investments told as shareholdings."""
    deals = []
    for m in _ZH_SHAREHOLDERS.finditer(flat):
        investors = _zh_list_before(flat, m.start())
        target = COREFERENCE if m.group("whose") else clean_name(m.group("named"))
        if target == COREFERENCE:
            target = _antecedent(flat, _clause_start(flat, m.start()), investors)
        deals += _investment_deals(sentence, investors, [target], None, m.start(), flat)
    return deals


def _investee_first(
    flat: str,
    sentence: Sentence,
    figures: list[Figure],
    used: set[int],
    cjk: bool,
    told: list[Deal],
) -> list[Deal]:
    """ "Y raised $N in a Series B led by X", "Y完成N亿元B轮融资，由X领投".

    A sentence may tell several rounds ("…拿到500万欧元，当年7月又完成A轮融资"): each deal
    figure (or, without figures, each round word) opens a segment running to the clause of
    the next one, and the roles found in a segment belong to its deal.
    """
    rounds = find_rounds(flat)
    free = [i for i, f in enumerate(figures) if i not in used and f.role == "deal"]
    told_rounds = [d for d in told if d.kind == "round"]
    if not free and told_rounds:
        investors, _ = find_investor_roles(flat)
        known = {i.name for i in told_rounds[-1].investors}
        told_rounds[-1].investors += [i for i in investors if i.name not in known]
        return []  # "X领投了Y的C轮，Z也参与了那一轮": one round, its investors gathered
    if not free and not rounds:
        financed = _EN_FINANCED_BY.search(flat)
        if financed and not cjk:
            subject = _en_subject(flat, financed.start())
            names = [m.text for m in find_names(flat[financed.end() :])]
            if subject and subject != COREFERENCE and names:
                return _investment_deals(sentence, names, [subject], None, financed.start(), flat)
        if told:
            return []  # the sentence's deals are told: its role cues join no earlier round
        investors, cue = find_investor_roles(flat)
        if cue and investors:
            deal = Deal("round", COREFERENCE, sentence)
            deal.investors = investors
            deal.joins_previous = True
            new_round = _NEW_ROUND.search(flat)
            verbs = (
                list(
                    (_ZH_NEW_ROUND_VERB if cjk else _EN_RAISE).finditer(flat, 0, new_round.start())
                )
                if new_round
                else []
            )
            if (
                verbs
            ):  # "去年11月，X完成了由Y领投的新一轮融资": a round of its own, not the last one
                subject = (_zh_subject if cjk else _en_subject)(flat, verbs[-1].start())
                deal.investee = subject or COREFERENCE
                deal.anchor = new_round.start()
                deal.joins_previous = False
            return [deal]
        untyped = _UNTYPED_ROUND.search(flat)  # "it completed an earlier round in August"
        deal = _round_in(flat, sentence, untyped.start(), None, [], cjk, 0) if untyped else None
        return [deal] if deal else []
    if not _FUNDING_WORD.search(flat) and not _DONE_VERB.search(flat):
        return []
    anchors = [figures[i].money.start for i in free] or [r.start for r in rounds]
    cuts = [0] + [_clause_start(flat, a) for a in anchors[1:]] + [len(flat)]
    deals: list[Deal] = []
    previous: str | None = None
    for k, anchor in enumerate(anchors):
        lo, hi = cuts[k], max(cuts[k + 1], anchor + 1)
        segment = " " * lo + flat[lo:hi]
        money = figures[free[k]].money if free else None
        if free:
            used.add(free[k])
        deal = _round_in(segment, sentence, anchor, money, rounds, cjk, lo)
        if deal is None:
            continue
        deal = _further_investment(deal, told) or deal
        if deal.investee == COREFERENCE and previous and k > 0:
            deal.investee = previous
        previous = deal.investee if deal.investee != COREFERENCE else previous
        deals.append(deal)
    return deals


def _further_investment(deal: Deal, told: list[Deal]) -> Deal | None:
    """ "X invested $1bn in Y and added $2bn later": the raise verb's subject is an investor
    of this sentence, so the money is X's further investment in Y, not a round of X."""
    if deal.investee in (None, COREFERENCE, TOPIC) or deal.amount is None:
        return None
    for earlier in told:
        if earlier.kind == "investment" and [i.name for i in earlier.investors] == [
            canonical(deal.investee)
        ]:
            further = Deal("investment", earlier.investee, deal.sentence, deal.amount)
            further.investors = [Investor(earlier.investors[0].name, None, deal.amount)]
            further.anchor = deal.anchor
            return further
    return None


# A round told without its type, amount or investors (a done verb must come just before).
_UNTYPED_ROUND = compile_folded(
    r"\b(?:a|an|another)\s+(?:(?:new|earlier|fresh|first|second|third|previous)\s+)?"
    r"(?:(?:funding|financing|investment)\s+)?round\b|(?:新一轮|一轮|首轮)融资",
    needs="round|轮",
)
_ZH_NEW_ROUND_VERB = compile_both(_ZH_RAISE.pattern + r"|洽谈|商谈|磋商|寻求|筹备")
_NEW_ROUND = compile_folded(r"新一轮|\ba new (?:funding |financing )?round\b")


_CLAUSE_MARKS = "，,；;：:—"


def _clause_start(text: str, pos: int) -> int:
    return _after_last(text, _CLAUSE_MARKS, pos)


def _after_last(text: str, marks: str, pos: int) -> int:
    """The index after the last of `marks` before `pos` (0 when there is none)."""
    last = -1
    for mark in marks:
        found = text.rfind(mark, 0, pos)
        if found > last:
            last = found
    return last + 1


def _no_round_word(rounds: list, segment: str, lo: int) -> bool:
    """True when no round word falls inside the segment."""
    return not any(lo <= r.start < len(segment) for r in rounds)


_FROM_INVESTOR = compile_scanning(r"\bfrom\b|获得?.{0,20}(?:投资|注资)")
_EN_INVESTORS_INCLUDING = compile_scanning(r"\b(?:investors|backers) (?:including|such as)\b")


def _round_in(
    segment: str,
    sentence: Sentence,
    anchor: int,
    money: Money | None,
    rounds: list,
    cjk: bool,
    lo: int,
) -> Deal | None:
    investors, cue = find_investor_roles(segment)
    if (
        money is None
        and not cue
        and not _VERB_BEFORE_ROUND.search(segment[max(lo, anchor - 20) : anchor])
    ):
        return None  # a round named in passing ("the Series B cash"), not a deal told
    if cjk:
        verbs = list(_ZH_RAISE.finditer(segment, lo, anchor + 1))
        verb_pos = verbs[-1].start() if verbs else anchor
        investee = _zh_subject(segment, verb_pos)
        explicit = investee == COREFERENCE
        if investee is None and lo == 0:
            investee = _sentence_subject(segment, verb_pos)  # "X完成首轮融资，募得N"
    else:
        verbs = list(_EN_RAISE.finditer(segment, lo, anchor + 1))
        verb_pos = verbs[-1].start() if verbs else anchor
        investee = _en_subject(segment, verb_pos)
        explicit = False
    if investee is None or any(canonical(investee) == i.name for i in investors):
        investee = COREFERENCE
    vague = money is not None and money.amount is None
    if vague and _no_round_word(rounds, segment, lo) and not _DONE_VERB.search(segment, lo):
        return None  # "a multibillion-dollar tie-up": a vague sum with no deal told
    if investee == COREFERENCE and cjk and explicit:
        investee = _antecedent(segment, verb_pos, [i.name for i in investors])
    if not cjk:
        from_match = _EN_FROM.search(segment, anchor)
        if from_match and not any(i.lead for i in investors):
            known = {i.name for i in investors}
            for name in _en_list_after(segment, from_match.end()):
                if canonical(name) not in known:
                    investors.append(Investor(canonical(name)))
    near = [r for r in rounds if lo <= r.start < len(segment)]
    round_word = min(near, key=lambda r: abs(r.start - anchor)).round if near else None
    investors = [i for i in investors if i.name not in (investee, canonical(investee))]
    own = _OWN_AMOUNT_BEFORE.search(segment[max(lo, anchor - 12) : anchor]) if money else None
    if own is not None:
        named = [i for i in investors if i.name]
        if not named and cjk:  # "其中丙丁集团以自有资金出资4亿元": the clause's subject
            at = max(lo, anchor - 12) + own.start()
            clause = _ZH_OWN_FUNDS.sub("", segment[_clause_start(segment, at) : at].strip())
            name = clean_name(clause) if clause else None
            named = [Investor(canonical(name))] if name else []
            investors += named
        if not named:
            return None  # "出资4亿美元" with nobody named: an amount without its investor
        investor = named[-1]
        deal = Deal("round", investee, sentence, None, round_word, investors)
        investor.amount = money
        deal.anchor = anchor
        return deal
    own_investor = (
        money is not None
        and len(investors) == 1
        and round_word is None
        and not investors[0].lead
        and _FROM_INVESTOR.search(segment[anchor:] if not cjk else segment)
        and not _EN_INVESTORS_INCLUDING.search(segment[anchor:])
    )  # "from investors including X": X is one of several, the money is the round's
    if own_investor:
        deal = Deal("investment", investee, sentence, money)
        deal.investors = [Investor(investors[0].name, None, money)]
    else:
        deal = Deal("round", investee, sentence, money, round_word, investors)
    deal.anchor = anchor
    return deal


def _valuations(
    flat: str,
    sentence: Sentence,
    figures: list[Figure],
    used: set[int],
    deals: list[Deal],
    cjk: bool,
) -> list[Deal]:
    out = []
    for i, figure in enumerate(figures):
        if i in used or figure.role not in ("valuation", "earlier"):
            continue
        used.add(i)
        if figure.role == "earlier":
            out.append(_earlier_valuation(flat, sentence, figure, out or deals))
            continue
        holder = next((d for d in deals if d.kind == "round"), deals[0] if deals else None)
        own = _named_as_valued(flat, figure.money, cjk)
        if holder is not None and own is not None:
            parties = {canonical(holder.investee or "")} | {i.name for i in holder.investors}
            holder = None if canonical(own) not in parties else holder
        if holder is not None and holder.investee:
            investee = holder.investee
        else:
            investee = own or _valued_company(flat, figure.money, cjk)
        deal = Deal("valuation", investee, sentence, figure.money)
        deal.anchor = holder.anchor if holder else figure.money.start
        out.append(deal)
    return out


# The subject of "Y was valued at" and the owner of "Y's valuation", right before the figure.
_EN_VALUED_SUBJECT = compile_folded(
    r"(?:^|[,;:—]|\b(?:while|whereas|and|but|as|when)\b)(?P<np>[^,;:—]{2,80}?)\s+"
    r"(?:(?:was|is|has been|had been|were|are|now|recently|last|reportedly|then|also|itself)\s+)*"
    r"valued\s+(?:[\w'’.-]+\s+){0,2}?at\s+(?:\w+\s+){0,2}$"
    r"|(?:^|\s)(?P<owner>[^\s,;:]+(?:\s+[^\s,;:]+){0,3}?)(?:'s|’s)\s+(?:\w+\s+){0,2}valuation\s+"
    r"(?:of|to|at)\s+(?:\w+\s+){0,2}$",
    needs="valued|valuation",
)
_ZH_VALUED_SUBJECT = compile_both(
    r"(?P<np>[^，。；：]{2,40}?)(?:的)?(?:整体|投后|投前)?估值[^，。；\d]{0,8}$"
)


# "估值约720亿美元的优步": the valued company named after the figure.
_ZH_VALUED_AFTER = compile_scanning(r"的([^，。；的]{2,10}?)(?=[，。；]|$)")


_POINTER_PHRASE = compile_scanning(r"\s*(?:其|该|这家|此|它|it\b|its\b)")
_POSSESSIVE_AFTER = compile_scanning(r"['’]s\b")


def _named_as_valued(flat: str, money: Money, cjk: bool) -> str | None:
    """The company a valuation phrase names as valued ("Y was valued at", "Y's valuation
    of", "Y的估值为"): a rival or peer told beside a round is valued, not the round's company."""
    if cjk and _ZH_VALUED_AFTER.match(flat, money.end):
        return None  # the valued company comes after the figure (see _valued_company)
    before = flat[_clause_start(flat, money.start) : money.start]
    m = (_ZH_VALUED_SUBJECT if cjk else _EN_VALUED_SUBJECT).search(before)
    if m is None:
        return None
    group = "np" if cjk or m.group("np") else "owner"
    phrase = before[m.start(group) : m.end(group)]  # the original case, not the folded match
    if is_coreference(phrase.strip()) or _POINTER_PHRASE.match(phrase):
        return None
    names = [n for n in find_names(phrase) if not _POSSESSIVE_AFTER.match(phrase[n.end :])]
    return names[-1].text if names else None


_EARLIER_WHEN = compile_folded(r"\d{4}|(?:last|previous|prior) (?:year|round)|去年|上一轮")


def _earlier_valuation(flat: str, sentence: Sentence, figure: Figure, told: list[Deal]) -> Deal:
    """ "…, up from $3bn in 2021": the company's valuation then, dated by what follows it."""
    investee = next((d.investee for d in told if d.investee), COREFERENCE)
    deal = Deal("valuation", investee, sentence, figure.money)
    clause_end = _clause_end(flat, figure.money.end)
    dated = _EARLIER_WHEN.search(flat, figure.money.end, clause_end)
    deal.anchor = dated.end() if dated else figure.money.start
    deal.background = True  # told in passing: no published date stands in for it
    return deal


_ZH_VALUED_BEFORE = compile_scanning(r"([^，。；]{1,30}?)(?:的)?(?:整体|投后|投前)?估值")
_ZH_VALUATION_WORDS = compile_scanning(
    r"投后|投前|整体|融资后|本轮|这一轮|交易完成后|过后|之后|完成后|结束后|后"
)
_EN_VALUES_AT = compile_scanning(r"\b(?:values?|valuing|valued)\s+(.{1,40}?)\s+at\b")


def _valued_company(flat: str, money: Money, cjk: bool) -> str:
    pos = money.start
    if cjk:
        holder = _ZH_VALUED_AFTER.match(flat, money.end)
        if holder and clean_name(holder.group(1)) and "估值" in flat[max(0, pos - 4) : pos]:
            return clean_name(holder.group(1))  # "超过估值约720亿美元的优步"
        m = _ZH_VALUED_BEFORE.search(flat[:pos])
        raw = _ZH_DATE_WORDS.sub("", m.group(1)) if m else ""
        raw = _ZH_VALUATION_WORDS.sub("", raw)
        if not raw or raw.endswith("公司"):
            return COREFERENCE
        named = find_names(flat[_clause_start(flat, pos) : pos])
        return named[-1].text if named else clean_name(raw) or COREFERENCE
    m = _EN_VALUES_AT.search(flat[:pos])
    if m:
        names = find_names(m.group(1))
        if is_coreference(m.group(1)) or not names:
            return COREFERENCE
        return names[0].text
    start = _clause_start(flat, pos)
    names = find_names(flat[start:pos])
    return names[0].text if names else COREFERENCE
