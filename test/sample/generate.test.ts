// The sample generator is deterministic, writes parseable files in each platform's format, and its truth covers them.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample, type SampleSummary } from '../../src/sample/generate.js';
import { isValidGtin } from '../../src/sample/gtin.js';

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF) so the test needs no CSV dependency. */
function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).map((f) => f.replace(/\\/g, '/')).sort();
}

function sha(dir: string): Record<string, string> {
  return Object.fromEntries(files(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

const utf8 = (dir: string, f: string): string => readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '');
const gbk = (dir: string, f: string): string => iconv.decode(readFileSync(join(dir, f)), 'gbk');

/** Rows as header → value records; `skip` drops leading lines (eBay's blank first line). */
function table(text: string, delimiter: string, skip = 0): Record<string, string>[] {
  const rows = parseDelimited(text, delimiter).slice(skip);
  const header = rows[0] ?? [];
  return rows.slice(1).filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

describe('sample generator (small)', () => {
  let a: string;
  let b: string;
  let summary: SampleSummary;
  let seconds = 0;

  beforeAll(async () => {
    a = mkdtempSync(join(tmpdir(), 'omnifuse-sample-a-'));
    b = mkdtempSync(join(tmpdir(), 'omnifuse-sample-b-'));
    const t0 = performance.now();
    summary = await generateSample({ outDir: a, seed: 42, scale: 'small' });
    seconds = (performance.now() - t0) / 1000;
    await generateSample({ outDir: b, seed: 42, scale: 'small' });
  });

  afterAll(() => {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  });

  it('is deterministic: same seed, same bytes in every file', () => {
    const ha = sha(a);
    expect(Object.keys(ha).length).toBeGreaterThan(25);
    expect(sha(b)).toEqual(ha);
  });

  it('differs for another seed', async () => {
    const c = mkdtempSync(join(tmpdir(), 'omnifuse-sample-c-'));
    try {
      await generateSample({ outDir: c, seed: 7, scale: 'small' });
      expect(sha(c)['amazon/all_orders.txt']).not.toEqual(sha(a)['amazon/all_orders.txt']);
    } finally {
      rmSync(c, { recursive: true, force: true });
    }
  });

  it('runs in a few seconds with plausible volumes', () => {
    expect(seconds).toBeLessThan(20);
    expect(summary.orders).toBeGreaterThan(4_000);
    expect(summary.orders).toBeLessThan(6_500);
    expect(summary.orderLines / summary.orders).toBeGreaterThan(1.2);
    const bytes = files(a).reduce((s, f) => s + statSync(join(a, f)).size, 0);
    expect(bytes).toBeLessThan(7_000_000);
    expect(summary.files.map((f) => f.path).sort()).toEqual(files(a));
  });

  it('writes every CSV/TSV in its documented shape', () => {
    const shopify = table(utf8(a, 'shopify/orders_export.csv'), ',');
    expect(shopify.length).toBeGreaterThan(500);
    expect(Object.keys(shopify[0] ?? {})).toContain('Lineitem sku');
    expect(shopify.some((r) => r['Billing Zip']?.startsWith("'"))).toBe(true);
    expect(shopify.some((r) => r['Financial Status'] === '' && r.Name !== '')).toBe(true); // continuation rows
    expect(table(utf8(a, 'shopify/products_export.csv'), ',')[0]).toHaveProperty('Variant Barcode');
    expect(table(utf8(a, 'shopify/products_export_new.csv'), ',')[0]).toHaveProperty('URL handle');

    const amazon = table(utf8(a, 'amazon/all_orders.txt'), '\t');
    expect(Object.keys(amazon[0] ?? {})).toHaveLength(33);
    const line = amazon.find((r) => Number(r.quantity) === 2 && /^\d+\.\d\d$/.test(r['item-price'] ?? ''));
    expect(line).toBeDefined();
    expect(table(utf8(a, 'amazon/active_listings.txt'), '\t')[0]).toHaveProperty('product-id-type');

    const usText = utf8(a, 'ebay/orders_us.csv');
    expect(usText.startsWith('\r\n')).toBe(true);
    expect(usText).toMatch(/\d+ record\(s\) downloaded\r\nSeller ID : /);
    const us = table(usText, ',', 1);
    expect(us.some((r) => /^\$[\d,]+\.\d\d$/.test(r['Total Price'] ?? '') && /,/.test(r['Total Price'] ?? ''))).toBe(true);
    expect(us.some((r) => /^[A-Z][a-z]{2}-\d\d-\d\d$/.test(r['Sale Date'] ?? ''))).toBe(true);
    expect(us.some((r) => r['Item Number'] === '' && r['Total Price'] !== '')).toBe(true); // multi-item summary rows
    const fr = table(utf8(a, 'ebay/orders_fr.csv'), ';', 1);
    expect(fr.some((r) => /^EUR \d+,\d\d$/.test(r['Prix total'] ?? ''))).toBe(true);

    const tsv = table(utf8(a, 'google/products.tsv'), '\t');
    expect(tsv.every((r) => /^\d+\.\d\d USD$/.test(r.price ?? ''))).toBe(true);
    const inv = table(utf8(a, 'own/inventory.csv'), ',');
    expect(inv.every((r) => /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(r.snapshot_time ?? ''))).toBe(true);
  });

  it('writes GBK files that decode with iconv-lite, and a UTF-8 BOM for Pinduoduo', () => {
    const orders = table(gbk(a, 'taobao/orders.csv'), ',');
    expect(orders[0]).toHaveProperty('买家会员名');
    expect(orders.every((r) => /^="\d{19}"$/.test(r['订单编号'] ?? ''))).toBe(true);
    expect(orders.some((r) => /元$/.test(r['买家实际支付金额'] ?? ''))).toBe(true);
    expect(orders.some((r) => (r['联系手机'] ?? '').startsWith("'1"))).toBe(true);
    expect(table(gbk(a, 'taobao/items.csv'), ',')[0]).toHaveProperty('商家编码');
    const jd = table(gbk(a, 'jd/orders.csv'), ',');
    expect(jd[0]).toHaveProperty('商家备注等级（等级1-5为由高到低）');
    expect(readFileSync(join(a, 'pinduoduo/orders.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const pdd = table(utf8(a, 'pinduoduo/orders.csv'), ',');
    expect(pdd[0]).toHaveProperty('商品总价(元)');
    expect(pdd[0]).toHaveProperty('店铺优惠折扣（元）');
    expect(pdd.every((r) => /^\d{3}\*{4}\d{4}$/.test(r['用户购买手机号'] ?? ''))).toBe(true);
  });

  it('writes JSON, NDJSON, XML and YAML that parse', () => {
    const shopify = JSON.parse(utf8(a, 'shopify/orders.json')) as { orders: { total_price: string }[] };
    expect(shopify.orders.length).toBeGreaterThan(10);
    expect(typeof shopify.orders[0]?.total_price).toBe('string');
    const sp = JSON.parse(utf8(a, 'amazon/orders_sp_api.json')) as { payload: { Orders: { OrderTotal: { Amount: unknown }; BuyerInfo: { BuyerEmail: string } }[] } };
    expect(sp.payload.Orders.every((o) => typeof o.OrderTotal.Amount === 'string' && o.BuyerInfo.BuyerEmail.endsWith('@marketplace.amazon.com'))).toBe(true);
    const woo = JSON.parse(utf8(a, 'woocommerce/orders.json')) as { customer_id: number; billing: { email: string }; date_created_gmt: string }[];
    expect(woo.some((o) => o.customer_id === 0 && o.billing.email.includes('@'))).toBe(true);
    expect(Array.isArray(JSON.parse(utf8(a, 'woocommerce/products.json')))).toBe(true);
    for (const f of ['own/events.ndjson', 'own/reviews.jsonl']) {
      const lines = utf8(a, f).trim().split('\n');
      expect(lines.length).toBeGreaterThan(100);
      for (const l of lines) expect(() => JSON.parse(l) as unknown).not.toThrow();
    }
    const xml = new XMLParser({ ignoreAttributes: false });
    const ebay = xml.parse(utf8(a, 'ebay/get_orders.xml')) as { GetOrdersResponse: { Ack: string } };
    expect(ebay.GetOrdersResponse.Ack).toBe('Success');
    const rss = xml.parse(utf8(a, 'google/products.xml')) as { rss: { channel: { item: unknown[] } } };
    expect(rss.rss.channel.item.length).toBeGreaterThan(50);
    for (const f of ['own/events.mapping.yaml', 'own/reviews.mapping.yaml', 'own/inventory.mapping.yaml']) {
      const m = parseYaml(utf8(a, f)) as { platform: string; targets: Record<string, unknown> };
      expect(m.platform).toBe('own');
      expect(Object.keys(m.targets)).toHaveLength(1);
    }
  });

  it('truth covers every listing and customer id that appears in the exports', () => {
    const truth = table(utf8(a, 'truth/listings.csv'), ',');
    const ids = new Set(truth.map((r) => `${r.platform}|${r.platform_listing_id}`));
    const expectIn = (platform: string, values: (string | undefined)[]): void => {
      const missing = values.filter((v) => v && !ids.has(`${platform}|${v}`));
      expect(missing.slice(0, 5)).toEqual([]);
    };
    expectIn('shopify', table(utf8(a, 'shopify/orders_export.csv'), ',').map((r) => r['Lineitem sku']));
    expectIn('shopify', table(utf8(a, 'shopify/products_export.csv'), ',').map((r) => r['Variant SKU']));
    expectIn('amazon', table(utf8(a, 'amazon/all_orders.txt'), '\t').map((r) => r.asin));
    expectIn('ebay', table(utf8(a, 'ebay/orders_us.csv'), ',', 1).map((r) => r['Item Number']));
    expectIn('taobao', table(gbk(a, 'taobao/items.csv'), ',').map((r) => r['商家编码']));
    expectIn('jd', table(gbk(a, 'jd/orders.csv'), ',').map((r) => r['商品ID']));
    expectIn('pinduoduo', table(utf8(a, 'pinduoduo/orders.csv'), ',').map((r) => r['样式ID']));
    expectIn('google', table(utf8(a, 'google/products.tsv'), '\t').map((r) => r.id));
    const woo = JSON.parse(utf8(a, 'woocommerce/orders.json')) as { line_items: { product_id: number; variation_id: number }[] }[];
    expectIn('woocommerce', woo.flatMap((o) => o.line_items.map((l) => String(l.variation_id || l.product_id))));
    expect(truth.every((r) => r.gtin === '' || isValidGtin(r.gtin ?? ''))).toBe(true);
    // Cross-platform duplicates exist: some product_key is listed on 4+ platforms.
    const platformsPerKey = new Map<string, Set<string>>();
    for (const r of truth) platformsPerKey.set(r.product_key ?? '', (platformsPerKey.get(r.product_key ?? '') ?? new Set()).add(r.platform ?? ''));
    expect([...platformsPerKey.values()].some((s) => s.size >= 5)).toBe(true);

    const persons = table(utf8(a, 'truth/persons.csv'), ',');
    const accounts = new Set(persons.map((r) => `${r.platform}|${r.platform_customer_id}`));
    const shopifyEmails = table(utf8(a, 'shopify/orders_export.csv'), ',').map((r) => r.Email).filter(Boolean);
    expect(shopifyEmails.filter((e) => !accounts.has(`shopify|${e}`))).toEqual([]);
    const taobaoBuyers = table(gbk(a, 'taobao/orders.csv'), ',').map((r) => r['买家会员名']);
    expect(taobaoBuyers.filter((e) => !accounts.has(`taobao|${e}`))).toEqual([]);
    const people = new Map<string, Set<string>>();
    for (const r of persons) people.set(r.person_key ?? '', (people.get(r.person_key ?? '') ?? new Set()).add(r.platform ?? ''));
    expect([...people.values()].filter((s) => s.size >= 3).length).toBeGreaterThan(20);
  });

  it('records injected dirt and anomalies', () => {
    const dirt = JSON.parse(utf8(a, 'truth/dirt.json')) as { files: Record<string, { counts: Record<string, number> }> };
    const shop = dirt.files['shopify/orders_export.csv'];
    expect(shop?.counts.malformed).toBeGreaterThanOrEqual(2);
    expect(Object.values(dirt.files).reduce((s, f) => s + (f.counts.duplicate ?? 0), 0)).toBeGreaterThan(5);
    const anomalies = table(utf8(a, 'truth/anomalies.csv'), ',');
    for (const kind of ['sales_spike', 'sales_drop']) expect(anomalies.some((r) => r.kind === kind)).toBe(true);
    const errors = table(utf8(a, 'truth/price_errors.csv'), ',');
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const e of errors) expect(Number(e.wrong_price)).toBeCloseTo(Number(e.normal_price) * 100, 0);
  });
});
