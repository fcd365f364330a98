"""Organization and person names: alias-table lookup, grammar-based recognition, canonical form.

An investor list ("led by X with participation from Y and Z", "由X领投，Y、Z跟投") is
split by the relation stage; this module turns each raw item into a clean name
(descriptors, legal suffixes and determiners removed) and maps it to its canonical
name through `seeds/entities.csv`. Names missing from the table are kept as written,
once they look like names by their grammar ("X Capital", "…资本", a capitalized run).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import ahocorasick

from fundwire.transforms.first_chars import compile_scanning
from fundwire.transforms.hanzi import compile_both
from fundwire.transforms.places import is_place


@dataclass(frozen=True, slots=True)
class Entity:
    """A row of the alias table."""

    name: str
    type: str  # investor | company | person


class Mention(NamedTuple):
    """A name found in a text, with its canonical form (the text itself when unknown)."""

    start: int
    end: int
    text: str
    canonical: str
    type: str | None  # from the alias table; None for names recognized by grammar


# --- the alias table -------------------------------------------------------------------


_KEY_PUNCTUATION = compile_scanning(r"[\s.,·・'’\"“”()（）\-_&]+")


@lru_cache(maxsize=65536)
def alias_key(name: str) -> str:
    """The form names are compared in: NFKC, case-folded, without spaces and punctuation."""
    return _KEY_PUNCTUATION.sub("", unicodedata.normalize("NFKC", name).casefold())


@cache
def _rows() -> tuple[tuple[Entity, tuple[str, ...]], ...]:
    """The rows of seeds/entities.csv: each entity with its surface forms (name first)."""
    rows = []
    path = resources.files("fundwire.seeds") / "entities.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("name") or "").strip()
            if name:
                aliases = [a.strip() for a in (row.get("aliases") or "").split("|")]
                entity = Entity(name, (row.get("type") or "").strip() or "company")
                rows.append((entity, tuple(a for a in [name, *aliases] if a)))
    return tuple(rows)


@cache
def alias_table() -> dict[str, Entity]:
    """Every canonical name and alias of seeds/entities.csv, keyed by `alias_key`."""
    table: dict[str, Entity] = {}
    for entity, surfaces in _rows():
        for surface in surfaces:
            table.setdefault(alias_key(surface), entity)
    return table


@cache
def _alias_automaton() -> ahocorasick.Automaton:
    """Every surface form of the table (2+ characters) in one Aho-Corasick automaton: all
    known names of a text are found in a single pass, whatever the size of the table."""
    automaton = ahocorasick.Automaton()
    for surface in {s for _, forms in _rows() for s in forms if len(s) >= 2}:
        automaton.add_word(surface, (len(surface), lookup(surface)))  # looked up once, here
    automaton.make_automaton()
    return automaton


def _at_name_edges(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not part of a longer Latin word ("AI" in "OpenAI")."""
    if start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
        return False
    after = text[end : end + 2]
    if after[:1].isascii() and (after[:1].islower() or after[:1].isdigit()):
        return False
    return not (after[:1] == "-" and after[1:2].isascii() and after[1:2].islower())


@lru_cache(maxsize=65536)
def lookup(name: str) -> Entity | None:
    """The alias-table entry for a name, trying it without its legal suffix too."""
    table = alias_table()
    entity = table.get(alias_key(name))
    if entity is None and (stripped := strip_legal_suffix(name)) != name:
        entity = table.get(alias_key(stripped))
    return entity


def find_known(text: str) -> list[Mention]:
    """Known names (alias table) in `text`, leftmost-longest, non-overlapping."""
    automaton = _alias_automaton()
    if automaton.kind != ahocorasick.AHOCORASICK:
        return []  # an empty table
    longest: dict[int, tuple[int, Entity | None]] = {}  # start -> the longest name there
    for last, (length, entity) in automaton.iter(text):
        start = last + 1 - length
        if length > longest.get(start, (0, None))[0] and _at_name_edges(text, start, last + 1):
            longest[start] = (length, entity)
    out = []
    free_from = 0
    for start in sorted(longest):
        if start < free_from:
            continue
        length, entity = longest[start]
        end = start + length
        if entity is not None:
            out.append(Mention(start, end, text[start:end], entity.name, entity.type))
            free_from = end
    return out


# --- grammar of names ----------------------------------------------------------------

