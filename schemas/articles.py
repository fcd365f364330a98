"""Which checks an article row passes: one row per distinct content hash."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

FORMATS = ("md", "txt", "html", "json")
LANGS = ("en", "zh")
PUBLISHED_SOURCES = ("front_matter", "json", "html", "file_name")


class ArticleSchema(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 16})
    file_name: Series[str]
    path: Series[str]
    format: Series[str] = pa.Field(isin=FORMATS)
    encoding: Series[str]
    lang: Series[str] = pa.Field(isin=LANGS)
    title: Series[str] = pa.Field(nullable=True)
    source: Series[str] = pa.Field(nullable=True)
    url: Series[str] = pa.Field(nullable=True)
    published: Series[object] = pa.Field(nullable=True)
    published_source: Series[str] = pa.Field(nullable=True, isin=PUBLISHED_SOURCES)
    size_bytes: Series[int] = pa.Field(ge=0)
    text_chars: Series[int] = pa.Field(ge=1)
    fact_count: Series[int] = pa.Field(ge=0)
    run_id: Series[str]

    class Config:
        strict = "filter"
