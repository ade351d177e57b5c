// Churn features per buyer as of a cutoff, computed in SQL from purchases before it, and the label: no
// purchase in the `horizonDays` after it.
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { purchaseSql } from '../recommend/interactions.js';

export const CHURN_FEATURES = [
  'recency_days', 'tenure_days', 'frequency', 'monetary', 'avg_basket_value', 'avg_basket_lines', 'distinct_products',
  'orders_30d', 'orders_90d', 'orders_180d', 'spend_90d', 'avg_gap_days', 'active_months', 'gap_trend',
] as const;

export interface ChurnRows {
  customers: string[];
  x: number[][];
  /** 1 = churned (no purchase within the horizon); undefined when the horizon is not observed */
  y: number[] | undefined;
}

/** Features as of `cutoff` (ISO instant); labels when the whole horizon lies inside the data. */
export async function churnRows(db: Backend, cutoff: string, horizonDays: number, withLabels: boolean): Promise<ChurnRows> {
  const { sql } = await purchaseSql(db);
  const rows = await db.all<Record<string, number | string>>(step(`
    WITH p AS (${sql}),
    b AS (SELECT user_key, basket, min(placed_at) AS t, sum(COALESCE(line_total_base, 0)) AS v, count(*) AS lines
          FROM p WHERE placed_at < CAST($1 AS TIMESTAMPTZ) GROUP BY 1, 2),
    g AS (SELECT user_key, t, date_diff('day', lag(t) OVER (PARTITION BY user_key ORDER BY t), t) AS gap,
                 row_number() OVER (PARTITION BY user_key ORDER BY t DESC) AS rn FROM b),
    gs AS (SELECT user_key, avg(gap) AS avg_gap, avg(gap) FILTER (WHERE rn <= 3) AS recent_gap FROM g GROUP BY 1),
    dp AS (SELECT user_key, count(DISTINCT product_id) AS distinct_products FROM p WHERE placed_at < CAST($1 AS TIMESTAMPTZ) GROUP BY 1),
    f AS (SELECT user_key,
            date_diff('day', max(t), CAST($1 AS TIMESTAMPTZ)) AS recency_days,
            date_diff('day', min(t), CAST($1 AS TIMESTAMPTZ)) AS tenure_days,
            count(*) AS frequency, sum(v) AS monetary, avg(v) AS avg_basket_value, avg(lines) AS avg_basket_lines,
            count(*) FILTER (WHERE t >= CAST($1 AS TIMESTAMPTZ) - INTERVAL 30 DAY) AS orders_30d,
            count(*) FILTER (WHERE t >= CAST($1 AS TIMESTAMPTZ) - INTERVAL 90 DAY) AS orders_90d,
            count(*) FILTER (WHERE t >= CAST($1 AS TIMESTAMPTZ) - INTERVAL 180 DAY) AS orders_180d,
            COALESCE(sum(v) FILTER (WHERE t >= CAST($1 AS TIMESTAMPTZ) - INTERVAL 90 DAY), 0) AS spend_90d,
            count(DISTINCT date_trunc('month', t)) AS active_months
          FROM b GROUP BY 1),
    lab AS (SELECT DISTINCT user_key FROM p WHERE placed_at >= CAST($1 AS TIMESTAMPTZ) AND placed_at < CAST($1 AS TIMESTAMPTZ) + to_days(CAST($2 AS INTEGER)))
    SELECT f.user_key AS customer, CAST(recency_days AS DOUBLE) AS recency_days, CAST(tenure_days AS DOUBLE) AS tenure_days,
           CAST(frequency AS DOUBLE) AS frequency, CAST(monetary AS DOUBLE) AS monetary, CAST(avg_basket_value AS DOUBLE) AS avg_basket_value,
           CAST(avg_basket_lines AS DOUBLE) AS avg_basket_lines, CAST(dp.distinct_products AS DOUBLE) AS distinct_products,
           CAST(orders_30d AS DOUBLE) AS orders_30d, CAST(orders_90d AS DOUBLE) AS orders_90d, CAST(orders_180d AS DOUBLE) AS orders_180d,
           CAST(spend_90d AS DOUBLE) AS spend_90d, CAST(COALESCE(gs.avg_gap, tenure_days) AS DOUBLE) AS avg_gap_days,
           CAST(active_months AS DOUBLE) AS active_months,
           CAST(COALESCE(gs.recent_gap / NULLIF(gs.avg_gap, 0), 1) AS DOUBLE) AS gap_trend,
           CAST(lab.user_key IS NULL AS INTEGER) AS churned
    FROM f LEFT JOIN gs USING (user_key) LEFT JOIN dp USING (user_key) LEFT JOIN lab USING (user_key)
    ORDER BY f.user_key`, [cutoff, horizonDays]));
  return {
    customers: rows.map((r) => String(r.customer)),
    x: rows.map((r) => CHURN_FEATURES.map((f) => Number(r[f] ?? 0))),
    y: withLabels ? rows.map((r) => Number(r.churned)) : undefined,
  };
}
