"""Traditional-character variants for the Chinese cue patterns.

Articles come in Simplified and Traditional script (領投/领投, 獲得/获得, 輪/轮). Cue
patterns are written once in Simplified; `both_scripts` widens each mapped character
into a class holding both forms, so one pattern reads both scripts and names keep the
script the article used. `compile_folded` compiles a case-insensitive cue pattern to run
on lower-cased text, several times faster than `re.I` in Python's engine.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from fundwire.transforms.first_chars import compile_scanning, opens_beyond_ascii

# Simplified and Traditional forms of the characters the cue patterns use, pair by pair
# (audited against a full conversion table: every CJK character in a transforms/ pattern
# that has a Traditional form is here, except 台, 干 and 里, whose forms depend on the word).
_PAIRS = [
    "机機",
    "厂廠",
    "场場",
    "领領",
    "参參",
    "与與",
    "获獲",
    "资資",
    "亿億",
    "万萬",
    "轮輪",
    "华華",
    "国國",
    "际際",
    "们們",
    "这這",
    "将將",
    "对對",
    "为為",
    "从從",
    "后後",
    "当當",
    "据據",
    "报報",
    "导導",
    "价價",
    "创創",
    "业業",
    "团團",
    "务務",
    "发發",
    "联聯",
    "认認",
    "购購",
    "开開",
    "门門",
    "东東",
    "来來",
    "个個",
    "时時",
    "问問",
    "应應",
    "体體",
    "员員",
    "术術",
    "还還",
    "进進",
    "过過",
    "达達",
    "运運",
    "选選",
    "周週",
    "动動",
    "会會",
    "历歷",
    "长長",
    "纪紀",
    "计計",
    "设設",
    "该該",
    "说說",
    "负負",
    "贷貸",
    "软軟",
    "载載",
    "轻輕",
    "边邊",
    "锋鋒",
    "钱錢",
    "阅閱",
    "关關",
    "陆陸",
    "电電",
    "显顯",
    "风風",
    "飞飛",
    "马馬",
    "腾騰",
    "龙龍",
    "亚亞",
    "区區",
    "产產",
    "银銀",
    "证證",
    "宁寧",
    "笔筆",
    "项項",
    "称稱",
    "纳納",
    "约約",
    "两兩",
    "须須",
    "数數",
    "额額",
    "实實",
    "现現",
    "给給",
    "结結",
    "经經",
    "纬緯",
    "环環",
    "乐樂",
    "布佈",
    "强強",
    "协協",
    "则則",
    "规規",
    "总總",
    "续續",
    "余餘",
    "义義",
    "买買",
    "于於",
    "亏虧",
    "众眾",
    "优優",
    "伙夥",
    "传傳",
    "债債",
    "兰蘭",
    "兽獸",
    "内內",
    "决決",
    "净淨",
    "几幾",
    "划劃",
    "刚剛",
    "别別",
    "办辦",
    "单單",
    "卢盧",
    "叁叄",
    "启啟",
    "图圖",
    "圆圓",
    "块塊",
    "处處",
    "备備",
    "头頭",
    "寻尋",
    "尔爾",
    "属屬",
    "币幣",
    "并並",
    "广廣",
    "愿願",
    "战戰",
    "执執",
    "拟擬",
    "拨撥",
    "挂掛",
    "损損",
    "换換",
    "斩斬",
    "断斷",
    "旧舊",
    "权權",
    "条條",
    "构構",
    "样樣",
    "欧歐",
    "汇匯",
    "没沒",
    "涌湧",
    "润潤",
    "湾灣",
    "牵牽",
    "独獨",
    "码碼",
    "礼禮",
    "种種",
    "筹籌",
    "签簽",
    "级級",
    "纽紐",
    "线線",
    "组組",
    "终終",
    "统統",
    "继繼",
    "营營",
    "虑慮",
    "衔銜",
    "补補",
    "视視",
    "订訂",
    "讯訊",
    "诞誕",
    "语語",
    "诺諾",
    "谈談",
    "谱譜",
    "财財",
    "责責",
    "账賬",
    "贰貳",
    "贴貼",
    "赛賽",
    "车車",
    "转轉",
    "较較",
    "铢銖",
    "铧鏵",
    "镑鎊",
    "间間",
    "闻聞",
    "险險",
    "随隨",
    "韩韓",
    "顶頂",
    "顺順",
    "预預",
    "驰馳",
    "验驗",
]
_VARIANT = {pair[0]: pair[1] for pair in _PAIRS}


def both_scripts(pattern: str) -> str:
    """`pattern` with each Simplified character that has a Traditional form matching both."""
    out: list[str] = []
    in_class = False
    escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
            out.append(ch)
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        variant = _VARIANT.get(ch)
        if variant is None:
            out.append(ch)
        elif in_class:
            out.append(ch + variant)
        else:
            out.append(f"[{ch}{variant}]")
    return "".join(out)


def compile_both(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern written in Simplified, compiled to read both scripts (with the engine's
    first-character scan, see first_chars)."""
    return compile_scanning(both_scripts(pattern), flags)


