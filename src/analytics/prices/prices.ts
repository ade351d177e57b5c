// Price intelligence: each product's price per platform in the base currency, spread, cheapest and dearest, and
// alerts when one platform is far from the others (cross-platform) or from its own selling history (history).
// Listings are grouped by fused product_id and, before fusion, linked by a valid GTIN or by the seller's own SKU
// (normalised: lower case, marketplace suffixes such as -FBA or _1 dropped); what neither links stands alone.
import type { Backend } from '../../store/backend.js';
import { step, type SqlStep } from '../../store/sql.js';

export interface PlatformPrice {
  platform: string;
  listings: string[];
  /** median listed price_base over the platform's listings of the product */
  price: number;
  /** median unit_price_base of its order lines, when sold */
  soldAt: number | null;
}

export interface ProductPrices {
  group_id: string;
  title: string | null;
  platforms: PlatformPrice[];
  cheapest: string;
  dearest: string;
  /** (dearest − cheapest) / median */
  spread: number;
}

export interface PriceAlert {
  group_id: string;
  platform: string;
  platform_listing_id: string;
  kind: 'cross_platform' | 'history' | 'range';
  price: number;
  reference: number;
  /** price / reference */
  ratio: number;
  /** |ln ratio|: 0.69 = double or half */
  score: number;
  reason: string;
}

export interface PriceReport {
  products: ProductPrices[];
  alerts: PriceAlert[];
  baseCurrency: string;
}

export interface PriceOptions {
  /** relative deviation that raises an alert (0.5 = 50% above or a third below) */
  threshold: number;
  /** only this group (product_id or gtin:…) */
  groupId?: string;
}

/** One row per listing with its price, identifiers, product and recent selling price. */
export function listingPricesStep(): SqlStep {
  return step(`WITH lp AS (
      SELECT l.platform, l.platform_listing_id, min(l.title) AS title, median(CAST(l.price_base AS DOUBLE)) AS price_base,
             min(NULLIF(l.gtin, '')) AS gtin, min(l.sku) AS sku, min(p.product_id) AS product_id, bool_or(p.fused) AS fused
      FROM listing l JOIN listing_product p USING (platform, platform_listing_id)
      WHERE l.price_base IS NOT NULL AND l.price_base > 0 GROUP BY 1, 2),
    sold AS (
      SELECT platform, platform_listing_id, median(CAST(unit_price_base AS DOUBLE)) AS sold_median,
             count(*) AS n_sold
      FROM order_line WHERE unit_price_base > 0 AND quantity > 0 GROUP BY 1, 2)
    SELECT lp.platform, lp.platform_listing_id, lp.title, lp.price_base, lp.gtin, lp.sku, lp.product_id, lp.fused,
           s.sold_median, COALESCE(s.n_sold, 0) AS n_sold
    FROM lp LEFT JOIN sold s USING (platform, platform_listing_id)
    ORDER BY lp.platform, lp.platform_listing_id`);
}

/** The seller's SKU as a cross-platform key: lower case, marketplace suffixes dropped; junk and short codes give none. */
export function skuKey(sku: string | null): string | null {
  if (!sku) return null;
  const k = sku.trim().toLowerCase().replace(/(-fba|_\d+)$/, '');
  return k.length >= 4 && /[a-z0-9]/.test(k) && !/^(n\/?a|none|null|test)$/.test(k) ? k : null;
}

const validGtin = (g: string | null): string | null => (g && /^\d{14}$/.test(g) && !/^0+$/.test(g) ? g : null);

