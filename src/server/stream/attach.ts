// Attach newly streamed listings to existing fused products by exact identifier: a listing whose GTIN (or,
// failing that, SKU) equals that of listings of exactly one product joins that product. The learned matcher
// takes over when product fusion runs again.
import { step, type SqlStep } from '../../store/sql.js';

export function attachSteps(fileId: number): SqlStep[] {
  return [
    step(`INSERT INTO product_member (product_id, platform, platform_listing_id, score, method, linked_at)
      WITH fresh AS (
        SELECT platform, platform_listing_id, gtin, sku FROM listing l
        WHERE l.source_file_id = $1
          AND NOT EXISTS (SELECT 1 FROM product_member m WHERE m.platform = l.platform AND m.platform_listing_id = l.platform_listing_id)),
      known AS (SELECT o.gtin, o.sku, m.product_id FROM listing o JOIN product_member m USING (platform, platform_listing_id)),
      cand AS (
        SELECT f.platform, f.platform_listing_id, k.product_id, 1 AS rank FROM fresh f JOIN known k ON f.gtin IS NOT NULL AND k.gtin = f.gtin
        UNION ALL
        SELECT f.platform, f.platform_listing_id, k.product_id, 2 FROM fresh f JOIN known k ON f.sku IS NOT NULL AND k.sku = f.sku),
      best AS (SELECT platform, platform_listing_id, min(rank) AS rank FROM cand GROUP BY ALL)
      SELECT any_value(c.product_id), c.platform, c.platform_listing_id, 1.0,
             CASE WHEN b.rank = 1 THEN 'stream:gtin' ELSE 'stream:sku' END, now()
      FROM cand c JOIN best b USING (platform, platform_listing_id, rank)
      GROUP BY c.platform, c.platform_listing_id, b.rank
      HAVING count(DISTINCT c.product_id) = 1`, [fileId]),
    step(`UPDATE product SET n_listings = s.n, n_platforms = s.p, updated_at = now()
      FROM (SELECT product_id, count(*) AS n, count(DISTINCT platform) AS p FROM product_member GROUP BY product_id) s
      WHERE s.product_id = product.product_id AND product.product_id IN (
        SELECT m.product_id FROM product_member m JOIN listing l USING (platform, platform_listing_id) WHERE l.source_file_id = $1)`, [fileId]),
  ];
}
