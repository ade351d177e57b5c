// Mapping features real exports need: cross-file merge by key, sums over keyed rows, fill-down, null_if, status by
// prefix, French month names, numeric JSON path segments; and the one-pass insert gives the same result as the
// two-pass one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestFile, type FileResult } from '../../src/ingest/ingest.js';
import { parseMapping } from '../../src/connectors/generic.js';
import type { MappingInput } from '../../src/connectors/mapping.js';
import { step } from '../../src/store/sql.js';
import { TEST_HMAC, tempStore } from '../support/db.js';

let s: Awaited<ReturnType<typeof tempStore>>;
beforeEach(async () => { s = await tempStore(); });
afterEach(async () => { await s.done(); });

async function ingest(name: string, text: string, mapping: MappingInput): Promise<FileResult> {
  const path = join(s.dir, name);
  writeFileSync(path, text);
  const r = await ingestFile(s.db, path, { hmac: TEST_HMAC, mapping: parseMapping(mapping, name) });
  expect(r.rowsAccepted + r.rowsRejected).toBe(r.rowsRead);
  return r;
}
const rows = (sql: string) => s.db.all(step(sql));

describe('cross-file merge by key', () => {
  const items: MappingInput = {
    name: 'items', platform: 'olist',
    targets: { listing: { key: ['platform_listing_id'], merge: true, platform_listing_id: 'product_id', price: 'price', currency: { const: 'BRL' } } },
  };
  const products: MappingInput = {
    name: 'products', platform: 'olist',
    targets: { listing: { key: ['platform_listing_id'], merge: true, platform_listing_id: 'product_id', category_path: 'category', price: 'price' } },
  };

  it('fills the empty fields of the stored row instead of adding a second one', async () => {
    await ingest('items.csv', 'product_id,price\np1,10.50\np2,7.00\n', items);
    const r = await ingest('products.csv', 'product_id,category,price\np1,perfumaria,99.00\np3,bebes,\n', products);
    expect(r.rowsAccepted).toBe(2);
    expect(await rows(`SELECT platform_listing_id AS id, CAST(price AS VARCHAR) AS price, category_path AS cat, currency, CAST(price_base IS NOT NULL AS VARCHAR) AS base
      FROM listing ORDER BY id`)).toEqual([
      // the stored price wins; the category comes from the second file; the base amount follows the price
      { id: 'p1', price: '10.5000', cat: 'perfumaria', currency: 'BRL', base: 'true' },
      { id: 'p2', price: '7.0000', cat: null, currency: 'BRL', base: 'true' },
      // a new key is inserted as usual (no price, so no currency from its symbol either)
      { id: 'p3', price: null, cat: 'bebes', currency: null, base: 'false' },
    ]);
  });

  it('without merge, the same key from two files stays two rows (lineage of each)', async () => {
    const { merge: _m, ...plain } = items.targets.listing!;
    await ingest('a.csv', 'product_id,price\np1,10.50\n', { ...items, targets: { listing: plain } });
    await ingest('b.csv', 'product_id,price\np1,11.00\n', { ...items, targets: { listing: plain } });
    expect(await rows('SELECT count(*) AS n FROM listing')).toEqual([{ n: 2 }]);
  });

  it('merge without a key is a configuration error', async () => {
    await expect(ingest('c.csv', 'product_id,price\np1,1\n', { ...items, targets: { listing: { merge: true, platform_listing_id: 'product_id' } } }))
      .rejects.toThrow(/merge needs a key/);
  });
});

