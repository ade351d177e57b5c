// Taobao / Tmall connectors: the order report and the item report, both GBK with Excel-guarded ids.
import { describe, expect, it } from 'vitest';
import { connectorSuite } from '../support/connector-suite.js';
import { ingested } from './ingest-fixture.js';

const DIR = 'test/fixtures/taobao';
const UTC = (col: string) => `strftime(timezone('UTC', ${col}), '%Y-%m-%dT%H:%M:%SZ')`;

connectorSuite({
  fixture: `${DIR}/ExportOrderList202603.csv`,
  connector: 'taobao-order-report',
  platform: 'taobao',
  records: 8,
  rejected: 1,
  tables: {
    orders: { min: 7, fields: ['platform_order_id', 'platform_customer_id', 'placed_at', 'placed_at_offset', 'status', 'status_raw', 'currency', 'subtotal', 'shipping', 'total', 'sales_channel'] },
    customer_account: { min: 6, fields: ['platform_customer_id', 'email_hash', 'phone_hash', 'name_masked', 'country', 'first_seen_at'] },
  },
});

connectorSuite({
  fixture: `${DIR}/ExportOrderDetailList202603.csv`,
  connector: 'taobao-item-report',
  platform: 'taobao',
  records: 9,
  rejected: 1,
  tables: {
    order_line: { min: 8, fields: ['platform_order_id', 'line_no', 'platform_line_id', 'platform_listing_id', 'sku', 'title', 'quantity', 'unit_price', 'line_total', 'currency', 'status', 'placed_at'] },
    listing: { min: 6, fields: ['platform_listing_id', 'sku', 'title', 'price', 'currency'] },
  },
});

describe('taobao order report values', () => {
  const db = ingested(`${DIR}/ExportOrderList202603.csv`);

  it('reads GBK and strips the ="…" guard from order ids', async () => {
    expect(db.result().encoding).toBe('gb18030');
    const ids = await db.rows<{ id: string }>('SELECT platform_order_id AS id FROM orders ORDER BY 1');
    expect(ids[0]?.id).toBe('2345678901234');
    expect(ids.every((r) => /^\d{13}$/.test(r.id))).toBe(true);
  });

  it('reads "128.00元" as 128.0000 CNY and China time without zone as UTC+8', async () => {
    const [o] = await db.rows<{ total: string; shipping: string; currency: string; placed: string; offset: string }>(
      `SELECT CAST(total AS VARCHAR) AS total, CAST(shipping AS VARCHAR) AS shipping, currency, ${UTC('placed_at')} AS placed, placed_at_offset AS offset
       FROM orders WHERE platform_order_id = '2345678901234'`,
    );
    expect(o).toEqual({ total: '128.0000', shipping: '10.0000', currency: 'CNY', placed: '2026-03-01T02:00:00Z', offset: 'assumed Asia/Shanghai' });
    const [slash] = await db.rows<{ placed: string }>(`SELECT ${UTC('placed_at')} AS placed FROM orders WHERE platform_order_id = '2345678901235'`);
    expect(slash?.placed).toBe('2026-03-02T01:05:00Z'); // written 2026/3/2 9:05
    const [grouped] = await db.rows<{ total: string }>(`SELECT CAST(total AS VARCHAR) AS total FROM orders WHERE platform_order_id = '2345678901241'`);
    expect(grouped?.total).toBe('1249.0000'); // "1,249.00元"
  });

  it('folds Taobao status texts with full-width commas', async () => {
    const rows = await db.rows<{ status: string; raw: string }>('SELECT status, status_raw AS raw FROM orders ORDER BY platform_order_id');
    expect(rows.map((r) => r.status)).toEqual(['delivered', 'paid', 'shipped', 'placed', 'cancelled', 'delivered', 'paid']);
  });

  it("hashes the '-guarded mobile and an e-mail Alipay account; keeps no clear personal data", async () => {
    const accts = await db.rows<{ id: string; email: string | null; phone: string | null; name: string }>(
      'SELECT platform_customer_id AS id, email_hash AS email, phone_hash AS phone, name_masked AS name FROM customer_account ORDER BY id',
    );
    const fish = accts.find((a) => a.id === '小鱼儿ok');
    expect(fish?.email).toBeNull(); // the Alipay account is a masked phone, not an e-mail
    expect(fish?.phone).toMatch(/^[0-9a-f]{64}$/);
    expect(accts.find((a) => a.id === '幸福蔓岩1627')?.name).toBe('张**');
    // province, city and postcode are read out of the address (as other platforms' export them); the street is not kept
    const clear = await db.rows(`SELECT * FROM customer_account t WHERE regexp_matches(CAST(to_json(t) AS VARCHAR), '@|1861848|柳河|紫御府|三丰')`);
    expect(clear).toEqual([]);
    const place = await db.rows(`SELECT DISTINCT region, city, postcode FROM customer_account WHERE platform_customer_id = '幸福蔓岩1627'`);
    expect(place).toEqual([{ region: '吉林省', city: '通化市', postcode: '135300' }]);
  });

  it('rejects the row whose creation time Excel wrote as ######## and names the field', async () => {
    expect(db.result().rejects).toEqual([expect.objectContaining({ field: 'orders.placed_at', count: 1 })]);
    const rej = await db.rows<{ row: number; value: string }>('SELECT source_row AS row, value FROM reject');
    expect(rej).toEqual([{ row: 8, value: '########' }]);
  });
});

describe('taobao item report values', () => {
  const db = ingested(`${DIR}/ExportOrderDetailList202603.csv`);

  it('numbers lines within an order and keeps the sub-order id', async () => {
    const lines = await db.rows<{ line: number; sub: string; qty: number; unit: string; cur: string }>(
      `SELECT line_no AS line, platform_line_id AS sub, quantity AS qty, CAST(unit_price AS VARCHAR) AS unit, currency AS cur
       FROM order_line WHERE platform_order_id = '2345678901236' ORDER BY line_no`,
    );
    expect(lines).toEqual([
      { line: 1, sub: '2345678901236001', qty: 1, unit: '29.9500', cur: 'CNY' },
      { line: 2, sub: '2345678901236002', qty: 2, unit: '29.9800', cur: 'CNY' },
    ]);
  });

  it('uses the item id as listing id when the export carries one', async () => {
    const l = await db.rows<{ id: string; sku: string }>('SELECT platform_listing_id AS id, sku FROM listing ORDER BY id');
    expect(l[0]).toEqual({ id: '612345678901', sku: 'MUG-350-WH' });
  });
});
