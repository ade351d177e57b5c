// Titles from order lines for listings that have none: a WooCommerce variation row carries only its options ("50ml"),
// while the order lines that sold it name the product ("Estée Lauder Serum sr148 – 50ml"). A listing borrows the most
// frequent order-line title of its platform and SKU, when that SKU belongs to this listing alone.
import { step, type SqlStep } from '../../store/sql.js';
import { LISTING_WORK } from './records.js';

export function borrowOrderTitlesStep(): SqlStep {
  return step(`UPDATE ${LISTING_WORK} AS w SET title = t.title
    FROM (
      SELECT platform, sku, arg_max(title, n) AS title
      FROM (SELECT platform, sku, title, count(*) AS n FROM order_line
            WHERE sku IS NOT NULL AND trim(sku) <> '' AND title IS NOT NULL AND trim(title) <> '' GROUP BY ALL)
      JOIN (SELECT platform, sku FROM ${LISTING_WORK} WHERE sku IS NOT NULL GROUP BY ALL HAVING count(*) = 1) USING (platform, sku)
      GROUP BY ALL) AS t
    WHERE (w.title IS NULL OR trim(w.title) = '') AND w.platform = t.platform AND w.sku = t.sku`);
}