describe('sum over keyed rows', () => {
  it('order total = sum of line price + freight; first non-empty for the rest', async () => {
    const m: MappingInput = {
      name: 'olist-items', platform: 'olist', read: { currency: 'BRL' },
      targets: {
        orders: {
          key: ['platform_order_id'], platform_order_id: 'order_id',
          subtotal: { column: 'price', agg: 'sum' },
          shipping: { column: 'freight_value', agg: 'sum' },
          total: { column: ['price', 'freight_value'], combine: 'sum', agg: 'sum' },
          placed_at: 'shipping_limit_date',
        },
      },
    };
    const r = await ingest('items.csv', [
      'order_id,order_item_id,price,freight_value,shipping_limit_date',
      'o1,1,58.90,13.29,2017-09-19 09:45:35',
      'o1,2,10.00,,2017-09-19 09:45:35',
      'o2,1,239.90,19.93,2017-05-03 11:05:13',
      'o3,1,abc,1.00,2017-05-03 11:05:13',
    ].join('\n') + '\n', m);
    expect(r.rowsRejected).toBe(1);
    expect(await rows(`SELECT platform_order_id AS o, CAST(subtotal AS VARCHAR) AS sub, CAST(shipping AS VARCHAR) AS ship, CAST(total AS VARCHAR) AS total, currency
      FROM orders ORDER BY o`)).toEqual([
      { o: 'o1', sub: '68.9000', ship: '13.2900', total: '82.1900', currency: 'BRL' },
      { o: 'o2', sub: '239.9000', ship: '19.9300', total: '259.8300', currency: 'BRL' },
    ]);
    // a part of a sum that does not convert rejects the record, naming that part
    expect(await rows(`SELECT source_row, field, value FROM reject`)).toEqual([{ source_row: 5, field: 'orders.subtotal', value: 'abc' }]);
  });
});

describe('fill-down', () => {
  it('variant rows take Title and Vendor from the row above with the same Handle', async () => {
    const m: MappingInput = {
      name: 'shopify-products', platform: 'shopify',
      targets: {
        listing: {
          platform_listing_id: 'Variant SKU',
          title: { column: 'Title', fill_down: 'Handle' },
          brand: { column: 'Vendor', fill_down: 'Handle' },
          price: 'Variant Price',
        },
      },
    };
    await ingest('products.csv', [
      'Handle,Title,Vendor,Variant SKU,Variant Price',
      'mug,Ceramic Mug,Acme,MUG-RED,9.00',
      'mug,,,MUG-BLU,9.50',
      'tee,Cotton Tee,,TEE-S,15.00',
      'tee,,,TEE-M,15.00',
      'cap,,Hatco,CAP-1,5.00',
    ].join('\n') + '\n', m);
    expect(await rows('SELECT platform_listing_id AS id, title, brand FROM listing ORDER BY source_row')).toEqual([
      { id: 'MUG-RED', title: 'Ceramic Mug', brand: 'Acme' },
      { id: 'MUG-BLU', title: 'Ceramic Mug', brand: 'Acme' },
      { id: 'TEE-S', title: 'Cotton Tee', brand: null },
      // Acme belongs to another Handle: not filled across groups
      { id: 'TEE-M', title: 'Cotton Tee', brand: null },
      { id: 'CAP-1', title: null, brand: 'Hatco' },
    ]);
  });

  it('fill_down: true fills from any row above', async () => {
    const m: MappingInput = { name: 'f', platform: 'own', targets: { order_line: { platform_order_id: { column: 'order', fill_down: true }, line_no: 'n', sku: 'sku' } } };
    await ingest('lines.csv', 'order,n,sku\nA,1,x\n,2,y\nB,1,z\n,2,w\n', m);
    expect(await rows('SELECT platform_order_id AS o, sku FROM order_line ORDER BY source_row')).toEqual([
      { o: 'A', sku: 'x' }, { o: 'A', sku: 'y' }, { o: 'B', sku: 'z' }, { o: 'B', sku: 'w' },
    ]);
  });
});

describe('null_if', () => {
  it('values meaning missing are NULL, not rejects (file-wide and per field)', async () => {
    const m: MappingInput = {
      name: 'n', platform: 'own', read: { null_if: ['N/A', '--', 'null'] },
      targets: {
        order_line: {
          platform_order_id: 'order', line_no: 'n', quantity: 'qty', unit_price: 'price',
          placed_at: { column: 'date', null_if: ['0000-00-00'] },
        },
      },
    };
    const r = await ingest('n.csv', 'order,n,qty,price,date\nA,1,N/A,--,0000-00-00\nA,2,2,null,2026-01-02\nA,3,x,1,2026-01-02\n', m);
    expect([r.rowsAccepted, r.rowsRejected]).toEqual([2, 1]);
    expect(await rows('SELECT line_no, quantity, CAST(unit_price AS VARCHAR) AS p, CAST(placed_at AS VARCHAR) AS at FROM order_line ORDER BY line_no')).toEqual([
      { line_no: 1, quantity: null, p: null, at: null },
      { line_no: 2, quantity: 2, p: null, at: '2026-01-02 00:00:00+00' },
    ]);
  });
});

