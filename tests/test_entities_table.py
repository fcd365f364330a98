"""Integrity of the entity alias table (seeds/entities.csv).

The extractor resolves every organization and person through this table, so an
alias on two rows, or a name that is also another row's alias, would make the
canonical name depend on lookup order. These checks keep the table reviewable
and unambiguous as it grows.
"""

import csv
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

TABLE = Path(__file__).resolve().parents[1] / "seeds" / "entities.csv"
HEADER = ["name", "type", "aliases"]
TYPES = {"investor", "company", "person"}
LEGAL_SUFFIX = re.compile(
    r"(?:\b(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|GmbH|PLC|LLP|Corp|S\.A|N\.V|B\.V)\.?"
    r"|\bCo\.,?\s*Ltd\.?|\bL\.P\.|\bAG|\bLP|有限公司|有限责任公司|有限責任公司)\s*$",
    re.IGNORECASE,
)
MUST_MAP = {
    "谷歌": "Google",
    "Alphabet": "Google",
    "亚马逊": "Amazon",
    "微软": "Microsoft",
    "红杉中国": "HongShan",
    "高瓴": "Hillhouse",
    "软银": "SoftBank",
    "英伟达": "Nvidia",
    "腾讯": "Tencent",
    "阿里巴巴": "Alibaba",
    "蚂蚁集团": "Ant Group",
    "AWS": "Amazon Web Services",
    "a16z": "Andreessen Horowitz",
}


NAME_SUFFIX = re.compile(
    r"(?:\s(?:incorporated|corporation|holdings?|limited|group|corp|inc|llc|ltd|plc|gmbh|co|ag|sa)"
    r"|(?<=.)(?:股份有限公司|有限责任公司|有限公司|控股|集团|集團|公司))$"
)


def _key(text: str) -> str:
    """Lookup key as names are compared downstream: width-, case-, punctuation- and
    suffix-insensitive, so "Alibaba Group" and "alibaba" are the same key."""
    text = re.sub(r"[\s.,·・'’\"“”()（）\-_&]+", " ", unicodedata.normalize("NFKC", text))
    text = text.casefold().strip()
    while (shorter := NAME_SUFFIX.sub("", text).strip()) != text:
        text = shorter
    return text.replace(" ", "")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == HEADER
        return list(reader)


def _aliases(row: dict[str, str]) -> list[str]:
    return [alias for alias in row["aliases"].split("|") if alias]


def test_every_row_has_a_name_and_an_allowed_type(rows: list[dict[str, str]]) -> None:
    assert all(row["name"].strip() == row["name"] and row["name"] for row in rows)
    assert {row["type"] for row in rows} <= TYPES


def test_aliases_are_clean(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for alias in row["aliases"].split("|") if row["aliases"] else []:
            assert alias and alias == alias.strip(), f"blank or padded alias on {row['name']}"


def test_names_are_unique(rows: list[dict[str, str]]) -> None:
    counts = Counter(_key(row["name"]) for row in rows)
    assert [name for name, n in counts.items() if n > 1] == []


def test_no_alias_on_two_rows(rows: list[dict[str, str]]) -> None:
    owners: dict[str, set[str]] = {}
    for row in rows:
        for alias in _aliases(row):
            owners.setdefault(_key(alias), set()).add(row["name"])
    assert {alias: names for alias, names in owners.items() if len(names) > 1} == {}


def test_no_name_is_another_rows_alias(rows: list[dict[str, str]]) -> None:
    names = {_key(row["name"]): row["name"] for row in rows}
    clashes = [
        (alias, row["name"], names[_key(alias)])
        for row in rows
        for alias in _aliases(row)
        if _key(alias) in names and names[_key(alias)] != row["name"]
    ]
    assert clashes == []


def test_names_carry_no_legal_suffix(rows: list[dict[str, str]]) -> None:
    assert [row["name"] for row in rows if LEGAL_SUFFIX.search(row["name"])] == []


def test_key_ignores_case_width_punctuation_and_suffixes() -> None:
    assert _key("Alibaba Group Holding Ltd.") == _key("ALIBABA")
    assert _key("腾讯控股") == _key("腾讯")
    assert _key("Ｏｐｅｎ-AI") == _key("open ai")


def test_legal_suffix_pattern() -> None:
    assert LEGAL_SUFFIX.search("Acme Inc.")
    assert LEGAL_SUFFIX.search("Acme Co., Ltd.")
    assert LEGAL_SUFFIX.search("某某科技有限公司")
    assert not LEGAL_SUFFIX.search("Lincoln Ventures")


def test_table_is_sorted_by_type_then_name(rows: list[dict[str, str]]) -> None:
    order = [(row["type"], row["name"].casefold()) for row in rows]
    assert order == sorted(order)


def test_coverage_by_type(rows: list[dict[str, str]]) -> None:
    counts = Counter(row["type"] for row in rows)
    assert counts["investor"] >= 500
    assert counts["company"] >= 300


# Everyday phrases of funding news. Known names are found in Chinese text without word
# boundaries, so a short alias must not hide inside any of them (国投 in 美国投资者).
EVERYDAY_PHRASES = (
    "美国投资者",
    "集中投资于早期项目",
    "其中金额最大的一笔",
    "获得物流企业青睐",
    "高通量筛选平台",
    "中国电子商务市场",
    "界面使用友好",
    "共创美好未来",
    "其中车企占比较高",
    "财富达到新高",
    "有赞助商支持",
    "让人联想到",
    "交大基金会",
    "美国风投机构",
    "美国寿险公司",
    "江苏创投机构",
)


def test_no_alias_hides_in_everyday_phrases(rows: list[dict[str, str]]) -> None:
    hits = [
        (alias, phrase)
        for row in rows
        for alias in [*_aliases(row), row["name"]]
        for phrase in EVERYDAY_PHRASES
        if re.search(r"[\u4e00-\u9fff]", alias) and alias in phrase
    ]
    assert hits == []


def test_no_alias_looks_like_a_number_or_round_label(rows: list[dict[str, str]]) -> None:
    """ "D1" or "776" would turn "Series D1" or "$776 million" into an investor."""
    pattern = re.compile(r"[A-K]\d?|\d+(?:\.\d+)?")
    assert [a for row in rows for a in _aliases(row) if pattern.fullmatch(a)] == []


@pytest.mark.parametrize(("alias", "name"), sorted(MUST_MAP.items()))
def test_must_have_mappings(rows: list[dict[str, str]], alias: str, name: str) -> None:
    owner = {_key(a): row["name"] for row in rows for a in _aliases(row)}
    assert owner.get(_key(alias)) == name
