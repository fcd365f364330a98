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

from fundwire.transforms.dates import DateMention, find_dates
from fundwire.transforms.entities import (
    canonical,
    clean_name,
    find_names,
    is_coreference,
    lookup,
)
from fundwire.transforms.money import Money, find_money
from fundwire.transforms.rounds import find_rounds, find_status
from fundwire.transforms.sentences import Sentence

COREFERENCE = "<coreference>"  # an investee or investor said again ("it", 该公司): resolved later


@dataclass(slots=True)
class Investor:
    """An investor named in a deal, with its role and its own amount when the text gives one."""

    name: str
    lead: bool | None = None
    amount: Money | None = None


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


# --- words around a figure ---------------------------------------------------------------

_VALUATION_BEFORE = re.compile(
    r"(?:valuation of|valued at|valuing (?:\w+\s){0,3}at|values? (?:\w+\s){0,4}at|valuation to|"
    r"估值(?:达到|达|为|约为|约|超过|超|升至|提升至|增至|接近|逾|或达|已达)?|估值在)\s*$",
    re.I,
)
_VALUATION_AFTER = re.compile(
    r"^\s*(?:\w+\s)?(?:post-money |pre-money )?valuation|^\s*(?:的)?(?:投后|投前|整体)?估值", re.I
)
_DISTRACTOR_NEAR = re.compile(
    r"revenue|sales\b|income|profit|loss\b|earnings|\bARR\b|market(?! valu)|shares? (?:rose|fell|slid|jumped)|"
    r"stock|assets under management|\bAUM\b|acqui|buy(?:s|ing)?\b|bought|purchase|takeover|"
    r"grant|subsid|budget|set aside|taskforce|supercomputer|spend|capex|"
    r"营收|收入|营业额|利润|亏损|净利|市场规模|市场|股价|市值|收购|并购|买下|补贴|补助|拨款|预算|管理规模|资产管理",
    re.I,
)
_TOTAL_NEAR = re.compile(
    r"\bin total\b|\ba total of\b|\btotal (?:investment|funding)\b|\bso far\b|\bto date\b|"
    r"\bsince (?:its |it was )?(?:founding|founded|launch|inception|\d{4})|\bover the (?:years|past)\b|"
    r"\bin the past (?:year|\w+ (?:years|months))\b|\bcumulative|\bbrings? (?:its|the) total|"
    r"\bdoubled its (?:investment|stake)|\braised its (?:investment|stake) to|\bin all\b|"
    r"累计|总计|共计|迄今|至今|一年内|过去一年|总融资|融资总额|合计|总额达|翻倍至|增至",
    re.I,
)
_STAKE_NEAR = re.compile(
    r"\ba total of\b|\btotal investment\b|\bbrings? (?:its|the) total|\bdoubled its (?:investment|stake)|"
    r"\braised its (?:investment|stake) to|\bcumulative|累计投资|累计投入|总投资|投资总额|翻倍至|增至",
    re.I,
)
_ALREADY = re.compile(r"\balready\b|已经|之前已|此前已|已(?:投|累计)", re.I)
_PLURAL_MARKET = re.compile(
    r"\b(?:start-?ups|companies|firms|deals|sector|industry|investors poured|venture funding)\b|"
    r"初创企业们|企业们|公司们|行业|赛道(?:共|累计)|全球(?:AI|人工智能)?(?:初创)?企业",
    re.I,
)
_FUND_RAISE = re.compile(r"\b(?:new |its )?(?:fund|funds)\b(?! of)|新基金|基金规模|募资规模|美元基金|人民币基金")
_CONVERSION = re.compile(r"^\s*[（(]\s*(?:约合|合|折合|约|or|about|approximately|roughly|~)?\s*$", re.I)
_REFERS_BACK = re.compile(r"当时|彼时|at the time|\bthen\b", re.I)


@dataclass(frozen=True, slots=True)
class Figure:
    """A money figure with the role its context gives it."""

    money: Money
    role: str  # deal | valuation | total | stake | distractor


