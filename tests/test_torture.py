"""A torture inbox, written by the test, through one real flow run: every file ends as an
article or a reject with a specific reason, absurd figures are stopped by the named schema
check, the run finishes, and nothing outside the inbox is opened.

Unreadable files: the tests run as root, which reads any file whatever its permission
bits, so "unreadable" is a FIFO (reading would block for ever) and a dangling symlink.
What is opened is watched with a `sys.addaudithook` hook during the run.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from fundwire.schemas.facts import MAX_AMOUNT
from fundwire.transforms.decode import decode_article
from fundwire.transforms.extract import extract_facts
from fundwire.warehouse.inbox import discover
from fundwire.warehouse.parquet_store import read_table
from fundwire.warehouse.tables import ARTICLES, FACTS, REJECTS

ZH = "星河科技宣布完成5000万元A轮融资，由红杉中国领投，高瓴资本跟投。本轮资金将用于研发。"
EN = "Acme Robotics raised $20 million in a Series A round led by Sequoia Capital."
HEAD = "---\npublished: 2024-02-02\n---\n"
ALIAS_BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
)
SENTINEL_NAME = "yaml-ran-code"
LATIN1_NAME = b"caf\xe9-funding.md"  # not UTF-8: stored as the printable "caf\\xe9-funding.md"
# Sentences the fuzzer found to crash extraction (fuzz/fuzz_extract.py): where, why, the fix.
FUZZ_FINDS = {
    "dotted-i.md": (
        "Acme raised $5 mİllion in a seed round led by Accel.",
        "transforms/money.py `_english_magnitude`: 'mİllion' matched the case-insensitive "
        "pattern but lower-cased to 'mi̇llion' (KeyError); fixed by case-folded matching",
    ),
    "long-number.md": (
        "Acme hits $2333333333333333333333 billion valuation.",
        "transforms/numbers.py `exact`: quantize needed more than the 28 digits of the default "
        "decimal context (InvalidOperation); fixed by quantizing in a wider localcontext",
    ),
}

# file name → (stage, reason) of the reject row the whole file must become
FILE_REJECTS = {
    "empty.md": ("decode", "empty"),
    "whitespace.txt": ("decode", "empty"),
    "picture.md": ("decode", "binary"),
    "huge.txt": ("discover", "too_large"),
    "mixed-encodings.md": ("decode", "undecodable"),
    "bad-yaml.md": ("decode", "bad_front_matter"),
    "python-tag.md": ("decode", "bad_front_matter"),
    "impossible-date.md": ("decode", "bad_front_matter"),
    "list.json": ("decode", "bad_json"),
    "string.json": ("decode", "bad_json"),
    "deep.json": ("decode", "bad_json"),
    "scripts-only.html": ("decode", "no_text"),
    "notes.csv": ("decode", "unsupported_format"),
    "outside-link.md": ("discover", "outside_inbox"),
    "dangling-link.md": ("discover", "not_a_file"),
    "fifo.md": ("discover", "not_a_file"),
}
# file name → the check a fact of that article fails (the article itself is kept)
FACT_REJECTS = {
    "absurd-amount.md": "amount: amount_positive_and_plausible",
    "zero-amount.md": "amount: amount_positive_and_plausible",
}
ARTICLES_KEPT = {
    "invalid-utf8.md",
    "gbk-no-front-matter.txt",
    "alias-bomb.md",
    "negative-amount.md",
    "year-2199.md",
    *FACT_REJECTS,
}


def _torture_files(outside: Path) -> dict[str, bytes]:
    return {
        "empty.md": b"",
        "whitespace.txt": " \n\t \r\n\u3000 ".encode(),
        "picture.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "huge.txt": EN.encode() * (50 * 1024 * 1024 // len(EN)),
        "invalid-utf8.md": (HEAD + EN).encode() + b" \xc3\x28 \xa0\xa1 \xf0\x28\x8c\x28\n",
        "mixed-encodings.md": (HEAD + ZH).encode("utf-8") + ZH.encode("gbk"),
        "gbk-no-front-matter.txt": (ZH * 2).encode("gbk"),
        "bad-yaml.md": f"---\ntitle: [unclosed\n---\n{EN}".encode(),
        "python-tag.md": (
            f"---\ntitle: !!python/object/apply:os.system ['touch {outside / SENTINEL_NAME}']\n"
            f"---\n{EN}"
        ).encode(),
        "impossible-date.md": f"---\npublished: 2024-13-45\n---\n{EN}".encode(),
        "alias-bomb.md": f"---\n{ALIAS_BOMB}\ntitle: *a8\n---\n{EN}".encode(),
        "list.json": b"[1, 2, 3]",
        "string.json": json.dumps(EN).encode(),
        "deep.json": b"[" * 200_000,
        "scripts-only.html": b"<html><head><script>var a = 'Acme raised $5 million';</script>"
        b"<style>p {}</style></head><body><script>document.write('x')</script></body></html>",
        "notes.csv": b"company,amount\nAcme,20000000\n",
        "absurd-amount.md": (
            HEAD + "Gamma Labs raised $9,999,999 trillion in a Series A round led by Accel."
        ).encode(),
        "zero-amount.md": (HEAD + "Zeta Labs raised $0 in a seed round led by Accel.").encode(),
        "negative-amount.md": (
            HEAD + "Delta Labs raised -$5 million in a seed round led by Accel."
        ).encode(),
        **{name: (HEAD + sentence).encode() for name, (sentence, _) in FUZZ_FINDS.items()},
        "year-2199.md": (
            b"---\npublished: 2199-03-01\n---\n"
            b"Epsilon Labs raised $5 million in a Series A round led by Accel in March 2199."
        ),
    }


class OpenWatch:
    """Records every path opened by this process while on (an audit hook cannot be removed)."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.on = False
        self.ignored_threads: set[int] = set()
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple) -> None:
        if not self.on or event != "open" or threading.get_ident() in self.ignored_threads:
            return
        if isinstance(args[0], str | bytes | os.PathLike):
            self.paths.append(Path(os.path.abspath(os.fsdecode(args[0]))))


