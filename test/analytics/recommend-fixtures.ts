// Small hand-made purchase histories written straight into a real store, for recommend / segment / churn tests.
import type { Backend } from '../../src/store/backend.js';
import { step } from '../../src/store/sql.js';

/** orders: [customer, day offset from 2025-01-01, listing ids] on platform 'shop' */
export async function writeOrders(db: Backend, orders: readonly [string, number, readonly string[]][]): Promise<void> {
  let n = 0;
  for (const [customer, day, items] of orders) {
    n++;
    const at = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString();
    await db.run(step('INSERT INTO orders (platform, platform_order_id, platform_customer_id, placed_at, total_base) VALUES ($1, $2, $3, CAST($4 AS TIMESTAMPTZ), $5)', ['shop', `o${n}`, customer, at, 10 * items.length]));
    let line = 0;
    for (const item of items) {
      await db.run(step(`INSERT INTO order_line (platform, platform_order_id, line_no, platform_listing_id, title, quantity, unit_price_base, line_total_base, placed_at)
        VALUES ($1, $2, $3, $4, $5, 1, 10, 10, CAST($6 AS TIMESTAMPTZ))`, ['shop', `o${n}`, ++line, item, `Item ${item}`, at]));
    }
  }
  for (const item of new Set(orders.flatMap((o) => o[2]))) {
    await db.run(step('INSERT INTO listing (platform, platform_listing_id, title, price, currency, price_base) VALUES ($1, $2, $3, 10, $4, 10)', ['shop', item, `Item ${item}`, 'USD']));
  }
}