class FoldedPattern:
    """A case-insensitive cue pattern that runs on lower-cased text.

    Python's `re` folds case at every position it tries under `re.I`; the same pattern with
    lower-case literals, run on `text.lower()`, finds the same matches several times faster.
    Offsets are those of `text` (lower-casing keeps the length of the scripts news is
    written in; where it would not, the `re.I` pattern runs instead). Matched text comes
    back lower-cased: use offsets to read the original.

    Two shortcuts keep the matches the same. A pattern opening with `\\b` cannot use the
    engine's first-character scan, so a gate (the pattern without its word edges, which
    matches wherever the pattern does) rules out most texts first, when the gate is quick:
    each of its alternatives opens with a character or a class, which the engine tests
    before trying the alternative (a gate whose alternatives open with groups costs as much
    as the pattern itself). And an ASCII text is searched without the alternatives that
    open with a Chinese character, which cannot match there: the engine then tests first
    characters in a small bitmap, not in a table for all of Unicode.
    """

    __slots__ = ("_ascii", "_ascii_gate", "_exact", "_folded", "_gate", "pattern")

    def __init__(self, pattern: str, needs: str | None = None) -> None:
        """`needs`: words one of which every match holds, a quicker gate than the pattern
        without its word edges (see compile_folded)."""
        self.pattern = pattern
        self._exact = re.compile(pattern, re.I)
        folded = _lower_literals(pattern)
        self._folded = compile_scanning(folded)
        if needs is not None:
            self._gate: re.Pattern[str] | None = compile_scanning(_lower_literals(needs))
        else:
            gate = _without_word_edges(folded)
            self._gate = compile_scanning(gate) if _quick_gate(folded, gate) else None
        self._ascii = _without_chinese_openings(folded) or self._folded
        self._ascii_gate = self._gate
        if self._gate is not None:
            self._ascii_gate = _without_chinese_openings(self._gate.pattern) or self._gate

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        low = _last_lowered[1] if _last_lowered[0] is text else _lowered(text)
        if low is None:
            return self._exact.search(text, pos, endpos)
        if low.isascii():
            if self._ascii_gate is not None and not self._ascii_gate.search(low, pos, endpos):
                return None
            return self._ascii.search(low, pos, endpos)
        if self._gate is not None and not self._gate.search(low, pos, endpos):
            return None
        return self._folded.search(low, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        low = _last_lowered[1] if _last_lowered[0] is text else _lowered(text)
        if low is None:
            return self._exact.match(text, pos, endpos)
        # (no gate: it would scan the text, where a match tries one place)
        return (self._ascii if low.isascii() else self._folded).match(low, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        low = _last_lowered[1] if _last_lowered[0] is text else _lowered(text)
        if low is None:
            return self._exact.finditer(text, pos, endpos)
        ascii_text = low.isascii()
        gate = self._ascii_gate if ascii_text else self._gate
        if gate is not None and not gate.search(low, pos, endpos):
            return iter(())
        return (self._ascii if ascii_text else self._folded).finditer(low, pos, endpos)


# The text lowered last, kept because the frames run one cue pattern after another on the
# same sentence (the methods above read it inline: a call costs more than the check).
_last_lowered: tuple[str, str | None] = ("", "")


def _lowered(text: str) -> str | None:
    """`text.lower()`, or None when lower-casing changes its length (offsets would shift)."""
    global _last_lowered
    low: str | None = text.lower()
    if len(low) != len(text):
        low = None
    _last_lowered = (text, low)
    return low


def compile_folded(pattern: str, needs: str | None = None) -> FoldedPattern:
    """A case-insensitive pattern in Simplified, reading both scripts (see FoldedPattern).

    `needs` lists words ("backers|investors") one of which every match of `pattern` holds:
    a scan for them rules most texts out before the pattern runs. Give it when the pattern
    opens with groups (its automatic gate would be slow) and is run on many texts.
    """
    return FoldedPattern(both_scripts(pattern), both_scripts(needs) if needs else None)


def _without_chinese_openings(pattern: str) -> re.Pattern[str] | None:
    """`pattern` without its top-level alternatives that open with a non-ASCII character,
    for ASCII texts; None when it has none (or only those)."""
    alternatives = _alternatives(pattern)
    kept = [a for a in alternatives if not opens_beyond_ascii(a)]
    if len(kept) == len(alternatives) or not kept:
        return None
    return compile_scanning("|".join(kept))


def _lower_literals(pattern: str) -> str:
    """`pattern` with its ASCII letters lower-cased, escapes and group names kept."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith(("(?P<", "(?P="), i):
            close = pattern.index(">" if pattern[i + 3] == "<" else ")", i)
            out.append(pattern[i : close + 1])
            i = close + 1
            continue
        out.append(ch.lower() if ch.isascii() else ch)
        i += 1
    return "".join(out)


def _quick_gate(folded: str, gate: str) -> bool:
    """True when the gate (`folded` without its word edges) is worth a scan: some alternative
    of `folded` opens with a word edge, which the engine tries in full at every position,
    while every alternative of the gate opens with a character, a class or a class escape
    (not a group, lookaround, anchor or repeat), which it rejects with one test."""
    opens_with_edge = any(alt.startswith("\\b") for alt in _alternatives(folded))
    return opens_with_edge and all(_opens_with_character(alt) for alt in _alternatives(gate))


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of `pattern`."""
    alternatives: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            alternatives.append(pattern[start:i])
            start = i + 1
        i += 1
    alternatives.append(pattern[start:])
    return alternatives


def _opens_with_character(alternative: str) -> bool:
    if not alternative or alternative[0] in "(.^$" or alternative[:2] in ("\\A", "\\B", "\\Z"):
        return False
    first_end = 2 if alternative[0] == "\\" else 1
    if alternative[0] == "[":
        first_end = _class_end(alternative, 0)
    return alternative[first_end : first_end + 1] not in ("?", "*", "+", "{")


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class opening at `pattern[i]`."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":  # "[]...]": a literal "]" opens the class
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _without_word_edges(pattern: str) -> str:
    """`pattern` without the `\\b` assertions that only restrict it (those outside character
    classes and negative lookarounds): it matches wherever `pattern` does, and the engine can
    scan for its first characters."""
    out: list[str] = []
    groups: list[bool] = []  # for each open group: is it a negative lookaround?
    i = 0
    in_class = False
    while i < len(pattern):
        pair = pattern[i : i + 2]
        if pair == "\\b" and not in_class and not any(groups):
            i += 2
            continue
        if pattern[i] == "\\":
            out.append(pair)
            i += 2
            continue
        if in_class:
            in_class = pattern[i] != "]"
        elif pattern[i] == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":  # "[]...]": a literal "]" opens the class
                out.append("[]")
                i += 2
                continue
        elif pattern[i] == "(":
            groups.append(pattern.startswith(("(?!", "(?<!"), i))
        elif pattern[i] == ")" and groups:
            groups.pop()
        out.append(pattern[i])
        i += 1
    return "".join(out)
