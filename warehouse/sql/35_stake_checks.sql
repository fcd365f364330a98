-- Stakes are cumulative totals: they never add to totals, but they check them.

CREATE OR REPLACE VIEW stake_checks AS
WITH stakes_by_recency AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY investor, investee
            ORDER BY date_start DESC NULLS LAST, last_reported DESC NULLS LAST, deal_id
        ) AS recency
    FROM deals_usd
    WHERE kind = 'stake' AND investor IS NOT NULL
),
latest_stakes AS (
    SELECT * FROM stakes_by_recency WHERE recency = 1
),
investments_reported_before AS (
    SELECT
        latest_stakes.deal_id AS stake_deal_id,
        count(investments.deal_id) AS investment_deals,
        sum(investments.amount_usd) AS invested_usd
    FROM latest_stakes
    JOIN deals_usd AS investments
        ON investments.kind = 'investment'
        AND investments.investor = latest_stakes.investor
        AND investments.investee = latest_stakes.investee
        AND coalesce(investments.first_reported, DATE '0001-01-01')
            <= coalesce(latest_stakes.last_reported, DATE '9999-12-31')
    GROUP BY latest_stakes.deal_id
)
SELECT
    latest_stakes.investor,
    latest_stakes.investee,
    latest_stakes.deal_id AS stake_deal_id,
    latest_stakes.date AS stake_date,
    latest_stakes.amount AS stake_amount,
    latest_stakes.currency AS stake_currency,
    latest_stakes.amount_usd AS stake_usd,
    coalesce(investments_reported_before.investment_deals, 0) AS investment_deals,
    investments_reported_before.invested_usd,
    coalesce(
        investments_reported_before.invested_usd > latest_stakes.amount_usd * 1.05, false
    ) AS contradicts
FROM latest_stakes
LEFT JOIN investments_reported_before ON investments_reported_before.stake_deal_id = latest_stakes.deal_id;

COMMENT ON VIEW stake_checks IS 'Per investor and company: the latest reported cumulative stake against the investments reported up to then.';
COMMENT ON COLUMN stake_checks.investor IS 'Investor holding the stake.';
COMMENT ON COLUMN stake_checks.investee IS 'Company the stake is in.';
COMMENT ON COLUMN stake_checks.stake_deal_id IS 'Deal id of the latest stake report.';
COMMENT ON COLUMN stake_checks.stake_date IS 'Date of that stake: YYYY, YYYY-MM or YYYY-MM-DD.';
COMMENT ON COLUMN stake_checks.stake_amount IS 'Cumulative amount invested to date, original currency.';
COMMENT ON COLUMN stake_checks.stake_currency IS 'ISO 4217 code of stake_amount.';
COMMENT ON COLUMN stake_checks.stake_usd IS 'stake_amount in USD.';
COMMENT ON COLUMN stake_checks.investment_deals IS 'Investment deals of this investor in this company first reported no later than the stake.';
COMMENT ON COLUMN stake_checks.invested_usd IS 'Sum of their disclosed amounts in USD.';
COMMENT ON COLUMN stake_checks.contradicts IS 'True when invested_usd exceeds stake_usd by more than 5%: the investment total over-counts.';