/** Links listings into groups (union-find over fused product, GTIN and SKU) and names each group. */
export function groupListings<T extends { platform: string; platform_listing_id: string; gtin: string | null; sku: string | null; product_id: string; fused: boolean | null }>(rows: readonly T[]): (T & { group_id: string })[] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const first = new Map<string, number>();
  const link = (key: string | null, i: number) => {
    if (key === null) return;
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    else parent[find(i)] = find(j);
  };
  rows.forEach((r, i) => {
    if (r.fused) link(`p:${r.product_id}`, i);
    const g = validGtin(r.gtin);
    link(g === null ? null : `g:${g}`, i);
    const k = skuKey(r.sku);
    link(k === null ? null : `s:${k}`, i);
  });
  const name = new Map<number, string>();
  const rank = (r: T): [number, string] => {
    if (r.fused) return [0, r.product_id];
    const g = validGtin(r.gtin);
    if (g) return [1, `gtin:${g}`];
    const k = skuKey(r.sku);
    if (k) return [2, `sku:${k}`];
    return [3, r.product_id];
  };
  const best = new Map<number, [number, string]>();
  rows.forEach((r, i) => {
    const root = find(i);
    const c = rank(r);
    const b = best.get(root);
    if (!b || c[0] < b[0] || (c[0] === b[0] && c[1] < b[1])) best.set(root, c);
  });
  for (const [root, b] of best) name.set(root, b[1]);
  return rows.map((r, i) => ({ ...r, group_id: name.get(find(i))! }));
}

interface ListingRow {
  platform: string; platform_listing_id: string; title: string | null; price_base: number; gtin: string | null;
  sku: string | null; product_id: string; fused: boolean | null; sold_median: number | null; n_sold: number;
}

async function groupedListings(db: Backend) {
  const rows = (await db.all<ListingRow & Record<string, unknown>>(listingPricesStep())).map((r) => ({
    ...r, price_base: Number(r.price_base), sold_median: r.sold_median === null ? null : Number(r.sold_median), n_sold: Number(r.n_sold),
  }));
  return groupListings(rows);
}

