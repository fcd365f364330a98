"""fundwire's amount parser against price-parser and quantulum3, on the labelled corpus.

    .venv/bin/python benchmarks/money_peers.py [CORPUS_ROOT]

The expressions are read at run time from the corpus (never copied): for every gold
fact with an amount, the evidence sentence is the sentence of its article holding a
numeral that, times the scale word right after it (thousand … trillion, m, bn, crore,
lakh, 万, 亿, 萬, 億), gives the gold amount. Amounts written only in words cannot be
located that way and are counted as "not located". Each parser reads two inputs per expression:

* `sentence`: the whole evidence sentence (the parser must find the amount);
* `snippet`: the numeral with two words on either side (a price tag's worth of text).

A parser is right when one of the amounts it returns is within 1% of the gold amount
(the scorer's tolerance); "with currency" also asks for the gold ISO code (price-parser
returns symbols, not codes, so it has no such column). Languages are the article's
language: English expressions are compared, Chinese ones only measured for fundwire
(no peer reads 亿 or 万).
"""

from __future__ import annotations

import json
import re
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from fundwire.transforms.decode import decode_article
from fundwire.transforms.money import find_money

CORPUS_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SCALES = {
    "trillion": 10**12, "billion": 10**9, "bn": 10**9, "b": 10**9, "million": 10**6,
    "mn": 10**6, "m": 10**6, "thousand": 10**3, "k": 10**3, "crore": 10**7, "lakh": 10**5,
    "万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4,
    "萬億": 10**12, "千萬": 10**7, "百萬": 10**6, "億": 10**8, "萬": 10**4,
}  # fmt: skip
_NUMERAL = re.compile(
    r"\d[\d,]*(?:\.\d+)?(?:\s*(?P<scale>万亿|千万|百万|亿|万|萬億|千萬|百萬|億|萬"
    r"|(?i:trillion|billion|bn|b|million|mn|m|thousand|k|crore|lakh)\b))?"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])|(?<=[。！？；])|\n+")
MIN_TIMING_SECONDS = 0.5


@dataclass(frozen=True)
class Expression:
    """One gold amount and the text around it."""

    lang: str
    amount: Decimal
    currency: str
    sentence: str
    snippet: str


# (amounts, ISO currencies or None) a parser finds in a text
Parser = Callable[[str], list[tuple[Decimal, str | None]]]


def fundwire_parser(text: str) -> list[tuple[Decimal, str | None]]:
    return [(m.amount, m.currency) for m in find_money(text) if m.amount is not None]


def price_parser(text: str) -> list[tuple[Decimal, str | None]]:
    from price_parser import Price

    amount = Price.fromstring(text).amount
    return [] if amount is None else [(amount, None)]


def quantulum_parser(text: str) -> list[tuple[Decimal, str | None]]:
    from quantulum3 import parser

    return [
        (Decimal(str(q.value)), getattr(q.unit, "currency_code", None)) for q in parser.parse(text)
    ]


PARSERS: dict[str, Parser] = {
    "fundwire find_money": fundwire_parser,
    "price-parser": price_parser,
    "quantulum3": quantulum_parser,
}


def expressions(root: Path = CORPUS_ROOT) -> tuple[list[Expression], int]:
    """(located expressions, gold amounts not located) of every gold file under root."""
    found: dict[tuple, Expression] = {}
    missing = 0
    for gold in sorted(root.glob("*/gold*.jsonl")):
        texts: dict[str, tuple[str, str]] = {}
        for line in gold.read_text(encoding="utf-8").splitlines():
            fact = json.loads(line)
            if fact.get("amount") is None:
                continue
            name = fact["article"]
            if name not in texts:
                article = decode_article((gold.parent / name).read_bytes(), name)
                texts[name] = (article.lang, article.text)
            lang, text = texts[name]
            amount = Decimal(str(fact["amount"]))
            located = _locate(text, amount)
            if located is None:
                missing += 1
                continue
            sentence, snippet = located
            key = (name, sentence, snippet, amount)
            found.setdefault(key, Expression(lang, amount, fact["currency"], sentence, snippet))
    return list(found.values()), missing


