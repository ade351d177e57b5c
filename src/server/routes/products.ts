// Products: fused products where `omnifuse fuse` has run, provisional ones ('u:<platform>:<id>', one per
// listing) before that — both through the listing_product view, so the API does not change when fusion lands.
// Requests read the pre-grouped tables of read-model.ts: from its in-memory index when it is up to date (no
// database query, no wait in the database queue), else from the tables themselves.
import { z } from 'zod';
import { step } from '../../store/sql.js';
import type { Row } from '../../store/backend.js';
import type { ServerContext } from '../context.js';
import { notAvailable, notFound } from '../http-error.js';
import { GOLDEN_COLUMNS, LISTING_COLUMNS, LISTINGS, PAID, PRODUCT_ORDER, PRODUCTS, SALES, SUMMARY_COLUMNS, type ProductIndex } from '../read-model.js';
import { defineRoute, paging, type AnyRoute } from '../route.js';

const productSummary = z.object({
  product_id: z.string(), fused: z.boolean(), title: z.string().nullable(), brand: z.string().nullable(), gtin: z.string().nullable(),
  n_listings: z.number(), n_platforms: z.number(), platforms: z.array(z.string()),
  min_price_base: z.number().nullable(), max_price_base: z.number().nullable(),
});

const idParams = z.object({ id: z.string().min(1).max(500).describe("product id (fused id, or provisional 'u:<platform>:<listing id>')") });

interface Search {
  q: string | null;
  platform: string | null;
  fused: boolean | null;
  limit: number;
  offset: number;
}

/** the SQL search's semantics over the in-memory index: text contains the lower-cased query, or a code equals it */
function searchIndex(idx: ProductIndex, s: Search) {
  const pool = s.q === null ? idx.products : idx.matching(s.q).map((i) => idx.products[i]!);
  const hits = pool.filter((p) => (s.platform === null || p.platforms.includes(s.platform)) && (s.fused === null || p.fused === s.fused));
  return { total: hits.length, items: hits.slice(s.offset, s.offset + s.limit).map(({ text: _t, codes: _c, ...r }) => r) };
}

