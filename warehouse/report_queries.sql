-- The queries behind `fundwire report`, one per block, each introduced by a `-- name:` line.
-- They read the warehouse views only, so the report shows what a BI tool would show.

-- name: overview
SELECT
    (SELECT count(*) FROM raw_articles) AS articles,
    (SELECT count(*) FROM raw_facts) AS facts,
    (SELECT count(*) FROM raw_deals) AS deals,
    (SELECT count(*) FROM raw_rejects) AS rejects,
    (SELECT count(DISTINCT investee) FROM raw_deals) AS companies,
    (SELECT max(ingested_at) FROM raw_articles) AS last_ingested;

-- name: investor_totals
-- The investors with the largest disclosed totals (stakes never add, see investor_totals).
SELECT investor, deals, disclosed_deals, total_usd, lead_count, investees
FROM investor_totals
WHERE total_usd > 0
ORDER BY total_usd DESC, investor
LIMIT 20;

-- name: round_timeline
-- Rounds and valuations of the companies with the largest rounds, placed at their dates.
WITH events AS (
    SELECT
        history.company,
        history.kind,
        history.round,
        history.date,
        deals.date_start,
        history.amount_usd,
        history.valuation_usd,
        history.lead_investors,
        history.status
    FROM round_history AS history
    JOIN deals_usd AS deals USING (deal_id)
    WHERE history.kind IN ('round', 'valuation') AND deals.date_start IS NOT NULL
),
top_companies AS (
    SELECT company
    FROM events
    GROUP BY company
    ORDER BY max(coalesce(amount_usd, valuation_usd)) DESC NULLS LAST, company
    LIMIT 15
)
SELECT events.*
FROM events
JOIN top_companies USING (company)
ORDER BY company, date_start, kind;

-- name: currency_mix
-- The currencies amounts were reported in, by article language.
SELECT currency, coalesce(lang, 'unknown') AS lang, count(*) AS facts
FROM stg_facts
WHERE amount IS NOT NULL AND currency IS NOT NULL
GROUP BY ALL
ORDER BY facts DESC, currency, lang;

-- name: rejects_by_reason
SELECT stage, reason, count(*) AS rejects
FROM raw_rejects
GROUP BY ALL
ORDER BY rejects DESC, stage, reason;

-- name: recent_rejects
SELECT file_name, stage, reason, detail, rejected_at
FROM raw_rejects
ORDER BY rejected_at DESC, file_name
LIMIT 25;
