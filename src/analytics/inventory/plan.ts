// Inventory plan per product across platforms: stock on hand (latest snapshots) against the stored demand forecast:
// days of cover, reorder point = lead-time demand + safety stock (z × forecast error × √lead time), order-up-to
// quantity for lead time plus review period, and the chance of running out before a new order arrives.
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { normalQuantile } from '../forecast/run.js';

export interface PlanOptions {
  leadTimeDays: number;
  serviceLevel: number;
  /** days between orders: the order covers lead time plus this */
  reviewDays: number;
}

export interface PlanRow {
  product_id: string;
  on_hand: number;
  /** mean forecast units per day */
  daily_demand: number | null;
  days_of_cover: number | null;
  lead_time_demand: number | null;
  safety_stock: number | null;
  reorder_point: number | null;
  order_qty: number | null;
  /** P(demand over the lead time exceeds stock on hand) */
  stockout_risk: number | null;
  action: 'order now' | 'ok' | 'no forecast' | 'no demand';
}

/** Latest stock per product: the newest snapshot of each (platform, listing/sku, warehouse), summed. */
export function stockStep(): ReturnType<typeof step> {
  return step(`WITH snap AS (
      SELECT platform, COALESCE(platform_listing_id, sku) AS lid, sku, COALESCE(warehouse, '') AS wh, quantity,
             row_number() OVER (PARTITION BY platform, COALESCE(platform_listing_id, sku), COALESCE(warehouse, '') ORDER BY "at" DESC) AS rn
      FROM inventory_snapshot WHERE quantity IS NOT NULL),
    bysku AS (SELECT sku, min(product_id) AS product_id FROM listing_product WHERE fused AND sku IS NOT NULL GROUP BY 1)
    SELECT COALESCE(lp.product_id, bysku.product_id, 'u:' || s.platform || ':' || s.lid) AS product_id, CAST(sum(s.quantity) AS DOUBLE) AS on_hand,
           lower(min(s.sku)) AS sku
    FROM snap s
    LEFT JOIN listing_product lp ON lp.platform = s.platform AND lp.platform_listing_id = s.lid
    LEFT JOIN bysku ON bysku.sku = s.sku
    WHERE s.rn = 1 GROUP BY 1 ORDER BY 1`);
}

function normalCdf(x: number): number {
  // Abramowitz-Stegun 7.1.26 on erf
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** Plans from stock and the forecasts stored at level product (run `forecast` first, or let the caller do it). */
export async function inventoryPlan(db: Backend, o: PlanOptions): Promise<PlanRow[]> {
  const stock = await db.all<{ product_id: string; on_hand: number; sku: string | null }>(stockStep());
  const fc = await db.all<{ series_id: string; yhat: number; sigma: number | null }>(step(
    `SELECT series_id, yhat, sigma FROM forecast WHERE level = 'product' ORDER BY series_id, day`));
  const bySeries = new Map<string, { yhat: number[]; sigma: number | null }>();
  for (const f of fc) {
    let s = bySeries.get(f.series_id);
    if (!s) bySeries.set(f.series_id, (s = { yhat: [], sigma: f.sigma === null ? null : Number(f.sigma) }));
    s.yhat.push(Number(f.yhat));
  }
  // before fusion a stock row's provisional id matches no sales series: fall back to the series sold under its SKU
  const skuOf = await db.all<{ product_id: string; sku: string }>(step(`SELECT DISTINCT product_id, lower(sku) AS sku FROM line_product WHERE sku IS NOT NULL AND product_id LIKE 'u:%'`));
  const seriesBySku = new Map<string, string[]>();
  for (const r of skuOf) seriesBySku.set(r.sku, [...(seriesBySku.get(r.sku) ?? []), r.product_id]);
  for (const st of stock) {
    if (bySeries.has(st.product_id) || st.sku === null) continue;
    const parts = (seriesBySku.get(st.sku) ?? []).map((id) => bySeries.get(id)).filter((x): x is { yhat: number[]; sigma: number | null } => x !== undefined);
    if (parts.length === 0) continue;
    const len = Math.max(...parts.map((x) => x.yhat.length));
    bySeries.set(st.product_id, {
      yhat: Array.from({ length: len }, (_, d) => parts.reduce((a, x) => a + (x.yhat[d] ?? 0), 0)),
      sigma: parts.every((x) => x.sigma !== null) ? Math.sqrt(parts.reduce((a, x) => a + (x.sigma ?? 0) ** 2, 0)) : null,
    });
  }
  const z = normalQuantile(o.serviceLevel);
  const ids = new Set([...stock.map((s) => s.product_id)]);
  const onHand = new Map(stock.map((s) => [s.product_id, Number(s.on_hand)]));
  const rows: PlanRow[] = [];
  for (const id of ids) {
    const have = onHand.get(id) ?? 0;
    const f = bySeries.get(id);
    if (!f || f.yhat.length === 0) {
      rows.push({ product_id: id, on_hand: have, daily_demand: null, days_of_cover: null, lead_time_demand: null, safety_stock: null, reorder_point: null, order_qty: null, stockout_risk: null, action: 'no forecast' });
      continue;
    }
    const mu = f.yhat.reduce((a, b) => a + b, 0) / f.yhat.length;
    const over = (days: number) => {
      let s = 0;
      for (let d = 0; d < days; d++) s += f.yhat[d] ?? mu;
      return s;
    };
    const sigma = f.sigma ?? Math.sqrt(Math.max(mu, 0));
    const dl = over(o.leadTimeDays);
    const ss = z * sigma * Math.sqrt(o.leadTimeDays);
    const rop = dl + ss;
    const upTo = over(o.leadTimeDays + o.reviewDays) + z * sigma * Math.sqrt(o.leadTimeDays + o.reviewDays);
    const sl = sigma * Math.sqrt(o.leadTimeDays);
    const risk = sl > 0 ? 1 - normalCdf((have - dl) / sl) : have < dl ? 1 : 0;
    rows.push({
      product_id: id, on_hand: have, daily_demand: r1(mu), days_of_cover: mu > 0 ? r1(have / mu) : null, lead_time_demand: r1(dl),
      safety_stock: r1(ss), reorder_point: r1(rop), order_qty: Math.max(0, Math.ceil(upTo - have)), stockout_risk: +risk.toFixed(3),
      action: mu <= 0 ? 'no demand' : have <= rop ? 'order now' : 'ok',
    });
  }
  const rank = { 'order now': 0, ok: 1, 'no demand': 2, 'no forecast': 3 } as const;
  return rows.sort((a, b) => rank[a.action] - rank[b.action] || (b.stockout_risk ?? 0) - (a.stockout_risk ?? 0) || (a.product_id < b.product_id ? -1 : 1));
}
