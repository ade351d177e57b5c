// WooCommerce connectors: REST v3 orders and products JSON.
import { describe, expect, it } from 'vitest';
import { connectorSuite } from '../support/connector-suite.js';
import { ingested } from './ingest-fixture.js';

const DIR = 'test/fixtures/woocommerce';

connectorSuite({
  fixture: `${DIR}/orders.json`,
  connector: 'woocommerce-orders-json',
  platform: 'woocommerce',
  records: 5,
  rejected: 1,
  tables: {
    orders: { min: 4, fields: ['platform_order_id', 'platform_customer_id', 'placed_at', 'placed_at_offset', 'status', 'status_raw', 'currency', 'shipping', 'tax', 'discount', 'total', 'ship_city', 'ship_region', 'ship_postcode', 'ship_country', 'sales_channel'] },
    order_line: { min: 5, fields: ['platform_order_id', 'line_no', 'platform_line_id', 'platform_listing_id', 'sku', 'title', 'quantity', 'unit_price', 'line_total', 'currency', 'placed_at'] },
    customer_account: { min: 3, fields: ['platform_customer_id', 'email_hash', 'phone_hash', 'name_masked', 'city', 'region', 'postcode', 'country', 'first_seen_at'] },
    listing: { min: 3, fields: ['platform_listing_id', 'sku', 'title'] },
  },
});

connectorSuite({
  fixture: `${DIR}/products.json`,
  connector: 'woocommerce-products-json',
  platform: 'woocommerce',
  records: 6,
  rejected: 1,
  tables: { listing: { min: 5, fields: ['platform_listing_id', 'sku', 'gtin', 'title', 'description', 'attributes', 'price', 'currency', 'quantity', 'status', 'url', 'listed_at'] } },
});

describe('woocommerce orders values', () => {
  const db = ingested(`${DIR}/orders.json`);

  it('reads the *_gmt dates as UTC, not the site-local ones', async () => {
    const o = await db.rows(`SELECT platform_order_id AS o, CAST(placed_at AS VARCHAR) AS at, placed_at_offset AS off, status FROM orders ORDER BY o`);
    expect(o).toEqual([
      { o: '727', at: '2017-03-22 19:28:02+00', off: 'assumed UTC', status: 'paid' },
      { o: '728', at: '2025-10-05 08:00:00+00', off: 'assumed UTC', status: 'delivered' },
      { o: '729', at: '2025-10-06 13:15:00+00', off: 'assumed UTC', status: 'placed' },
      { o: '730', at: '2025-10-07 13:15:00+00', off: 'assumed UTC', status: 'refunded' },
    ]);
  });

  it('keys guests (customer_id 0) and registered buyers alike by the hashed billing e-mail', async () => {
    const o = await db.rows<{ o: string; c: string }>(`SELECT platform_order_id AS o, platform_customer_id AS c FROM orders ORDER BY o`);
    for (const r of o) expect(r.c).toMatch(/^[0-9a-f]{64}$/);
    expect(o[0]!.c).toBe(o[2]!.c); // john.doe@example.com and John.Doe@Example.com
    expect(new Set(o.map((r) => r.c)).size).toBe(3);
  });

  it('reads numeric line prices and string totals, keyed to the product id', async () => {
    const l = await db.rows(`SELECT line_no, platform_listing_id AS p, sku, quantity, CAST(unit_price AS VARCHAR) AS unit, CAST(line_total AS VARCHAR) AS total, currency FROM order_line WHERE platform_order_id = '727' ORDER BY line_no`);
    expect(l).toEqual([
      { line_no: 1, p: '93', sku: null, quantity: 2, unit: '3.0000', total: '6.0000', currency: 'USD' },
      { line_no: 2, p: '22', sku: 'SHIP-BLK-M', quantity: 1, unit: '12.0000', total: '12.0000', currency: 'USD' },
    ]);
    const r = await db.rows(`SELECT source_row, field, value FROM reject`);
    expect(r).toEqual([{ source_row: 5, field: 'orders.placed_at', value: '08/10/2025 25:99' }]);
  });
});

describe('woocommerce products values', () => {
  const db = ingested(`${DIR}/products.json`);

  it('makes one listing per product and per variation', async () => {
    const l = await db.rows(`SELECT platform_listing_id AS id, sku, gtin, title, CAST(price AS VARCHAR) AS price, quantity, status FROM listing ORDER BY id::INT`);
    expect(l).toEqual([
      { id: '22', sku: null, gtin: null, title: 'Ship Your Idea', price: '12.0000', quantity: null, status: 'publish' },
      { id: '23', sku: 'SHIP-BLK-M', gtin: '00012345678905', title: null, price: '12.0000', quantity: 14, status: null },
      { id: '24', sku: 'SHIP-GRN-M', gtin: null, title: null, price: '12.5000', quantity: 0, status: null },
      { id: '40', sku: 'BRD-OLV-L', gtin: '03800065711135', title: 'Planche en olivier', price: '70.0000', quantity: 7, status: 'draft' },
      { id: '93', sku: null, gtin: null, title: 'Woo Single #1', price: '3.0000', quantity: null, status: 'publish' },
    ]);
  });
});
