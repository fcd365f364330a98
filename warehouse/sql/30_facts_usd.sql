-- Every fact with its amount in USD and in the base currency at the rate of the fact's date.
-- fact_rates holds only the conversion, so deals_usd can join it without the facts' text.

CREATE OR REPLACE VIEW fact_rates AS
WITH usd_rates AS (
    SELECT * FROM stg_fx_rates WHERE base_currency = 'USD'
),
base_rates AS (
    SELECT stg_fx_rates.*
    FROM stg_fx_rates
    JOIN stg_base_currency USING (base_currency)
)
SELECT
    facts.fact_id,
    CAST(round(facts.amount * usd_rates.rate, 2) AS DECIMAL(38, 2)) AS amount_usd,
    usd_rates.rate AS usd_rate,
    usd_rates.rate_date AS usd_rate_date,
    usd_rates.rate_period AS usd_rate_period,
    usd_rates.method AS usd_method,
    stg_base_currency.base_currency,
    CAST(round(facts.amount * base_rates.rate, 2) AS DECIMAL(38, 2)) AS amount_base,
    base_rates.rate AS base_rate,
    base_rates.rate_date AS base_rate_date,
    base_rates.rate_period AS base_rate_period,
    base_rates.method AS base_method,
    CASE
        WHEN facts.amount IS NULL THEN 'amount not disclosed'
        WHEN usd_rates.fx_key IS NULL THEN 'no fx_rates row for ' || coalesce(facts.fx_key, 'a fact without currency')
        WHEN usd_rates.rate IS NULL THEN usd_rates.reason
    END AS usd_reason
FROM stg_facts AS facts
CROSS JOIN stg_base_currency
LEFT JOIN usd_rates ON usd_rates.fx_key = facts.fx_key
LEFT JOIN base_rates ON base_rates.fx_key = facts.fx_key;

COMMENT ON VIEW fact_rates IS 'The exchange rates of every fact: its amount in USD and in the base currency, and how each rate was found.';
COMMENT ON COLUMN fact_rates.fact_id IS 'Stable id of the fact.';
COMMENT ON COLUMN fact_rates.amount_usd IS 'amount * usd_rate, rounded to cents; null with usd_reason when no rate.';
COMMENT ON COLUMN fact_rates.usd_rate IS 'USD per unit of currency.';
COMMENT ON COLUMN fact_rates.usd_rate_date IS 'ECB day of usd_rate (daily methods).';
COMMENT ON COLUMN fact_rates.usd_rate_period IS 'Month or year usd_rate averages (average and seed methods).';
COMMENT ON COLUMN fact_rates.usd_method IS 'How usd_rate was found: ecb_daily, ecb_last_business_day, ecb_month_avg, ecb_year_avg, seed_file, identity, none.';
COMMENT ON COLUMN fact_rates.base_currency IS 'The second reporting currency (fundwire run --base-currency).';
COMMENT ON COLUMN fact_rates.amount_base IS 'amount * base_rate, rounded to cents.';
COMMENT ON COLUMN fact_rates.base_rate IS 'Units of base_currency per unit of currency.';
COMMENT ON COLUMN fact_rates.base_rate_date IS 'ECB day of base_rate (daily methods).';
COMMENT ON COLUMN fact_rates.base_rate_period IS 'Month or year base_rate averages.';
COMMENT ON COLUMN fact_rates.base_method IS 'How base_rate was found (same methods as usd_method).';
COMMENT ON COLUMN fact_rates.usd_reason IS 'Why amount_usd is null: amount not disclosed, or no rate for the currency and date.';

CREATE OR REPLACE VIEW facts_usd AS
SELECT
    facts.fact_id,
    deal_sources.deal_id,
    facts.article_id,
    facts.file_name,
    facts.lang,
    facts.kind,
    facts.investee,
    facts.investor,
    facts.lead,
    facts.amount,
    facts.currency,
    facts.qualifier,
    facts.round,
    facts.status,
    facts.date,
    facts.date_precision,
    facts.published,
    rates.amount_usd,
    rates.usd_rate,
    rates.usd_rate_date,
    rates.usd_rate_period,
    rates.usd_method,
    rates.base_currency,
    rates.amount_base,
    rates.base_rate,
    rates.base_rate_date,
    rates.base_rate_period,
    rates.base_method,
    rates.usd_reason,
    facts.evidence
