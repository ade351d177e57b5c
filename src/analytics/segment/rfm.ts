// RFM per buyer in SQL: recency (days since last order), frequency (orders), monetary (base-currency spend),
// 1-5 quintile scores and the named segments marketing uses.
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { purchaseSql } from '../recommend/interactions.js';

export interface RfmRow {
  customer: string;
  recency_days: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: SegmentName;
}

export type SegmentName = 'champions' | 'loyal' | 'new' | 'promising' | 'need attention' | 'at risk' | 'lost';
export const SEGMENT_NAMES: readonly SegmentName[] = ['champions', 'loyal', 'new', 'promising', 'need attention', 'at risk', 'lost'];

/** Rules on the 1-5 scores (r: 5 = most recent). Order matters: the first that matches names the segment. */
export const SEGMENT_RULES_SQL = `CASE
  WHEN r >= 4 AND f >= 4 THEN 'champions'
  WHEN r >= 3 AND f >= 3 THEN 'loyal'
  WHEN r >= 4 AND f <= 1 THEN 'new'
  WHEN r >= 3 THEN 'promising'
  WHEN r <= 2 AND f >= 3 THEN 'at risk'
  WHEN r = 1 AND f <= 2 THEN 'lost'
  ELSE 'need attention' END`;

/** RFM as of `asOf` (default: the day after the last order in the store). */
export async function computeRfm(db: Backend, asOf?: string): Promise<{ asOf: string; rows: RfmRow[] }> {
  const { sql } = await purchaseSql(db);
  const ref = asOf ?? (await db.one<{ d: string }>(step(`SELECT strftime(max(placed_at) + INTERVAL 1 DAY, '%Y-%m-%dT%H:%M:%SZ') AS d FROM (${sql})`)))?.d;
  if (!ref) return { asOf: '', rows: [] };
  const rows = await db.all<RfmRow & Record<string, unknown>>(step(`
    WITH p AS (${sql}),
    c AS (SELECT user_key AS customer, date_diff('day', max(placed_at), CAST($1 AS TIMESTAMPTZ)) AS recency_days,
                 count(DISTINCT basket) AS frequency, round(sum(COALESCE(line_total_base, 0)), 2) AS monetary
          FROM p WHERE placed_at < CAST($1 AS TIMESTAMPTZ) GROUP BY 1),
    s AS (SELECT *, ntile(5) OVER (ORDER BY recency_days DESC, customer) AS r, ntile(5) OVER (ORDER BY frequency, customer) AS f,
                 ntile(5) OVER (ORDER BY monetary, customer) AS m FROM c)
    SELECT customer, CAST(recency_days AS INTEGER) AS recency_days, CAST(frequency AS INTEGER) AS frequency, CAST(monetary AS DOUBLE) AS monetary,
           CAST(r AS INTEGER) AS r, CAST(f AS INTEGER) AS f, CAST(m AS INTEGER) AS m, ${SEGMENT_RULES_SQL} AS segment
    FROM s ORDER BY customer`, [ref]));
  return { asOf: ref, rows };
}
