// Amazon connectors: All Orders report, Active Listings report, SP-API Orders v0 JSON.
import { describe, expect, it } from 'vitest';
import { connectorSuite } from '../support/connector-suite.js';
import { ingested } from './ingest-fixture.js';

const DIR = 'test/fixtures/amazon';

connectorSuite({
  fixture: `${DIR}/all_orders.txt`,
  connector: 'amazon-all-orders-tsv',
  platform: 'amazon',
  records: 7,
  rejected: 1,
  tables: {
    orders: { min: 5, fields: ['platform_order_id', 'placed_at', 'placed_at_offset', 'status', 'status_raw', 'currency', 'ship_city', 'ship_region', 'ship_postcode', 'ship_country', 'sales_channel'] },
    order_line: { min: 6, fields: ['platform_order_id', 'line_no', 'platform_listing_id', 'sku', 'title', 'quantity', 'unit_price', 'line_total', 'currency', 'status', 'placed_at'] },
    listing: { min: 4, fields: ['platform_listing_id', 'asin', 'sku', 'title'] },
  },
});

connectorSuite({
  fixture: `${DIR}/active_listings.txt`,
  connector: 'amazon-listings-tsv',
  platform: 'amazon',
  records: 6,
  rejected: 1,
  tables: { listing: { min: 5, fields: ['platform_listing_id', 'asin', 'sku', 'gtin', 'title', 'description', 'price', 'currency', 'quantity', 'status', 'listed_at'] } },
});

connectorSuite({
  fixture: `${DIR}/orders_sp_api.json`,
  connector: 'amazon-sp-api-orders-json',
  platform: 'amazon',
  records: 5,
  rejected: 1,
  tables: {
    orders: { min: 4, fields: ['platform_order_id', 'platform_customer_id', 'placed_at', 'status', 'status_raw', 'total', 'currency', 'ship_city', 'ship_region', 'ship_postcode', 'ship_country', 'sales_channel'] },
    order_line: { min: 5, fields: ['platform_order_id', 'line_no', 'platform_line_id', 'platform_listing_id', 'sku', 'title', 'quantity', 'unit_price', 'line_total', 'currency', 'placed_at'] },
    customer_account: { min: 2, fields: ['platform_customer_id', 'email_hash', 'name_masked', 'city', 'region', 'postcode', 'country', 'first_seen_at'] },
    listing: { min: 4, fields: ['platform_listing_id', 'asin', 'sku', 'title'] },
  },
});

describe('amazon All Orders values', () => {
  const db = ingested(`${DIR}/all_orders.txt`);

  it('reads item-price as the line total and derives the unit price', async () => {
    const l = await db.rows(`SELECT platform_order_id AS o, line_no, quantity, CAST(unit_price AS VARCHAR) AS unit, CAST(line_total AS VARCHAR) AS total
      FROM order_line ORDER BY o, line_no`);
    expect(l).toContainEqual({ o: '113-1234567-1234567', line_no: 1, quantity: 2, unit: '45.9900', total: '91.9800' });
    expect(l).toContainEqual({ o: '111-2223334-9999999', line_no: 1, quantity: 3, unit: '45.9900', total: '137.9700' });
    // pending merchant orders have no price yet, cancelled items a zero quantity: no unit price, no reject
    expect(l).toContainEqual({ o: '114-7654321-7654321', line_no: 1, quantity: 1, unit: null, total: null });
    expect(l).toContainEqual({ o: '112-0000001-0000001', line_no: 1, quantity: 0, unit: null, total: null });
  });

  it('folds report statuses and keeps the marketplace currency', async () => {
    const o = await db.rows(`SELECT platform_order_id AS o, status, currency, sales_channel AS ch FROM orders ORDER BY o`);
    expect(o).toContainEqual({ o: '058-3718414-0463502', status: 'shipped', currency: 'EUR', ch: 'Amazon.it' });
    expect(o).toContainEqual({ o: '111-2223334-9999999', status: 'shipped', currency: 'USD', ch: 'Amazon.com' });
    expect(o).toContainEqual({ o: '112-0000001-0000001', status: 'cancelled', currency: 'USD', ch: 'Amazon.com' });
    const r = await db.rows(`SELECT source_row, field, value FROM reject`);
    expect(r).toEqual([{ source_row: 7, field: 'orders.placed_at', value: '31/02/2026' }]);
  });
});

describe('amazon Active Listings values', () => {
  const db = ingested(`${DIR}/active_listings.txt`);

  it('takes a GTIN from product-id only when it is a UPC/EAN/ISBN-13', async () => {
    const l = await db.rows(`SELECT platform_listing_id AS id, gtin FROM listing ORDER BY id`);
    expect(l).toEqual([
      { id: '0306406152', gtin: '09780306406157' },
      { id: 'B07XJ8C8F5', gtin: null },
      { id: 'B07XJ8C8F6', gtin: '00680242554716' },
      { id: 'B08N5WRWNW', gtin: '04006381333931' },
      { id: 'B09ABCDE12', gtin: null },
    ]);
  });

  it('reads open-date with its PST/PDT abbreviation as a Pacific time', async () => {
    const l = await db.rows(`SELECT platform_listing_id AS id, CAST(listed_at AS VARCHAR) AS at, status, quantity FROM listing WHERE platform_listing_id IN ('B08N5WRWNW', 'B07XJ8C8F6', 'B07XJ8C8F5') ORDER BY id`);
    expect(l).toEqual([
      { id: 'B07XJ8C8F5', at: '2025-03-04 18:12:40+00', status: 'active', quantity: null },
      { id: 'B07XJ8C8F6', at: '2025-07-08 16:00:00+00', status: 'active', quantity: 3 },
      { id: 'B08N5WRWNW', at: '2025-01-16 00:19:39+00', status: 'active', quantity: 120 },
    ]);
  });
});

describe('amazon SP-API orders values', () => {
  const db = ingested(`${DIR}/orders_sp_api.json`);

  it('reads Money.Amount strings with their currency code', async () => {
    const o = await db.rows(`SELECT platform_order_id AS o, CAST(total AS VARCHAR) AS total, currency, status FROM orders ORDER BY o`);
    expect(o).toEqual([
      { o: '028-1122334-5566778', total: '89.9500', currency: 'EUR', status: 'paid' },
      { o: '113-1234567-1234567', total: '117.3400', currency: 'USD', status: 'shipped' },
      { o: '113-9999999-0000001', total: '0.0000', currency: 'USD', status: 'cancelled' },
      { o: '114-7654321-7654321', total: null, currency: null, status: 'placed' },
    ]);
    const l = await db.rows(`SELECT line_no, CAST(unit_price AS VARCHAR) AS unit, currency FROM order_line WHERE platform_order_id = '113-1234567-1234567' ORDER BY line_no`);
    expect(l).toEqual([{ line_no: 1, unit: '45.9900', currency: 'USD' }, { line_no: 2, unit: '18.0000', currency: 'USD' }]);
  });

  it('keys the buyer by the hashed relay e-mail', async () => {
    const c = await db.rows(`SELECT count(*) AS n, count(DISTINCT platform_customer_id) AS ids FROM customer_account`);
    expect(c).toEqual([{ n: 2, ids: 2 }]);
    const o = await db.rows(`SELECT count(DISTINCT platform_customer_id) AS n FROM orders WHERE platform_order_id IN ('113-1234567-1234567', '113-9999999-0000001')`);
    expect(o[0]!.n).toBe(1);
  });
});