def read_figures(text: str, yen_or_yuan: str) -> list[Figure]:
    """The money figures of a sentence, bracketed conversions dropped, each with its role."""
    figures: list[Figure] = []
    previous_end = -100
    for money in find_money(text, yen_or_yuan):
        between = text[previous_end : money.start] if previous_end >= 0 else None
        previous_end = money.end
        if between is not None and _CONVERSION.match(between):
            continue  # "300 billion yuan ($47 billion)": the same figure again
        figures.append(Figure(money, _figure_role(text, money)))
    return figures


def _figure_role(text: str, money: Money) -> str:
    before = text[max(0, money.start - 40) : money.start]
    after = text[money.end : money.end + 30]
    if _VALUATION_BEFORE.search(before[-25:]) or _VALUATION_AFTER.match(after):
        return "valuation"
    near = before[-30:] + " " + after
    if _STAKE_NEAR.search(near):
        return "stake"
    if _TOTAL_NEAR.search(near):
        return "total"
    if _DISTRACTOR_NEAR.search(before[-22:] + " " + after[:18]):
        return "distractor"
    if _FUND_RAISE.search(after[:14]):
        return "distractor"
    clause = _clause_before(text, money.start)
    if _PLURAL_MARKET.search(clause) and not find_names(clause):
        return "distractor"
    return "deal"


def _clause_before(text: str, pos: int) -> str:
    start = max(text.rfind(ch, 0, pos) for ch in "，。；;：:") + 1
    return text[start:pos]


# --- lists of names ------------------------------------------------------------------------

_EN_SPLIT = re.compile(r"\s*,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+")
_ZH_SPLIT = re.compile(r"、|以及|及|和|与|，|和以及")
_EN_CLAUSE_WORD = re.compile(
    r"\b(?:while|when|as|but|after|said|says|which|who|that|because|although|where)\b", re.I
)
_EN_BAD_PREFIX = re.compile(
    r"\b(?:in|at|to|for|with|that|which|who|of|on|values?|valued|than|into|about)\b|[$€£¥\d]", re.I
)


def _list_names(span: str, *, backwards: bool) -> list[str]:
    """Names of a list span, read away from its cue word; stops at the first non-name item."""
    cjk = _has_cjk(span)
    items = [i for i in (_ZH_SPLIT if cjk else _EN_SPLIT).split(span) if i.strip()]
    if backwards:
        items.reverse()
    names: list[str] = []
    for item in items:
        name = _item_name(item, cjk)
        if name is None:
            break
        names.append(name)
        if not cjk and backwards and _EN_CLAUSE_WORD.search(item[: item.find(name)]):
            break
    if backwards:
        names.reverse()
    return names


def _item_name(item: str, cjk: bool) -> str | None:
    name = clean_name(item)
    if name is None:
        return None
    if not cjk and not _has_cjk(name):
        prefix = item[: item.rfind(name)] if name in item else ""
        if _EN_BAD_PREFIX.search(prefix) or len(prefix.split()) > 6:
            return None
    if is_coreference(name):
        return None
    return name


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# --- role cues ----------------------------------------------------------------------------

