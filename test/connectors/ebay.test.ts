// eBay connectors: Seller Hub orders report (US, UK, French) and Trading API GetOrders XML.
import { describe, expect, it } from 'vitest';
import { connectorSuite } from '../support/connector-suite.js';
import { ingested } from './ingest-fixture.js';

const DIR = 'test/fixtures/ebay';
const footer = 2; // "N record(s) downloaded" and "Seller ID : x" are stored as skipped lines

connectorSuite({
  fixture: `${DIR}/orders_us.csv`,
  connector: 'ebay-orders-csv',
  platform: 'ebay',
  records: 7 + footer,
  rejected: 1 + footer,
  tables: {
    orders: { min: 4, fields: ['platform_order_id', 'platform_customer_id', 'placed_at', 'placed_at_offset', 'currency', 'shipping', 'tax', 'total', 'ship_city', 'ship_region', 'ship_postcode', 'ship_country', 'sales_channel'] },
    order_line: { min: 5, fields: ['platform_order_id', 'line_no', 'platform_line_id', 'platform_listing_id', 'sku', 'title', 'quantity', 'unit_price', 'line_total', 'currency', 'placed_at'] },
    customer_account: { min: 3, fields: ['platform_customer_id', 'email_hash', 'phone_hash', 'name_masked', 'city', 'region', 'postcode', 'country', 'first_seen_at'] },
    listing: { min: 4, fields: ['platform_listing_id', 'sku', 'title'] },
  },
});

connectorSuite({
  fixture: `${DIR}/orders_uk.csv`,
  connector: 'ebay-orders-csv',
  platform: 'ebay',
  records: 2 + footer,
  rejected: footer,
  tables: {
    orders: { min: 2, fields: ['platform_order_id', 'placed_at', 'currency', 'shipping', 'total', 'ship_city', 'ship_region', 'ship_postcode', 'ship_country'] },
    order_line: { min: 2, fields: ['platform_listing_id', 'sku', 'quantity', 'unit_price', 'currency'] },
    customer_account: { min: 2, fields: ['platform_customer_id', 'email_hash', 'phone_hash', 'name_masked', 'country'] },
  },
});

connectorSuite({
  fixture: `${DIR}/orders_fr.csv`,
  connector: 'ebay-orders-csv',
  platform: 'ebay',
  records: 5 + footer,
  rejected: footer,
  tables: {
    orders: { min: 3, fields: ['platform_order_id', 'platform_customer_id', 'placed_at', 'currency', 'shipping', 'total', 'ship_city', 'ship_postcode', 'ship_country'] },
    order_line: { min: 4, fields: ['platform_order_id', 'platform_line_id', 'platform_listing_id', 'sku', 'title', 'quantity', 'unit_price', 'line_total', 'currency'] },
    customer_account: { min: 2, fields: ['platform_customer_id', 'email_hash', 'phone_hash', 'name_masked'] },
    listing: { min: 3, fields: ['platform_listing_id', 'sku', 'title'] },
  },
});

connectorSuite({
  fixture: `${DIR}/get_orders.xml`,
  connector: 'ebay-get-orders-xml',
  platform: 'ebay',
  records: 4,
  rejected: 1,
  tables: {
    orders: { min: 3, fields: ['platform_order_id', 'platform_customer_id', 'placed_at', 'status', 'status_raw', 'currency', 'subtotal', 'shipping', 'total', 'ship_city', 'ship_region', 'ship_postcode', 'ship_country'] },
    order_line: { min: 2, fields: ['platform_order_id', 'line_no', 'platform_line_id', 'platform_listing_id', 'sku', 'title', 'quantity', 'unit_price', 'line_total', 'currency', 'placed_at'] },
    customer_account: { min: 3, fields: ['platform_customer_id', 'email_hash', 'phone_hash', 'name_masked', 'city', 'country', 'first_seen_at'] },
    listing: { min: 2, fields: ['platform_listing_id', 'sku', 'title'] },
  },
});

const ORDERS = `SELECT platform_order_id AS o, platform_customer_id AS c, CAST(placed_at AS VARCHAR) AS at, currency, CAST(total AS VARCHAR) AS total, ship_country AS country FROM orders ORDER BY o`;
const LINES = `SELECT platform_order_id AS o, line_no, platform_listing_id AS item, quantity, CAST(unit_price AS VARCHAR) AS unit, CAST(line_total AS VARCHAR) AS total, currency FROM order_line ORDER BY o, line_no`;

describe('eBay US report values', () => {
  const db = ingested(`${DIR}/orders_us.csv`);

  it('reads "$1,433.66" and "Oct-05-26", and falls back to the sales record number', async () => {
    const o = await db.rows(ORDERS);
    expect(o).toEqual([
      { o: '12-34567-89012', c: 'runner_joe', at: '2026-10-05 07:00:00+00', currency: 'USD', total: '54.6700', country: 'US' },
      { o: '12-34567-89013', c: 'vintage&co', at: '2026-10-06 07:00:00+00', currency: 'USD', total: '1433.6600', country: 'US' },
      { o: '12-34567-89016', c: 'mugcollector', at: '2026-11-11 08:00:00+00', currency: 'USD', total: '23.9400', country: 'US' },
      { o: '1203', c: 'runner_joe', at: '2025-07-21 07:00:00+00', currency: 'USD', total: '23.0000', country: 'US' },
    ]);
  });

  it('turns the summary row into the order and the item rows into its lines', async () => {
    const l = await db.rows(`${LINES.replace('ORDER BY', "WHERE platform_order_id = '12-34567-89013' ORDER BY")}`);
    expect(l).toEqual([
      { o: '12-34567-89013', line_no: 1, item: '296123456790', quantity: 2, unit: '650.0000', total: '1300.0000', currency: 'USD' },
      { o: '12-34567-89013', line_no: 2, item: '296123456791', quantity: 1, unit: '99.0000', total: '99.0000', currency: 'USD' },
    ]);
  });

  it('stores the footer as skipped lines and the impossible date as an error', async () => {
    const r = await db.rows(`SELECT severity, field, value, raw FROM reject ORDER BY source_row`);
    expect(r.map((x) => [x.severity, x.field, x.value])).toEqual([['error', 'orders.placed_at', 'Feb-30-26'], ['skipped', null, null], ['skipped', null, null]]);
    expect(r[1]!.raw).toContain('5 record(s) downloaded');
    expect(r[2]!.raw).toContain('Seller ID : maison-lin-outlet');
  });
});

