-- Per investor: its investment deals, each counted once however many articles report it.
-- Stakes (cumulative totals) never add to these totals.

CREATE OR REPLACE TABLE investor_totals AS
WITH investment_deals AS (
    SELECT * FROM deals_usd WHERE kind = 'investment' AND investor IS NOT NULL
),
stake_contradictions AS (
    SELECT investor, count(*) FILTER (WHERE contradicts) AS contradicted
    FROM stake_checks
    GROUP BY investor
)
SELECT
    investment_deals.investor,
    count(*) AS deals,
    count(amount) AS disclosed_deals,
    coalesce(sum(amount_usd), 0) AS total_usd,
    any_value(base_currency) AS base_currency,
    coalesce(sum(amount_base), 0) AS total_base,
    max(amount_usd) AS largest_deal_usd,
    first(investee ORDER BY amount_usd DESC, investee) FILTER (WHERE amount_usd IS NOT NULL)
        AS largest_deal_investee,
    count(DISTINCT investee) AS investee_count,
    array_to_string(list_sort(list(DISTINCT investee)), ', ') AS investees,
    first(date ORDER BY date_start, date) FILTER (WHERE date_start IS NOT NULL) AS first_deal_date,
    first(date ORDER BY date_start DESC, date DESC) FILTER (WHERE date_start IS NOT NULL)
        AS last_deal_date,
    count(*) FILTER (WHERE lead) AS lead_count,
    count(*) FILTER (WHERE qualifier = 'up_to') AS capped_deals,
    count(*) FILTER (WHERE conflict) AS conflicted_deals,
    count(amount) - count(amount_usd) AS unconverted_deals,
    coalesce(any_value(stake_contradictions.contradicted), 0) AS stake_contradictions
FROM investment_deals
LEFT JOIN stake_contradictions USING (investor)
GROUP BY investment_deals.investor;

COMMENT ON TABLE investor_totals IS 'Per investor: investment deals (each counted once), disclosed totals in USD and the base currency, investees and dates. Stakes never add.';
COMMENT ON COLUMN investor_totals.investor IS 'Investor (canonical name).';
COMMENT ON COLUMN investor_totals.deals IS 'Number of investment deals.';
COMMENT ON COLUMN investor_totals.disclosed_deals IS 'Number of those with a disclosed amount.';
COMMENT ON COLUMN investor_totals.total_usd IS 'Sum of the disclosed deal amounts in USD (up_to ceilings at face value; see capped_deals).';
COMMENT ON COLUMN investor_totals.base_currency IS 'The second reporting currency.';
COMMENT ON COLUMN investor_totals.total_base IS 'Sum of the disclosed deal amounts in the base currency.';
COMMENT ON COLUMN investor_totals.largest_deal_usd IS 'Largest single deal in USD.';
COMMENT ON COLUMN investor_totals.largest_deal_investee IS 'Company of the largest deal.';
COMMENT ON COLUMN investor_totals.investee_count IS 'Number of distinct companies invested in.';
COMMENT ON COLUMN investor_totals.investees IS 'Companies invested in, alphabetical, comma-separated.';
COMMENT ON COLUMN investor_totals.first_deal_date IS 'Date of the earliest dated deal (YYYY, YYYY-MM or YYYY-MM-DD).';
COMMENT ON COLUMN investor_totals.last_deal_date IS 'Date of the latest dated deal.';
COMMENT ON COLUMN investor_totals.lead_count IS 'Number of deals the investor led.';
COMMENT ON COLUMN investor_totals.capped_deals IS 'Number of deals whose amount is an up_to ceiling.';
COMMENT ON COLUMN investor_totals.conflicted_deals IS 'Number of deals whose sources disagree on the amount.';
COMMENT ON COLUMN investor_totals.unconverted_deals IS 'Disclosed deals with no USD rate (left out of total_usd; see deals_usd.usd_reason).';
COMMENT ON COLUMN investor_totals.stake_contradictions IS 'Companies where the investments exceed the investor''s latest reported cumulative stake (see stake_checks).';