@pytest.fixture(scope="module")
def torture(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> dict:
    from fundwire.flows.pipeline import run_pipeline

    root = tmp_path_factory.mktemp("torture")
    inbox, warehouse, outside = root / "inbox", root / "warehouse", root / "outside"
    inbox.mkdir()
    outside.mkdir()
    (outside / "secret.md").write_text(EN)
    for name, data in _torture_files(outside).items():
        (inbox / name).write_bytes(data)
    (inbox / "outside-link.md").symlink_to(outside / "secret.md")
    (inbox / "dangling-link.md").symlink_to(inbox / "nowhere.md")
    os.mkfifo(inbox / "fifo.md")
    (inbox / os.fsdecode(LATIN1_NAME)).write_bytes((HEAD + EN).encode())
    (inbox / "folder.md").mkdir()  # a directory is walked into, not read: it has no outcome

    # If the run ever opened the FIFO it would block for ever; this writer unblocks it
    # (the read then sees an empty file and the test fails instead of hanging).
    watch = OpenWatch()
    writer = threading.Thread(
        target=_open_for_writing, args=(inbox / "fifo.md", watch), daemon=True
    )
    writer.start()
    watch.on = True
    try:
        summary = run_pipeline(inbox, warehouse, settle_seconds=0)
    finally:
        watch.on = False
        os.close(os.open(inbox / "fifo.md", os.O_RDONLY | os.O_NONBLOCK))  # release the writer
        writer.join(timeout=5)
    return {
        "root": root,
        "inbox": inbox,
        "outside": outside,
        "summary": summary,
        "opened": watch.paths,
        "rejects": read_table(warehouse, REJECTS).to_pylist(),
        "articles": {row["path"]: row for row in read_table(warehouse, ARTICLES).to_pylist()},
        "facts": read_table(warehouse, FACTS).to_pylist(),
    }


def _open_for_writing(fifo: Path, watch: OpenWatch) -> None:
    watch.ignored_threads.add(threading.get_ident())
    with open(fifo, "wb"):
        pass


def _printable(name: str) -> str:
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _file_rejects(torture: dict, path: str) -> list[tuple[str, str]]:
    return [(r["stage"], r["reason"]) for r in torture["rejects"] if r["path"] == path]


@pytest.mark.flow
@pytest.mark.parametrize(("name", "expected"), sorted(FILE_REJECTS.items()))
def test_each_bad_file_is_one_reject_with_its_reason(
    torture: dict, name: str, expected: tuple[str, str]
) -> None:
    assert _file_rejects(torture, name) == [expected]
    assert name not in torture["articles"]
    detail = next(r["detail"] for r in torture["rejects"] if r["path"] == name)
    assert detail.strip()


@pytest.mark.flow
@pytest.mark.parametrize(("name", "check"), sorted(FACT_REJECTS.items()))
def test_absurd_figures_are_rejected_by_the_named_check(
    torture: dict, name: str, check: str
) -> None:
    failed = [r for r in torture["rejects"] if r["file_name"] == name and r["stage"] == "validate"]
    assert failed and all(r["reason"] == "fact_failed_checks" for r in failed)
    assert check in {r["failed_check"] for r in failed}
    assert json.loads(failed[0]["row_json"])["file_name"] == name


@pytest.mark.flow
def test_run_finishes_and_every_file_is_accounted_for(torture: dict) -> None:
    summary = torture["summary"]
    assert summary.locked is None
    files = {_printable(p.name) for p in torture["inbox"].iterdir() if not p.is_dir()}
    file_level = {r["path"] for r in torture["rejects"] if r["stage"] != "validate"}
    assert file_level | set(torture["articles"]) == files
    assert not file_level & set(torture["articles"])
    assert set(torture["articles"]) >= ARTICLES_KEPT
    for name in FUZZ_FINDS:  # an extractor failure is one reject, not a failed run
        assert name in torture["articles"] or _file_rejects(torture, name) == [
            ("extract", "extract_error")
        ]


@pytest.mark.flow
def test_no_absurd_fact_reaches_the_warehouse(torture: dict) -> None:
    for fact in torture["facts"]:
        amount = fact["amount"]
        assert amount is None or Decimal(0) < amount <= MAX_AMOUNT, fact
        assert fact["date"] is None or fact["date"] < "2100", fact


@pytest.mark.flow
def test_odd_but_readable_articles_are_kept_as_they_are(torture: dict) -> None:
    articles = torture["articles"]
    assert articles["invalid-utf8.md"]["encoding"] != "utf-8"  # the fallback codec is recorded
    gbk = articles["gbk-no-front-matter.txt"]
    assert (gbk["encoding"], gbk["lang"]) == ("gb18030", "zh")
    assert gbk["fact_count"] >= 1
    assert articles["alias-bomb.md"]["title"] is None
    assert articles["year-2199.md"]["published"] is None  # 2199 is no publication date
    assert articles["caf\\xe9-funding.md"]["fact_count"] >= 1  # a Latin-1 file name


@pytest.mark.flow
def test_nothing_outside_the_inbox_is_opened(torture: dict) -> None:
    inbox, outside = torture["inbox"], torture["outside"]
    never = {inbox / n for n in ("outside-link.md", "dangling-link.md", "fifo.md", "huge.txt")}
    opened = set(torture["opened"])
    assert inbox / "empty.md" in opened, "the audit hook does not see the run's reads"
    assert not opened & never
    assert not [p for p in opened if p.is_relative_to(outside)]
    assert not (outside / SENTINEL_NAME).exists(), "YAML front matter executed code"


@pytest.mark.parametrize(("sentence", "cause"), FUZZ_FINDS.values(), ids=list(FUZZ_FINDS))
def test_fuzz_finds_do_not_crash_extraction(sentence: str, cause: str) -> None:
    """Regression tests of the fuzz run (`cause` says where each crash was and its fix)."""
    extract_facts(decode_article(f"{HEAD}{sentence}".encode(), "a.md"))


def test_warehouse_inside_the_inbox_is_not_ingested(tmp_path: Path) -> None:
    """`--inbox data --warehouse data/warehouse` must not read the warehouse as articles."""
    inbox = tmp_path / "data"
    (inbox / "warehouse" / "facts").mkdir(parents=True)
    (inbox / "warehouse" / "facts" / "notes.md").write_text(EN)
    (inbox / "a.md").write_text(EN)
    found = discover(inbox, inbox / "warehouse", settle_seconds=0)
    assert [n.file.rel for n in found.new] == ["a.md"]
