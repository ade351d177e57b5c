// Canonical rows written straight into a real DuckDB store, so analytics tests control exactly what was sold.
import type { Backend } from '../../src/store/backend.js';
import { step, type SqlValue } from '../../src/store/sql.js';

export interface LineSpec {
  platform: string;
  order: string;
  listing: string;
  sku?: string;
  qty: number;
  price: number;
  at: string;
  customer?: string;
  status?: string;
  postcode?: string;
}

/** Inserts one order per line spec (orders + order_line), prices already in the base currency. */
export async function insertLines(db: Backend, lines: readonly LineSpec[]): Promise<void> {
  const chunk = 200;
  for (let a = 0; a < lines.length; a += chunk) {
    const part = lines.slice(a, a + chunk);
    const ol: SqlValue[] = [];
    const od: SqlValue[] = [];
    const olv: string[] = [];
    const odv: string[] = [];
    part.forEach((l, i) => {
      olv.push(`($${i * 8 + 1}, $${i * 8 + 2}, 1, $${i * 8 + 3}, $${i * 8 + 4}, CAST($${i * 8 + 5} AS INTEGER), CAST($${i * 8 + 6} AS DOUBLE), CAST($${i * 8 + 6} AS DOUBLE), CAST($${i * 8 + 7} AS TIMESTAMPTZ), $${i * 8 + 8})`);
      ol.push(l.platform, l.order, l.listing, l.sku ?? l.listing, l.qty, l.price, l.at, l.status ?? null);
      odv.push(`($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, CAST($${i * 6 + 4} AS TIMESTAMPTZ), $${i * 6 + 5}, $${i * 6 + 6})`);
      od.push(l.platform, l.order, l.customer ?? null, l.at, l.status ?? 'completed', l.postcode ?? null);
    });
    await db.run(step(`INSERT INTO order_line (platform, platform_order_id, line_no, platform_listing_id, sku, quantity, unit_price, unit_price_base, placed_at, status) VALUES ${olv.join(', ')}`, ol));
    await db.run(step(`INSERT INTO orders (platform, platform_order_id, platform_customer_id, placed_at, status, ship_postcode) VALUES ${odv.join(', ')}`, od));
  }
}

export interface ListingSpec { platform: string; id: string; sku?: string; gtin?: string; price: number; title?: string; category?: string }

export async function insertListings(db: Backend, ls: readonly ListingSpec[]): Promise<void> {
  for (const l of ls) {
    await db.run(step(`INSERT INTO listing (platform, platform_listing_id, sku, gtin, title, category_path, price, price_base, currency)
      VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS DOUBLE), CAST($7 AS DOUBLE), 'USD')`, [l.platform, l.id, l.sku ?? l.id, l.gtin ?? null, l.title ?? l.id, l.category ?? null, l.price]));
  }
}

/** A deterministic pseudo-random stream for fixtures. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

export const isoDay = (start: string, d: number, hour = 10) => new Date(Date.parse(`${start}T00:00:00Z`) + d * 86_400_000 + hour * 3_600_000).toISOString();
