// `map suggest`: a mapping proposed from header + sample values (builtin heuristics only), scored by ingesting the file
// with it and with the real platform connector, that platform's column names left out of the alias table.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreSuggestion } from '../../src/ai/map-suggest/evaluate.js';
import { suggestMapping } from '../../src/ai/map-suggest/suggest.js';
import { parseMapping } from '../../src/connectors/generic.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { step } from '../../src/store/sql.js';
import { TEST_HMAC, tempStore } from '../support/db.js';

/**
 * Fixtures whose suggestion reproduces the real connector's rows, one per heuristic (see docs/ai-providers.md), with
 * the platform's own column names withheld; a regression fails. The whole table: `npm run bench -- map-suggest`.
 */
const FLOORS: [string, number][] = [
  ['test/fixtures/shopify/orders_export.csv', 0.9], // order id by value (#1001 grouping line rows), line-item qualifiers
  ['test/fixtures/shopify/products_export.csv', 0.9], // SKU as key, product handle as group, fill_down, when_present
  ['test/fixtures/woocommerce/orders.json', 0.9], // nested JSON line items (each), record id by value, UTC twin
  ['test/fixtures/amazon/orders_sp_api.json', 0.9], // camelCase keys, value leaves, a "price" that is the line total
  ['test/fixtures/ebay/get_orders.xml', 0.9], // XML records, a single element as an object, variant SKU first
  ['test/fixtures/ebay/orders_fr.csv', 0.9], // French headers, preamble line, French month abbreviations
  ['test/fixtures/pinduoduo/pdd-orders-gbk.csv', 0.9], // GBK, goods id shared by SKUs, first date column, subtotal as line amount
];

describe('map suggest', () => {
  it('maps an unknown shop export (English and Chinese headers) from aliases and value profiles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifuse-suggest-'));
    const s = await tempStore();
    try {
      const file = join(dir, 'my-shop.csv');
      writeFileSync(file, [
        '订单编号,下单时间,商品名称,商家编码,数量,单价,实付款,买家会员名',
        'A1001,2026-03-01 10:00:00,不锈钢保温杯 500ml,BWB-500,2,59.90,119.80,tb_buyer1',
        'A1002,2026-03-02 11:30:00,家用抽纸 20包,ZJ-100,1,39.90,39.90,tb_buyer2',
        'A1003,2026-03-02 12:00:00,蓝牙耳机 黑色,EAR-BK,1,129.00,129.00,tb_buyer1',
      ].join('\n'));
      const sug = await suggestMapping(file, { platform: 'my-shop', currency: 'CNY', timezone: 'Asia/Shanghai' });
      expect(sug.kind).toBe('orders');
      const line = sug.mapping.targets.order_line ?? {};
      expect(line.sku).toBe('商家编码');
      expect(line.title).toBe('商品名称');
      expect(sug.mapping.targets.orders?.key).toEqual(['platform_order_id']);
      const r = await ingestFile(s.db, file, { hmac: TEST_HMAC, mapping: parseMapping(sug.mapping, 'suggested') });
      expect(r.rowsRejected).toBe(0);
      const rows = await s.db.all<{ id: string; total: string; q: number }>(step('SELECT o.platform_order_id AS id, CAST(o.total AS VARCHAR) AS total, CAST(sum(l.quantity) AS INTEGER) AS q FROM orders o JOIN order_line l USING (platform, platform_order_id) GROUP BY ALL ORDER BY id'));
      expect(rows.map((x) => [x.id, Number(x.total), x.q])).toEqual([['A1001', 119.8, 2], ['A1002', 39.9, 1], ['A1003', 129, 1]]);
      expect(sug.yaml).toMatch(/^# Suggested by `omnifuse map suggest`/);
    } finally {
      await s.done();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [fixture, floor] of FLOORS) {
    it(`reproduces ≥ ${floor * 100}% of the real connector's rows for ${fixture.split('/').slice(-2).join('/')} with its platform left out`, async () => {
      const a = await tempStore();
      const b = await tempStore();
      try {
        const r = await scoreSuggestion(a.db, b.db, fixture, TEST_HMAC);
        expect(r.share).toBeGreaterThanOrEqual(floor);
      } finally {
        await a.done();
        await b.done();
      }
    });
  }
});
