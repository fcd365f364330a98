-- Staging: the raw Parquet tables cleaned and typed once, so every later view reads
-- DECIMAL money, DATE dates and the FX join key from one place.

CREATE OR REPLACE VIEW stg_articles AS
SELECT
    article_id,
    file_name,
    lang,
    title,
    source,
    url,
    CAST(published AS DATE) AS published
FROM raw_articles;

COMMENT ON VIEW stg_articles IS 'Staging: one row per ingested article, the columns later views need.';
COMMENT ON COLUMN stg_articles.article_id IS 'Stable id of the article (content hash).';
COMMENT ON COLUMN stg_articles.file_name IS 'Inbox file name of the article.';
COMMENT ON COLUMN stg_articles.lang IS 'Language of the article: en or zh.';
COMMENT ON COLUMN stg_articles.title IS 'Headline of the article.';
COMMENT ON COLUMN stg_articles.source IS 'Outlet that published the article.';
COMMENT ON COLUMN stg_articles.url IS 'Address of the article, when known.';
COMMENT ON COLUMN stg_articles.published IS 'Publication date of the article (null when unknown).';

CREATE OR REPLACE VIEW stg_facts AS
SELECT
    facts.fact_id,
    facts.article_id,
    facts.file_name,
    articles.lang,
    facts.kind,
    facts.investee,
    facts.investor,
    facts.lead,
    CAST(facts.amount AS DECIMAL(38, 2)) AS amount,
    facts.currency,
    facts.qualifier,
    facts.round,
    facts.status,
    facts.date,
    facts.date_precision,
    CAST(facts.date_start AS DATE) AS date_start,
    CAST(facts.published AS DATE) AS published,
    facts.evidence,
    facts.currency || '|' || coalesce(
        facts.date,
        'published:' || coalesce(strftime(CAST(facts.published AS DATE), '%Y-%m-%d'), 'none')
    ) AS fx_key
FROM raw_facts AS facts
LEFT JOIN stg_articles AS articles USING (article_id);

COMMENT ON VIEW stg_facts IS 'Staging: every extracted fact, typed, with its article language and FX join key.';
COMMENT ON COLUMN stg_facts.fact_id IS 'Stable id of the fact.';
COMMENT ON COLUMN stg_facts.article_id IS 'Article the fact was read from.';
COMMENT ON COLUMN stg_facts.file_name IS 'Inbox file name of that article.';
COMMENT ON COLUMN stg_facts.lang IS 'Language of that article: en or zh.';
COMMENT ON COLUMN stg_facts.kind IS 'investment, round, stake (cumulative total) or valuation.';
COMMENT ON COLUMN stg_facts.investee IS 'Company receiving the money or being valued (canonical name).';
COMMENT ON COLUMN stg_facts.investor IS 'Investor (canonical name); null for rounds and valuations.';
COMMENT ON COLUMN stg_facts.lead IS 'True when the article says this investor led; null when not said.';
COMMENT ON COLUMN stg_facts.amount IS 'Amount in units of currency as reported; null when undisclosed.';
COMMENT ON COLUMN stg_facts.currency IS 'ISO 4217 code of amount.';
COMMENT ON COLUMN stg_facts.qualifier IS 'exact, about, up_to, over or nearly.';
COMMENT ON COLUMN stg_facts.round IS 'Round type (seed, series_a, ...) when the article names one.';
COMMENT ON COLUMN stg_facts.status IS 'in_talks, reported, announced or completed.';
COMMENT ON COLUMN stg_facts.date IS 'Date of the deal as precise as the article allows: YYYY, YYYY-MM or YYYY-MM-DD.';
COMMENT ON COLUMN stg_facts.date_precision IS 'year, month or day.';
COMMENT ON COLUMN stg_facts.date_start IS 'First day of the period named by date.';
COMMENT ON COLUMN stg_facts.published IS 'Publication date of the article.';
COMMENT ON COLUMN stg_facts.evidence IS 'The sentence the fact was read from.';
COMMENT ON COLUMN stg_facts.fx_key IS 'Join key to fx_rates: currency|date, or currency|published:YYYY-MM-DD for an undated fact.';

CREATE OR REPLACE VIEW stg_fx_rates AS
SELECT
    fx_key,
    currency,
    base_currency,
    CAST(rate AS DECIMAL(24, 14)) AS rate,
    CAST(rate_date AS DATE) AS rate_date,
    rate_period,
    CAST(rate_days AS INTEGER) AS rate_days,
    method,
    source,
    reason
FROM raw_fx_rates;

COMMENT ON VIEW stg_fx_rates IS 'Staging: exchange rate from each (currency, fact date) to USD and to the base currency.';
COMMENT ON COLUMN stg_fx_rates.fx_key IS 'Join key: currency|date, or currency|published:YYYY-MM-DD for an undated fact.';
COMMENT ON COLUMN stg_fx_rates.currency IS 'Currency converted from.';
COMMENT ON COLUMN stg_fx_rates.base_currency IS 'Currency converted to (USD or the base currency).';
COMMENT ON COLUMN stg_fx_rates.rate IS 'Units of base_currency per unit of currency; null when no rate is known.';
COMMENT ON COLUMN stg_fx_rates.rate_date IS 'ECB day the rate is from (day-precision dates and undated facts).';
COMMENT ON COLUMN stg_fx_rates.rate_period IS 'Month (YYYY-MM) or year (YYYY) the rate averages.';
COMMENT ON COLUMN stg_fx_rates.rate_days IS 'Number of ECB business days averaged into rate.';
COMMENT ON COLUMN stg_fx_rates.method IS 'ecb_daily, ecb_last_business_day, ecb_month_avg, ecb_year_avg, seed_file, identity or none.';
COMMENT ON COLUMN stg_fx_rates.source IS 'Where the rate comes from (ECB data version or the seed file row source).';
COMMENT ON COLUMN stg_fx_rates.reason IS 'Why rate is null.';

CREATE OR REPLACE VIEW stg_base_currency AS
SELECT coalesce(max(base_currency) FILTER (WHERE base_currency <> 'USD'), 'USD') AS base_currency
FROM raw_fx_rates;

COMMENT ON VIEW stg_base_currency IS 'Staging: the second reporting currency of this warehouse (fundwire run --base-currency).';
COMMENT ON COLUMN stg_base_currency.base_currency IS 'ISO 4217 code of the base currency (USD when only USD was asked for).';
