// Demand series from the store (fused across platforms, cancellations and returns), the forecast run with its
// registry entry and stored forecasts, and the inventory plan that reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../support/db.js';
import type { Backend } from '../../src/store/backend.js';
import { step } from '../../src/store/sql.js';
import { loadDemandPanel } from '../../src/analytics/series.js';
import { runForecast } from '../../src/analytics/forecast/run.js';
import { forecastChart } from '../../src/analytics/forecast/chart.js';
import { inventoryPlan } from '../../src/analytics/inventory/plan.js';
import { listModels } from '../../src/store/model-registry.js';
import { insertLines, insertListings, isoDay, lcg, type LineSpec } from './forecast-fixtures.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Backend;
const START = '2026-01-05'; // a Monday
const DAYS = 140;

beforeAll(async () => {
  store = await tempStore();
  db = store.db;
  const r = lcg(5);
  const lines: LineSpec[] = [];
  let n = 0;
  const weekday = [1, 1, 1, 1, 2, 3, 0.5];
  for (let d = 0; d < DAYS; d++) {
    // product A sells on shopify and amazon (fused below); B only on ebay; C rarely
    for (const [platform, listing, rate] of [['shopify', 'A-S', 3], ['amazon', 'A-AMZ', 2], ['ebay', 'B-1', 4], ['ebay', 'C-1', 0.2]] as const) {
      const k = Math.floor(rate * weekday[d % 7]! + r());
      for (let i = 0; i < k; i++) lines.push({ platform, order: `o${n++}`, listing, qty: 1, price: 10, at: isoDay(START, d, 9 + (i % 8)) });
    }
  }
  // a cancelled order (excluded) and a same-day return (netted) on day 3 of A on shopify
  lines.push({ platform: 'shopify', order: 'cx', listing: 'A-S', qty: 50, price: 10, at: isoDay(START, 3, 12), status: 'cancelled' });
  lines.push({ platform: 'shopify', order: 'ret', listing: 'A-S', qty: -1, price: 10, at: isoDay(START, 3, 13) });
  await insertLines(db, lines);
  await insertListings(db, [{ platform: 'shopify', id: 'A-S', price: 10, category: 'Home > Lamps' }, { platform: 'amazon', id: 'A-AMZ', price: 11, category: 'Home > Lamps' }, { platform: 'ebay', id: 'B-1', price: 9, category: 'Toys' }]);
  await db.run(step(`INSERT INTO product_member VALUES ('P-A', 'shopify', 'A-S', 0.99, 'test', now()), ('P-A', 'amazon', 'A-AMZ', 0.99, 'test', now())`));
  await db.run(step(`INSERT INTO inventory_snapshot (platform, platform_listing_id, sku, quantity, warehouse, "at") VALUES
    ('shopify', 'A-S', 'A-S', 999, 'W1', TIMESTAMPTZ '2026-05-01 00:00:00Z'),
    ('shopify', 'A-S', 'A-S', 20, 'W1', TIMESTAMPTZ '2026-05-20 00:00:00Z'),
    ('amazon', 'A-AMZ', 'A-AMZ', 5, 'FBA', TIMESTAMPTZ '2026-05-20 00:00:00Z'),
    ('ebay', 'B-1', 'B-1', 2000, 'W1', TIMESTAMPTZ '2026-05-20 00:00:00Z')`));
});

afterAll(async () => store.done());

describe('demand series', () => {
  it('sums a fused product across platforms, drops cancelled orders and nets same-day returns', async () => {
    const p = await loadDemandPanel(db, { level: 'product', stepDays: 1 });
    expect(p.ids).toContain('P-A');
    expect(p.ids).toContain('u:ebay:B-1');
    expect(p.ids).not.toContain('u:shopify:A-S');
    expect(p.length).toBe(DAYS);
    const raw = await db.all<{ n: number }>(step(`SELECT CAST(sum(quantity) AS DOUBLE) AS n FROM order_line
      WHERE platform_listing_id IN ('A-S', 'A-AMZ') AND placed_at::DATE = DATE '2026-01-08' AND platform_order_id NOT IN ('cx', 'ret')`));
    const a = p.y[p.ids.indexOf('P-A')]!;
    expect(a[3]).toBe(Number(raw[0]!.n) - 1);
    expect(p.price![p.ids.indexOf('u:ebay:B-1')]![10]).toBe(10); // average selling price of the day
  });

  it('aggregates by category, platform, total, and by week', async () => {
    const cat = await loadDemandPanel(db, { level: 'category', stepDays: 1 });
    expect(cat.ids).toEqual(['(no category)', 'Home', 'Toys']);
    const plat = await loadDemandPanel(db, { level: 'platform', stepDays: 7 });
    expect(plat.ids).toEqual(['amazon', 'ebay', 'shopify']);
    expect(plat.length).toBe(DAYS / 7);
    const tot = await loadDemandPanel(db, { level: 'total', stepDays: 7 });
    const sumPlat = plat.y.reduce((s, y) => s + y.reduce((a, b) => a + b, 0), 0);
    expect(tot.y[0]!.reduce((a, b) => a + b, 0)).toBe(sumPlat);
  });
});