export function median(v: readonly number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const r2 = (v: number) => Math.round(v * 100) / 100;
/** a listing this many times the platform's 99th-percentile price is out of range */
const RANGE_FACTOR = 5;

export async function priceReport(db: Backend, opts: PriceOptions): Promise<PriceReport> {
  const rows = await groupedListings(db);
  const base = await db.one<{ c: string | null }>(step(`SELECT min(base) AS c FROM fx_rate`)).catch(() => undefined);
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    if (opts.groupId !== undefined && r.group_id !== opts.groupId) continue;
    groups.set(r.group_id, [...(groups.get(r.group_id) ?? []), r]);
  }
  const hi = 1 + opts.threshold;
  const byPlat = new Map<string, number[]>();
  for (const r of rows) byPlat.set(r.platform, [...(byPlat.get(r.platform) ?? []), r.price_base]);
  const platformP99 = new Map<string, number>();
  for (const [pl, v] of byPlat) {
    if (v.length < 50) continue; // too few listings to know the platform's range
    const sorted = v.sort((a, b) => a - b);
    platformP99.set(pl, sorted[Math.floor(0.99 * (sorted.length - 1))]!);
  }
  const products: ProductPrices[] = [];
  const alerts: PriceAlert[] = [];
  for (const [group_id, ls] of groups) {
    const byPlatform = new Map<string, typeof rows>();
    for (const l of ls) byPlatform.set(l.platform, [...(byPlatform.get(l.platform) ?? []), l]);
    const platforms: PlatformPrice[] = [...byPlatform].map(([platform, pl]) => {
      const sold = pl.map((l) => l.sold_median).filter((v): v is number => v !== null);
      return { platform, listings: pl.map((l) => l.platform_listing_id), price: r2(median(pl.map((l) => l.price_base))), soldAt: sold.length ? r2(median(sold)) : null };
    });
    // history: a listing's price far from what it has sold at (catches errors on single-platform products too)
    for (const l of ls) {
      if (l.sold_median === null || l.n_sold < 3 || l.sold_median <= 0) continue;
      const ratio = l.price_base / l.sold_median;
      if (ratio > hi || ratio < 1 / hi) {
        alerts.push({ group_id, platform: l.platform, platform_listing_id: l.platform_listing_id, kind: 'history', price: r2(l.price_base), reference: r2(l.sold_median), ratio: +ratio.toFixed(3), score: +Math.abs(Math.log(ratio)).toFixed(3), reason: `listed at ${r2(l.price_base)}, ${ratio > 1 ? `${ratio.toFixed(1)}× above` : `${(1 / ratio).toFixed(1)}× below`} its median selling price ${r2(l.sold_median)} over ${l.n_sold} sales` });
      }
    }
    // range: far above anything else the platform lists (a ×100 typo on a product nothing else links to yet)
    for (const l of ls) {
      const p99 = platformP99.get(l.platform);
      if (p99 === undefined || l.price_base < RANGE_FACTOR * p99) continue;
      const ratio = l.price_base / p99;
      alerts.push({ group_id, platform: l.platform, platform_listing_id: l.platform_listing_id, kind: 'range', price: r2(l.price_base), reference: r2(p99), ratio: +ratio.toFixed(3), score: +Math.log(ratio).toFixed(3), reason: `listed at ${r2(l.price_base)}, ${ratio.toFixed(1)}× the 99th percentile ${r2(p99)} of all ${l.platform} listings (likely a pricing error)` });
    }
    if (platforms.length < 2) continue;
    const sorted = [...platforms].sort((a, b) => a.price - b.price);
    const med = median(platforms.map((p) => p.price));
    products.push({ group_id, title: ls[0]?.title ?? null, platforms, cheapest: sorted[0]!.platform, dearest: sorted[sorted.length - 1]!.platform, spread: +((sorted[sorted.length - 1]!.price - sorted[0]!.price) / med).toFixed(3) });
    for (const l of ls) {
      // with three or more platforms the median of all is robust to the one that is off; with two, compare to the other
      const others = platforms.filter((p) => p.platform !== l.platform).map((p) => p.price);
      const ref = platforms.length >= 3 ? med : median(others);
      const ratio = l.price_base / ref;
      if (ratio > hi || ratio < 1 / hi) {
        alerts.push({ group_id, platform: l.platform, platform_listing_id: l.platform_listing_id, kind: 'cross_platform', price: r2(l.price_base), reference: r2(ref), ratio: +ratio.toFixed(3), score: +Math.abs(Math.log(ratio)).toFixed(3), reason: `${l.platform} lists at ${r2(l.price_base)}, ${ratio > 1 ? `${ratio.toFixed(1)}×` : `${(1 / ratio).toFixed(1)}× below`} ${others.length > 1 ? `the median ${r2(ref)} over ${platforms.length} platforms` : `the other platform's ${r2(ref)}`}${ratio > 20 || ratio < 0.05 ? ' (likely a pricing error)' : ratio < 1 ? ' (undercut)' : ''}${others.length === 1 ? '; only two platforms, either may be off' : ''}` });
      }
    }
  }
  products.sort((a, b) => b.spread - a.spread || (a.group_id < b.group_id ? -1 : 1));
  alerts.sort((a, b) => b.score - a.score || (a.group_id < b.group_id ? -1 : 1));
  return { products, alerts, baseCurrency: base?.c ?? 'USD' };
}

export interface PricePoint { platform: string; week: string; price: number }

/** Weekly median selling price (base currency) per platform for one group, from order lines. */
export async function priceHistory(db: Backend, groupId: string): Promise<PricePoint[]> {
  const members = (await groupedListings(db)).filter((r) => r.group_id === groupId);
  if (members.length === 0) return [];
  const values = members.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
  const rows = await db.all<{ platform: string; week: string; price: number }>(step(`
    SELECT ol.platform, strftime(date_trunc('week', CAST(ol.placed_at AS DATE)), '%Y-%m-%d') AS week, median(CAST(ol.unit_price_base AS DOUBLE)) AS price
    FROM order_line ol JOIN (VALUES ${values}) AS m(platform, platform_listing_id)
      ON m.platform = ol.platform AND m.platform_listing_id = ol.platform_listing_id
    WHERE ol.unit_price_base > 0 AND ol.quantity > 0
    GROUP BY 1, 2 ORDER BY 2, 1`, members.flatMap((m) => [m.platform, m.platform_listing_id])));
  return rows.map((r) => ({ platform: r.platform, week: r.week, price: Number(r.price) }));
}
