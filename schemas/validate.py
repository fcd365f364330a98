"""Lazy validation that splits a frame into valid rows and rejected rows with their checks."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors


def split_valid(frame: pd.DataFrame, schema: type[pa.DataFrameModel]) -> dict[int, list[str]]:
    """{row position: ["column: check", ...]} for every row that fails; empty when all pass.

    Failures of the whole frame (a missing column, a wrong dtype) are bugs, not
    bad data, and are raised.
    """
    if frame.empty:
        return {}
    frame = frame.reset_index(drop=True)
    try:
        schema.validate(frame, lazy=True)
        return {}
    except SchemaErrors as errors:
        cases = errors.failure_cases
    failed: dict[int, list[str]] = {}
    for case in cases.itertuples(index=False):
        if pd.isna(case.index):
            message = f"{schema.__name__}: {case.check} failed for the whole frame ({case.column})"
            raise ValueError(message)
        column = case.column if isinstance(case.column, str) else "row"
        failed.setdefault(int(case.index), []).append(f"{column}: {case.check}")
    return failed