describe('forecast run and inventory plan', () => {
  it('backtests, stores the model and 28 days of forecasts per series, and charts one', async () => {
    const out = await runForecast(db, { level: 'product', horizon: 28, stepDays: 1, models: ['snaive', 'ets', 'tsb'] });
    expect(out.series.map((s) => s.id).sort()).toEqual(['P-A', 'u:ebay:B-1', 'u:ebay:C-1']);
    expect(out.backtest?.map((b) => b.model)).toContain('ets');
    const a = out.series.find((s) => s.id === 'P-A')!;
    const mean = a.forecast.reduce((s, f) => s + f.yhat, 0) / 28;
    expect(mean).toBeGreaterThan(3);
    expect(mean).toBeLessThan(10);
    expect(a.forecast[0]!.date).toBe('2026-05-25');
    expect(a.forecast.every((f) => f.lo !== null && f.hi !== null && f.lo <= f.hi)).toBe(true);
    const models = await listModels(db, 'forecast-product');
    expect(models[0]?.kind).toBe(out.model);
    const rows = await db.one<{ n: number }>(step(`SELECT count(*) AS n FROM forecast WHERE level = 'product'`));
    expect(Number(rows?.n)).toBe(3 * 28);
    const svg = forecastChart(a, out.model);
    expect(svg).toContain('<polygon');
    expect(svg).toContain('P-A');
  });

  it('plans from the latest snapshot per warehouse: low stock is ordered, plenty is not', async () => {
    const plan = await inventoryPlan(db, { leadTimeDays: 14, serviceLevel: 0.95, reviewDays: 7 });
    const a = plan.find((r) => r.product_id === 'P-A')!;
    const b = plan.find((r) => r.product_id === 'u:ebay:B-1')!;
    expect(a.on_hand).toBe(25); // 20 (newest W1) + 5 (FBA), not the older 999
    expect(a.action).toBe('order now');
    expect(a.stockout_risk).toBeGreaterThan(0.9);
    expect(a.reorder_point).toBeCloseTo(a.lead_time_demand! + a.safety_stock!, 0);
    expect(a.order_qty).toBeGreaterThan(a.reorder_point! - 25);
    expect(b.action).toBe('ok');
    expect(b.order_qty).toBe(0);
    expect(b.days_of_cover).toBeGreaterThan(300);
    const tighter = await inventoryPlan(db, { leadTimeDays: 14, serviceLevel: 0.99, reviewDays: 7 });
    expect(tighter.find((r) => r.product_id === 'P-A')!.safety_stock!).toBeGreaterThan(a.safety_stock!);
  });

  it('a forecast of one series replaces only that series in the stored forecasts; weekly ones are kept apart', async () => {
    await runForecast(db, { level: 'product', horizon: 28, stepDays: 1, seriesId: 'u:ebay:C-1', models: ['snaive', 'tsb'] });
    const n = await db.all<{ series_id: string; n: number }>(step(`SELECT series_id, CAST(count(*) AS INTEGER) AS n FROM forecast WHERE level = 'product' GROUP BY 1 ORDER BY 1`));
    expect(n.map((r) => [r.series_id, Number(r.n)])).toEqual([['P-A', 28], ['u:ebay:B-1', 28], ['u:ebay:C-1', 28]]);
    await runForecast(db, { level: 'product', horizon: 4, stepDays: 7, models: ['snaive', 'ets'] });
    const w = await db.one<{ n: number }>(step(`SELECT count(*) AS n FROM forecast WHERE level = 'product-weekly'`));
    expect(Number(w?.n)).toBe(3 * 4);
    expect(Number((await db.one<{ n: number }>(step(`SELECT count(*) AS n FROM forecast WHERE level = 'product'`)))?.n)).toBe(3 * 28);
  });
});
