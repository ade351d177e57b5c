// Search over the store: product documents from fused products and their listings (provisional products until
// fusion has run), and the listings with prices that a hit shows.
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { buildIndex, search, type SearchDoc, type SearchIndex } from './bm25.js';

export async function productDocs(db: Backend): Promise<SearchDoc[]> {
  const rows = await db.all<{ product_id: string; texts: string; ids: string }>(step(`
    SELECT lp.product_id,
           to_json(list_distinct(flatten([list(l.title), list(l.brand), [any_value(pr.title)], [any_value(pr.brand)]]))) AS texts,
           to_json(list_distinct(flatten([list(l.gtin), list(l.sku), list(l.mpn), list(l.asin), list(l.platform_listing_id), [any_value(pr.gtin)], [any_value(pr.mpn)], [any_value(pr.model_code)]]))) AS ids
    FROM listing_product lp JOIN listing l USING (platform, platform_listing_id) LEFT JOIN product pr USING (product_id)
    GROUP BY lp.product_id ORDER BY lp.product_id`));
  const arr = (s: string) => (JSON.parse(s) as (string | null)[]).filter((v): v is string => typeof v === 'string' && v.length > 0);
  return rows.map((r) => ({ id: r.product_id, texts: arr(r.texts), identifiers: arr(r.ids) }));
}

export async function buildStoreIndex(db: Backend): Promise<SearchIndex> {
  return buildIndex(await productDocs(db));
}

export interface ProductHit {
  rank: number;
  product_id: string;
  score: number;
  via: 'identifier' | 'text';
  title: string | null;
  listings: { platform: string; platform_listing_id: string; title: string | null; price: number | null; currency: string | null; price_base: number | null }[];
}

/** The library call behind `omnifuse search` and the HTTP API: top-k products with their platform listings. */
export async function searchProducts(db: Backend, index: SearchIndex, query: string, k = 10): Promise<ProductHit[]> {
  const hits = search(index, query, k);
  if (hits.length === 0) return [];
  const rows = await db.all<{ product_id: string; golden: string | null; platform: string; platform_listing_id: string; title: string | null; price: number | null; currency: string | null; price_base: number | null }>(step(`
    SELECT lp.product_id, pr.title AS golden, l.platform, l.platform_listing_id, any_value(l.title) AS title,
           CAST(max(l.price) AS DOUBLE) AS price, any_value(l.currency) AS currency, CAST(max(l.price_base) AS DOUBLE) AS price_base
    FROM listing_product lp JOIN listing l USING (platform, platform_listing_id) LEFT JOIN product pr USING (product_id)
    WHERE lp.product_id IN (SELECT unnest(from_json($1, '["VARCHAR"]')))
    GROUP BY ALL ORDER BY lp.product_id, l.platform, l.platform_listing_id`, [JSON.stringify(hits.map((h) => h.id))]));
  return hits.map((h, i) => {
    const mine = rows.filter((r) => r.product_id === h.id);
    return {
      rank: i + 1, product_id: h.id, score: h.score, via: h.via, title: mine[0]?.golden ?? mine[0]?.title ?? null,
      listings: mine.map((r) => ({ platform: r.platform, platform_listing_id: r.platform_listing_id, title: r.title, price: r.price === null ? null : Number(r.price), currency: r.currency, price_base: r.price_base === null ? null : Number(r.price_base) })),
    };
  });
}
