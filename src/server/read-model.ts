// Read tables for the product endpoints, rebuilt only when the data changed: every write while the server
// runs goes through it (DuckDB lets one process hold the file), so an in-process data version is exact.
// Search and detail then read a few thousand pre-grouped rows instead of grouping every listing and order
// line per request.
import type { Backend } from '../store/backend.js';
import { step, workTable, type SqlStep } from '../store/sql.js';

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

export interface ReadModel {
  /** call after every write to the store */
  changed(): void;
  /** increases with every write: a key for caches of derived results */
  readonly version: number;
  /** build the read tables if the data changed since they were built; call inside the database gate */
  ensure(): Promise<void>;
}

export function createReadModel(db: Backend): ReadModel {
  let version = 0;
  let built = -1;
  return {
    changed: () => {
      version++;
    },
    get version() {
      return version;
    },
    async ensure() {
      if (built === version) return;
      const v = version;
      await db.runAll(buildSteps());
      built = v;
    },
  };
}
