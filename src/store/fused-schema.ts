// Fused entity tables every analytics stage reads: product (stable product_id) and its membership, plus the
// line_product view that gives every order line a product_id. Until `omnifuse fuse` has run, a line's
// product_id is a provisional one of its own ('u:<platform>:<listing id or sku>'), so forecasts,
// recommendations and prices work on unfused data and improve once products are fused.
import { step, type SqlStep } from './sql.js';

/** Provisional product id for a line or listing that has no fused product yet. */
export const UNFUSED_PREFIX = 'u:';

/** The product table (golden records, one row per fused product). */
export const productTable = (): SqlStep => step(`CREATE TABLE IF NOT EXISTS product (
      product_id VARCHAR PRIMARY KEY, title VARCHAR, brand VARCHAR, gtin VARCHAR, mpn VARCHAR, model_code VARCHAR,
      category_path VARCHAR, image_url VARCHAR, n_listings INTEGER, n_platforms INTEGER,
      created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ)`);

/** Which listing belongs to which product. */
export const productMemberTable = (): SqlStep => step(`CREATE TABLE IF NOT EXISTS product_member (
      product_id VARCHAR NOT NULL, platform VARCHAR NOT NULL, platform_listing_id VARCHAR NOT NULL,
      score DOUBLE, method VARCHAR, linked_at TIMESTAMPTZ, PRIMARY KEY (platform, platform_listing_id))`);

/**
 * A table emptied by dropping and declaring it again. A fusion run rewrites product, product_member and
 * product_attribute whole: DELETE then INSERT of the same primary keys in one transaction cost DuckDB 27 s of
 * deletes and a 31 s commit at 1M listings (index upkeep), against ~1 s for the inserts into fresh tables.
 */
export const recreated = (name: string, ddl: SqlStep): SqlStep[] => [step(`DROP TABLE IF EXISTS ${name}`), ddl];

export function fusedProductSchema(): SqlStep[] {
  return [
    productTable(),
    productMemberTable(),
    // listing → product_id (fused, else provisional)
    step(`CREATE OR REPLACE VIEW listing_product AS
      SELECT l.platform, l.platform_listing_id, l.sku,
             COALESCE(m.product_id, '${UNFUSED_PREFIX}' || l.platform || ':' || l.platform_listing_id) AS product_id,
             m.product_id IS NOT NULL AS fused
      FROM listing l LEFT JOIN product_member m USING (platform, platform_listing_id)`),
    lineProductView(),
  ];
}

/** order line → product_id: by listing id, else by the platform's SKU, else provisional. The SKU join is by equality
 *  only: with `byid.product_id IS NULL` in its condition DuckDB planned a nested-loop join (10M lines × 31k SKUs did
 *  not finish in 10 minutes). bysku has one row per (platform, sku), so the join adds no rows, and COALESCE already
 *  prefers the listing-id match. Migration 12 re-creates the view in stores made before. */
export function lineProductView(): SqlStep {
  return step(`CREATE OR REPLACE VIEW line_product AS
    SELECT ol.*,
           COALESCE(byid.product_id, bysku.product_id,
                    '${UNFUSED_PREFIX}' || ol.platform || ':' || COALESCE(ol.platform_listing_id, ol.sku, ol.title, '?')) AS product_id
    FROM order_line ol
    LEFT JOIN product_member byid ON byid.platform = ol.platform AND byid.platform_listing_id = ol.platform_listing_id
    LEFT JOIN (SELECT l.platform, l.sku, min(m.product_id) AS product_id
               FROM listing l JOIN product_member m USING (platform, platform_listing_id)
               WHERE l.sku IS NOT NULL GROUP BY ALL) bysku
      ON bysku.platform = ol.platform AND bysku.sku = ol.sku`);
}
