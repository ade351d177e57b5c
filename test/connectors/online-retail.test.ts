// UCI Online Retail as an own web shop: cancellations, anonymous buyers and "17850.0" ids, on real lines.
import { describe, expect, it } from 'vitest';
import { connectorSuite } from '../support/connector-suite.js';
import { platformConnectors } from '../../src/connectors/registry.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { TEST_HMAC, tempStore } from '../support/db.js';
import { ingested } from './ingest-fixture.js';

const FIXTURE = 'test/fixtures/online-retail/online_retail_sample.csv';

connectorSuite({
  fixture: FIXTURE,
  connector: 'online-retail-invoices',
  platform: 'own-shop',
  records: 18,
  tables: {
    orders: { min: 9, fields: ['platform_order_id', 'platform_customer_id', 'placed_at', 'placed_at_offset', 'currency', 'ship_country'] },
    order_line: { min: 18, fields: ['platform_order_id', 'line_no', 'platform_listing_id', 'sku', 'title', 'quantity', 'unit_price', 'line_total', 'currency', 'placed_at'] },
    customer_account: { min: 3, fields: ['platform_customer_id', 'country', 'first_seen_at'] },
    listing: { min: 15, fields: ['platform_listing_id', 'sku', 'title', 'price', 'currency'] },
  },
});

describe('online retail values', () => {
  const db = ingested(FIXTURE);

  it('reads CustomerID 17850.0 as 17850 and UK local time (GMT in winter, BST in summer)', async () => {
    const rows = await db.rows<{ id: string; cust: string | null; placed: string }>(
      `SELECT platform_order_id AS id, platform_customer_id AS cust, strftime(timezone('UTC', placed_at), '%Y-%m-%dT%H:%M:%SZ') AS placed
       FROM orders WHERE platform_order_id IN ('536365', 'A563185') ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: '536365', cust: '17850', placed: '2010-12-01T08:26:00Z' },
      { id: 'A563185', cust: null, placed: '2011-08-12T13:50:00Z' },
    ]);
  });

  it('reads the status from the invoice number: C… cancelled, A… unknown, else paid', async () => {
    const rows = await db.rows<{ o: string; status: string; line: string }>(
      `SELECT o.platform_order_id AS o, o.status, min(l.status) AS line FROM orders o JOIN order_line l USING (platform, platform_order_id)
       WHERE o.platform_order_id IN ('C536383', 'A563185', '536365') GROUP BY ALL ORDER BY o`,
    );
    expect(rows).toEqual([
      { o: '536365', status: 'paid', line: 'paid' }, { o: 'A563185', status: 'unknown', line: 'unknown' }, { o: 'C536383', status: 'cancelled', line: 'cancelled' },
    ]);
  });

  it('keeps cancellation lines with their negative quantity and negative bad-debt prices', async () => {
    const [c] = await db.rows<{ qty: number; total: string }>(`SELECT quantity AS qty, CAST(line_total AS VARCHAR) AS total FROM order_line WHERE platform_order_id = 'C536383'`);
    expect(c).toEqual({ qty: -1, total: '-4.6500' });
    const [a] = await db.rows<{ unit: string }>(`SELECT CAST(unit_price AS VARCHAR) AS unit FROM order_line WHERE platform_order_id = 'A563186'`);
    expect(a?.unit).toBe('-11062.0600');
  });

  it('treats a missing CustomerID as an anonymous order: no reject, no account row', async () => {
    expect(db.result().rowsRejected).toBe(0);
    const [o] = await db.rows<{ anon: number; accounts: number }>(
      `SELECT count(*) FILTER (WHERE platform_customer_id IS NULL) AS anon, (SELECT count(*) FROM customer_account) AS accounts FROM orders`,
    );
    expect(o).toEqual({ anon: 5, accounts: 3 });
    const [lines] = await db.rows<{ n: number }>(`SELECT count(*) AS n FROM order_line WHERE platform_order_id = '536544'`);
    expect(lines?.n).toBe(3);
  });

  it('trims trailing spaces from descriptions', async () => {
    const [l] = await db.rows<{ title: string }>(`SELECT title FROM listing WHERE platform_listing_id = '10002'`);
    expect(l?.title).toBe('INFLATABLE POLITICAL GLOBE');
  });
});

describe('a NULL key without when_present', () => {
  it('rejects the whole record (why customer_account filters on CustomerID)', async () => {
    const connector = (await platformConnectors()).find((c) => c.name === 'online-retail-invoices')!;
    const m = structuredClone(connector.mapping({} as never));
    delete m.targets.customer_account!.when_present;
    const s = await tempStore();
    try {
      const r = await ingestFile(s.db, FIXTURE, { hmac: TEST_HMAC, mapping: m });
      expect(r.rowsRejected).toBe(7); // the 7 lines without a CustomerID
      expect(r.rejects).toEqual([expect.objectContaining({ field: 'customer_account.platform_customer_id', reason: 'missing (required)' })]);
    } finally {
      await s.done();
    }
  });
});
