"""Decoding: formats, encodings, front matter, published dates, and every way a file fails."""

from __future__ import annotations

import json
from datetime import date

import pytest

from fundwire.transforms.decode import DecodeError, decode_article

ZH = (
    "---\ntitle: 某公司完成1亿元融资\npublished: 2024-03-05\nlang: zh\n---\n"
    "某公司完成1亿元A轮融资，由某资本领投。"
)


def test_markdown_front_matter_gives_metadata_and_headline() -> None:
    text = "---\ntitle: Acme raises $5 million\npublished: 2024-03-05\nsource: Wire\n---\nBody."
    article = decode_article(text.encode(), "acme.md")
    assert article.title == "Acme raises $5 million"
    assert article.published == date(2024, 3, 5)
    assert article.published_source == "front_matter"
    assert article.source == "Wire"
    assert article.text.startswith("Acme raises $5 million\n\nBody.")
    assert article.lang == "en"
    assert article.format == "md"


def test_headline_not_repeated_when_body_opens_with_it() -> None:
    text = "---\ntitle: Acme raises\n---\n# Acme raises\n\nBody."
    assert decode_article(text.encode(), "a.md").text == "# Acme raises\n\nBody."


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "utf-16", "utf-8-sig"])
def test_chinese_in_any_supported_encoding(codec: str) -> None:
    article = decode_article(ZH.encode(codec), "zh.txt")
    assert "由某资本领投" in article.text
    assert article.lang == "zh"
    assert article.published == date(2024, 3, 5)


def test_big5_traditional_chinese() -> None:
    text = "某科技公司宣布完成新一輪融資，金額達新台幣五億元，由多家創投機構共同參與投資。" * 3
    article = decode_article(text.encode("big5"), "tw.txt")
    assert article.encoding.lower().replace("-", "") in {"big5", "big5hkscs", "cp950"}
    assert "新台幣" in article.text


def test_date_from_file_name_when_metadata_has_none() -> None:
    article = decode_article(b"Acme raised money.", "2023-10-28_acme.txt")
    assert article.published == date(2023, 10, 28)
    assert article.published_source == "file_name"


def test_no_date_anywhere_stays_null() -> None:
    article = decode_article(b"Acme raised money.", "acme.txt")
    assert article.published is None
    assert article.published_source is None


def test_json_article() -> None:
    doc = {"title": "T", "body": "Acme raised $1 million.", "published": "2022-01-02", "lang": "en"}
    article = decode_article(json.dumps(doc).encode(), "a.json")
    assert article.published == date(2022, 1, 2)
    assert article.published_source == "json"
    assert "Acme raised $1 million." in article.text


def test_html_main_text_without_navigation_or_scripts() -> None:
    html = (
        "<html><head><title>Acme raises $5M</title><script>var x = 'tracking';</script></head>"
        "<body><nav><a href='/'>Home</a> <a href='/ai'>AI section</a></nav><article><h1>Acme "
        "raises $5M</h1><p>Acme, a robotics start-up, said on Monday it had raised $5 million in "
        "a seed round led by Example Ventures, which it will spend on hiring engineers.</p>"
        "<p>The company was founded two years ago by former researchers.</p></article>"
        "<footer>Copyright Example Media</footer></body></html>"
    )
    article = decode_article(html.encode(), "a.html")
    assert "raised $5 million" in article.text
    assert "tracking" not in article.text
    assert "Copyright" not in article.text


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.md", "empty"),
        (b"  \n\t \n", "blank.md", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.md", "binary"),
        (b"---\ntitle: [unclosed\n---\nBody", "bad.md", "bad_front_matter"),
        (b"---\n!!python/object:os.system {}\n---\nBody", "evil.md", "bad_front_matter"),
        (b"---\n- a list\n---\nBody", "list.md", "bad_front_matter"),
        (b"[1, 2, 3]", "list.json", "bad_json"),
        (b"{not json", "broken.json", "bad_json"),
        (b"<html><script>alert(1)</script></html>", "script.html", "no_text"),
        (b"data", "file.pdf", "unsupported_format"),
        (b"---\ntitle: only metadata\n---\n", "meta.md", "no_text"),
    ],
)
def test_files_that_cannot_be_articles_say_why(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_article(data, name)
    assert caught.value.reason == reason
    assert str(caught.value)


def test_invalid_utf8_bytes_are_detected_not_crashed_on() -> None:
    data = "融资".encode() + b"\xff\xfe\xfa" + "完成".encode("gbk")
    try:
        article = decode_article(data, "mixed.txt")
    except DecodeError as exc:
        assert exc.reason == "undecodable"
    else:
        assert article.text


def test_dev_corpus_decodes_every_file(shared_corpus) -> None:
    files = [p for p in (shared_corpus / "dev").iterdir() if not p.name.startswith("gold")]
    assert len(files) == 40
    for path in files:
        article = decode_article(path.read_bytes(), path.name)
        assert len(article.text) > 200, path.name
        assert article.lang == path.name[:2], path.name
