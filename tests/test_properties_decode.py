"""Properties of decoding: any bytes under any name give an Article or a DecodeError, and
text written in a supported encoding reads back exactly.

Chinese round trips use sentences of a dozen distinct words: a detector cannot name
the codec of three GBK characters (they are equally valid cp949), and articles are longer.
"""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from fundwire.transforms.decode import FORMATS, DecodeError, decode_article, decode_text

SIMPLIFIED_WORDS = (
    "公司 完成 融资 亿元 万美元 投资 领投 跟投 资本 基金 宣布 本轮 估值 科技 人工智能 机器人 "
    "创始人 表示 将用于 研发 市场 天使轮 股份 有限 北京 上海 深圳 。 ，"
)
TRADITIONAL_WORDS = (
    "公司 完成 融資 億元 萬美元 投資 領投 跟投 資本 基金 宣佈 本輪 估值 科技 人工智慧 機器人 "
    "創辦人 表示 將用於 研發 市場 天使輪 股份 有限 臺北 香港 。 ，"
)
BINARY_PREFIXES = ("GIF8", "%PDF", "PK\x03\x04", "\x1f\x8b")

suffixes = st.sampled_from([*FORMATS, ".csv", ".png", "", ".MD", ".Json"])
names = st.builds(lambda stem, suffix: stem + suffix, st.text(max_size=40), suffixes)
yaml_scalars = st.one_of(
    st.text(alphabet=string.printable, max_size=30),
    st.sampled_from(["2024-13-45", "2199-01-01", "!!python/object:os.system", "&a [*a]", "{", "]"]),
)


def _front_matter(fields: dict[str, str], body: str) -> bytes:
    lines = "\n".join(f"{key}: {value}" for key, value in fields.items())
    return f"---\n{lines}\n---\n{body}".encode(errors="surrogatepass")


def _decodes_or_rejects(data: bytes, name: str) -> None:
    try:
        article = decode_article(data, name)
    except DecodeError as exc:
        assert exc.reason and str(exc)
        return
    assert article.text.strip()
    assert article.format in set(FORMATS.values())
    assert article.lang in {"en", "zh"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048), name=names)
@example(data=b"---\npublished: 2024-13-45\n---\nbody", name="a.md")
@example(data=b'{"body": "x", "n": ' + b"1" * 5000 + b"}", name="a.json")
@example(data=b"[" * 100_000, name="a.json")
@example(data=b"---\na: " + b"[" * 100_000 + b"\n---\nbody", name="a.md")
@example(data=b"---\na:\n" + b"- " * 100_000 + b"x\n---\nbody", name="a.md")
@example(data=b"\xff\xfe\x00\x00\xff\xff\xff\xff", name="a.txt")
def test_any_bytes_give_an_article_or_a_decode_error(data: bytes, name: str) -> None:
    _decodes_or_rejects(data, name)


@settings(max_examples=200, deadline=None)
@given(
    fields=st.dictionaries(
        st.sampled_from(["title", "published", "date", "lang", "source", "url", "x"]), yaml_scalars
    ),
    body=st.text(max_size=200),
    suffix=st.sampled_from([".md", ".txt", ".markdown"]),
)
def test_any_front_matter_gives_an_article_or_a_decode_error(
    fields: dict[str, str], body: str, suffix: str
) -> None:
    _decodes_or_rejects(_front_matter(fields, body), "2024-03-05" + suffix)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
)


@settings(max_examples=150, deadline=None)
@given(doc=json_values)
def test_any_json_value_gives_an_article_or_a_decode_error(doc: object) -> None:
    _decodes_or_rejects(json.dumps(doc).encode(), "a.json")
    _decodes_or_rejects(json.dumps({"body": doc, "title": doc, "date": doc}).encode(), "b.json")


def test_alias_bomb_in_front_matter_is_not_expanded() -> None:
    """Nine levels of nine aliases are 9**9 items once printed; the title must be ignored."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    data = ("---\n" + "\n".join(lines) + "\ntitle: *a8\n---\nAcme raised $1 million.").encode()
    article = decode_article(data, "bomb.md")
    assert article.title is None
    assert article.text == "Acme raised $1 million."


@pytest.mark.parametrize(
    "codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
)
@settings(max_examples=100, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_unicode_text_round_trips(codec: str, text: str) -> None:
    assume(not text.startswith("\ufeff") and not text.startswith(BINARY_PREFIXES))
    data = text.encode(codec)
    if codec in {"utf-16-le", "utf-16-be"}:  # a BOM is what makes UTF-16 recognisable
        data = ("\ufeff" + text).encode(codec)
    assert decode_text(data)[0] == text


@pytest.mark.parametrize(
    ("codec", "words"),
    [("gb18030", SIMPLIFIED_WORDS), ("gbk", SIMPLIFIED_WORDS), ("big5", TRADITIONAL_WORDS)],
)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_chinese_sentences_round_trip_in_legacy_codecs(codec: str, words: str, data) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(words.split()), min_size=12, unique=True)))
    assert decode_text(text.encode(codec))[0] == text


def test_short_gbk_text_reads_as_chinese_not_korean() -> None:
    """Regression: the detector ties GB18030 with cp949 on short text; the tie goes to Chinese."""
    text = "股份研发表示研发，"
    assert decode_text(text.encode("gbk")) == (text, "gb18030")


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=string.ascii_letters + string.digits + " .,$\n", min_size=20))
@example(text="$" * 20)
def test_ascii_survives_any_western_codec(text: str) -> None:
    """Single-byte Western codecs are indistinguishable; the ASCII they share always survives.

    (Below a sentence, "$ café", no codec can be named and the file is `undecodable`.)"""
    for codec in ("latin-1", "cp1252"):
        assert decode_text((text + " café").encode(codec))[0].startswith(text)
