// Read tables for the product endpoints, rebuilt only when the data changed: every write while the server
// runs goes through it (DuckDB lets one process hold the file), so an in-process data version is exact.
// Search and detail then read a few thousand pre-grouped rows instead of grouping every listing and order
// line per request. Up to MAX_INDEX_LISTINGS listings those rows are also held in memory (ProductIndex), so a
// search or a product page costs no database query at all and never waits in the database queue: one DuckDB
// query costs ~1-3 ms, and with every request queued on the one connection a page of four queries capped the
// server at ~150 pages/s (p99 600 ms at 50 connections).
import type { Backend, Row } from '../store/backend.js';
import { step, workTable, type SqlStep } from '../store/sql.js';
import { buildTextIndex, type TextIndex } from './text-index.js';

export const PRODUCTS = workTable('api_products');
export const LISTINGS = workTable('api_listings');
export const SALES = workTable('api_sales');
export const PAID = workTable('api_paid');

function buildSteps(): SqlStep[] {
  return [
    // a listing seen in several files (a listings export and order exports) counts once: its most complete, latest row
    step(`CREATE OR REPLACE TEMP TABLE ${LISTINGS} AS
      SELECT lp.product_id, lp.fused, l.*, p.title AS p_title, p.brand AS p_brand, p.gtin AS p_gtin
      FROM (SELECT * FROM listing QUALIFY row_number() OVER (PARTITION BY platform, platform_listing_id
              ORDER BY price_base IS NULL, title IS NULL, source_file_id DESC, source_row) = 1) l
      JOIN (SELECT DISTINCT platform, platform_listing_id, product_id, fused FROM listing_product) lp USING (platform, platform_listing_id)
      LEFT JOIN product p ON p.product_id = lp.product_id
      ORDER BY lp.product_id`),
    step(`CREATE OR REPLACE TEMP TABLE ${PRODUCTS} AS
      SELECT product_id, bool_or(fused) AS fused, coalesce(any_value(p_title), min(title)) AS title,
             coalesce(any_value(p_brand), min(brand)) AS brand, coalesce(any_value(p_gtin), min(gtin)) AS gtin,
             count(*) AS n_listings, count(DISTINCT platform) AS n_platforms, list(DISTINCT platform ORDER BY platform) AS platforms,
             CAST(min(price_base) AS DOUBLE) AS min_price_base, CAST(max(price_base) AS DOUBLE) AS max_price_base,
             lower(string_agg(concat_ws(' ', title, brand, p_title), ' ')) AS text,
             list(DISTINCT x) FILTER (WHERE x IS NOT NULL) AS codes
      FROM (SELECT *, unnest([sku, gtin, platform_listing_id, product_id]) AS x FROM ${LISTINGS})
      GROUP BY product_id ORDER BY n_platforms DESC, n_listings DESC, title, product_id`),
    step(`CREATE OR REPLACE TEMP TABLE ${SALES} AS
      SELECT product_id, strftime(date_trunc('month', placed_at), '%Y-%m') AS month, platform, CAST(sum(quantity) AS BIGINT) AS units,
             CAST(round(sum(line_total_base), 2) AS DOUBLE) AS revenue_base
      FROM line_product WHERE placed_at IS NOT NULL GROUP BY ALL ORDER BY product_id, month, platform`),
    step(`CREATE OR REPLACE TEMP TABLE ${PAID} AS
      SELECT product_id, platform, count(*) AS lines, CAST(round(avg(unit_price_base), 4) AS DOUBLE) AS avg_paid
      FROM line_product WHERE unit_price_base IS NOT NULL AND quantity > 0 GROUP BY ALL ORDER BY product_id, platform`),
  ];
}

/** listings above which the product tables stay in the database only (~1 KB of memory per listing held) */
export const MAX_INDEX_LISTINGS = 500_000;

export interface ProductSummary extends Row {
  product_id: string;
  fused: boolean;
  platforms: string[];
  /** lower-case title, brand and golden title of every listing (search text) */
  text: string | null;
  /** SKUs, GTINs, listing ids and the product id (exact search) */
  codes: string[];
}

/** the read tables as JS maps, in the order and shapes the SQL answers have */
export interface ProductIndex {
  products: ProductSummary[];
  /** ascending positions in `products` whose text contains the lower-cased query or whose codes hold it exactly */
  matching(q: string): number[];
  listings: Map<string, Row[]>;
  sales: Map<string, Row[]>;
  paid: Map<string, Row[]>;
  golden: Map<string, Row>;
}

