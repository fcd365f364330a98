"""The two records every stage passes along: a decoded article and a funding fact."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# The fields of a fact as FACTS.md defines them, in its order.
FACT_FIELDS = (
    "kind", "investee", "investor", "lead", "amount", "currency", "qualifier", "round", "date",
    "status",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Article:
    """An inbox file after decoding: the text the extractor reads and its metadata.

    `text` is the headline (when there is one) followed by the body; every
    fact's evidence offsets point into it.
    """

    file_name: str
    text: str
    title: str | None = None
    published: date | None = None
    published_source: str | None = None  # front_matter | json | html | file_name | None
    lang: str | None = None  # en | zh
    source: str | None = None
    url: str | None = None
    encoding: str | None = None
    format: str | None = None  # md | txt | html | json


@dataclass(slots=True)
class Fact:
    """One funding fact as FACTS.md defines it, with the sentence it was read from."""

    kind: str
    investee: str
    investor: str | None = None
    lead: bool | None = None
    amount: Decimal | None = None
    currency: str | None = None
    qualifier: str | None = None
    round: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    status: str | None = None
    evidence: str = ""
    evidence_start: int = 0
    evidence_end: int = 0
    extras: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        """The FACTS.md fields plus evidence, as JSON-ready values."""
        return {
            "kind": self.kind,
            "investee": self.investee,
            "investor": self.investor,
            "lead": self.lead,
            "amount": _json_number(self.amount),
            "currency": self.currency,
            "qualifier": self.qualifier,
            "round": self.round,
            "date": self.date,
            "status": self.status,
            "evidence": self.evidence,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
        }


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
