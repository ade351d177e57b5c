// Price intelligence on a real store: cross-platform alerts by GTIN before fusion and by product_id after it,
// history alerts for a listing far from its own selling price, and the price-per-platform chart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../support/db.js';
import type { Backend } from '../../src/store/backend.js';
import { step } from '../../src/store/sql.js';
import { groupListings, priceHistory, priceReport, skuKey } from '../../src/analytics/prices/prices.js';
import { priceChart } from '../../src/analytics/prices/chart.js';
import { insertLines, insertListings, isoDay, type LineSpec } from './forecast-fixtures.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Backend;

beforeAll(async () => {
  store = await tempStore();
  db = store.db;
  await insertListings(db, [
    // G1: same GTIN on three platforms, shopify priced ×100 (a pricing error)
    { platform: 'shopify', id: 'S-G1', gtin: '00012345678905', price: 1999 },
    { platform: 'amazon', id: 'B0G1', gtin: '00012345678905', price: 21.5 },
    { platform: 'woocommerce', id: '101', gtin: '00012345678905', price: 19.99 },
    // G2: consistent prices, no alert
    { platform: 'shopify', id: 'S-G2', gtin: '00098765432109', price: 50 },
    { platform: 'amazon', id: 'B0G2', gtin: '00098765432109', price: 52 },
    // no GTIN: fused by product_member below, ebay undercuts by half
    { platform: 'shopify', id: 'S-F', price: 80 },
    { platform: 'ebay', id: '2001', price: 39 },
    { platform: 'amazon', id: 'B0F', price: 82 },
    // single platform, listed at 10× what it has sold for
    { platform: 'shopify', id: 'S-H', price: 300 },
  ]);
  // a shop-sized catalogue on shopify so the platform's price range is known, and one listing far outside it
  await insertListings(db, [...Array.from({ length: 60 }, (_, i) => ({ platform: 'shopify', id: `RANGE-${i}`, price: 10 + i })), { platform: 'shopify', id: 'RANGE-ERR', price: 20000 }]);
  await db.run(step(`INSERT INTO product_member VALUES ('P-F', 'shopify', 'S-F', 0.97, 'test', now()), ('P-F', 'ebay', '2001', 0.95, 'test', now()), ('P-F', 'amazon', 'B0F', 0.96, 'test', now())`));
  const lines: LineSpec[] = [];
  for (let d = 0; d < 20; d++) {
    lines.push({ platform: 'shopify', order: `h${d}`, listing: 'S-H', qty: 1, price: 30, at: isoDay('2026-03-02', d) });
    lines.push({ platform: 'shopify', order: `f${d}`, listing: 'S-F', qty: 1, price: 80, at: isoDay('2026-03-02', d) });
    lines.push({ platform: 'ebay', order: `e${d}`, listing: '2001', qty: 1, price: d < 10 ? 78 : 39, at: isoDay('2026-03-02', d) });
  }
  await insertLines(db, lines);
});

afterAll(async () => store.done());

describe('prices', () => {
  it('groups by GTIN before fusion and by product after it, with spread and cheapest/dearest', async () => {
    const r = await priceReport(db, { threshold: 0.5 });
    const ids = r.products.map((p) => p.group_id).sort();
    expect(ids).toEqual(['P-F', 'gtin:00012345678905', 'gtin:00098765432109']);
    const g2 = r.products.find((p) => p.group_id === 'gtin:00098765432109')!;
    expect(g2.cheapest).toBe('shopify');
    expect(g2.dearest).toBe('amazon');
    expect(g2.spread).toBeCloseTo(2 / 51, 3);
  });

  it('raises the ×100 price as a cross-platform alert and leaves consistent products alone', async () => {
    const r = await priceReport(db, { threshold: 0.5 });
    const cross = r.alerts.filter((a) => a.kind === 'cross_platform');
    const err = cross.find((a) => a.platform_listing_id === 'S-G1')!;
    expect(err.ratio).toBeGreaterThan(90);
    expect(err.reason).toContain('likely a pricing error');
    expect(cross.some((a) => a.group_id === 'gtin:00098765432109')).toBe(false);
    // the two honest platforms of G1 are not flagged: their reference is the median of the others
    expect(cross.filter((a) => a.group_id === 'gtin:00012345678905').map((a) => a.platform)).toEqual(['shopify']);
  });

  it('flags undercutting beyond the threshold only', async () => {
    const loose = await priceReport(db, { threshold: 0.5 });
    const tight = await priceReport(db, { threshold: 0.3 });
    expect(loose.alerts.some((a) => a.platform_listing_id === '2001' && a.kind === 'cross_platform')).toBe(true);
    expect(tight.alerts.some((a) => a.platform_listing_id === '2001' && a.kind === 'cross_platform')).toBe(true);
    const wide = await priceReport(db, { threshold: 1.5 });
    expect(wide.alerts.some((a) => a.platform_listing_id === '2001' && a.kind === 'cross_platform')).toBe(false);
  });

  it('flags a listing far from its own selling history even when no other platform lists it', async () => {
    const r = await priceReport(db, { threshold: 0.5 });
    const h = r.alerts.find((a) => a.platform_listing_id === 'S-H')!;
    expect(h.kind).toBe('history');
    expect(h.reference).toBe(30);
    expect(h.ratio).toBeCloseTo(10, 5);
  });

  it('flags a price far outside the platform\'s range when nothing links the listing to another platform', async () => {
    const r = await priceReport(db, { threshold: 0.5 });
    const range = r.alerts.filter((a) => a.kind === 'range').map((a) => a.platform_listing_id);
    expect(range).toContain('RANGE-ERR');
    expect(range.filter((id) => id.startsWith('RANGE-'))).toEqual(['RANGE-ERR']);
  });

  it('links listings by GTIN and by the seller SKU without marketplace suffixes', () => {
    expect(skuKey('ABC-123-FBA')).toBe('abc-123');
    expect(skuKey('abc-123_1')).toBe('abc-123');
    expect(skuKey('N/A')).toBeNull();
    const g = groupListings([
      { platform: 'shopify', platform_listing_id: 'x', gtin: '00000000000000', sku: 'ABC-123', product_id: 'u:shopify:x', fused: false },
      { platform: 'amazon', platform_listing_id: 'y', gtin: '00012345678905', sku: 'abc-123-FBA', product_id: 'u:amazon:y', fused: false },
      { platform: 'woocommerce', platform_listing_id: 'z', gtin: '00012345678905', sku: null, product_id: 'u:woocommerce:z', fused: false },
      { platform: 'ebay', platform_listing_id: 'w', gtin: '00000000000000', sku: 'other', product_id: 'u:ebay:w', fused: false },
    ]);
    expect(g.map((r) => r.group_id)).toEqual(['gtin:00012345678905', 'gtin:00012345678905', 'gtin:00012345678905', 'sku:other']);
  });

  it('gives weekly price history per platform and charts it', async () => {
    const hist = await priceHistory(db, 'P-F');
    const ebay = hist.filter((p) => p.platform === 'ebay');
    expect(ebay[0]!.price).toBe(78);
    expect(ebay[ebay.length - 1]!.price).toBe(39);
    expect(new Set(hist.map((p) => p.platform))).toEqual(new Set(['ebay', 'shopify']));
    const svg = priceChart('P-F', hist, 'USD');
    expect(svg.match(/<polyline/g)?.length).toBe(2);
  });
});