_LEGAL_SUFFIX = compile_both(
    # the lookahead: where a suffix can start, so that other positions are passed at once
    r"(?=[,\s股有公])(?:(?:[,\s]+(?:Inc|Incorporated|Corp|Corporation|LLC|L\.L\.C|Ltd|Limited|Co|PLC|plc|GmbH|"
    r"AG|S\.A|SA|SAS|N\.V|B\.V|LP|L\.P|Pte)\.?)+$|(?:股份有限公司|有限责任公司|有限公司|公司)$)"
)
_EN_ORG_HEAD = (
    "Capital|Ventures|Venture|Partners|Investments|Investment|Fund|Funds|Labs|Lab|AI|"
    "Holdings|Group|Management|Equity|Technologies|Technology|Robotics|Bank|Securities|"
    "Financial|Advisors|Associates|Growth|Global|Systems|Networks|Motors|Semiconductor|"
    "Authority|Foundation|Asset|Assets|Invest|Health|Therapeutics|Biosciences|Energy"
)
_EN_ORG_HEAD_WORD = re.compile(_EN_ORG_HEAD)
EN_ORG_NAME = compile_both(rf"\b[A-Z][\w.&'-]*(?:\s+[A-Z0-9][\w.&'-]*)*\s+(?:{_EN_ORG_HEAD})\b")
_ZH_ORG_HEAD = "资本|基金|创投|科技|智能|投资|集团|控股|银行|证券|汽车|资管|基金会|產業|产业"
# A name a descriptor introduces: "语音AI公司思必驰为例", "初创企业光年之外宣布".
_ZH_INTRODUCED_NAME = compile_both(
    r"(?:公司|企业|平台|厂商|独角兽|机构)([\u4e00-\u9fff]{2,6}?)"
    r"(?=为例|宣布|完成|获得|获|于|在|的|、|，|。|和|与|也|已|将|正|称|表示|拿到|成立|创立)"
)
# An unknown Chinese organization named by its head word: "…资本", "…科技", "…智能".
_ZH_SUFFIX_NAME = compile_both(
    r"(?:(?<=[的、和与及由，。；：“「\s])|^)([\u4e00-\u9fff]{2,6}?(?:资本|基金|创投|科技|智能|投资|控股))"
    r"(?![\u4e00-\u9fff]{0,1}(?:资本|基金|创投|科技|智能|投资|控股))"
)
_ZH_GENERIC = compile_both(
    r"(?:生成式|通用|新一代)?人工智能|(?:高|黑|硬|金融|汽车)科技|智能|风险投资|股权投资|战略投资"
)
ZH_QUOTED_NAME = compile_both(r"[「“]([^」”，。、]{2,20})[」”]")

# An English name: a run of capitalized tokens (xAI, iFlytek, 01.AI and a16z included).
_EN_TOKEN = (
    r"(?:[A-Z][A-Za-z0-9_.&'’+-]*[A-Za-z0-9_]|[A-Z]|[a-z][a-z]?[A-Z][A-Za-z0-9_.-]*"
    r"|\d+[A-Za-z0-9_.]*[A-Z][A-Za-z0-9_.]*)(?![A-Za-z0-9])"
)
# "Teachers' Plan"; a fund's number ends its name: "Vision Fund 2".
EN_NAME_RUN = compile_both(
    rf"{_EN_TOKEN}(?:['’]?\s+(?:&\s+)?{_EN_TOKEN})*(?:(?<=Fund)\s+\d{{1,2}}(?![\w.,]))?"
)
# Capitalised because of the calendar, never because of a name.
_CALENDAR_WORDS = (
    *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)