describe('status by prefix, French months', () => {
  it('invoice "C…" is cancelled, others as the mapping says', async () => {
    const m: MappingInput = {
      name: 'uci', platform: 'own-shop',
      targets: {
        orders: {
          key: ['platform_order_id'], platform_order_id: 'InvoiceNo',
          status: { column: 'InvoiceNo', transform: 'status', prefix: { C: 'cancelled' }, otherwise: 'delivered' },
        },
      },
    };
    await ingest('uci.csv', 'InvoiceNo,Qty\n536365,6\nC536379,-1\n536366,2\n', m);
    expect(await rows('SELECT platform_order_id AS o, status FROM orders ORDER BY o')).toEqual([
      { o: '536365', status: 'delivered' }, { o: '536366', status: 'delivered' }, { o: 'C536379', status: 'cancelled' },
    ]);
  });

  it('status words still map when no prefix matches; unknown words stay unknown without otherwise', async () => {
    const m: MappingInput = {
      name: 's', platform: 'own',
      targets: { orders: { key: ['platform_order_id'], platform_order_id: 'id', status: { column: 'st', prefix: { 'refund-': 'refunded' } } } },
    };
    await ingest('s.csv', 'id,st\n1,shipped\n2,refund-partial\n3,weird\n', m);
    expect(await rows('SELECT platform_order_id AS o, status FROM orders ORDER BY o')).toEqual([
      { o: '1', status: 'shipped' }, { o: '2', status: 'refunded' }, { o: '3', status: 'unknown' },
    ]);
  });

  it('reads French month names and abbreviations', async () => {
    const m: MappingInput = {
      name: 'fr', platform: 'ebay', read: { timezone: 'Europe/Paris' },
      targets: { orders: { key: ['platform_order_id'], platform_order_id: 'id', placed_at: { column: 'date', format: ['%d-%b.-%y', '%d-%b-%y', '%d %B %Y'] } } },
    };
    const dates = ['05-oct.-26', '13-févr.-26', '01-janv.-26', '02-mars-26', '03-avr.-26', '04-mai-26', '05-juin-26', '06-juil.-26', '07-août-26', '08-sept.-26', '09-nov.-26', '10-déc.-26', '11 juillet 2026'];
    const r = await ingest('fr.csv', 'id,date\n' + dates.map((d, i) => `${i},${d}`).join('\n') + '\n', m);
    expect(r.rowsRejected).toBe(0);
    const got = await s.db.all<{ d: string }>(step(`SELECT strftime(timezone('Europe/Paris', placed_at), '%Y-%m-%d') AS d FROM orders ORDER BY CAST(platform_order_id AS INT)`));
    expect(got.map((g) => g.d)).toEqual([
      '2026-10-05', '2026-02-13', '2026-01-01', '2026-03-02', '2026-04-03', '2026-05-04', '2026-06-05', '2026-07-06', '2026-08-07', '2026-09-08',
      '2026-11-09', '2026-12-10', '2026-07-11',
    ]);
  });
});

describe('numeric JSON path segments', () => {
  it('items.0.price reads the first element of an array', async () => {
    const m: MappingInput = {
      name: 'j', platform: 'shop',
      targets: { orders: { key: ['platform_order_id'], platform_order_id: 'id', total: 'items.0.price', platform_customer_id: 'buyers.1' } },
    };
    await ingest('o.json', JSON.stringify([{ id: 'a', items: [{ price: '5.50' }, { price: '7' }], buyers: ['x', 'y'] }, { id: 'b', items: [] }]), m);
    expect(await rows('SELECT platform_order_id AS o, CAST(total AS VARCHAR) AS t, platform_customer_id AS c FROM orders ORDER BY o')).toEqual([
      { o: 'a', t: '5.5000', c: 'y' }, { o: 'b', t: null, c: null },
    ]);
  });
});

