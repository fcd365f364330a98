"""Traditional-character variants for the Chinese cue patterns.

Articles come in Simplified and Traditional script (領投/领投, 獲得/获得, 輪/轮). Cue
patterns are written once in Simplified; `both_scripts` widens each mapped character
into a class holding both forms, so one pattern reads both scripts and names keep the
script the article used.
"""

from __future__ import annotations

import re

_SIMPLIFIED = "机厂场领参与获资亿万轮华国际们这将对为从后当据报导价创业团务发联认购开门东来个时问应体员术还进过达运选周动会历长纪计设该说负贷软载轻边锋钱阅关陆电显风飞马腾龙亚洲区产银证资宁笔项该称后纳约亿两须数额实现给结经纬环乐轮际强协"
_TRADITIONAL = "機廠場領參與獲資億萬輪華國際們這將對為從後當據報導價創業團務發聯認購開門東來個時問應體員術還進過達運選週動會歷長紀計設該說負貸軟載輕邊鋒錢閱關陸電顯風飛馬騰龍亞洲區產銀證資寧筆項該稱後納約億兩須數額實現給結經緯環樂輪際強協"
_VARIANT = {s: t for s, t in zip(_SIMPLIFIED, _TRADITIONAL, strict=True) if s != t}


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
