// Pinduoduo order export: 43 columns, UTF-8 with BOM (half-width (元)) or GBK (full-width （元）), masked phones.
import { describe, expect, it } from 'vitest';
import { connectorSuite } from '../support/connector-suite.js';
import { ingested } from './ingest-fixture.js';

const DIR = 'test/fixtures/pinduoduo';
const tables = {
  orders: { min: 5, fields: ['platform_order_id', 'placed_at', 'status', 'status_raw', 'currency', 'subtotal', 'shipping', 'discount', 'total', 'ship_city', 'ship_region', 'ship_country'] },
  order_line: { min: 5, fields: ['platform_order_id', 'line_no', 'platform_listing_id', 'sku', 'title', 'quantity', 'unit_price', 'line_total', 'currency', 'status', 'placed_at'] },
  listing: { min: 2, fields: ['platform_listing_id', 'sku', 'title', 'variant'] },
};

connectorSuite({ fixture: `${DIR}/pdd-orders-utf8bom.csv`, connector: 'pinduoduo-order-export', platform: 'pinduoduo', records: 9, rejected: 1, tables });
connectorSuite({ fixture: `${DIR}/pdd-orders-gbk.csv`, connector: 'pinduoduo-order-export', platform: 'pinduoduo', records: 6, rejected: 1, tables });

describe('pinduoduo values (UTF-8 with BOM, half-width headers)', () => {
  const db = ingested(`${DIR}/pdd-orders-utf8bom.csv`);

  it('reads the BOM file and amounts per line in CNY', async () => {
    expect(db.result().encoding).toBe('utf-8-bom');
    const [o] = await db.rows<{ sub: string; disc: string; total: string; cur: string; placed: string; status: string }>(
      `SELECT CAST(subtotal AS VARCHAR) AS sub, CAST(discount AS VARCHAR) AS disc, CAST(total AS VARCHAR) AS total, currency AS cur,
              strftime(timezone('UTC', placed_at), '%Y-%m-%dT%H:%M:%SZ') AS placed, status
       FROM orders WHERE platform_order_id = '260301-043210987654321'`,
    );
    expect(o).toEqual({ sub: '39.9000', disc: '2.0000', total: '34.9000', cur: 'CNY', placed: '2026-03-01T02:00:00Z', status: 'shipped' });
  });

  it('derives the unit price from the line total and strips a tab from the seller code', async () => {
    const [l] = await db.rows<{ sku: string; unit: string; listing: string }>(
      `SELECT sku, CAST(unit_price AS VARCHAR) AS unit, platform_listing_id AS listing FROM order_line WHERE platform_order_id = '260302-043210987654323'`,
    );
    expect(l).toEqual({ sku: 'BWB-500-WH', unit: '59.9000', listing: '1234567890003' });
    const [tab] = await db.rows<{ sku: string }>(`SELECT sku FROM order_line WHERE platform_order_id = '260301-043210987654321'`);
    expect(tab?.sku).toBe('ZJ-100-20');
  });

  it('maps refund statuses and keeps no buyer identity (the export has none; phones are masked)', async () => {
    const [r] = await db.rows<{ status: string }>(`SELECT status FROM orders WHERE platform_order_id = '260302-043210987654325'`);
    expect(r?.status).toBe('refunded');
    const [n] = await db.rows<{ accounts: number; ids: number }>(
      'SELECT (SELECT count(*) FROM customer_account) AS accounts, count(platform_customer_id) AS ids FROM orders',
    );
    expect(n).toEqual({ accounts: 0, ids: 0 });
  });

  it('rejects the record cut off mid-line', async () => {
    const rej = await db.rows<{ row: number; reason: string }>('SELECT source_row AS row, reason FROM reject');
    expect(rej).toEqual([{ row: 10, reason: expect.stringMatching(/MISSING COLUMNS/) as unknown }]);
  });
});

describe('pinduoduo values (GBK, full-width headers)', () => {
  const db = ingested(`${DIR}/pdd-orders-gbk.csv`);

  it('matches 商品总价（元） to the mapping written 商品总价(元)', async () => {
    expect(db.result().encoding).toBe('gb18030');
    const [o] = await db.rows<{ sub: string; ship: string; total: string }>(
      `SELECT CAST(subtotal AS VARCHAR) AS sub, CAST(shipping AS VARCHAR) AS ship, CAST(total AS VARCHAR) AS total FROM orders WHERE platform_order_id = '260306-043210987650003'`,
    );
    expect(o).toEqual({ sub: '25.8000', ship: '3.0000', total: '26.8000' });
  });

  it('rejects an amount written in words, naming the field', () => {
    expect(db.result().rejects).toEqual([expect.objectContaining({ field: 'orders.subtotal', count: 1 })]);
  });
});