_EN_LEAD_AFTER = re.compile(r"\b(?:co-led|co-headed|led|headed|spearheaded)\s+by\s+", re.I)
_EN_PART_AFTER = re.compile(
    r"\b(?:with (?:additional |further )?participation (?:from|by)|participation from|joined by|"
    r"alongside|along with|together with|with backing from|backed by|"
    r"(?:new |existing |other |returning )?(?:investors|backers|participants) (?:include|included|including|such as|were|are)|"
    r"from (?:investors|backers) (?:including|such as)|including)\s+",
    re.I,
)
_EN_FROM = re.compile(r"\bfrom\s+(?!investors|backers)", re.I)
_EN_LEAD_BEFORE = re.compile(
    r"\s+(?:also\s+)?(?:co-led|led|headed|spearheaded)\s+(?:the|a|an|its|this|that)\b", re.I
)
_EN_PART_BEFORE = re.compile(
    r"\s+(?:(?:also|all|each|both|too)\s+)*(?:joined|participated|took part|came back|returned|"
    r"chipped in|piled in|also invested|invested as well)\b",
    re.I,
)
_EN_LED_COMPOUND = re.compile(r"([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*)-led\b")
_ZH_LEAD = re.compile(r"(?:联合|共同|一起)?(?:领投|牵头|领衔)")
_ZH_PART = re.compile(r"(?:等)?(?:机构|老股东|新股东|投资方|投资机构)?(?:跟投|参投|参与(?:了)?(?:本轮|投资|融资|此轮|这一轮)?)")
_ZH_PART_AFTER = re.compile(
    r"(?:投资方|参投方|投资机构|投资人|股东|参与方|参与本轮的[^，。]{0,20}?)(?:包括|为|有|是)[:：]?"
)
_ZH_LIST_STOP = "，。；：:;！？"


def _zh_list_before(text: str, pos: int) -> list[str]:
    start = max(text.rfind(ch, 0, pos) for ch in _ZH_LIST_STOP) + 1
    you = text.rfind("由", start, pos)
    if you >= 0:
        start = you + 1
    return _list_names(text[start:pos], backwards=True)


def _zh_list_after(text: str, pos: int) -> list[str]:
    ends = [i for i in (text.find(ch, pos) for ch in "。；;！？") if i >= 0]
    end = min(ends) if ends else len(text)
    return _list_names(text[pos:end], backwards=False)


def _en_list_after(text: str, pos: int) -> list[str]:
    end = len(text)
    stop = re.compile(
        r"[.;:!?](?:\s|$)|\s+(?:with participation|alongside|along with|in a\b|at a\b|at an\b|"
        r"valuing|which|who|to\b|for\b|bringing|according|after|as part|in its|in the|"
        r"that|said|led by|co-led by)",
        re.I,
    )
    if m := stop.search(text, pos):
        end = m.start()
    return _list_names(text[pos:end], backwards=False)


def _en_list_before(text: str, pos: int) -> list[str]:
    starts = [text.rfind(ch, 0, pos) for ch in ";:—–"]
    start = max(starts) + 1
    return _list_names(text[start:pos], backwards=True)


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
    if _has_cjk(text):
        for m in _ZH_LEAD.finditer(text):
            if text[m.end() : m.end() + 1] == "了":
                continue  # "X领投了Y的A轮" is an investor-first frame
            cue = True
            add(_zh_list_before(text, m.start()), True)
        for m in _ZH_PART.finditer(text):
            cue = True
            add(_zh_list_before(text, m.start()), None)
        for m in _ZH_PART_AFTER.finditer(text):
            cue = True
            add(_zh_list_after(text, m.end()), None)
    for m in _EN_LEAD_AFTER.finditer(text):
        cue = True
        add(_en_list_after(text, m.end()), True)
    for m in _EN_LED_COMPOUND.finditer(text):
        cue = True
        add([clean_name(m.group(1)) or m.group(1)], True)
    for m in _EN_LEAD_BEFORE.finditer(text):
        cue = True
        add(_en_list_before(text, m.start()), True)
    for m in _EN_PART_AFTER.finditer(text):
        cue = True
        add(_en_list_after(text, m.end()), None)
    for m in _EN_PART_BEFORE.finditer(text):
        cue = True
        add(_en_list_before(text, m.start()), None)
    return list(found.values()), cue


# --- frames ---------------------------------------------------------------------------------

_EN_APPOSITIVE = re.compile(
    r",\s+(?:the|a|an|its)\s+[^,;]{2,140}?,(?=\s)|,\s+(?:which|who)\s+(?=\w)|"
    r",\s+(?:the|a|an)\s+[a-z][^,;]*(?=[.;]?$)|\s\([^)]{1,60}\)"
)
_ZH_GLOSS = re.compile(r"[（(][^）)]{1,40}[）)]")

