-- Every deal with its amounts in USD and in the base currency, at the rate of the
-- report whose figure the deal uses (deals.amount_fact_id).

CREATE OR REPLACE TABLE deals_usd AS
SELECT
    deals.deal_id,
    deals.kind,
    deals.investee,
    deals.investor,
    deals.lead,
    deals.amount,
    deals.currency,
    deals.qualifier,
    deals.amount_min,
    deals.amount_max,
    deals.conflict,
    amount_fact.amount_usd,
    CAST(round(deals.amount_min * amount_fact.usd_rate, 2) AS DECIMAL(38, 2)) AS amount_min_usd,
    CAST(round(deals.amount_max * amount_fact.usd_rate, 2) AS DECIMAL(38, 2)) AS amount_max_usd,
    amount_fact.usd_rate,
    amount_fact.usd_rate_date,
    amount_fact.usd_rate_period,
    amount_fact.usd_method,
    stg_base_currency.base_currency,
    amount_fact.amount_base,
    amount_fact.base_rate,
    amount_fact.base_method,
    CASE
        WHEN deals.amount IS NULL THEN 'amount not disclosed'
        ELSE amount_fact.usd_reason
    END AS usd_reason,
    deals.date,
    deals.date_precision,
    deals.date_start,
    deals.first_reported,
    deals.last_reported,
    deals.round,
    deals.status,
    deals.source_count,
    deals.article_count,
    deals.languages,
    deals.round_deal_id
FROM deals
CROSS JOIN stg_base_currency
LEFT JOIN fact_rates AS amount_fact ON amount_fact.fact_id = deals.amount_fact_id;

COMMENT ON TABLE deals_usd IS 'Every deal with its best amount (and the min and max reported) in USD and in the base currency.';
COMMENT ON COLUMN deals_usd.deal_id IS 'Stable id of the deal.';
COMMENT ON COLUMN deals_usd.kind IS 'investment, round, stake (cumulative total) or valuation.';
COMMENT ON COLUMN deals_usd.investee IS 'Company receiving the money or being valued.';
COMMENT ON COLUMN deals_usd.investor IS 'Investor; null for rounds and valuations.';
COMMENT ON COLUMN deals_usd.lead IS 'True when any report says the investor led.';
COMMENT ON COLUMN deals_usd.amount IS 'Best amount in the original currency.';
COMMENT ON COLUMN deals_usd.currency IS 'ISO 4217 code of amount.';
COMMENT ON COLUMN deals_usd.qualifier IS 'Qualifier of amount: exact, about, up_to (a ceiling), over or nearly.';
COMMENT ON COLUMN deals_usd.amount_min IS 'Smallest amount reported, original currency.';
COMMENT ON COLUMN deals_usd.amount_max IS 'Largest amount reported, original currency.';
COMMENT ON COLUMN deals_usd.conflict IS 'True when two articles give amounts that cannot both be true.';
COMMENT ON COLUMN deals_usd.amount_usd IS 'Best amount in USD; null with usd_reason when not disclosed or no rate.';
COMMENT ON COLUMN deals_usd.amount_min_usd IS 'amount_min in USD at usd_rate.';
COMMENT ON COLUMN deals_usd.amount_max_usd IS 'amount_max in USD at usd_rate.';
COMMENT ON COLUMN deals_usd.usd_rate IS 'USD per unit of currency, at the date of the report that gave amount.';
COMMENT ON COLUMN deals_usd.usd_rate_date IS 'ECB day of usd_rate (daily methods).';
COMMENT ON COLUMN deals_usd.usd_rate_period IS 'Month or year usd_rate averages.';
COMMENT ON COLUMN deals_usd.usd_method IS 'How usd_rate was found: ecb_daily, ecb_last_business_day, ecb_month_avg, ecb_year_avg, seed_file, identity, none.';
COMMENT ON COLUMN deals_usd.base_currency IS 'The second reporting currency.';
COMMENT ON COLUMN deals_usd.amount_base IS 'Best amount in the base currency.';
COMMENT ON COLUMN deals_usd.base_rate IS 'Units of base_currency per unit of currency.';
COMMENT ON COLUMN deals_usd.base_method IS 'How base_rate was found.';
COMMENT ON COLUMN deals_usd.usd_reason IS 'Why amount_usd is null.';
COMMENT ON COLUMN deals_usd.date IS 'Most precise date reported: YYYY, YYYY-MM or YYYY-MM-DD.';
COMMENT ON COLUMN deals_usd.date_precision IS 'year, month or day.';
COMMENT ON COLUMN deals_usd.date_start IS 'First day of the period named by date.';
COMMENT ON COLUMN deals_usd.first_reported IS 'Earliest publication date among the reports.';
COMMENT ON COLUMN deals_usd.last_reported IS 'Latest publication date among the reports.';
COMMENT ON COLUMN deals_usd.round IS 'Round type named by the reports, if any.';
COMMENT ON COLUMN deals_usd.status IS 'Most advanced status reported.';
COMMENT ON COLUMN deals_usd.source_count IS 'Number of reports merged into the deal.';
COMMENT ON COLUMN deals_usd.article_count IS 'Number of distinct articles reporting the deal.';
COMMENT ON COLUMN deals_usd.languages IS 'Languages of the reporting articles, comma-separated.';
COMMENT ON COLUMN deals_usd.round_deal_id IS 'For an investment or valuation: the round deal it belongs to.';