describe('eBay UK and French report values', () => {
  const uk = ingested(`${DIR}/orders_uk.csv`);
  const fr = ingested(`${DIR}/orders_fr.csv`);

  it('reads "Post to" columns, pounds and dd-Mmm-yy dates', async () => {
    expect(await uk.rows(ORDERS)).toEqual([
      { o: '23-11111-22222', c: 'tea_time_tom', at: '2026-10-04 23:00:00+00', currency: 'GBP', total: '16.1000', country: 'GB' },
      { o: '23-11111-22223', c: 'bakeoff_bea', at: '2026-10-11 23:00:00+00', currency: 'GBP', total: '38.7000', country: 'GB' },
    ]);
  });

  it('reads "EUR 90,00", "EUR 1 234,50" and "05-oct.-26"', async () => {
    const o = await fr.rows(ORDERS);
    expect(o.slice(0, 2)).toEqual([
      { o: '05-12345-67890', c: 'mdupont75', at: '2026-10-04 22:00:00+00', currency: 'EUR', total: '90.0000', country: 'FR' },
      { o: '05-12345-67891', c: 'chef_lyon', at: '2026-11-11 23:00:00+00', currency: 'EUR', total: '1234.5000', country: 'FR' },
    ]);
    const l = await fr.rows(`${LINES.replace('ORDER BY', "WHERE platform_order_id = '05-12345-67891' ORDER BY")}`);
    expect(l.map((r) => [r.item, r.unit, r.currency])).toEqual([['335123456790', '210.9000', 'EUR'], ['335123456789', '180.0000', 'EUR']]);
  });

  // strptime's %b is English: the date transform's month-name table reads "févr.", "janv.", "déc." ...
  it('reads French month abbreviations other than oct./nov.', async () => {
    const o = await fr.rows(`SELECT CAST(placed_at AS VARCHAR) AS at FROM orders WHERE platform_order_id = '05-12345-67892'`);
    expect(o).toEqual([{ at: '2026-02-13 23:00:00+00' }]);
  });
});

describe('eBay GetOrders XML values', () => {
  const db = ingested(`${DIR}/get_orders.xml`);

  it('reads amounts from element text and currencies from currencyID', async () => {
    const o = await db.rows(`SELECT platform_order_id AS o, status, currency, CAST(subtotal AS VARCHAR) AS sub, CAST(shipping AS VARCHAR) AS ship, CAST(total AS VARCHAR) AS total FROM orders ORDER BY o`);
    expect(o).toEqual([
      { o: '12-34567-89020', status: 'placed', currency: 'USD', sub: '45.9900', ship: '5.0000', total: '50.9900' },
      { o: '12-34567-89021', status: 'cancelled', currency: 'USD', sub: '18.0000', ship: null, total: '18.0000' },
      { o: '14-14908-12300', status: 'paid', currency: 'AUD', sub: '42.0000', ship: '3.5000', total: '45.5000' },
    ]);
  });

  it('makes one line per Transaction, the variation SKU winning over the item SKU', async () => {
    const l = await db.rows(`SELECT line_no, platform_line_id AS id, sku, quantity, CAST(unit_price AS VARCHAR) AS unit, currency FROM order_line WHERE platform_order_id = '14-14908-12300' ORDER BY line_no`);
    expect(l).toEqual([
      { line_no: 1, id: '296123456789-1122334455', sku: 'BK-PKM-000042', quantity: 1, unit: '30.0000', currency: 'AUD' },
      { line_no: 2, id: '296123456790-1122334456', sku: 'MUG-CER-BLU', quantity: 2, unit: '6.0000', currency: 'AUD' },
    ]);
    const t = await db.rows(`SELECT title FROM listing WHERE platform_listing_id = '296123456789'`);
    expect(t[0]!.title).toContain('Guide & Atlas');
  });

  // fast-xml-parser leaves numeric character references as written unless htmlEntities is on
  it('decodes numeric character references in titles', async () => {
    const t = await db.rows(`SELECT title FROM listing WHERE platform_listing_id = '296123456789'`);
    expect(t).toEqual([{ title: 'Pokémon Guide & Atlas' }]);
  });

  // A lone <Transaction> parses to an object, and `each` only unnests arrays (see the report); then drop `.fails`
  it('makes a line for an order with a single Transaction', async () => {
    const l = await db.rows(`SELECT platform_order_id AS o, sku FROM order_line WHERE platform_order_id <> '14-14908-12300' ORDER BY o`);
    expect(l).toEqual([{ o: '12-34567-89020', sku: 'RUN-BLK-10' }, { o: '12-34567-89021', sku: 'MUG-CER-RED' }]);
  });
});
