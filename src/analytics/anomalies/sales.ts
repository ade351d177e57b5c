// Sales spikes and drops per product and platform: daily order counts against a one-step forecast (trailing mean
// scaled by the platform's own day, so Black Friday or 11.11 do not look like spikes), robust z on the residuals
// (MAD), and zero-sales runs that the forecast says were very unlikely.
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { dateAt } from '../forecast/panel.js';

export interface SalesAnomaly {
  kind: 'sales_spike' | 'sales_drop';
  product_id: string;
  platform: string;
  date: string;
  /** spike: robust z of the day's residual; drop: expected orders over the silent run (−ln P of seeing none) */
  score: number;
  actual: number;
  expected: number;
  reason: string;
}

export interface SalesAnomalyOptions {
  /** robust z above which a day is a spike */
  spikeZ: number;
  /** and at least this many orders above the forecast */
  spikeMinExcess: number;
  /** shortest silent run considered */
  dropMinDays: number;
  /** expected orders over the run above which silence is a drop */
  dropMinExpected: number;
  /** series with fewer orders in total are skipped */
  minOrders: number;
}

export const DEFAULT_SALES_ANOMALY: SalesAnomalyOptions = { spikeZ: 6, spikeMinExcess: 8, dropMinDays: 14, dropMinExpected: 10, minOrders: 20 };

const WINDOW = 28;

function trailingMean(y: Float64Array, t: number, w: number): number {
  const a = Math.max(0, t - w);
  if (t <= a) return NaN;
  let s = 0;
  for (let i = a; i < t; i++) s += y[i] as number;
  return s / (t - a);
}

function mad(v: number[]): number {
  if (v.length === 0) return 0;
  const s = [...v].sort((a, b) => a - b);
  const med = s[s.length >> 1] as number;
  const d = s.map((x) => Math.abs(x - med)).sort((a, b) => a - b);
  return d[d.length >> 1] as number;
}

export async function salesAnomalies(db: Backend, opts: SalesAnomalyOptions = DEFAULT_SALES_ANOMALY): Promise<SalesAnomaly[]> {
  const span = await db.one<{ lo: string | null; n: number | null }>(step(`SELECT strftime(CAST(min(placed_at) AS DATE), '%Y-%m-%d') AS lo,
    CAST(CAST(max(placed_at) AS DATE) - CAST(min(placed_at) AS DATE) + 1 AS INTEGER) AS n FROM order_line`));
  if (!span?.lo || !span.n) return [];
  const rows = await db.all<{ product_id: string; platform: string; t: number; n: number }>(step(`WITH lines AS (
      SELECT lp.product_id, lp.platform, lp.platform_order_id, CAST(CAST(lp.placed_at AS DATE) - CAST($1 AS DATE) AS INTEGER) AS t
      FROM line_product lp LEFT JOIN orders o ON o.platform = lp.platform AND o.platform_order_id = lp.platform_order_id
      WHERE lp.placed_at IS NOT NULL AND lower(COALESCE(o.status, lp.status, '')) NOT IN ('cancelled', 'canceled'))
    SELECT product_id, platform, t, CAST(count(DISTINCT platform_order_id) AS INTEGER) AS n FROM lines GROUP BY ALL ORDER BY 1, 2, 3`, [span.lo]));
  const n = Number(span.n);
  const series = new Map<string, { product_id: string; platform: string; y: Float64Array }>();
  const platformTotal = new Map<string, Float64Array>();
  for (const r of rows) {
    const key = `${r.platform}\u0000${r.product_id}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { product_id: r.product_id, platform: r.platform, y: new Float64Array(n) }));
    const t = Number(r.t);
    if (t < 0 || t >= n) continue;
    s.y[t] = (s.y[t] as number) + Number(r.n);
    let tot = platformTotal.get(r.platform);
    if (!tot) platformTotal.set(r.platform, (tot = new Float64Array(n)));
    tot[t] = (tot[t] as number) + Number(r.n);
  }
  const cal = { start: span.lo, stepDays: 1 };
  const out: SalesAnomaly[] = [];
  for (const s of series.values()) {
    const total = s.y.reduce((a, b) => a + b, 0);
    if (total < opts.minOrders) continue;
    const tot = platformTotal.get(s.platform)!;
    // platform-day multiplier from the other products of the platform
    const expected = new Float64Array(n).fill(NaN);
    const rest = Float64Array.from(tot, (v, t) => v - (s.y[t] as number));
    for (let t = WINDOW; t < n; t++) {
      const base = trailingMean(s.y, t, WINDOW);
      const restBase = trailingMean(rest, t, WINDOW);
      const mult = restBase > 0.5 ? Math.min(12, Math.max(0.1, (rest[t] as number) / restBase)) : 1;
      expected[t] = base * mult;
    }
    const resid: number[] = [];
    for (let t = WINDOW; t < n; t++) resid.push((s.y[t] as number) - (expected[t] as number));
    const scale = 1.4826 * mad(resid);
    const spikes = new Set<number>();
    for (let t = WINDOW; t < n; t++) {
      const e = expected[t] as number;
      const r = (s.y[t] as number) - e;
      const z = r / Math.max(scale, Math.sqrt(Math.max(e, 0.25)), 0.5);
      if (z >= opts.spikeZ && r >= opts.spikeMinExcess) {
        spikes.add(t);
        out.push({ kind: 'sales_spike', product_id: s.product_id, platform: s.platform, date: dateAt(cal, t), score: +z.toFixed(2), actual: s.y[t] as number, expected: +e.toFixed(2),
          reason: `${s.y[t]} orders on ${s.platform} against ${e.toFixed(1)} expected (robust z ${z.toFixed(1)})` });
      }
    }
    // silent runs: not touching the end of the data (a product that stops selling at the end is not yet an anomaly)
    for (let t = WINDOW; t < n; ) {
      if ((s.y[t] as number) !== 0) { t++; continue; }
      let end = t;
      while (end < n && (s.y[end] as number) === 0) end++;
      const len = end - t;
      if (end < n && len >= opts.dropMinDays) {
        // the rate before the run, leaving out spike days (a spike is not the product's normal pace)
        let sum = 0;
        let cnt = 0;
        for (let u = Math.max(0, t - 2 * WINDOW); u < t; u++) if (!spikes.has(u)) { sum += s.y[u] as number; cnt++; }
        const rate = cnt > 0 ? sum / cnt : 0;
        const restBase = trailingMean(rest, t, WINDOW);
        let exp = 0;
        for (let u = t; u < end; u++) exp += rate * (restBase > 0.5 ? Math.min(12, Math.max(0.1, (rest[u] as number) / restBase)) : 1);
        if (exp >= opts.dropMinExpected) {
          out.push({ kind: 'sales_drop', product_id: s.product_id, platform: s.platform, date: dateAt(cal, t), score: +exp.toFixed(2), actual: 0, expected: +exp.toFixed(2),
            reason: `no orders on ${s.platform} for ${len} days from ${dateAt(cal, t)} where ${exp.toFixed(1)} were expected (chance ≈ e^-${exp.toFixed(0)})` });
        }
      }
      t = end;
    }
  }
  return out.sort((a, b) => b.score - a.score);
}