export function productRoutes(ctx: ServerContext): AnyRoute[] {
  /** answer from the in-memory index when it is current, else inside the database gate (index or tables) */
  const q = <T>(fromIndex: (idx: ProductIndex) => T, fromDb: () => Promise<T>): Promise<T> => {
    const idx = ctx.readModel.index();
    if (idx) return Promise.resolve().then(() => fromIndex(idx));
    return ctx.gate.run(async () => {
      await ctx.readModel.ensure();
      const fresh = ctx.readModel.index();
      return fresh ? fromIndex(fresh) : fromDb();
    });
  };

  const noProduct = (id: string) => notFound(`no product ${id}`, 'search with GET /api/products?q=TEXT');

  function indexListings(idx: ProductIndex, id: string): Row[] {
    const rows = idx.listings.get(id);
    if (!rows) throw noProduct(id);
    return rows;
  }

  async function listingsOf(id: string): Promise<Row[]> {
    const rows = await ctx.db.all(step(`SELECT ${LISTING_COLUMNS} FROM ${LISTINGS} WHERE product_id = $1 ORDER BY platform, platform_listing_id`, [id]));
    if (rows.length === 0) throw noProduct(id);
    return rows;
  }

  /** listed price per platform, from the product's listings (already in hand: no second query) */
  function listedPrices(listings: Row[]) {
    const by = new Map<string, { listings: number; prices: number[]; currencies: Set<string> }>();
    for (const l of listings) {
      const g = by.get(String(l.platform)) ?? { listings: 0, prices: [], currencies: new Set<string>() };
      g.listings++;
      if (typeof l.price_base === 'number') g.prices.push(l.price_base);
      if (typeof l.currency === 'string') g.currencies.add(l.currency);
      by.set(String(l.platform), g);
    }
    return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([platform, g]) => ({
      platform, listings: g.listings,
      min: g.prices.length ? Math.min(...g.prices) : null,
      avg: g.prices.length ? Math.round((g.prices.reduce((a, b) => a + b, 0) / g.prices.length) * 10_000) / 10_000 : null,
      max: g.prices.length ? Math.max(...g.prices) : null,
      currencies: [...g.currencies].sort(),
    }));
  }

  const prices = (listings: Row[], paid: Row[]) => ({ baseCurrency: ctx.baseCurrency, listed: listedPrices(listings), paid });
  const paidOf = (id: string) => ctx.db.all(step(`SELECT platform, lines, avg_paid FROM ${PAID} WHERE product_id = $1 ORDER BY platform`, [id]));

  /** a product's page from its listings, golden record, paid prices and monthly sales */
  function detail(id: string, listings: Row[], golden: Row | undefined, paid: Row[], sales: Row[]) {
    const first = listings[0]!;
    const fused = first.fused === true;
    const g = fused
      ? golden
      : { product_id: id, title: first.title, brand: first.brand, gtin: first.gtin, mpn: first.mpn, category_path: first.category_path,
          image_url: first.image_url, n_listings: listings.length, n_platforms: 1 };
    return { product_id: id, fused, golden: g, listings, prices: prices(listings, paid), sales, baseCurrency: ctx.baseCurrency };
  }

  return [
    defineRoute({
      method: 'GET', url: '/api/products', scope: 'read', tag: 'products',
      summary: 'search products by title, brand, SKU, GTIN or id; provisional products (one per listing) until products are fused',
      query: z.object({
        q: z.string().max(200).optional().describe('text in the title/brand, or an exact SKU, GTIN, listing id or product id'),
        platform: z.string().max(100).optional(),
        fused: z.enum(['true', 'false']).optional().describe('only fused / only provisional products'),
        ...paging(200, 20),
      }),
      response: z.object({ total: z.number(), items: z.array(productSummary) }),
      handler: ({ query }) => {
        const search: Search = {
          q: query.q?.trim() || null, platform: query.platform ?? null, fused: query.fused === undefined ? null : query.fused === 'true',
          limit: query.limit, offset: query.offset,
        };
        return q((idx) => searchIndex(idx, search), async () => {
          const params = [search.q, search.platform, search.fused];
          const where = `($1::VARCHAR IS NULL OR contains(text, lower($1)) OR list_contains(codes, $1))
            AND ($2::VARCHAR IS NULL OR list_contains(platforms, $2)) AND ($3::BOOLEAN IS NULL OR fused = $3)`;
          // one query: the page and the total (a window count); a page past the end asks for the total alone
          const rows = await ctx.db.all<Record<string, unknown> & { __total: number }>(step(
            `SELECT ${SUMMARY_COLUMNS}, count(*) OVER () AS __total FROM ${PRODUCTS} WHERE ${where}
             ORDER BY ${PRODUCT_ORDER} LIMIT $4 OFFSET $5`,
            [...params, search.limit, search.offset]));
          const total = rows.length > 0 ? Number(rows[0]!.__total)
            : search.offset === 0 ? 0 : Number((await ctx.db.one<{ n: number }>(step(`SELECT count(*) AS n FROM ${PRODUCTS} WHERE ${where}`, params)))?.n ?? 0);
          return { total, items: rows.map(({ __total: _t, ...r }) => r) };
        });
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/products/:id', scope: 'read', tag: 'products',
      summary: 'one product: golden record, its listings, price per platform and monthly sales',
      params: idParams, errors: { 404: 'no such product' },
      handler: ({ params }) => q(
        (idx) => {
          const id = params.id;
          return detail(id, indexListings(idx, id), idx.golden.get(id), idx.paid.get(id) ?? [], idx.sales.get(id) ?? []);
        },
        async () => {
          const id = params.id;
          const listings = await listingsOf(id);
          const golden = listings[0]!.fused === true ? await ctx.db.one(step(`SELECT ${GOLDEN_COLUMNS} FROM product WHERE product_id = $1`, [id])) : undefined;
          const sales = await ctx.db.all(step(`SELECT month, platform, units, revenue_base FROM ${SALES} WHERE product_id = $1 ORDER BY month, platform`, [id]));
          return detail(id, listings, golden, await paidOf(id), sales);
        }),
    }),
    defineRoute({
      method: 'GET', url: '/api/products/:id/listings', scope: 'read', tag: 'products', summary: "a product's listings on every platform",
      params: idParams, errors: { 404: 'no such product' },
      handler: ({ params }) => q((idx) => indexListings(idx, params.id), () => listingsOf(params.id)),
    }),
    defineRoute({
      method: 'GET', url: '/api/products/:id/prices', scope: 'read', tag: 'products',
      summary: "a product's price per platform in the base currency (listing prices, and the average price actually paid on orders)",
      params: idParams, errors: { 404: 'no such product' },
      handler: ({ params }) => q(
        (idx) => prices(indexListings(idx, params.id), idx.paid.get(params.id) ?? []),
        async () => prices(await listingsOf(params.id), await paidOf(params.id))),
    }),
    defineRoute({
      method: 'GET', url: '/api/products/:id/forecast', scope: 'read', tag: 'products',
      summary: "a product's stored daily demand forecast with its interval (from `omnifuse forecast --level product`)",
      params: idParams, errors: { 404: 'no such product', 409: 'no product forecast stored, or none for this product' },
      handler: ({ params }) => ctx.gate.run(async () => {
        await ctx.readModel.ensure();
        await listingsOf(params.id);
        const points = await ctx.db.all<{ day: string; yhat: number; lo: number | null; hi: number | null; model: string; model_version: number; created_at: string }>(step(
          `SELECT strftime(day, '%Y-%m-%d') AS day, yhat, lo, hi, model, model_version, CAST(created_at AS VARCHAR) AS created_at
           FROM forecast WHERE level = 'product' AND series_id = $1 ORDER BY day`, [params.id]));
        if (points.length === 0) {
          const any = await ctx.db.one<{ n: number }>(step("SELECT count(*) AS n FROM forecast WHERE level = 'product'"));
          throw Number(any?.n ?? 0) === 0
            ? notAvailable('no product forecast is stored yet', 'run `omnifuse forecast --level product`; its forecasts appear here')
            : notAvailable(`the stored forecast does not cover ${params.id}`, 'forecasts cover the best-selling products; run `omnifuse forecast --level product` with a larger --top');
        }
        const p0 = points[0]!;
        return { product_id: params.id, model: p0.model, modelVersion: p0.model_version, createdAt: p0.created_at, points: points.map(({ day, yhat, lo, hi }) => ({ day, yhat, lo, hi })) };
      }),
    }),
  ];
}
