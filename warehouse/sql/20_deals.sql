-- Deals: one row per real-world deal however many articles report it
-- (transforms/deals.py forms them; docs/warehouse.md gives the rules).

CREATE OR REPLACE VIEW deal_sources AS
SELECT
    sources.deal_id,
    sources.fact_id,
    sources.article_id,
    facts.file_name,
    facts.lang,
    articles.title,
    articles.source,
    articles.url,
    facts.published,
    facts.amount,
    facts.currency,
    facts.qualifier,
    facts.date,
    facts.status,
    facts.evidence
FROM raw_deal_sources AS sources
LEFT JOIN stg_facts AS facts USING (fact_id)
LEFT JOIN stg_articles AS articles ON articles.article_id = sources.article_id;

COMMENT ON VIEW deal_sources IS 'Every report of a deal: which article said what, with its evidence sentence.';
COMMENT ON COLUMN deal_sources.deal_id IS 'Deal the report belongs to.';
COMMENT ON COLUMN deal_sources.fact_id IS 'Fact extracted from the report.';
COMMENT ON COLUMN deal_sources.article_id IS 'Article of the report.';
COMMENT ON COLUMN deal_sources.file_name IS 'Inbox file name of the article.';
COMMENT ON COLUMN deal_sources.lang IS 'Language of the article: en or zh.';
COMMENT ON COLUMN deal_sources.title IS 'Headline of the article.';
COMMENT ON COLUMN deal_sources.source IS 'Outlet that published the article.';
COMMENT ON COLUMN deal_sources.url IS 'Address of the article, when known.';
COMMENT ON COLUMN deal_sources.published IS 'Publication date of the article.';
COMMENT ON COLUMN deal_sources.amount IS 'Amount this report gives (original currency); null when undisclosed.';
COMMENT ON COLUMN deal_sources.currency IS 'ISO 4217 code of amount.';
COMMENT ON COLUMN deal_sources.qualifier IS 'exact, about, up_to, over or nearly, as this report says.';
COMMENT ON COLUMN deal_sources.date IS 'Date this report gives: YYYY, YYYY-MM or YYYY-MM-DD.';
COMMENT ON COLUMN deal_sources.status IS 'Status this report gives: in_talks, reported, announced or completed.';
COMMENT ON COLUMN deal_sources.evidence IS 'The sentence the fact was read from.';

CREATE OR REPLACE VIEW deals AS
WITH source_summary AS (
    -- list_sort(list(DISTINCT ...)) is ~2x faster in DuckDB than an ordered string_agg
    SELECT
        sources.deal_id,
        array_to_string(list_sort(list(DISTINCT articles.lang)), ',') AS languages,
        array_to_string(list_sort(list(DISTINCT articles.file_name)), ', ') AS source_files
    FROM raw_deal_sources AS sources
    JOIN stg_articles AS articles USING (article_id)
    GROUP BY sources.deal_id
)
SELECT
    raw_deals.deal_id,
    raw_deals.kind,
    raw_deals.investee,
    raw_deals.investor,
    raw_deals.lead,
    CAST(raw_deals.amount AS DECIMAL(38, 2)) AS amount,
    raw_deals.currency,
    raw_deals.qualifier,
    CAST(raw_deals.amount_min AS DECIMAL(38, 2)) AS amount_min,
    CAST(raw_deals.amount_max AS DECIMAL(38, 2)) AS amount_max,
    raw_deals.conflict,
    raw_deals.amount_fact_id,
    raw_deals.date,
    raw_deals.date_precision,
    CAST(raw_deals.date_start AS DATE) AS date_start,
    CAST(raw_deals.first_reported AS DATE) AS first_reported,
    CAST(raw_deals.last_reported AS DATE) AS last_reported,
    raw_deals.round,
    raw_deals.status,
    CAST(raw_deals.source_count AS INTEGER) AS source_count,
    CAST(raw_deals.article_count AS INTEGER) AS article_count,
    source_summary.languages,
    source_summary.source_files,
    raw_deals.round_deal_id
FROM raw_deals
LEFT JOIN source_summary USING (deal_id);

COMMENT ON VIEW deals IS 'One row per deal: the facts of all articles that report the same deal, merged (see docs/warehouse.md).';
COMMENT ON COLUMN deals.deal_id IS 'Stable id of the deal: same on every re-run; a new report of the deal keeps it.';
COMMENT ON COLUMN deals.kind IS 'investment, round, stake (cumulative total, never added to totals) or valuation.';
COMMENT ON COLUMN deals.investee IS 'Company receiving the money or being valued.';
COMMENT ON COLUMN deals.investor IS 'Investor; null for rounds and valuations.';
COMMENT ON COLUMN deals.lead IS 'True when any report says the investor led; null when none says.';
COMMENT ON COLUMN deals.amount IS 'Best amount in currency: the figure most reports agree on, then the most precise.';
COMMENT ON COLUMN deals.currency IS 'ISO 4217 code of amount, amount_min and amount_max.';
COMMENT ON COLUMN deals.qualifier IS 'Qualifier of amount: exact, about, up_to (a ceiling), over or nearly.';
COMMENT ON COLUMN deals.amount_min IS 'Smallest amount any report gives in currency.';
COMMENT ON COLUMN deals.amount_max IS 'Largest amount any report gives in currency.';
COMMENT ON COLUMN deals.conflict IS 'True when two articles give amounts that cannot both be true (never averaged away).';
COMMENT ON COLUMN deals.amount_fact_id IS 'Fact whose figure is amount; its date and currency set the exchange rate.';
COMMENT ON COLUMN deals.date IS 'Most precise date any report gives: YYYY, YYYY-MM or YYYY-MM-DD.';
COMMENT ON COLUMN deals.date_precision IS 'year, month or day.';
COMMENT ON COLUMN deals.date_start IS 'First day of the period named by date.';
COMMENT ON COLUMN deals.first_reported IS 'Earliest publication date among the reports.';
COMMENT ON COLUMN deals.last_reported IS 'Latest publication date among the reports.';
COMMENT ON COLUMN deals.round IS 'Round type named by the reports, if any.';
COMMENT ON COLUMN deals.status IS 'Most advanced status reported: in_talks < reported < announced < completed.';
COMMENT ON COLUMN deals.source_count IS 'Number of facts (reports) merged into the deal.';
COMMENT ON COLUMN deals.article_count IS 'Number of distinct articles reporting the deal.';
COMMENT ON COLUMN deals.languages IS 'Languages of the reporting articles, comma-separated.';
COMMENT ON COLUMN deals.source_files IS 'File names of the reporting articles, comma-separated.';
COMMENT ON COLUMN deals.round_deal_id IS 'For an investment or valuation: the round deal it belongs to, if one fits.';
