// Scores detected anomalies against the sample generator's truth/anomalies.csv (precision and recall per kind).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { dayMs } from '../forecast/panel.js';
import type { AnomalyReport } from './report.js';
import { csvRecords } from '../../util/csv.js';

export interface KindScore { kind: string; truth: number; found: number; detected: number; correct: number; recall: number; precision: number }

export interface AnomalyEval { byKind: KindScore[]; precision: number; recall: number; truth: number; detected: number }

const ORDER_KINDS = new Set(['order_burst', 'suspicious_quantity', 'price_error_order']);
const days = (a: string, b: string) => Math.round((dayMs(a) - dayMs(b)) / 86_400_000);

export async function evaluateAnomalies(db: Backend, report: AnomalyReport, truthDir: string): Promise<AnomalyEval> {
  const truth = csvRecords(readFileSync(join(truthDir, 'anomalies.csv'), 'utf8'));
  const listings = csvRecords(readFileSync(join(truthDir, 'listings.csv'), 'utf8'));
  const keyOf = new Map<string, string>();
  for (const l of listings) {
    keyOf.set(`${l.platform}|${l.platform_listing_id}`, l.product_key!);
    if (l.sku) keyOf.set(`${l.platform}|sku:${l.sku}`, l.product_key!);
  }
  const members = await db.all<{ product_id: string; platform: string; platform_listing_id: string | null; sku: string | null }>(step(
    'SELECT DISTINCT product_id, platform, platform_listing_id, sku FROM line_product'));
  const keysOfProduct = new Map<string, Set<string>>();
  for (const m of members) {
    const k = keyOf.get(`${m.platform}|${m.platform_listing_id}`) ?? keyOf.get(`${m.platform}|sku:${m.sku}`);
    if (!k) continue;
    const id = `${m.platform}|${m.product_id}`;
    keysOfProduct.set(id, (keysOfProduct.get(id) ?? new Set()).add(k));
  }
  const truthOrders = truth.filter((t) => ORDER_KINDS.has(t.kind!));
  const truthSeries = truth.filter((t) => !ORDER_KINDS.has(t.kind!));
  const orderSet = new Set(truthOrders.map((t) => `${t.platform}|${t.platform_order_id}`));
  const seriesMatch = (kind: string, platform: string, productId: string, date: string, t: Record<string, string>) =>
    t.kind === kind && t.platform === platform && (keysOfProduct.get(`${platform}|${productId}`)?.has(t.product_key!) ?? false) &&
    (kind === 'sales_spike' ? Math.abs(days(date, t.date!)) <= 1 : days(date, t.date!) >= -10 && days(date, t.date!) <= 1);
  const detectedOrders = report.orders.filter((o) => o.kind !== 'shared_address');
  const found = new Set<number>();
  const byKind = new Map<string, KindScore>();
  const ks = (kind: string): KindScore => {
    let s = byKind.get(kind);
    if (!s) byKind.set(kind, (s = { kind, truth: 0, found: 0, detected: 0, correct: 0, recall: NaN, precision: NaN }));
    return s;
  };
  for (const t of truth) ks(t.kind!).truth++;
  for (const o of detectedOrders) {
    const s = ks(o.kind);
    s.detected++;
    if (orderSet.has(`${o.platform}|${o.platform_order_id}`)) s.correct++;
  }
  const detectedOrderSet = new Set(detectedOrders.map((o) => `${o.platform}|${o.platform_order_id}`));
  truth.forEach((t, i) => {
    if (ORDER_KINDS.has(t.kind!) && detectedOrderSet.has(`${t.platform}|${t.platform_order_id}`)) found.add(i);
  });
  for (const a of report.sales) {
    const s = ks(a.kind);
    s.detected++;
    let ok = false;
    truth.forEach((t, i) => {
      if (!ORDER_KINDS.has(t.kind!) && seriesMatch(a.kind, a.platform, a.product_id, a.date, t)) { ok = true; found.add(i); }
    });
    if (ok) s.correct++;
  }
  truth.forEach((t, i) => { if (found.has(i)) ks(t.kind!).found++; });
  for (const s of byKind.values()) {
    s.recall = s.truth ? s.found / s.truth : NaN;
    s.precision = s.detected ? s.correct / s.detected : NaN;
  }
  const all = [...byKind.values()];
  const detected = all.reduce((a, s) => a + s.detected, 0);
  const correct = all.reduce((a, s) => a + s.correct, 0);
  void truthSeries;
  return { byKind: all.sort((a, b) => (a.kind < b.kind ? -1 : 1)), precision: detected ? correct / detected : NaN, recall: truth.length ? found.size / truth.length : NaN, truth: truth.length, detected };
}