def _locate(text: str, amount: Decimal) -> tuple[str, str] | None:
    """(sentence, snippet) of the first numeral that scales to `amount`, or None."""
    for sentence in _SENTENCE_END.split(text):
        for match in _NUMERAL.finditer(sentence):
            figure = match.group()[: match.end() - match.start() - len(match["scale"] or "")]
            value = Decimal(figure.strip().replace(",", ""))
            if _close(value * SCALES.get((match["scale"] or "").lower(), 1), amount):
                return sentence.strip(), _snippet(sentence, match)
    return None


def _snippet(sentence: str, match: re.Match[str]) -> str:
    token_start = sentence.rfind(" ", 0, match.start()) + 1  # the symbol glued to the numeral
    token_end = sentence.find(" ", match.end())
    token = sentence[token_start : token_end if token_end >= 0 else len(sentence)]
    before = sentence[:token_start].split()[-2:]
    after = sentence[token_start + len(token) :].split()[:2]
    return " ".join([*before, token, *after])


def _close(value: Decimal, gold: Decimal) -> bool:
    return abs(value - gold) <= abs(gold) / 100


def _score(parser: Parser, items: list[Expression], field: str) -> tuple[int, int, float]:
    """(amount right, amount and currency right, expressions per second)."""
    right = with_currency = 0
    for item in items:
        results = parser(getattr(item, field))
        right += any(_close(a, item.amount) for a, _ in results)
        with_currency += any(_close(a, item.amount) and c == item.currency for a, c in results)
    runs, started = 0, time.perf_counter()
    while runs == 0 or time.perf_counter() - started < MIN_TIMING_SECONDS:
        for item in items:
            parser(getattr(item, field))
        runs += 1
    return right, with_currency, runs * len(items) / (time.perf_counter() - started)


def measure(root: Path = CORPUS_ROOT) -> list[dict]:
    """One row per (language, input, parser): counts, accuracies and speed."""
    if not root.is_dir():
        return []
    warnings.filterwarnings("ignore", module="quantulum3")
    items, missing = expressions(root)
    rows = []
    for lang in ("en", "zh"):
        chosen = [e for e in items if e.lang == lang]
        parsers = PARSERS if lang == "en" else {"fundwire find_money": fundwire_parser}
        for field in ("sentence", "snippet"):
            for name, parser in parsers.items():
                right, with_currency, rate = _score(parser, chosen, field)
                rows.append(
                    {
                        "lang": lang,
                        "input": field,
                        "parser": name,
                        "expressions": len(chosen),
                        "amount_accuracy": right / len(chosen),
                        "currency_accuracy": None
                        if name == "price-parser"
                        else with_currency / len(chosen),
                        "per_second": rate,
                        "not_located": missing,
                    }
                )
    return rows


def format_table(rows: list[dict]) -> str:
    """The rows as a Markdown table."""
    if not rows:
        return "(labelled corpus not found: money peers skipped)"
    lines = [
        "| language | input | parser | expressions | amount right | amount + currency right "
        "| expressions/s |",
        "|---|---|---|--:|--:|--:|--:|",
    ]
    for r in rows:
        currency = "–" if r["currency_accuracy"] is None else f"{r['currency_accuracy']:.1%}"
        lines.append(
            f"| {r['lang']} | {r['input']} | {r['parser']} | {r['expressions']} "
            f"| {r['amount_accuracy']:.1%} | {currency} | {r['per_second']:,.0f} |"
        )
    lines.append(
        f"\n{rows[0]['not_located']} gold amounts could not be located (written in words "
        "or Chinese numerals) and are not counted."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(format_table(measure(Path(args[0]) if args else CORPUS_ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