_EN_STOP_START = frozenset(
    [
        *_CALENDAR_WORDS,
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "With",
        "And",
        "But",
        "Its",
        "It",
        "This",
        "That",
        "These",
        "Those",
        "Last",
        "New",
        "Existing",
        "Other",
        "Earlier",
        "Later",
        "Then",
        "Now",
        "Both",
        "Also",
        "Counting",
        "According",
        "As",
        "By",
        "From",
        "Of",
        "To",
        "Since",
        "After",
        "Before",
        "When",
        "While",
        "Meanwhile",
        "However",
        "Including",
        "Besides",
        "Backers",
        "Investors",
        "Chief",
        "Prime",
        "Minister",
        "President",
        "CEO",
        "Founder",
        "Co-founder",
        "Former",
        "Japanese",
        "Chinese",
        "American",
        "British",
        "French",
        "German",
        "Indian",
        "Canadian",
        "Korean",
        "Singaporean",
        "European",
        "US",
        "U.S.",
        "UK",
        "Tech",
        "Silicon",
        "Valley",
        "Ex",
        "Billionaire",
        "Its",
        "Their",
        "His",
        "Her",
        "Our",
        "Other",
        "Another",
        "Returning",
        "Previous",
        "Fellow",
        "Sources",
        "Separately",
        "Together",
        "Such",
        "Several",
        "Many",
        "Some",
        "Meanwhile",
        "Today",
        "Yesterday",
        "Series",
        "Seed",
        "Pre-IPO",
        "IPO",
        "Angel",
        "Round",
        "AI",
        "Reuters",
        "Bloomberg",
        "Venture",
        "Partner",
        "Managing",
        "Director",
        "Partner",
        # function words a sentence may open with ("If Acme raises…"): never a name's first word
        "If",
        "Although",
        "Though",
        "Because",
        "Once",
        "Unless",
        "Whether",
        "Despite",
        "Amid",
        "Why",
        "What",
        "How",
        "Where",
        "Who",
        "Which",
        "We",
        "They",
        "He",
        "She",
        "You",
        "Yet",
        "So",
        "Still",
        "Even",
        "Only",
        "Here",
        "There",
        "Thus",
        "Instead",
        "Overall",
        "Finally",
        "Additionally",
        "Moreover",
        "Furthermore",
        "Not",
        "Neither",
        "Nor",
        "Or",
        "Upon",
        "Within",
        "Without",
        "During",
        "Following",
        "Given",
        "Unlike",
        "Nonetheless",
        "Nevertheless",
        "Indeed",
        "Already",
        "Recently",
        "Previously",
        "Currently",
        "Notably",
        "Ultimately",
        "Similarly",
        "Likewise",
        "Elsewhere",
        "Perhaps",
        "Should",
        "Would",
        "Could",
        "Will",
        "Can",
        "Did",
        "Does",
        "Do",
        "Has",
        "Have",
        "Had",
        "Is",
        "Are",
        "Was",
        "Were",
        "Under",
        "Over",
        "Until",
        "Through",
        "Across",
        "Between",
        "Among",
        "Via",
        "Against",
        "Beyond",
        "Around",
        "About",
        "Above",
    ]
)
_EN_STOP_END = frozenset(
    [
        *_CALENDAR_WORDS,
        "Series",
        "Seed",
        "Round",
        "IPO",
        "Pre-IPO",
    ]
)
# Places and the adjectives of nationality: they describe a party ("Swedish payments firm
# Klarna", "Japan's three largest banks"), they never are one.
_EN_PLACE = compile_scanning(
    r"(?:(?:(?:North|South|East|West|Central|Southeast|Northern|Southern|Eastern|Western)\s+)?"
    r"(?:Japan|China|India|Korea|Singapore|Germany|France|Britain|England|Europe|Asia|Africa|"
    r"America|Canada|Mexico|Brazil|Australia|Israel|Italy|Spain|Sweden|Norway|Denmark|Finland|"
    r"Switzerland|Netherlands|Belgium|Austria|Poland|Ireland|Indonesia|Vietnam|Thailand|Malaysia|"
    r"Philippines|Taiwan|Hong Kong|Saudi Arabia|Qatar|Turkey|Russia|Ukraine|Egypt|Nigeria|Kenya|"
    r"Argentina|Chile|Colombia|Pakistan|Bangladesh|UAE|U\.?S\.?A?|U\.?K\.?|United States|"
    r"United Kingdom|United Arab Emirates|Silicon Valley|San Francisco|New York|London|Paris|"
    r"Berlin|Munich|Stockholm|Amsterdam|Zurich|Dublin|Madrid|Tokyo|Osaka|Seoul|Beijing|Shanghai|"
    r"Shenzhen|Hangzhou|Guangzhou|Taipei|Mumbai|Bengaluru|Bangalore|New Delhi|Delhi|Jakarta|"
    r"Dubai|Abu Dhabi|Riyadh|Doha|Tel Aviv|Toronto|Montreal|Sydney|Boston|Seattle|Austin|"
    r"Palo Alto|Los Angeles|Washington|Chicago|Miami)"
    r"|(?:(?:North|South|East|West|Southeast)?\s*(?:Japanese|Chinese|Indian|Korean|Singaporean|"
    r"German|French|British|English|European|Asian|African|American|Canadian|Mexican|Brazilian|"
    r"Australian|Israeli|Italian|Spanish|Swedish|Norwegian|Danish|Finnish|Swiss|Dutch|Belgian|"
    r"Austrian|Polish|Irish|Indonesian|Vietnamese|Thai|Malaysian|Filipino|Taiwanese|Saudi|"
    r"Emirati|Qatari|Turkish|Russian|Ukrainian|Egyptian|Nigerian|Kenyan|Argentine|Chilean|"
    r"Pakistani|Nordic|Scandinavian|Middle Eastern|Gulf|Californian|Parisian|Bavarian)))"
    r"(?![\w-])"
)
# Common nouns a title-case headline capitalizes before a name; never a name's last word.
_EN_DESCRIPTOR_HEAD = frozenset(
    [
        "Startup",
        "Start-up",
        "Start-Up",
        "Firm",
        "Giant",
        "Maker",
        "Developer",
        "Unicorn",
        "Rival",
        "Upstart",
        "Newcomer",
        "Challenger",
        "Lender",
        "Darling",
    ]
)
_ZH_ORIGIN = compile_both(
    r"^(?:这家|一家)?(?:总部)?(?:位于|设在|来自|成立于|扎根于?)[^的，。]{1,12}的"
)
_ZH_DESCRIPTOR = compile_both(
    r"^.*(?:初创公司|创业公司|初创企业|独角兽|公司|企业|机构|厂商|平台|开发商|制造商|供应商|"
    r"运营商|服务商|巨头|大厂|实验室|创始人|联合创始人|董事长|首席执行官|总裁|CEO|投资人|"
    r"基金会成员|旗下的|旗下|子公司|母公司|"
    r"的(?![^的]{0,3}(?:资本|集团|基金|创投|投资)$))(?=.)"
)
_ZH_EDGE_WORDS = compile_both(
    r"^(?:由|和|与|及|以及|同|并|也|还|则|是|为|被|获|其他|其它|另外|此外|包括|如|除去|除了|"
    r"知名|老股东|新股东|现有股东|原股东|投资方|股东|机构|等)+|"
    r"(?:等|等等|在内|在內|共同|联合|一起|一同|均|都|也|还|亦|此次|本次|本轮|再次|继续|牵头|领投|领衔|先行|率先|"
    r"共计|合计|总计|累计|亦有|也有|还有|均有|持续|"
    r"参与|等机构|等老股东|等新老股东|等投资方|等多家机构|多家机构|等多家|等投资者|老股东|"
    r"新股东|现有股东|机构投资者|投资者|则|的)+$"
)
_ZH_VERBAL = (
    r"在|于|已|将|接近|即将|正在|计划|拟|宣布|也|还|又|再|首轮|本轮|新一轮|此轮|这一轮|一轮|出资|"
    r"通过|成为|作为|以个人|个人|身份|成功|顺利|近日|今日|日前|刚刚|此前|曾|同样|最终|有望|分别|"
    r"洽谈|商谈|磋商|正(?=[洽商谈磋筹寻进计考])|或将|预计|"
    r"[A-Ka-k][-\d+＋]*轮|天使轮|种子轮|融资|投资了|获得|获|完成|方面|没有|披露|表示|透露|报道|援引|从"
)
# Words no Chinese organization name holds; a phrase is cut at the first of them. The verbal
# ones are cut first; "的" only after descriptors ("X旗下的Y") have been read.
_ZH_VERBAL_CUT = compile_both(_ZH_VERBAL)
_ZH_NOT_IN_NAME = compile_both(r"的(?![^的]{0,3}(?:资本|集团|基金|创投|投资)$)|" + _ZH_VERBAL)
_ZH_NOT_A_NAME = compile_both(
    r"机会|能力|业务|领域|项目|技术|产品|市场|发展|研发|资金|股份|股权(?!投资)|计划|部分|倍|政府|出资|私募|累计|"
    r"希望|起家|表示|认为|预计|伙伴|之间|之后|之前|内部|初创|创业|软件|硬件|模型|随即|上市|押后|此次|不断|持续|一边|"
    r"发售|招股|募股|基石|"
    # measure and verb phrases before a figure: "规模为", "此次的新投资", "先行投入"
    r"规模|金额|总额|额度|投入|先行|本次|该笔|这笔|首期|后续|剩余|其余|总计|合计|共计|估值|新投资|的投资"
)
# A place and a generic party word is no name: "美国投资者", "日本政府", "中东财团".
_ZH_PLACE_PARTY = compile_both(
    r"^(?P<place>[\u4e00-\u9fff]{2,5}?)(?:的)?(?:投资者|投资人|投资方|投资机构|投资|机构|政府|企业|公司|财团|"
    r"资金|买家|股东)$"
)
_ZH_UNNAMED_UNIT = compile_both(
    r"(?<=..)旗下(?:的)?(?:一家|一只|全资|控股|投资|产业|战略|创投|风投)*(?:子公司|公司|基金|机构|部门|平台)$"
)
_ZH_LATIN_TAIL = compile_scanning(r"^[\u4e00-\u9fff·]{2,}([A-Z][A-Za-z0-9 .&'-]*[A-Za-z0-9])$")
_ZH_VAGUE = compile_both(  # matched at the start of a phrase
    r"数家|多家|几家|一批|其他|其它|多位|若干|一些|部分|众多|多名|一家|这家|该|一笔|一轮|一项|新一轮|"
    r".*(?:一批|一些|数家|多家|几家)$|(?:大|巨|小|高|超)额$"  # "国内外一批", "大额": no name
)
_ZH_COUNTRY_WORD = (
    r"(?:美国|英国|日本|韩国|德国|法国|新加坡|中国香港|香港|台湾|沙特|阿联酋|卡塔尔|以色列|"
    r"印度|加拿大|瑞士|荷兰|中东|中国|东南亚|欧洲|亚洲|北美|瑞典|意大利|西班牙|澳大利亚|印尼|越南)"
)
_ZH_COUNTRY = compile_both(rf"^{_ZH_COUNTRY_WORD}(?=.{{2,}})")
# A description standing where a name should ("产业资本", "某国际战略投资人", "两家", "东南亚财团"):
# who invested is not said, so no party is named.
_ZH_UNNAMED_PARTY = compile_both(
    rf"(?:某|一家|两家|[二三四五六七八九十几多数]家|一位|多位|数位|若干)?(?:{_ZH_COUNTRY_WORD}|国际|"
    r"[一二三四五六七八九十两几数多]+[大家位只个]|"
    r"海外|境外|境内|国内|外资|本土|地方|国有|国资|央企|产业|战略|财务|知名|头部|一线|顶级|大型|"
    r"主权|家族|私募|风险|风投|险资|银行|机构|老|新|现有|原有|早期|其他|多个|一批|背景|引导|政府)*"
    r"(?:资本|基金|股东|投资人|投资者|投资方|投资机构|财团|机构|资金|方|家|办公室|银行|券商|企业|"
    r"公司|巨头|车企|险企)?"
)
_COREFERENCE_EN = compile_both(
    r"^(?:the\s+(?:[\w-]+\s+){0,3}(?:company|start-?up|firm|group|developer|maker|business|"
    r"unicorn|lab)|it|its)$",
    re.I,
)
_COREFERENCE_ZH = compile_both(
    r"^(?:该公司|这家公司|该企业|这家企业|其|该|后者|这家初创公司|公司)$"
)