_EN_INVEST = re.compile(
    r"\b(?:invest(?:ed|s|ing)?|put(?:s|ting)?|pour(?:ed|s|ing)?|inject(?:ed|s|ing)?|"
    r"commit(?:ted|s|ting)?|plough(?:ed|s)?|plow(?:ed|s)?|pump(?:ed|s)?|doubled its investment|"
    r"(?:made|make|makes) an investment)\b",
    re.I,
)
_EN_TARGET = re.compile(r"\b(?:in|into|to)\s+", re.I)
_EN_RAISE = re.compile(
    r"\b(?:raised|raises|raise|raising|closed|closes|close|secured|secures|secure|landed|lands|"
    r"took in|takes in|received|receives|bagged|picked up|nabbed|netted|attracted|announced|"
    r"announces|completed|completes|complete|gets|got|came out of stealth|emerged from stealth|"
    r"won|scored|collected|collects|is undergoing|undergoing|has|had)\b",
    re.I,
)
_FUNDING_WORD = re.compile(
    r"\b(?:funding|financing|round|investment|raise|capital|backing|money)\b|融资|投资|注资|募资|轮",
    re.I,
)
_ZH_INVEST_TO = re.compile(
    r"(?:向|对|为)(?P<target>[^，。；、向对为]{1,40}?)(?:追加|增加|进行|完成|再次|再|继续)?(?:了)?"
    r"(?:[^，。；]{0,16}?的)?(?:战略)?(?:投资|注资|投入|入股)"
)
_ZH_INVESTED = re.compile(
    r"(?:联合|共同)?(?:领投|投资|注资|入股|押注|参投|跟投)了(?P<target>[^，。；]{1,40}?)"
    r"(?=的|[，。；]|$|(?:逾|超|近|约)?[\d一二三四五六七八九十两数百千万亿]+)"
)
_ZH_RECEIVED = re.compile(
    r"(?:获得了|获得|获|得到了|得到|接受了|接受)(?P<investors>[^，。；]{2,80}?)(?:的|等)?"
    r"(?:[^，。；]{0,20}?)(?:投资|注资|资助|支持|领投|入股)"
)
_ZH_RAISE = re.compile(
    r"完成|获得|获|拿下|斩获|敲定|启动|推进|开启|迎来|募集|筹集|筹得|募得|进行|宣布|融资"
)
_ZH_DATE_WORDS = re.compile(
    r"\d{1,4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月(?:\d{1,2}日)?|今年|去年|明年|年初|年底|年中|"
    r"近日|日前|今日|昨日|昨天|今天|周[一二三四五六日]|本周|上周|此前|早前|当时|随后"
)
_ZH_SUBJECT_TAIL = re.compile(
    r"(?:宣布|已经|已|正式|于|在|也|还|就|将|再次|又|再|刚刚|成功|顺利|近期|曾|先后|分别|共|"
    r"同时|此次|这次|率先|今|则|日|透露|表示|称|对外)+$"
)


def _zh_subject(text: str, pos: int) -> str | None:
    """The name a Chinese clause opens with, before position `pos` (its verb)."""
    start = max(text.rfind(ch, 0, pos) for ch in "，。；：:;！？") + 1
    clause = _ZH_DATE_WORDS.sub("", _ZH_GLOSS.sub("", text[start:pos]))
    clause = _ZH_SUBJECT_TAIL.sub("", clause.strip())
    if not clause:
        return None
    if is_coreference(clause) or clause in ("其", "它", "该公司", "公司"):
        return COREFERENCE
    return clean_name(clause)


