"""Main text and metadata of a saved news page, without navigation, scripts or footers."""

from __future__ import annotations

import trafilatura

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def main_text(html: str) -> tuple[dict[str, object], str]:
    """(metadata, body) of a page; metadata holds title, published, url, source when found."""
    doc = trafilatura.bare_extraction(
        html,
        fast=True,  # no fallback extractors: the same text on news pages, ~30% faster
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or not (doc.text or "").strip():
        return {}, ""
    meta: dict[str, object] = {
        "title": doc.title,
        "published": doc.date,
        "url": doc.url,
        "source": doc.sitename,
    }
    return {key: value for key, value in meta.items() if value}, doc.text