describe('one-pass insert', () => {
  // a single plain target is inserted in one pass and its failing records deleted after; a second target forces the
  // two-pass path (find failures, then insert the rest): both must store the same rows and the same rejects
  const csv = ['order,n,sku,qty,price,at', 'A,1,S1,1,2.00,2026-01-01', 'A,2,S2,x,2.00,2026-01-01', 'B,1,,2,abc,2026-01-02', 'B,2,S4,,3.00,nope', 'C,1,S5,3,1.00,', ',1,S6,1,1,2026-01-01']
    .join('\n') + '\n';
  const line = { platform_order_id: { column: 'order', required: true }, line_no: 'n', sku: 'sku', quantity: 'qty', unit_price: 'price', placed_at: 'at' };
  const snapshot = async () => ({
    lines: await rows('SELECT source_row, platform_order_id, line_no, sku, quantity, CAST(unit_price AS VARCHAR) AS p, CAST(line_total AS VARCHAR) AS t, row_hash FROM order_line ORDER BY source_row'),
    rejects: await rows('SELECT source_row, field, value, reason FROM reject ORDER BY source_row'),
  });

  it('stores the same rows and rejects as the two-pass path', async () => {
    const one = await ingest('one.csv', csv, { name: 'one', platform: 'own', targets: { order_line: line } });
    const a = await snapshot();
    await s.done();
    s = await tempStore();
    const two = await ingest('two.csv', csv, {
      name: 'two', platform: 'own', targets: { order_line: line, customer_account: { key: ['platform_customer_id'], when_present: 'sku', platform_customer_id: 'sku' } },
    });
    const b = await snapshot();
    expect([one.rowsAccepted, one.rowsRejected]).toEqual([2, 4]);
    expect([two.rowsAccepted, two.rowsRejected]).toEqual([2, 4]);
    expect(a).toEqual(b);
    expect(a.rejects.map((r) => (r as { field: string }).field)).toEqual(['order_line.quantity', 'order_line.unit_price', 'order_line.placed_at', 'order_line.platform_order_id']);
  });
});

describe('base-currency amounts', () => {
  it('converts totals of a million and more without a DECIMAL overflow (was: whole file failed)', async () => {
    const orders: MappingInput = {
      name: 'big', platform: 'pinduoduo',
      targets: { orders: { key: ['platform_order_id'], platform_order_id: 'id', total: 'total', currency: { const: 'CNY' } } },
    };
    const r = await ingest('big.csv', 'id,total\no1,9229761.00\no2,15.50\n', orders);
    expect(r.rowsAccepted).toBe(2);
    const [big] = await rows(`SELECT CAST(total AS VARCHAR) AS total, total_base > 1000000 AS converted FROM orders WHERE platform_order_id = 'o1'`);
    expect(big).toEqual({ total: '9229761.0000', converted: true });
  });
});

describe('base-currency amounts on both sides of the 64-bit product', () => {
  it('equal the widened DECIMAL(38) product rounded to 4 places, small and large alike', async () => {
    const orders: MappingInput = {
      name: 'fx', platform: 'jd',
      targets: { orders: { key: ['platform_order_id'], platform_order_id: 'id', total: 'total', currency: { const: 'CNY' } } },
    };
    // half-cent ties, tiny amounts, amounts whose converted value sits near the switch (≈ 1e6) and far above it
    const totals = ['0.0001', '0.0005', '1.2345', '19.9950', '999.9999', '7000000.0005', '7070707.0707', '7200000.0000', '9229761.00', '123456789012.3456', '-5.5555', '-9229761.00'];
    const r = await ingest('fx.csv', `id,total\n${totals.map((t, i) => `o${i},${t}`).join('\n')}\n`, orders);
    expect(r.rowsAccepted).toBe(totals.length);
    const [check] = await rows(`SELECT count(*) AS n, count(*) FILTER (WHERE o.total_base = CAST(round(CAST(o.total AS DECIMAL(38,4)) * o.fx_rate, 4) AS DECIMAL(18,4))) AS same
      FROM orders o WHERE o.fx_rate IS NOT NULL AND o.fx_rate <> 1`);
    expect(check).toEqual({ n: totals.length, same: totals.length });
  });
});