FROM stg_facts AS facts
JOIN fact_rates AS rates USING (fact_id)
LEFT JOIN raw_deal_sources AS deal_sources ON deal_sources.fact_id = facts.fact_id;

COMMENT ON VIEW facts_usd IS 'Every fact with its original amount and its amount in USD and in the base currency at the rate of the fact''s date.';
COMMENT ON COLUMN facts_usd.fact_id IS 'Stable id of the fact.';
COMMENT ON COLUMN facts_usd.deal_id IS 'Deal the fact was merged into (see deals).';
COMMENT ON COLUMN facts_usd.article_id IS 'Article the fact was read from.';
COMMENT ON COLUMN facts_usd.file_name IS 'Inbox file name of that article.';
COMMENT ON COLUMN facts_usd.lang IS 'Language of that article: en or zh.';
COMMENT ON COLUMN facts_usd.kind IS 'investment, round, stake (cumulative total) or valuation.';
COMMENT ON COLUMN facts_usd.investee IS 'Company receiving the money or being valued.';
COMMENT ON COLUMN facts_usd.investor IS 'Investor; null for rounds and valuations.';
COMMENT ON COLUMN facts_usd.lead IS 'True when the article says this investor led; null when not said.';
COMMENT ON COLUMN facts_usd.amount IS 'Amount as reported, in currency; null when undisclosed.';
COMMENT ON COLUMN facts_usd.currency IS 'ISO 4217 code of amount.';
COMMENT ON COLUMN facts_usd.qualifier IS 'exact, about, up_to, over or nearly.';
COMMENT ON COLUMN facts_usd.round IS 'Round type when the article names one.';
COMMENT ON COLUMN facts_usd.status IS 'in_talks, reported, announced or completed.';
COMMENT ON COLUMN facts_usd.date IS 'Date of the fact: YYYY, YYYY-MM or YYYY-MM-DD.';
COMMENT ON COLUMN facts_usd.date_precision IS 'year, month or day: picks the daily rate or the month or year average.';
COMMENT ON COLUMN facts_usd.published IS 'Publication date of the article (sets the rate of an undated fact).';
COMMENT ON COLUMN facts_usd.amount_usd IS 'amount * usd_rate, rounded to cents; null with usd_reason when no rate.';
COMMENT ON COLUMN facts_usd.usd_rate IS 'USD per unit of currency.';
COMMENT ON COLUMN facts_usd.usd_rate_date IS 'ECB day of usd_rate (daily methods).';
COMMENT ON COLUMN facts_usd.usd_rate_period IS 'Month or year usd_rate averages (average and seed methods).';
COMMENT ON COLUMN facts_usd.usd_method IS 'How usd_rate was found: ecb_daily, ecb_last_business_day, ecb_month_avg, ecb_year_avg, seed_file, identity, none.';
COMMENT ON COLUMN facts_usd.base_currency IS 'The second reporting currency (fundwire run --base-currency).';
COMMENT ON COLUMN facts_usd.amount_base IS 'amount * base_rate, rounded to cents.';
COMMENT ON COLUMN facts_usd.base_rate IS 'Units of base_currency per unit of currency.';
COMMENT ON COLUMN facts_usd.base_rate_date IS 'ECB day of base_rate (daily methods).';
COMMENT ON COLUMN facts_usd.base_rate_period IS 'Month or year base_rate averages.';
COMMENT ON COLUMN facts_usd.base_method IS 'How base_rate was found (same methods as usd_method).';
COMMENT ON COLUMN facts_usd.usd_reason IS 'Why amount_usd is null: amount not disclosed, or no rate for the currency and date.';
COMMENT ON COLUMN facts_usd.evidence IS 'The sentence the fact was read from.';
