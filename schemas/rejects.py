"""A reject row says which file (or fact) did not make it, at which stage, and why."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

STAGES = ("discover", "read", "decode", "extract", "validate", "duplicate")


class RejectSchema(pa.DataFrameModel):
    reject_id: Series[str] = pa.Field(unique=True)
    file_name: Series[str]
    path: Series[str]
    article_id: Series[str] = pa.Field(nullable=True)
    stage: Series[str] = pa.Field(isin=STAGES)
    reason: Series[str] = pa.Field(str_length={"min_value": 1})
    detail: Series[str]
    failed_check: Series[str] = pa.Field(nullable=True)
    row_json: Series[str] = pa.Field(nullable=True)
    run_id: Series[str]

    class Config:
        strict = "filter"