def _en_subject(flat: str, pos: int) -> str | None:
    """The name an English clause has as subject before position `pos` (its verb)."""
    start = max(flat.rfind(ch, 0, pos) for ch in ";:—–") + 1
    clause = flat[start:pos]
    last = re.split(r"\b(?:when|while|after|as|and|but|because|since|where)\s+", clause)[-1]
    if re.search(
        r"\b(?:it|the\s+(?:[\w-]+\s+){0,3}(?:company|start-?up|firm|developer|maker|group|"
        r"business|unicorn|lab))\b(?:\s+\w+){0,4}\s*$",
        last,
        re.I,
    ):
        return COREFERENCE
    names = [m for m in find_names(clause) if m.end <= len(clause)]
    if names:
        return names[-1].text
    return None


def read_sentence(sentence: Sentence, published: date | None, yen_or_yuan: str) -> list[Deal]:
    """Every deal a sentence tells (see the module docstring for the frames)."""
    text = sentence.text
    figures = read_figures(text, yen_or_yuan)
    dates = [d for d in find_dates(text, published) if d.value]
    cjk = _has_cjk(text)
    flat = text if cjk else _EN_APPOSITIVE.sub(lambda m: " " * len(m.group()), text)
    flat = _ZH_GLOSS.sub(lambda m: " " * len(m.group()), flat) if cjk else flat
    status = find_status(text) or "completed"
    deals: list[Deal] = []
    used: set[int] = set()  # figures consumed by a frame

    deals += _investor_first(flat, sentence, figures, used, cjk)
    if cjk:
        deals += _zh_received(flat, sentence, figures, used)
    deals += _investee_first(flat, sentence, figures, used, cjk)
    deals += _valuations(flat, sentence, figures, used, deals, cjk)
    for deal in deals:
        deal.status = status
        deal.date = _date_for(deal.anchor, dates)
        deal.refers_back = bool(_REFERS_BACK.search(text)) and deal.date is None
        deal.stake_like = deal.stake_like and deal.date is None
        if deal.stake_like and deal.kind == "investment" and deal.amount is not None:
            deal.kind = "stake"
    return deals


def _date_for(anchor: int, dates: list[DateMention]) -> str | None:
    """The date told nearest the deal: the last one before it, else the first after."""
    before = [d for d in dates if d.start <= anchor]
    if before:
        return before[-1].value
    return dates[0].value if dates else None


def _deal_figure(figures: list[Figure], used: set[int], lo: int, hi: int) -> Figure | None:
    for i, f in enumerate(figures):
        if i not in used and lo <= f.money.start < hi and f.role in ("deal", "stake", "total"):
            used.add(i)
            return f
    return None


def _investor_first(
    flat: str, sentence: Sentence, figures: list[Figure], used: set[int], cjk: bool
) -> list[Deal]:
    """ "X invests $N in Y", "X向Y投资N", "X领投了Y的A轮", "X投资了Y和Z"."""
    deals: list[Deal] = []
    if cjk:
        for m in _ZH_INVEST_TO.finditer(flat):
            target = _target_name(m.group("target"), cjk)
            investors = _zh_investors_before(flat, m.start())
            end = _clause_end(flat, m.end())
            figure = _deal_figure(figures, used, m.start(), end)
            deals += _investment_deals(sentence, investors, [target], figure, m.start(), flat)
        for m in _ZH_INVESTED.finditer(flat):
            targets = [_target_name(t, cjk) for t in _ZH_SPLIT.split(m.group("target"))]
            investors = _zh_investors_before(flat, m.start())
            end = _clause_end(flat, m.end())
            figure = _deal_figure(figures, used, m.start(), end)
            lead = True if "领投" in m.group() else None
            rounds = find_rounds(flat[m.end() : end])
            if rounds or (figure and len(targets) == 1 and "轮" in flat[m.end() : end]):
                deal = Deal("round", targets[0], sentence, figure.money if figure else None)
                deal.round = rounds[0].round if rounds else None
                deal.investors = [Investor(canonical(n), lead) for n in investors]
                deal.anchor = m.start()
                deals.append(deal)
            else:
                deals += _investment_deals(sentence, investors, targets, figure, m.start(), flat)
        return deals
    for m in _EN_INVEST.finditer(flat):
        target_match = _EN_TARGET.search(flat, m.end(), min(len(flat), m.end() + 70))
        if target_match is None:
            continue
        target = _en_target(flat, target_match.end())
        if target is None:
            continue
        investors = _en_list_before(flat, m.start())
        investors = investors[-3:]
        figure = _deal_figure(figures, used, m.start(), target_match.end())
        deals += _investment_deals(sentence, investors, [target], figure, m.start(), flat)
    return deals


