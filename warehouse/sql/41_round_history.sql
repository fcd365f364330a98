-- Per company, in date order: its rounds, investments, valuations and stakes.

CREATE OR REPLACE TABLE round_history AS
WITH round_participants AS (
    SELECT
        round_deal_id,
        array_to_string(list_sort(list(investor) FILTER (WHERE lead)), ', ') AS lead_investors,
        array_to_string(list_sort(list(investor)), ', ') AS participants
    FROM deals_usd
    WHERE kind = 'investment' AND round_deal_id IS NOT NULL AND investor IS NOT NULL
    GROUP BY round_deal_id
),
round_valuations AS (
    SELECT round_deal_id, max(amount_usd) AS valuation_usd
    FROM deals_usd
    WHERE kind = 'valuation' AND round_deal_id IS NOT NULL
    GROUP BY round_deal_id
),
valuation_step_ups AS (
    SELECT
        deal_id,
        amount_usd / lag(amount_usd) OVER (
            PARTITION BY investee ORDER BY date_start NULLS LAST, deal_id
        ) AS step_up
    FROM deals_usd
    WHERE kind = 'valuation' AND amount_usd IS NOT NULL
),
company_events AS (
    SELECT
        *,
        CASE kind WHEN 'round' THEN 0 WHEN 'investment' THEN 1 WHEN 'valuation' THEN 2 ELSE 3 END
            AS kind_order
    FROM deals_usd
)
SELECT
    company_events.investee AS company,
    row_number() OVER (
        PARTITION BY company_events.investee
        ORDER BY date_start NULLS LAST, kind_order, investor NULLS FIRST, company_events.deal_id
    ) AS event_seq,
    company_events.date,
    company_events.date_precision,
    company_events.kind,
    company_events.round,
    company_events.investor,
    CASE kind
        WHEN 'round' THEN round_participants.lead_investors
        WHEN 'investment' THEN CASE WHEN lead THEN investor END
    END AS lead_investors,
    round_participants.participants,
    company_events.status,
    company_events.amount,
    company_events.currency,
    company_events.qualifier,
    company_events.amount_usd,
    company_events.base_currency,
    company_events.amount_base,
    company_events.conflict,
    CASE kind
        WHEN 'round' THEN round_valuations.valuation_usd
        WHEN 'valuation' THEN company_events.amount_usd
    END AS valuation_usd,
    CAST(round(valuation_step_ups.step_up, 2) AS DECIMAL(18, 2)) AS valuation_step_up,
    company_events.source_count,
    company_events.article_count,
    company_events.languages,
    company_events.deal_id,
    company_events.round_deal_id
FROM company_events
LEFT JOIN round_participants ON round_participants.round_deal_id = company_events.deal_id
LEFT JOIN round_valuations ON round_valuations.round_deal_id = company_events.deal_id
LEFT JOIN valuation_step_ups ON valuation_step_ups.deal_id = company_events.deal_id
ORDER BY company, event_seq;

COMMENT ON TABLE round_history IS 'Per company, date-ordered: rounds, investments, valuations and stakes, one row per deal.';
COMMENT ON COLUMN round_history.company IS 'Company (the investee).';
COMMENT ON COLUMN round_history.event_seq IS 'Position in the company''s history: by date, then round, investment, valuation, stake.';
COMMENT ON COLUMN round_history.date IS 'Date of the deal: YYYY, YYYY-MM or YYYY-MM-DD (undated deals come last).';
COMMENT ON COLUMN round_history.date_precision IS 'year, month or day.';
COMMENT ON COLUMN round_history.kind IS 'round, investment, valuation or stake (a cumulative total).';
COMMENT ON COLUMN round_history.round IS 'Round type, when reported.';
COMMENT ON COLUMN round_history.investor IS 'Investor of an investment or stake.';
COMMENT ON COLUMN round_history.lead_investors IS 'Round: investors reported as leading it; investment: the investor when it led.';
COMMENT ON COLUMN round_history.participants IS 'Round: all investors whose investment deals belong to it.';
COMMENT ON COLUMN round_history.status IS 'Most advanced status reported.';
COMMENT ON COLUMN round_history.amount IS 'Amount in the original currency (a valuation for kind valuation, a cumulative total for kind stake).';
COMMENT ON COLUMN round_history.currency IS 'ISO 4217 code of amount.';
COMMENT ON COLUMN round_history.qualifier IS 'exact, about, up_to, over or nearly.';
COMMENT ON COLUMN round_history.amount_usd IS 'amount in USD; null when undisclosed or no rate (see deals_usd.usd_reason).';
COMMENT ON COLUMN round_history.base_currency IS 'The second reporting currency.';
COMMENT ON COLUMN round_history.amount_base IS 'amount in the base currency.';
COMMENT ON COLUMN round_history.conflict IS 'True when the reports disagree on the amount.';
COMMENT ON COLUMN round_history.valuation_usd IS 'Valuation: its amount in USD; round: the valuation deal belonging to it, in USD.';
COMMENT ON COLUMN round_history.valuation_step_up IS 'Valuation: multiple of the company''s previous valuation (USD).';
COMMENT ON COLUMN round_history.source_count IS 'Number of reports merged into the deal.';
COMMENT ON COLUMN round_history.article_count IS 'Number of distinct articles reporting it.';
COMMENT ON COLUMN round_history.languages IS 'Languages of the reporting articles.';
COMMENT ON COLUMN round_history.deal_id IS 'Deal id (see deals, deal_sources).';
COMMENT ON COLUMN round_history.round_deal_id IS 'Investment or valuation: the round deal it belongs to.';
