// Suspicious orders, found in SQL: quantity outliers, lines priced far from the product's usual price (price-error
// orders), bursts of orders from one account within an hour, and many accounts shipping to one address.
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';

export interface OrderAnomaly {
  kind: 'suspicious_quantity' | 'price_error_order' | 'order_burst' | 'shared_address';
  platform: string;
  platform_order_id: string;
  product_id: string | null;
  date: string;
  score: number;
  reason: string;
}

export interface OrderAnomalyOptions {
  /** a line's quantity at least this many times the product's median, and at least minQuantity */
  quantityRatio: number;
  minQuantity: number;
  /** unit price this many times above (or below 1/ratio) the product's median */
  priceRatio: number;
  /** orders by one account within burstMinutes of each other */
  burstOrders: number;
  burstMinutes: number;
  /**
   * distinct accounts of one platform shipping to one address (country, postcode, city); 0 = off. Canonical orders
   * keep no street line, so a postcode stands in for the address and city-centre postcodes are shared by many
   * honest buyers: this check is off unless asked for.
   */
  addressAccounts: number;
}

export const DEFAULT_ORDER_ANOMALY: OrderAnomalyOptions = { quantityRatio: 10, minQuantity: 20, priceRatio: 5, burstOrders: 5, burstMinutes: 60, addressAccounts: 0 };

type Row = { kind: OrderAnomaly['kind']; platform: string; platform_order_id: string; product_id: string | null; date: string; score: number; detail: string };

export async function orderAnomalies(db: Backend, o: OrderAnomalyOptions = DEFAULT_ORDER_ANOMALY): Promise<OrderAnomaly[]> {
  const rows = await db.all<Row>(step(`WITH lines AS (
      SELECT lp.platform, lp.platform_order_id, lp.product_id, lp.quantity, CAST(lp.unit_price_base AS DOUBLE) AS price, lp.placed_at,
             median(lp.quantity) OVER (PARTITION BY lp.product_id) AS q_med,
             median(CAST(lp.unit_price_base AS DOUBLE)) FILTER (WHERE lp.unit_price_base > 0) OVER (PARTITION BY lp.product_id) AS p_med,
             count(*) FILTER (WHERE lp.unit_price_base > 0) OVER (PARTITION BY lp.product_id) AS p_n
      FROM line_product lp WHERE lp.quantity > 0),
    qty AS (
      SELECT 'suspicious_quantity' AS kind, platform, platform_order_id, product_id, placed_at, ln(quantity / q_med) AS score,
             'quantity ' || quantity || ' against a usual ' || q_med AS detail
      FROM lines WHERE quantity >= $1 AND quantity >= $2 * q_med),
    price AS (
      SELECT 'price_error_order', platform, platform_order_id, product_id, placed_at, abs(ln(price / p_med)),
             'unit price ' || round(price, 2) || ' against a usual ' || round(p_med, 2)
      FROM lines WHERE p_n >= 3 AND price > 0 AND (price >= $3 * p_med OR price <= p_med / $3)),
    acct AS (
      SELECT platform, platform_order_id, placed_at, platform_customer_id,
             count(*) OVER (PARTITION BY platform, platform_customer_id ORDER BY placed_at
                            RANGE BETWEEN INTERVAL ($5) MINUTE PRECEDING AND INTERVAL ($5) MINUTE FOLLOWING) AS near
      FROM orders WHERE platform_customer_id IS NOT NULL AND placed_at IS NOT NULL),
    burst AS (
      SELECT 'order_burst', platform, platform_order_id, NULL, placed_at, CAST(near AS DOUBLE),
             near || ' orders by one account within ' || $5 || ' minutes'
      FROM acct WHERE near >= $4),
    addr AS (
      SELECT platform, ship_country, ship_postcode, lower(trim(ship_city)) AS city, count(DISTINCT platform_customer_id) AS accounts
      FROM orders WHERE ship_postcode IS NOT NULL AND ship_postcode <> '' AND platform_customer_id IS NOT NULL
      GROUP BY ALL HAVING $6 > 0 AND count(DISTINCT platform_customer_id) >= $6),
    shared AS (
      SELECT 'shared_address', o.platform, o.platform_order_id, NULL, o.placed_at, CAST(a.accounts AS DOUBLE),
             a.accounts || ' accounts ship to ' || COALESCE(a.city, '?') || ' ' || a.ship_postcode || ' ' || COALESCE(a.ship_country, '')
      FROM orders o JOIN addr a ON a.platform = o.platform AND a.ship_postcode = o.ship_postcode
        AND a.ship_country IS NOT DISTINCT FROM o.ship_country AND a.city IS NOT DISTINCT FROM lower(trim(o.ship_city)))
    SELECT kind, platform, platform_order_id, product_id, strftime(CAST(placed_at AS DATE), '%Y-%m-%d') AS date, score, detail
    FROM (SELECT * FROM qty UNION ALL SELECT * FROM price UNION ALL SELECT * FROM burst UNION ALL SELECT * FROM shared)
    ORDER BY score DESC, platform, platform_order_id`, [o.minQuantity, o.quantityRatio, o.priceRatio, o.burstOrders, o.burstMinutes, o.addressAccounts]));
  // one row per (kind, order): an order with several odd lines is one finding
  const seen = new Set<string>();
  const out: OrderAnomaly[] = [];
  for (const r of rows) {
    const key = `${r.kind}|${r.platform}|${r.platform_order_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: r.kind, platform: r.platform, platform_order_id: r.platform_order_id, product_id: r.product_id, date: r.date, score: +Number(r.score).toFixed(3), reason: r.detail });
  }
  return out;
}
