"""Integrity of the entity alias table (seeds/entities.csv).

The extractor resolves every organization and person through this table, so an
alias on two rows, or a name that is also another row's alias, would make the
canonical name depend on lookup order. These checks keep the table reviewable
and unambiguous as it grows.
"""

import csv
import re
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
    "高瓴": "Hillhouse Investment",
    "软银": "SoftBank",
    "英伟达": "Nvidia",
    "腾讯": "Tencent",
    "阿里巴巴": "Alibaba",
    "蚂蚁集团": "Ant Group",
    "AWS": "Amazon Web Services",
    "a16z": "Andreessen Horowitz",
}


def _key(text: str) -> str:
    """Lookup key as the extractor compares names: case- and space-insensitive."""
    return re.sub(r"\s+", " ", text).strip().casefold()


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


@pytest.mark.parametrize(("alias", "name"), sorted(MUST_MAP.items()))
def test_must_have_mappings(rows: list[dict[str, str]], alias: str, name: str) -> None:
    owner = {_key(a): row["name"] for row in rows for a in _aliases(row)}
    assert owner.get(_key(alias)) == name