@lru_cache(maxsize=65536)
def strip_legal_suffix(name: str) -> str:
    """`name` without trailing Inc./Ltd./有限公司 and the like."""
    stripped = _LEGAL_SUFFIX.sub("", name).strip(" ,")
    return stripped or name


def is_coreference(phrase: str) -> bool:
    """True for 'the company', 'the London start-up', 'it', 该公司 …: a name said again."""
    phrase = phrase.strip()
    return bool(_COREFERENCE_EN.match(phrase) or _COREFERENCE_ZH.match(phrase))


@lru_cache(maxsize=65536)
def clean_name(raw: str) -> str | None:
    """The name inside a raw list item or subject phrase, or None when there is none.

    "the Canadian pension investor PSP Investments" -> "PSP Investments";
    "英国投资机构Baillie Gifford" -> "Baillie Gifford"; "涌铧投资等老股东" -> "涌铧投资".
    """
    text = raw.strip(" \t,;:，、；：\"'“”‘’()（）")
    if not text:
        return None
    quoted = ZH_QUOTED_NAME.search(text)
    if quoted:
        return strip_legal_suffix(quoted.group(1))
    if lookup(text):
        return text
    name = _clean_chinese(text) if has_cjk(text) else _clean_english(text)
    return None if name is None or _is_place_or_its_people(name) else name


