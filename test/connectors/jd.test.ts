// JD.com order export: GBK, one row per order line, full-width parentheses in a header name.
import { describe, expect, it } from 'vitest';
import { connectorSuite } from '../support/connector-suite.js';
import { sniffFile } from '../../src/sources/sniff.js';
import { rankConnectors } from '../../src/connectors/registry.js';
import { ingested } from './ingest-fixture.js';

const FIXTURE = 'test/fixtures/jd/jd-orders-export.csv';

connectorSuite({
  fixture: FIXTURE,
  connector: 'jd-order-export',
  platform: 'jd',
  records: 9,
  rejected: 1,
  tables: {
    orders: { min: 7, fields: ['platform_order_id', 'platform_customer_id', 'placed_at', 'status', 'status_raw', 'currency', 'subtotal', 'shipping', 'total', 'ship_country', 'sales_channel'] },
    order_line: { min: 8, fields: ['platform_order_id', 'line_no', 'platform_listing_id', 'sku', 'title', 'quantity', 'unit_price', 'line_total', 'currency', 'status', 'placed_at'] },
    customer_account: { min: 5, fields: ['platform_customer_id', 'phone_hash', 'name_masked', 'country', 'first_seen_at'] },
    listing: { min: 6, fields: ['platform_listing_id', 'sku', 'title', 'price', 'currency'] },
  },
});

describe('jd order export values', () => {
  const db = ingested(FIXTURE);

  it('matches the full-width （等级1-5为由高到低） header to its half-width signature', async () => {
    const file = await sniffFile(FIXTURE);
    expect(file.header).toContain('商家备注等级（等级1-5为由高到低）');
    const [best] = await rankConnectors(file);
    expect(best?.score).toBe(1); // every optional name found, the full-width one included
  });

  it('keeps one order per 订单号 with lines numbered in file order', async () => {
    const lines = await db.rows<{ line: number; listing: string; qty: number; total: string }>(
      `SELECT line_no AS line, platform_listing_id AS listing, quantity AS qty, CAST(line_total AS VARCHAR) AS total
       FROM order_line WHERE platform_order_id = '283456789014' ORDER BY line_no`,
    );
    expect(lines).toEqual([
      { line: 1, listing: '100034567890', qty: 2, total: '99.8000' },
      { line: 2, listing: '100045678901', qty: 1, total: '59.9000' },
    ]);
    const [o] = await db.rows<{ n: number }>(`SELECT count(*) AS n FROM orders WHERE platform_order_id = '283456789014'`);
    expect(o?.n).toBe(1);
  });

  it('reads ￥ amounts and China time; maps JD status words', async () => {
    const [o] = await db.rows<{ total: string; ship: string; cur: string; placed: string; status: string }>(
      `SELECT CAST(total AS VARCHAR) AS total, CAST(shipping AS VARCHAR) AS ship, currency AS cur,
              strftime(timezone('UTC', placed_at), '%Y-%m-%dT%H:%M:%SZ') AS placed, status
       FROM orders WHERE platform_order_id = '283456789013'`,
    );
    expect(o).toEqual({ total: '306.0000', ship: '7.0000', cur: 'CNY', placed: '2026-03-01T03:30:05Z', status: 'shipped' });
    const st = await db.rows<{ raw: string; status: string }>('SELECT DISTINCT status_raw AS raw, status FROM orders ORDER BY raw');
    expect(Object.fromEntries(st.map((r) => [r.raw, r.status]))).toEqual({
      '完成': 'delivered', '等待确认收货': 'shipped', '等待出库': 'paid', '已取消': 'cancelled', '等待付款': 'placed', '锁定': 'cancelled',
    });
  });

  it('hashes full phones only: a masked 139****5678 leaves phone_hash empty', async () => {
    const a = await db.rows<{ id: string; phone: string | null }>('SELECT platform_customer_id AS id, phone_hash AS phone FROM customer_account ORDER BY id');
    expect(a.find((r) => r.id === 'ayu_0815')?.phone).toBeNull();
    expect(a.find((r) => r.id === 'jd_7f3a2b91c')?.phone).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects the line broken by an unquoted comma in the address, with its line number', async () => {
    const rej = await db.rows<{ row: number; reason: string }>('SELECT source_row AS row, reason FROM reject');
    expect(rej).toHaveLength(1);
    expect(rej[0]?.row).toBe(10);
    expect(rej[0]?.reason).toMatch(/TOO MANY COLUMNS/);
  });
});