def _clause_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(ch, pos) for ch in "，。；;！？") if i >= 0]
    return min(ends) if ends else len(text)


def _target_name(raw: str, cjk: bool) -> str | None:
    raw = raw.strip()
    if raw in ("其", "它", "他们", "该公司", "这家公司") or is_coreference(raw):
        return COREFERENCE
    if cjk and re.match(r"^这家.*(?:公司|企业)$", raw):
        return COREFERENCE
    return clean_name(raw)


def _en_target(flat: str, pos: int) -> str | None:
    window = flat[pos : pos + 80]
    cut = re.search(r"[,.;]|\s(?:and|at|for|as|in|to|with|earlier|last|this|on)\s", window)
    head = window[: cut.start()] if cut else window
    if re.match(r"(?:it|the\s+(?:[\w-]+\s+){0,3}(?:company|start-?up|firm|developer|maker))\b", head, re.I):
        names = find_names(head)
        return names[-1].text if names else COREFERENCE
    names = find_names(head)
    return names[0].text if names and names[0].start < 50 else None


def _zh_investors_before(flat: str, pos: int) -> list[str]:
    start = max(flat.rfind(ch, 0, pos) for ch in "，。；：:;！？") + 1
    clause = _ZH_DATE_WORDS.sub("", flat[start:pos])
    clause = re.sub(r"(?:已经|已|将|还|也|再|又|宣布|同意|计划|拟|曾|此前|先后|分别|共同|联合|正式|"
                    r"当时|并|则|会|愿意|决定|此次|本次|就)+$", "", clause.strip())
    clause = re.sub(r"^(?:并|且|而|其中|此外|另外|同时)", "", clause)
    names = _list_names(clause, backwards=True) if clause else []
    if not names:
        subject = _zh_subject(flat, _first_verb(flat))
        if subject and subject != COREFERENCE:
            names = [subject]
    return names


def _first_verb(flat: str) -> int:
    m = re.search(r"宣布|表示|称|同意|计划|将|已|向|对", flat)
    return m.start() if m else 0


def _investment_deals(
    sentence: Sentence,
    investors: list[str],
    targets: list[str | None],
    figure: Figure | None,
    anchor: int,
    flat: str,
) -> list[Deal]:
    deals = []
    investors = [i for i in investors if i]
    for target in targets:
        if target is None or not investors:
            continue
        money = figure.money if figure else None
        stake = figure is not None and figure.role in ("stake", "total")
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


def _zh_received(flat: str, sentence: Sentence, figures: list[Figure], used: set[int]) -> list[Deal]:
    """ "Y获得X（等）的投资/资助": investors named inside the verb phrase."""
    deals = []
    for m in _ZH_RECEIVED.finditer(flat):
        span = m.group("investors")
        if re.search(r"\d|[数几]亿|[数几]千万|融资|轮|估值", span):
            continue  # "获得5亿美元融资": an amount, not investors
        names = _list_names(re.sub(r"等[^、和与及]*$", "", span), backwards=False)
        if not names:
            continue
        investee = _zh_subject(flat, m.start())
        if investee is None:
            continue
        figure = _deal_figure(figures, used, m.start(), _clause_end(flat, m.end()))
        deals += _investment_deals(sentence, names, [investee], figure, m.start(), flat)
    return deals