def _is_place_or_its_people(name: str) -> bool:
    """ "Japan", "美国", "美国投资者", "日本政府": a place, or unnamed parties of a place."""
    place_party = _ZH_PLACE_PARTY.match(name)
    return is_place(name) or (place_party is not None and is_place(place_party.group("place")))


_CJK = compile_scanning(r"[\u4e00-\u9fff]")


def has_cjk(text: str) -> bool:
    """True when `text` holds Chinese characters: the Chinese grammar applies."""
    return not text.isascii() and _CJK.search(text) is not None  # (isascii is a flag read)


_ZH_BRACKETED = compile_scanning(r"[（(][^）)]*[）)]")
_ZH_LIST_END = compile_scanning(r"等[^、和与及]*$")
_ZH_CLAUSE_MARK = compile_scanning(r"[，。；：！？]")


def _clean_chinese(text: str) -> str | None:
    text = _ZH_BRACKETED.sub("", text)  # bracketed glosses: 奥特曼（Sam Altman）
    text = _ZH_ORIGIN.sub("", text)  # "总部位于旧金山的AI公司X": where it is, not who
    text = _ZH_LIST_END.sub("", text)  # "X等机构", "X等传统投资者": the list ends at 等
    text = _ZH_UNNAMED_UNIT.sub("", text)  # "X旗下全资子公司": only the parent is named
    text = _ZH_VERBAL_CUT.split(text)[0] or text
    latin_tail = _ZH_LATIN_TAIL.match(text)
    if latin_tail and not lookup(text):
        return _clean_english(latin_tail.group(1))  # "法国公共投资银行Bpifrance" -> "Bpifrance"
    for _ in range(3):
        before = text
        text = _ZH_EDGE_WORDS.sub("", text).strip()
        known = _longest_known_suffix(text)
        if known:
            return known
        stripped = _ZH_DESCRIPTOR.sub("", text).strip()
        if not _ZH_NOT_IN_NAME.match(stripped):
            text = stripped
        without_country = _ZH_COUNTRY.sub("", text).strip()
        if without_country != text and (
            lookup(without_country) or not has_cjk(without_country[:1])
        ):
            text = without_country
        if text == before:
            break
    text = strip_legal_suffix(_ZH_EDGE_WORDS.sub("", _ZH_NOT_IN_NAME.split(text)[0].strip()))
    if (
        not text
        or len(text) > 16
        or _ZH_CLAUSE_MARK.search(text)
        or _ZH_VAGUE.match(text)
        or _ZH_UNNAMED_PARTY.fullmatch(text)
        or _ZH_GENERIC.fullmatch(text)  # "股权投资", "人工智能": a kind of business, no name
    ):
        return None
    if not has_cjk(text):
        return _clean_english(text)
    if (
        len(text) < 2
        or (len(text) > 10 and not looks_like_org(text))
        or _ZH_NOT_A_NAME.search(text)
    ):
        return None
    return text


