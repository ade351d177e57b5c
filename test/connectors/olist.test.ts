// Olist marketplace: seven files, one connector each, joined in the store by order, customer and product ids.
import { describe, expect, it } from 'vitest';
import { connectorSuite } from '../support/connector-suite.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { step } from '../../src/store/sql.js';
import { TEST_HMAC, tempStore } from '../support/db.js';

const DIR = 'test/fixtures/olist';

connectorSuite({
  fixture: `${DIR}/olist_orders_dataset.csv`, connector: 'olist-orders', platform: 'olist', records: 10,
  tables: { orders: { min: 10, fields: ['platform_order_id', 'platform_customer_id', 'placed_at', 'placed_at_offset', 'status', 'status_raw', 'currency', 'ship_country'] } },
});
connectorSuite({
  fixture: `${DIR}/olist_order_items_dataset.csv`, connector: 'olist-order-items', platform: 'olist', records: 14,
  tables: {
    order_line: { min: 14, fields: ['platform_order_id', 'line_no', 'platform_listing_id', 'quantity', 'unit_price', 'line_total', 'currency'] },
    listing: { min: 8, fields: ['platform_listing_id', 'price', 'currency'] },
  },
});
connectorSuite({
  fixture: `${DIR}/olist_customers_dataset.csv`, connector: 'olist-customers', platform: 'olist', records: 10,
  tables: { customer_account: { min: 10, fields: ['platform_customer_id', 'postcode', 'city', 'region', 'country'] } },
});
connectorSuite({
  fixture: `${DIR}/olist_order_reviews_dataset.csv`, connector: 'olist-order-reviews', platform: 'olist', records: 11,
  tables: { review: { min: 11, fields: ['platform_review_id', 'platform_order_id', 'rating', 'title', 'body', 'reviewed_at'] } },
});
connectorSuite({
  fixture: `${DIR}/olist_products_dataset.csv`, connector: 'olist-products', platform: 'olist', records: 9,
  tables: { listing: { min: 9, fields: ['platform_listing_id', 'category_path'] } },
});
connectorSuite({ fixture: `${DIR}/olist_order_payments_dataset.csv`, connector: 'olist-order-payments', platform: 'olist', records: 11, tables: {} });
connectorSuite({ fixture: `${DIR}/product_category_name_translation.csv`, connector: 'olist-category-translation', platform: 'olist', records: 6, tables: {} });

describe('olist files together', () => {
  it('join in the store: lines get the order time and BRL, Olist statuses map, São Paulo time becomes UTC', async () => {
    const s = await tempStore();
    try {
      // items first: the derive step fills line placed_at when the orders file lands later
      for (const f of ['olist_order_items_dataset.csv', 'olist_orders_dataset.csv', 'olist_customers_dataset.csv', 'olist_order_reviews_dataset.csv']) {
        const r = await ingestFile(s.db, `${DIR}/${f}`, { hmac: TEST_HMAC });
        expect(r.rowsRejected, f).toBe(0);
      }
      const q = <T extends Record<string, unknown>>(sql: string) => s.db.all<T>(step(sql));
      const [lines] = await q<{ n: number; placed: number; brl: number }>(
        `SELECT count(*) AS n, count(placed_at) AS placed, count(*) FILTER (WHERE currency = 'BRL') AS brl FROM order_line`,
      );
      expect(lines).toEqual({ n: 14, placed: 14, brl: 14 });
      const st = await q<{ raw: string; status: string }>('SELECT DISTINCT status_raw AS raw, status FROM orders ORDER BY raw');
      expect(Object.fromEntries(st.map((r) => [r.raw, r.status]))).toEqual({
        canceled: 'cancelled', delivered: 'delivered', invoiced: 'paid', processing: 'paid', shipped: 'shipped', unavailable: 'cancelled',
      });
      const [o] = await q<{ placed: string; offset: string }>(
        `SELECT strftime(timezone('UTC', placed_at), '%Y-%m-%dT%H:%M:%SZ') AS placed, placed_at_offset AS offset FROM orders WHERE platform_order_id = 'bb953a084ab406da9e19dfdc06df0245'`,
      );
      expect(o).toEqual({ placed: '2018-07-29T16:54:51Z', offset: 'assumed America/Sao_Paulo' }); // 13:54:51 -03:00
      const [joined] = await q<{ n: number }>(
        `SELECT count(*) AS n FROM orders o JOIN customer_account c USING (platform, platform_customer_id)`,
      );
      expect(joined?.n).toBe(10);
      const [multi] = await q<{ lines: number; total: string }>(
        `SELECT count(*) AS lines, CAST(sum(line_total) AS VARCHAR) AS total FROM order_line WHERE platform_order_id LIKE '7af90580%'`,
      );
      expect(multi?.lines).toBe(6);
      // comments with line breaks stay one review each; text folding turns the break into a space
      const rev = await q<{ id: string; body: string | null }>(
        `SELECT platform_review_id AS id, body FROM review WHERE platform_review_id IN ('4f072e1788bda93be16074632ec37314', 'c60ffbd86c51dcfd2e6d69e4d4587ec4') ORDER BY id`,
      );
      expect(rev.map((r) => r.body?.slice(0, 20) ?? null)).toEqual([null, 'Acho que deveria exp']);
    } finally {
      await s.done();
    }
  });
});