def _investee_first(
    flat: str, sentence: Sentence, figures: list[Figure], used: set[int], cjk: bool
) -> list[Deal]:
    """ "Y raised $N in a Series B led by X", "Y完成N亿元B轮融资，由X领投"."""
    rounds = find_rounds(flat)
    free = [i for i, f in enumerate(figures) if i not in used and f.role == "deal"]
    investors, cue = find_investor_roles(flat)
    if not free and not rounds and not cue:
        return []
    if not free and not rounds and not _mentions_a_round(flat):
        if cue and investors:
            deal = Deal("round", COREFERENCE, sentence)
            deal.investors = investors
            deal.joins_previous = True
            return [deal]
        return []
    if not _FUNDING_WORD.search(flat) and not cue:
        return []
    figure_index = free[0] if free else None
    if figure_index is not None:
        used.add(figure_index)
    money = figures[figure_index].money if figure_index is not None else None
    anchor = money.start if money else (rounds[0].start if rounds else 0)
    if cjk:
        verb = _ZH_RAISE.search(flat, 0, anchor + 1) if anchor else _ZH_RAISE.search(flat)
        verb_pos = verb.start() if verb else anchor
        investee = _zh_subject(flat, verb_pos) or _zh_subject(flat, _first_verb(flat))
        if investee is None:
            possessive = re.search(r"([^，。；的]{2,20})的[^，。；]{0,12}(?:轮|融资)", flat)
            investee = clean_name(possessive.group(1)) if possessive else None
    else:
        verbs = [m for m in _EN_RAISE.finditer(flat, 0, anchor + 1)] if anchor else []
        verb_pos = verbs[-1].start() if verbs else anchor
        investee = _en_subject(flat, verb_pos)
    if investee is None:
        investee = COREFERENCE
    if not cjk:
        from_match = _EN_FROM.search(flat, anchor)
        if from_match and not any(i.lead for i in investors):
            known = {i.name for i in investors}
            for name in _en_list_after(flat, from_match.end()):
                if canonical(name) not in known:
                    investors.append(Investor(canonical(name)))
    round_word = next((r.round for r in rounds if r.start >= anchor - 60), None)
    round_word = round_word or (rounds[0].round if rounds else None)
    investors = [i for i in investors if i.name != investee and i.name != canonical(investee)]
    if (
        money is not None
        and len(investors) == 1
        and round_word is None
        and not investors[0].lead
        and re.search(r"\bfrom\b|获得?.{0,20}(?:投资|注资)", flat[anchor:] if not cjk else flat)
    ):
        deal = Deal("investment", investee, sentence, money)
        deal.investors = [Investor(investors[0].name, None, money)]
        deal.anchor = anchor
        return [deal]
    deal = Deal("round", investee, sentence, money, round_word, investors)
    deal.anchor = anchor
    return [deal]


def _mentions_a_round(flat: str) -> bool:
    return bool(re.search(r"\b(?:the|this|that) (?:round|financing|raise)\b|本轮|这一轮|此轮|该轮", flat, re.I))


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
        if i in used or figure.role != "valuation":
            continue
        used.add(i)
        holder = next((d for d in deals if d.kind == "round"), deals[0] if deals else None)
        if holder is not None and holder.investee:
            investee = holder.investee
        else:
            investee = _valued_company(flat, figure.money.start, cjk)
        deal = Deal("valuation", investee, sentence, figure.money)
        deal.anchor = holder.anchor if holder else figure.money.start
        out.append(deal)
    return out


def _valued_company(flat: str, pos: int, cjk: bool) -> str:
    if cjk:
        m = re.search(r"([^，。；]{1,30}?)(?:的)?(?:整体|投后|投前)?估值", flat[:pos])
        name = clean_name(_ZH_DATE_WORDS.sub("", m.group(1))) if m else None
        return name or COREFERENCE
    m = re.search(r"\b(?:values?|valuing|valued)\s+(.{1,40}?)\s+at\b", flat[:pos])
    if m:
        names = find_names(m.group(1))
        return names[0].text if names else COREFERENCE
    subject = _en_subject(flat, pos)
    return subject or COREFERENCE


def is_known(name: str) -> bool:
    """True when the alias table knows the name."""
    return lookup(name) is not None