def _longest_known_suffix(text: str) -> str | None:
    """The longest tail of a Chinese phrase that is a known name (…公司寒武纪 -> 寒武纪)."""
    if _IDEOGRAPHS.fullmatch(text) and not text.endswith("公司"):
        # each tail is its own alias key and has no legal suffix: what lookup would find
        table = alias_table()
        return next((text[i:] for i in range(len(text) - 1) if text[i:] in table), None)
    for i in range(len(text) - 1):
        if lookup(text[i:]):
            return text[i:]
    return None


_IDEOGRAPHS = compile_scanning(r"[\u4e00-\u9fff]+")


_BLANKS = compile_scanning(r"\s+")
_POSSESSIVE_END = compile_scanning(r"(?:'s|’s)$")
_EN_TRAILING_WORDS = compile_scanning(
    r"\s+(?:also|all|too|as well|among others|and others|and other\b.*|each|both)$"
)
_EN_APPOSITIVE_PREFIX = compile_scanning(r"\b(?:of|by|from|at|in|for|with|to)\s*$|\bof\b")
_EN_NOT_A_NAME_WORD = compile_scanning(
    r"-(?:based|controlled|backed|owned|listed|led)$|^\d+(?:\.\d+)?[BMKbmk]n?$"
)
_POSSESSIVE_WORD = compile_scanning(r"['’]s$")