/** the columns of a listing as the product endpoints return them */
export const LISTING_COLUMNS = `platform, platform_listing_id, sku, gtin, mpn, asin, brand, title, category_path, variant,
  CAST(price AS DOUBLE) AS price, currency, CAST(price_base AS DOUBLE) AS price_base, quantity, status, url, image_url,
  source_file_id, source_row, fused`;
export const SUMMARY_COLUMNS = 'product_id, fused, title, brand, gtin, n_listings, n_platforms, platforms, min_price_base, max_price_base';
export const PRODUCT_ORDER = 'n_platforms DESC, n_listings DESC, title, product_id';
export const GOLDEN_COLUMNS = '* EXCLUDE (created_at, updated_at), CAST(updated_at AS VARCHAR) AS updated_at';

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = String(r[key]);
    delete r[key];
    const g = out.get(k);
    if (g) g.push(r);
    else out.set(k, [r]);
  }
  return out;
}

async function loadIndex(db: Backend, maxListings: number): Promise<ProductIndex | undefined> {
  const n = await db.one<{ n: number }>(step(`SELECT count(*) AS n FROM ${LISTINGS}`));
  if (Number(n?.n ?? 0) > maxListings) return undefined;
  const products = await db.all<ProductSummary>(step(`SELECT ${SUMMARY_COLUMNS}, text, codes FROM ${PRODUCTS} ORDER BY ${PRODUCT_ORDER}`));
  const listings = groupBy(await db.all(step(`SELECT product_id AS __pid, ${LISTING_COLUMNS} FROM ${LISTINGS} ORDER BY product_id, platform, platform_listing_id`)), '__pid');
  const sales = groupBy(await db.all(step(`SELECT product_id AS __pid, month, platform, units, revenue_base FROM ${SALES} ORDER BY product_id, month, platform`)), '__pid');
  const paid = groupBy(await db.all(step(`SELECT product_id AS __pid, platform, lines, avg_paid FROM ${PAID} ORDER BY product_id, platform`)), '__pid');
  const golden = new Map((await db.all(step(`SELECT ${GOLDEN_COLUMNS} FROM product`))).map((r) => [String(r.product_id), r]));
  return { products, matching: matcher(products), listings, sales, paid, golden };
}

/** text search over the products: a scan while they are few, a token index (built at the first search) beyond */
export function matcher(products: readonly Pick<ProductSummary, 'text' | 'codes'>[], scanBelow = 1000): (q: string) => number[] {
  let text: TextIndex | undefined;
  let codes: Map<string, number[]> | undefined;
  return (q) => {
    const ql = q.toLowerCase();
    if (products.length < scanBelow) {
      return products.flatMap((p, i) => ((p.text !== null && p.text.includes(ql)) || p.codes.includes(q) ? [i] : []));
    }
    text ??= buildTextIndex(products.map((p) => p.text));
    if (!codes) {
      codes = new Map();
      products.forEach((p, i) => {
        for (const c of new Set(p.codes)) {
          const list = codes!.get(c);
          if (list) list.push(i);
          else codes!.set(c, [i]);
        }
      });
    }
    const byText = text.find(ql);
    const byCode = codes.get(q) ?? [];
    return byCode.length === 0 ? byText : [...new Set([...byText, ...byCode])].sort((a, b) => a - b);
  };
}

export interface ReadModel {
  /** call after every write to the store */
  changed(): void;
  /** increases with every write: a key for caches of derived results */
  readonly version: number;
  /** build the read tables if the data changed since they were built; call inside the database gate */
  ensure(): Promise<void>;
  /** the in-memory product index when it is up to date (undefined: stale, or too many listings to hold) */
  index(): ProductIndex | undefined;
}

export function createReadModel(db: Backend, maxIndexListings = MAX_INDEX_LISTINGS): ReadModel {
  let version = 0;
  let built = -1;
  let idx: ProductIndex | undefined;
  return {
    index: () => (built === version ? idx : undefined),
    changed: () => {
      version++;
    },
    get version() {
      return version;
    },
    async ensure() {
      if (built === version) return;
      const v = version;
      idx = undefined;
      await db.runAll(buildSteps());
      idx = await loadIndex(db, maxIndexListings);
      built = v;
    },
  };
}
