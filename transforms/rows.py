"""Articles and facts as warehouse rows: stable ids, partition keys, date periods."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from fundwire.transforms.records import Article, Fact

CENT = Decimal("0.01")


def article_row(article: Article, article_id: str, path: str, size: int, facts: int) -> dict:
    """The articles-table row of a decoded file (the run fills run_id and ingested_at)."""
    return {
        "article_id": article_id,
        "file_name": article.file_name,
        "path": path,
        "format": article.format,
        "encoding": article.encoding,
        "lang": article.lang,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "published_source": article.published_source,
        "size_bytes": size,
        "text_chars": len(article.text),
        "fact_count": facts,
        **published_partition(article.published),
    }


def fact_rows(article: Article, article_id: str, facts: list[Fact]) -> list[dict]:
    """One row per distinct fact; the id depends only on the article and the fact's content."""
    rows: dict[str, dict] = {}
    for fact in facts:
        amount = None if fact.amount is None else fact.amount.quantize(CENT)
        fact_id = _fact_id(article_id, fact, amount)
        rows.setdefault(
            fact_id,
            {
                "fact_id": fact_id,
                "article_id": article_id,
                "file_name": article.file_name,
                "kind": fact.kind,
                "investee": fact.investee,
                "investor": fact.investor,
                "lead": fact.lead,
                "amount": amount,
                "currency": fact.currency,
                "qualifier": fact.qualifier,
                "round": fact.round,
                "status": fact.status,
                "date": fact.date,
                "date_precision": date_precision(fact.date),
                "date_start": date_start(fact.date),
                "published": article.published,
                "evidence": fact.evidence,
                "evidence_start": fact.evidence_start,
                "evidence_end": fact.evidence_end,
                **published_partition(article.published),
            },
        )
    return list(rows.values())


def published_partition(published: date | None) -> dict[str, int | None]:
    """Hive partition values: the article's published year and month (null when unknown)."""
    if published is None:
        return {"published_year": None, "published_month": None}
    return {"published_year": published.year, "published_month": published.month}


def date_precision(value: str | None) -> str | None:
    """'2023' is a year, '2023-10' a month, '2023-10-28' a day."""
    if not value:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(value))


def date_start(value: str | None) -> date | None:
    """The first day of the period a fact's date names, or None when it names none."""
    precision = date_precision(value)
    if precision is None:
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def stable_id(*parts: object) -> str:
    """A 128-bit hex id from the given parts: same parts, same id, in every run."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _fact_id(article_id: str, fact: Fact, amount: Decimal | None) -> str:
    return stable_id(
        article_id, fact.kind, fact.investee, fact.investor, amount, fact.currency, fact.date
    )