def _clean_english(text: str) -> str | None:
    text = _BLANKS.sub(" ", text).strip()
    text = _POSSESSIVE_END.sub("", text)
    text = _EN_TRAILING_WORDS.sub("", text)
    runs = list(EN_NAME_RUN.finditer(text))
    if not runs:
        return None
    run = runs[-1]
    if text[run.end() :].strip(" .,"):
        return None  # the item goes on after its last name: not a bare name
    prefix = text[: run.start()]
    if _EN_APPOSITIVE_PREFIX.search(prefix):
        return None  # "the venture arm of Nvidia": an appositive, not a second investor
    words = [w for w in run.group().split() if not _EN_NOT_A_NAME_WORD.search(w)]
    owner = max((i for i, w in enumerate(words[:-1]) if _POSSESSIVE_WORD.search(w)), default=-1)
    words = words[owner + 1 :]  # "Singapore's Temasek" -> "Temasek"
    while words and words[0].rstrip(".,") in _EN_STOP_START and len(words) > 1:
        words.pop(0)
    while words and words[-1] in _EN_STOP_END:
        words.pop()
    if not words or words[0] in _EN_STOP_START or (len(words) == 1 and len(words[0]) < 2):
        return None
    described = [i for i, w in enumerate(words) if w in _EN_DESCRIPTOR_HEAD]
    if described:  # title-case headlines: "Payments Giant Zetapay", "AI Startup Raises"
        rest = words[described[-1] + 1 :]
        if not rest:
            return None
        if not (len(rest) == 1 and _EN_ORG_HEAD_WORD.fullmatch(rest[0])):
            words = rest  # but "Hummingbird Startup Fund" is one name: a bare head is no name
    place = _EN_PLACE.match(" ".join(words))
    if place and all(w in _EN_STOP_START for w in " ".join(words)[place.end() :].split()):
        return None  # "Japan", "South Korean AI": a place or a nationality describes, never names
    return strip_legal_suffix(" ".join(words))


def canonical(name: str) -> str:
    """The canonical name: the alias table's, else the cleaned name as written."""
    entity = lookup(name)
    return entity.name if entity else strip_legal_suffix(name)


_ZH_ORG_END = compile_scanning(f"(?:{_ZH_ORG_HEAD})$")
_EN_ORG_END = compile_scanning(rf"\b(?:{_EN_ORG_HEAD})$")


def looks_like_org(name: str) -> bool:
    """True when a name's own grammar marks it as an organization (X Capital, …资本)."""
    if has_cjk(name):
        return bool(_ZH_ORG_END.search(name))
    return bool(_EN_ORG_END.search(name))


def find_names(text: str) -> list[Mention]:
    """Known names plus names recognized by their grammar: candidates for roles."""
    return list(_find_names(text))


@lru_cache(maxsize=4096)
def _find_names(text: str) -> tuple[Mention, ...]:
    known = find_known(text)
    taken = [(m.start, m.end) for m in known]
    out = list(known)
    for m in EN_NAME_RUN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        name = _clean_english(m.group())
        if name and not _is_place_or_its_people(name):
            offset = m.group().find(name)
            start = m.start() + max(offset, 0)
            out.append(Mention(start, start + len(name), name, canonical(name), None))
    chinese = not text.isascii()  # the two patterns below need Chinese characters
    for m in _ZH_SUFFIX_NAME.finditer(text) if chinese else ():
        if not any(s < m.end(1) and m.start(1) < e for s, e in taken) and not _ZH_GENERIC.fullmatch(
            m.group(1)
        ):
            name = _clean_chinese(m.group(1))
            if name and not _is_place_or_its_people(name):
                out.append(Mention(m.start(1), m.start(1) + len(name), name, canonical(name), None))
                taken.append((m.start(1), m.end(1)))
    for m in _ZH_INTRODUCED_NAME.finditer(text) if chinese else ():
        if not any(s < m.end(1) and m.start(1) < e for s, e in taken):
            name = _clean_chinese(m.group(1))
            if name and has_cjk(name):
                out.append(Mention(m.start(1), m.start(1) + len(name), name, canonical(name), None))
    out.sort(key=lambda m: m.start)
    return tuple(out)
