"""Bytes of an inbox file to an Article: encoding, format, front matter, published date.

Every way a file can fail is a `DecodeError` with a short machine-readable
`reason` (it becomes the reject row's reason) and a human message.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import PurePath

import charset_normalizer
import yaml

from fundwire.transforms.html import main_text
from fundwire.transforms.records import Article

FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_BINARY_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FILE_NAME_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
_MAX_STRAY_SHARE = 0.1  # non-ASCII bytes in text read as cp1252 when nothing else fits
_CJK = re.compile(r"[\u3400-\u9fff]")
_EARLIEST_PUBLISHED = date(1990, 1, 1)
_LATEST_PUBLISHED = date(2100, 1, 1)


class DecodeError(ValueError):
    """A file that cannot become an article; `reason` is the reject code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def decode_article(data: bytes, file_name: str) -> Article:
    """Read one inbox file's bytes as an article, or raise DecodeError with the reason."""
    fmt = FORMATS.get(PurePath(file_name).suffix.lower())
    if fmt is None:
        raise DecodeError(
            "unsupported_format", f"unsupported file type {PurePath(file_name).suffix!r}"
        )
    text, encoding = decode_text(data)
    if not text.strip():
        raise DecodeError("empty", "file is empty or whitespace only")
    if fmt == "json":
        meta, body = _split_json(text)
        meta_source = "json"
    elif fmt == "html":
        meta, body = main_text(text)
        meta_source = "html"
    else:
        meta, body = _split_front_matter(text)
        meta_source = "front_matter"
    body = body.strip()
    if not body:
        raise DecodeError("no_text", "no article text after removing markup and metadata")
    published, published_source = _published(meta, meta_source, file_name)
    title = _clean_str(meta.get("title"))
    return Article(
        file_name=PurePath(file_name).name,
        text=_with_headline(title, body),
        title=title,
        published=published,
        published_source=published_source,
        lang=_language(meta.get("lang"), body),
        source=_clean_str(meta.get("source")),
        url=_clean_str(meta.get("url")),
        encoding=encoding,
        format=fmt,
    )


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes to text by BOM, then strict UTF-8, then a charset detector; never a guess."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    "undecodable", f"invalid {codec} after its byte-order mark: {exc}"
                ) from exc
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise DecodeError("binary", f"file is a {kind}, not text")
    if b"\x00" in data[:4096]:
        raise DecodeError("binary", "file contains NUL bytes: binary, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _detected_encoding(data)
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError("undecodable", f"bytes are not valid {encoding}: {exc}") from exc


def _detected_encoding(data: bytes) -> str:
    """The charset detector's pick among the codecs an article without a BOM can be in.

    UTF-16/32 without a byte-order mark is never accepted (the bytes hold no NUL, so
    they are not UTF-16 text; the detector proposes it for short Latin-1 text). When
    nothing else fits, bytes that are nearly all ASCII are Western text with a few
    stray bytes and are read as cp1252 (the detector names no codec for "$ café");
    otherwise they are mixed or corrupt. On a tie the pick is GB18030: fundwire reads
    English and Chinese, and a short GBK sentence scores exactly as well as cp949.
    """
    candidates = [
        match
        for match in charset_normalizer.from_bytes(data)
        if match.encoding and not match.encoding.startswith(("utf_16", "utf_32"))
    ]
    if not candidates:
        if sum(byte >= 0x80 for byte in data) <= _MAX_STRAY_SHARE * len(data):
            return "cp1252"
        raise DecodeError("undecodable", "no text encoding fits the bytes (mixed or corrupt)")
    best = candidates[0]
    for match in candidates:
        tied = match.chaos == best.chaos and match.coherence == best.coherence
        if tied and _widen(match.encoding) == "gb18030":
            return "gb18030"
    return _widen(best.encoding)


def _widen(encoding: str) -> str:
    """GBK/GB2312 files are decoded as their superset GB18030 (same bytes, more characters)."""
    return "gb18030" if encoding.lower() in {"gbk", "gb2312", "gb18030", "cp936"} else encoding


# libyaml's safe loader when PyYAML was built with it: same documents, ~8x faster. Its
# composer recurses on the C stack with no depth limit, so front matter that could nest
# deeply (many brackets, or long) goes to the pure-Python loader, which raises RecursionError.
_FAST_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FAST_YAML_MAX_BRACKETS = 64
_FAST_YAML_MAX_CHARS = 8_192


def _yaml_loader(source: str) -> type:
    shallow = (
        len(source) <= _FAST_YAML_MAX_CHARS
        and source.count("[") + source.count("{") <= _FAST_YAML_MAX_BRACKETS
    )
    return _FAST_YAML_LOADER if shallow else yaml.SafeLoader


def _split_front_matter(text: str) -> tuple[dict[str, object], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group(1), Loader=_yaml_loader(match.group(1)))
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise DecodeError("bad_front_matter", f"front matter is not valid YAML: {problem}") from exc
    except (ValueError, RecursionError) as exc:  # impossible dates (2024-13-45), deep nesting
        raise DecodeError("bad_front_matter", f"front matter has a bad value: {exc}") from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise DecodeError("bad_front_matter", "front matter is not a mapping of fields")
    return meta, text[match.end() :]


def _split_json(text: str) -> tuple[dict[str, object], str]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DecodeError("bad_json", f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
    except (ValueError, RecursionError) as exc:  # integers over 4300 digits, deep nesting
        raise DecodeError("bad_json", f"JSON the reader refuses: {exc}") from exc
    if not isinstance(doc, dict):
        raise DecodeError("bad_json", f"JSON article must be an object, got {type(doc).__name__}")
    body = doc.get("body", doc.get("text"))
    if not isinstance(body, str):
        raise DecodeError("bad_json", "JSON article has no string 'body' or 'text'")
    return doc, body


def _published(
    meta: dict[str, object], meta_source: str, file_name: str
) -> tuple[date | None, str | None]:
    """The published date and where it came from: metadata first, then the file name."""
    value = meta.get("published", meta.get("date"))
    parsed = _as_date(value)
    if parsed is not None:
        return parsed, meta_source
    match = _FILE_NAME_DATE.search(PurePath(file_name).name)
    if match:
        try:
            return date(*(int(part) for part in match.groups())), "file_name"
        except ValueError:
            pass
    return None, None


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        found = value
    elif isinstance(value, str):
        try:
            found = date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    else:
        return None
    return found if _EARLIEST_PUBLISHED <= found < _LATEST_PUBLISHED else None


def _clean_str(value: object) -> str | None:
    """A metadata field as text; lists and mappings are ignored (YAML aliases can nest them
    into structures whose text would take exponential time and memory)."""
    if not isinstance(value, str | int | float | date):
        return None
    text = str(value).strip()
    return text or None


def _language(declared: object, body: str) -> str:
    if isinstance(declared, str) and declared.strip().lower()[:2] in {"en", "zh"}:
        return declared.strip().lower()[:2]
    sample = body[:2000]
    return "zh" if len(_CJK.findall(sample)) > 0.1 * max(len(sample.strip()), 1) else "en"


def _with_headline(title: str | None, body: str) -> str:
    """The text the extractor reads: the headline first unless the body already opens with it."""
    if not title or title in body[: len(title) + 200]:
        return body
    return f"{title}\n\n{body}"
