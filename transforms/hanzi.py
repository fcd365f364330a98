"""Traditional-character variants for the Chinese cue patterns.

Articles come in Simplified and Traditional script (領投/领投, 獲得/获得, 輪/轮). Cue
patterns are written once in Simplified; `both_scripts` widens each mapped character
into a class holding both forms, so one pattern reads both scripts and names keep the
script the article used.
"""

from __future__ import annotations

import re

# Simplified and Traditional forms of the characters the cue patterns use, pair by pair.
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
    """`re.compile` of a pattern written in Simplified, reading both scripts."""
    return re.compile(both_scripts(pattern), flags)
