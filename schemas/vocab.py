"""The controlled vocabularies of FACTS.md, in one place for schemas, transforms and SQL."""

KINDS = ("investment", "round", "stake", "valuation")
QUALIFIERS = ("exact", "about", "up_to", "over", "nearly")
STATUSES = ("in_talks", "reported", "announced", "completed")  # least to most advanced
SERIES_LETTERS = "abcdefghijk"
ROUNDS = (
    "pre_seed",
    "seed",
    "seed_plus",
    "angel",
    "angel_plus",
    "pre_series_a",
    "pre_series_a_plus",
    *(f"series_{letter}{plus}" for letter in SERIES_LETTERS for plus in ("", "_plus")),
    "pre_ipo",
    "ipo",
    "strategic",
    "debt",
    "undisclosed",
)
DATE_PRECISIONS = ("year", "month", "day")
# ISO 4217 codes an article may name (ECB reference currencies plus a few the ECB does
# not publish, converted from seeds/fx_rates_extra.csv).
CURRENCIES = (
    "USD",
    "EUR",
    "CNY",
    "JPY",
    "GBP",
    "HKD",
    "INR",
    "KRW",
    "SGD",
    "TWD",
    "CHF",
    "CAD",
    "AUD",
    "NZD",
    "SEK",
    "NOK",
    "DKK",
    "BRL",
    "MXN",
    "IDR",
    "MYR",
    "THB",
    "PHP",
    "ILS",
    "ZAR",
    "TRY",
    "PLN",
    "CZK",
    "HUF",
    "RUB",
    "AED",
    "SAR",
    "VND",
    "NGN",
    "KES",
    "EGP",
)
