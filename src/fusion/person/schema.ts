// Fused persons: person (stable person_id), person_member (which accounts, with score and method), the runs that
// made them, and the customer_360 view (accounts per platform, orders, spend in base currency, products bought).
import { step, type SqlStep } from '../../store/sql.js';

export function personSchema(): SqlStep[] {
  return [
    step(`CREATE TABLE IF NOT EXISTS person (
      person_id VARCHAR PRIMARY KEY, n_accounts INTEGER, n_platforms INTEGER, platforms VARCHAR,
      created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ)`),
    step(`CREATE TABLE IF NOT EXISTS person_member (
      person_id VARCHAR NOT NULL, platform VARCHAR NOT NULL, platform_customer_id VARCHAR NOT NULL,
      score DOUBLE, method VARCHAR, linked_at TIMESTAMPTZ, PRIMARY KEY (platform, platform_customer_id))`),
    step(`CREATE TABLE IF NOT EXISTS person_run (
      run_id INTEGER PRIMARY KEY, ran_at TIMESTAMPTZ, params JSON, metrics JSON)`),
    step(`CREATE OR REPLACE VIEW customer_360 AS
      WITH acc AS (
        SELECT m.person_id, count(*) AS n_accounts, histogram(m.platform) AS accounts_per_platform,
               min(ca.first_seen_at) AS account_first_seen
        FROM person_member m
        LEFT JOIN (SELECT platform, platform_customer_id, min(first_seen_at) AS first_seen_at FROM customer_account GROUP BY ALL) ca
          USING (platform, platform_customer_id)
        GROUP BY m.person_id),
      ord AS (
        SELECT m.person_id, count(*) AS orders, sum(o.total_base) AS spend_base,
               min(o.placed_at) AS first_order_at, max(o.placed_at) AS last_order_at
        FROM person_member m JOIN orders o USING (platform, platform_customer_id) GROUP BY m.person_id),
      prod AS (
        SELECT m.person_id, list(DISTINCT lp.product_id ORDER BY lp.product_id) AS products, count(DISTINCT lp.product_id) AS n_products
        FROM person_member m JOIN orders o USING (platform, platform_customer_id)
        JOIN line_product lp ON lp.platform = o.platform AND lp.platform_order_id = o.platform_order_id
        GROUP BY m.person_id)
      SELECT p.person_id, acc.n_accounts, acc.accounts_per_platform, coalesce(ord.orders, 0) AS orders,
             coalesce(ord.spend_base, 0) AS spend_base,
             least(acc.account_first_seen, ord.first_order_at) AS first_seen_at,
             greatest(ord.last_order_at, acc.account_first_seen) AS last_seen_at,
             coalesce(prod.n_products, 0) AS n_products, coalesce(prod.products, []) AS products
      FROM person p LEFT JOIN acc USING (person_id) LEFT JOIN ord USING (person_id) LEFT JOIN prod USING (person_id)`),
  ];
}
