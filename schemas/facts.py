"""Which checks a fact row passes before it reaches the warehouse."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from fundwire.schemas.vocab import CURRENCIES, DATE_PRECISIONS, KINDS, QUALIFIERS, ROUNDS, STATUSES

# The largest single figure fundwire believes: ten trillion in any currency unit
# (1.2万亿日元 passes, "$9,999,999 trillion" does not).
MAX_AMOUNT = Decimal(10) ** 13
DATE_PATTERN = r"^(19|20)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
KINDS_WITH_INVESTOR = ("investment", "stake")


class FactSchema(pa.DataFrameModel):
    """One funding fact (FACTS.md) with its provenance."""

    fact_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 16})
    article_id: Series[str]
    file_name: Series[str]
    kind: Series[str] = pa.Field(isin=KINDS)
    investee: Series[str] = pa.Field(str_length={"min_value": 1, "max_value": 200})
    investor: Series[str] = pa.Field(nullable=True, str_length={"min_value": 1, "max_value": 200})
    lead: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    amount: Series[object] = pa.Field(nullable=True)
    currency: Series[str] = pa.Field(nullable=True, isin=CURRENCIES)
    qualifier: Series[str] = pa.Field(nullable=True, isin=QUALIFIERS)
    round: Series[str] = pa.Field(nullable=True, isin=ROUNDS)
    status: Series[str] = pa.Field(nullable=True, isin=STATUSES)
    date: Series[str] = pa.Field(nullable=True, str_matches=DATE_PATTERN)
    date_precision: Series[str] = pa.Field(nullable=True, isin=DATE_PRECISIONS)
    date_start: Series[object] = pa.Field(nullable=True)
    published: Series[object] = pa.Field(nullable=True)
    evidence: Series[str]
    evidence_start: Series[int] = pa.Field(ge=0)
    evidence_end: Series[int] = pa.Field(ge=0)

    @pa.check("amount", name="amount_positive_and_plausible")
    def amount_in_range(cls, amount: Series[object]) -> Series[bool]:
        return amount.map(lambda v: v is None or (isinstance(v, Decimal) and 0 < v <= MAX_AMOUNT))

    @pa.dataframe_check(name="currency_iff_amount")
    def currency_iff_amount(cls, df: pd.DataFrame) -> Series[bool]:
        return df["amount"].isna() == df["currency"].isna()

    @pa.dataframe_check(name="qualifier_iff_amount")
    def qualifier_iff_amount(cls, df: pd.DataFrame) -> Series[bool]:
        return df["amount"].isna() == df["qualifier"].isna()

    @pa.dataframe_check(name="investor_matches_kind")
    def investor_matches_kind(cls, df: pd.DataFrame) -> Series[bool]:
        needs_investor = df["kind"].isin(KINDS_WITH_INVESTOR)
        return needs_investor == df["investor"].notna()

    @pa.dataframe_check(name="date_not_after_published")
    def date_not_after_published(cls, df: pd.DataFrame) -> Series[bool]:
        """A deal cannot be dated after the year following the article that reports it."""
        year = df["date"].str.slice(0, 4).astype("Float64")
        published_year = df["published"].map(lambda d: None if d is None else d.year)
        limit = published_year.astype("Float64").fillna(2100) + 1
        return (year.isna() | (year <= limit)).astype(bool)

    @pa.dataframe_check(name="evidence_span_ordered")
    def evidence_span_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["evidence_start"] <= df["evidence_end"]

    class Config:
        strict = "filter"
        coerce = False
