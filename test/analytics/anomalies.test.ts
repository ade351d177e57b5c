// Anomaly detectors on a real store with injected events: each is found with a reason, and a platform-wide
// promotion day (every product up fivefold) is not mistaken for a spike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../support/db.js';
import type { Backend } from '../../src/store/backend.js';
import { anomalyReport, type AnomalyReport } from '../../src/analytics/anomalies/report.js';
import { DEFAULT_ORDER_ANOMALY, orderAnomalies } from '../../src/analytics/anomalies/orders.js';
import { csvRecords } from '../../src/util/csv.js';
import { insertLines, isoDay, lcg, type LineSpec } from './forecast-fixtures.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Backend;
let report: AnomalyReport;
const START = '2026-01-05';

beforeAll(async () => {
  store = await tempStore();
  db = store.db;
  const r = lcg(9);
  const lines: LineSpec[] = [];
  let n = 0;
  const listings = [['shopify', 'L1', 3], ['shopify', 'L2', 2], ['shopify', 'L3', 4], ['amazon', 'A1', 3], ['amazon', 'A2', 2], ['amazon', 'A3', 3]] as const;
  for (let d = 0; d < 120; d++) {
    for (const [platform, listing, rate] of listings) {
      if (listing === 'L3' && d >= 40 && d < 61) continue; // drop: 21 silent days
      const promo = d === 80 && platform === 'amazon' ? 5 : 1;
      const k = Math.floor(rate * promo * (0.6 + 0.8 * r()));
      for (let i = 0; i < k; i++) {
        lines.push({ platform, order: `o${n++}`, listing, qty: r() < 0.9 ? 1 : 2, price: listing.startsWith('L') ? 20 : 30, at: isoDay(START, d, 8 + ((i * 5) % 12)), customer: `c${Math.floor(r() * 5000)}` });
      }
    }
  }
  for (let i = 0; i < 22; i++) lines.push({ platform: 'shopify', order: `spike${i}`, listing: 'L2', qty: 1, price: 20, at: isoDay(START, 70, 9 + (i % 10)), customer: `s${i}` });
  for (let i = 0; i < 6; i++) lines.push({ platform: 'amazon', order: `burst${i}`, listing: 'A2', qty: 1, price: 30, at: new Date(Date.parse(isoDay(START, 90, 14)) + i * 7 * 60_000).toISOString(), customer: 'fraudster' });
  lines.push({ platform: 'shopify', order: 'q999', listing: 'L1', qty: 999, price: 20, at: isoDay(START, 100), customer: 'c-q' });
  lines.push({ platform: 'amazon', order: 'p100', listing: 'A1', qty: 1, price: 3000, at: isoDay(START, 101), customer: 'c-p' });
  await insertLines(db, lines);
  report = await anomalyReport(db);
});

afterAll(async () => store.done());

describe('anomalies', () => {
  it('finds the injected spike and not the platform-wide promotion day', () => {
    const spikes = report.sales.filter((a) => a.kind === 'sales_spike');
    expect(spikes.map((s) => `${s.product_id} ${s.date}`)).toEqual(['u:shopify:L2 2026-03-16']);
    expect(spikes[0]!.reason).toMatch(/orders on shopify against/);
  });

  it('finds the 21 silent days of a steady seller as a drop dated at their start', () => {
    const drops = report.sales.filter((a) => a.kind === 'sales_drop');
    expect(drops.map((s) => `${s.product_id} ${s.date}`)).toEqual(['u:shopify:L3 2026-02-14']);
    expect(drops[0]!.score).toBeGreaterThan(40);
  });

  it('finds quantity outliers, price-error orders and bursts, one finding per order', () => {
    const byKind = (k: string) => report.orders.filter((o) => o.kind === k).map((o) => o.platform_order_id).sort();
    expect(byKind('suspicious_quantity')).toEqual(['q999']);
    expect(byKind('price_error_order')).toEqual(['p100']);
    expect(byKind('order_burst')).toEqual(['burst0', 'burst1', 'burst2', 'burst3', 'burst4', 'burst5']);
    expect(byKind('shared_address')).toEqual([]);
    expect(report.orders.find((o) => o.platform_order_id === 'p100')!.reason).toContain('unit price 3000');
  });

  it('a stricter burst rule (7 orders in an hour) no longer fires on 6', async () => {
    const strict = await orderAnomalies(db, { ...DEFAULT_ORDER_ANOMALY, burstOrders: 7 });
    expect(strict.some((o) => o.kind === 'order_burst')).toBe(false);
  });

  it('reads quoted truth CSV fields', () => {
    expect(csvRecords('a,b\n"x, ""y""",2\n')).toEqual([{ a: 'x, "y"', b: '2' }]);
  });
});
