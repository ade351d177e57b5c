// Demand series from the fused data: units per product (or category, platform, total) per day or week, summed
// across platforms through line_product, aggregated in SQL; only the sparse (series, day) totals reach JS.
//
// Cancellations and returns: lines of cancelled orders are dropped; negative quantities (returns, cancellation
// invoices such as UCI's "C…" lines) are netted against the same product's sales on the same day and the net is
// floored at zero. A return on a later day is not subtracted from demand: it says nothing about what was asked for.
import type { Backend } from '../store/backend.js';
import { step, type SqlStep } from '../store/sql.js';
import { dayMs, type Panel } from './forecast/panel.js';

export type SeriesLevel = 'product' | 'category' | 'platform' | 'total';
export const SERIES_LEVELS: readonly SeriesLevel[] = ['product', 'category', 'platform', 'total'];

export interface DemandRow {
  series_id: string;
  day: string;
  qty: number;
  revenue: number;
}

const KEY: Record<SeriesLevel, string> = {
  product: 'product_id',
  category: "COALESCE(NULLIF(split_part(category_path, ' > ', 1), ''), '(no category)')",
  platform: 'platform',
  total: "'total'",
};

export interface DemandQuery {
  level: SeriesLevel;
  /** 1 = daily, 7 = weekly (weeks start on Monday) */
  stepDays: 1 | 7;
  /** only this series id */
  seriesId?: string;
  /** keep the `top` series with the most units */
  top?: number;
}

/** Net daily units per (product, platform, day) with category, as described in the file header. */
function netLinesSql(): string {
  return `SELECT lp.product_id, lp.platform, COALESCE(p.category_path, l.category_path) AS category_path,
           CAST(lp.placed_at AS DATE) AS day,
           greatest(0, sum(lp.quantity)) AS qty,
           sum(CASE WHEN lp.quantity > 0 THEN lp.quantity * COALESCE(lp.unit_price_base, lp.unit_price, 0) ELSE 0 END) AS revenue
    FROM line_product lp
    LEFT JOIN orders o ON o.platform = lp.platform AND o.platform_order_id = lp.platform_order_id
    LEFT JOIN listing l ON l.platform = lp.platform AND l.platform_listing_id = lp.platform_listing_id
    LEFT JOIN product p ON p.product_id = lp.product_id
    WHERE lp.placed_at IS NOT NULL AND lp.quantity IS NOT NULL
      AND lower(COALESCE(o.status, lp.status, '')) NOT IN ('cancelled', 'canceled')
    GROUP BY ALL`;
}

/** SQL giving (series_id, day, qty, revenue) rows, days as ISO strings. */
export function demandRowsStep(q: DemandQuery): SqlStep {
  const period = q.stepDays === 7 ? "date_trunc('week', day)" : 'day';
  const params: (string | number)[] = [];
  let filter = '';
  if (q.seriesId !== undefined) {
    params.push(q.seriesId);
    filter = `WHERE series_id = $${params.length}`;
  } else if (q.top !== undefined) {
    params.push(q.top);
    filter = `WHERE series_id IN (SELECT series_id FROM agg GROUP BY 1 ORDER BY sum(qty) DESC, 1 LIMIT $${params.length})`;
  }
  return step(`WITH net AS (${netLinesSql()}),
    agg AS (SELECT ${KEY[q.level]} AS series_id, CAST(${period} AS DATE) AS day, sum(qty) AS qty, sum(revenue) AS revenue FROM net GROUP BY 1, 2)
    SELECT series_id, strftime(day, '%Y-%m-%d') AS day, CAST(qty AS DOUBLE) AS qty, CAST(revenue AS DOUBLE) AS revenue
    FROM agg ${filter} ORDER BY series_id, day`, params);
}

/** Dense panel from sparse rows; the calendar runs from the first to the last day seen in any series. */
export function panelFromRows(rows: readonly DemandRow[], stepDays: 1 | 7, range?: { start: string; end: string }): Panel {
  const ids = [...new Set(rows.map((r) => r.series_id))].sort();
  const days = rows.map((r) => r.day).sort();
  const start = range?.start ?? days[0] ?? '1970-01-01';
  const end = range?.end ?? days[days.length - 1] ?? start;
  const stepMs = stepDays * 86_400_000;
  const t0 = dayMs(start);
  const length = Math.floor((dayMs(end) - t0) / stepMs) + 1;
  const index = new Map(ids.map((id, i) => [id, i]));
  const y = ids.map(() => new Float64Array(length));
  const revenue = ids.map(() => new Float64Array(length));
  for (const r of rows) {
    const t = Math.floor((dayMs(r.day) - t0) / stepMs);
    const i = index.get(r.series_id);
    if (i === undefined || t < 0 || t >= length) continue;
    y[i]![t] = (y[i]![t] as number) + Number(r.qty);
    revenue[i]![t] = (revenue[i]![t] as number) + Number(r.revenue);
  }
  const price = y.map((ys, i) => Float64Array.from(ys, (q, t) => (q > 0 && revenue[i]![t]! > 0 ? revenue[i]![t]! / q : NaN)));
  return { ids, start, stepDays, length, y, price };
}

/** Demand panel straight from the store. */
export async function loadDemandPanel(db: Backend, q: DemandQuery): Promise<Panel> {
  const rows = await db.all<DemandRow & Record<string, unknown>>(demandRowsStep(q));
  const span = await db.one<{ lo: string | null; hi: string | null }>(step(`SELECT strftime(CAST(min(placed_at) AS DATE), '%Y-%m-%d') AS lo, strftime(CAST(max(placed_at) AS DATE), '%Y-%m-%d') AS hi FROM order_line`));
  if (!span?.lo || !span.hi) return panelFromRows(rows, q.stepDays);
  const lo = q.stepDays === 7 ? weekStart(span.lo) : span.lo;
  // a week the data ends inside is incomplete: leave it out rather than forecast from a half week
  const lastDay = (new Date(dayMs(span.hi)).getUTCDay() + 6) % 7;
  const hi = q.stepDays === 7 ? new Date(dayMs(weekStart(span.hi)) - (lastDay === 6 ? 0 : 7 * 86_400_000)).toISOString().slice(0, 10) : span.hi;
  return panelFromRows(rows, q.stepDays, { start: lo, end: hi });
}

function weekStart(iso: string): string {
  const t = dayMs(iso);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * 86_400_000).toISOString().slice(0, 10);
}
