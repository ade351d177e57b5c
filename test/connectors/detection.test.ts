// Auto-detection accuracy: every file of the generator's output (the bundled examples/ and a fresh sample with
// another seed) and every fixture is detected to the right platform and kind, with no runner-up above the bar.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffFile } from '../../src/sources/sniff.js';
import { DETECT_THRESHOLD, rankConnectors } from '../../src/connectors/registry.js';
import { loadMapping } from '../../src/connectors/generic.js';
import { expandPaths } from '../../src/ingest/ingest.js';
import { siblingMapping } from '../../src/ingest/ingest-paths.js';
import { generateSample, type SampleFile } from '../../src/sample/generate.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { readPersonTruth } from '../../src/fusion/person/eval.js';
import { step } from '../../src/store/sql.js';
import { TEST_HMAC, tempStore } from '../support/db.js';

interface Detected { connector: string; platform: string; kind: string; score: number; runnerUp: number }

async function detect(path: string): Promise<Detected> {
  const sib = siblingMapping(path);
  if (sib) {
    const m = loadMapping(sib);
    return { connector: m.name, platform: m.platform, kind: m.kind, score: 1, runnerUp: 0 };
  }
  const ranked = await rankConnectors(await sniffFile(path));
  const [best, next] = ranked;
  return { connector: best!.connector.name, platform: best!.connector.platform, kind: best!.connector.kind, score: best!.score, runnerUp: next?.score ?? 0 };
}

/** The generator names kinds by file (orders-api, order-items); connectors by the rows they hold. */
const CONNECTOR_KIND: Record<string, string> = { 'orders-api': 'orders', 'order-items': 'order_lines' };

function expectClear(file: string, d: Detected, want: { platform: string; kind: string; connector?: string }) {
  const got = { platform: d.platform, kind: d.kind, ...(want.connector ? { connector: d.connector } : {}) };
  expect(got, `${file} detected as ${d.connector} (${d.score.toFixed(2)})`).toEqual(want);
  expect(d.score, file).toBeGreaterThanOrEqual(DETECT_THRESHOLD);
  expect(d.runnerUp, `${file}: runner-up too close`).toBeLessThan(DETECT_THRESHOLD);
}

async function checkSample(dir: string, files: readonly SampleFile[]) {
  const data = files.filter((f) => f.platform !== 'truth' && !/\.mapping\.ya?ml$/.test(f.path));
  expect(data.length).toBeGreaterThanOrEqual(20);
  for (const f of data) {
    expectClear(f.path, await detect(join(dir, f.path)), { platform: f.platform, kind: CONNECTOR_KIND[f.kind] ?? f.kind });
  }
}

describe('auto-detection on generator output', () => {
  let dir: string;
  let fresh: SampleFile[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'omnifuse-detect-'));
    fresh = (await generateSample({ outDir: dir, seed: 7, scale: 'small' })).files;
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('detects every file of a fresh sample (seed 7) to its platform and kind', async () => {
    await checkSample(dir, fresh);
  });

  it('detects every file of the bundled examples/ (seed 42) the same way', async () => {
    const files = expandPaths(['examples']).map((p) => relative(join(process.cwd(), 'examples'), p));
    // the same file list as the fresh sample, so examples/ cannot drift from the generator unnoticed
    expect(files.sort()).toEqual(fresh.filter((f) => f.platform !== 'truth' && !/\.mapping\.ya?ml$/.test(f.path)).map((f) => f.path).sort());
    await checkSample('examples', fresh);
  });

  it('lists in truth/persons.csv only platforms whose connectors read a buyer id (none for Pinduoduo)', async () => {
    const truth = readFileSync(join(dir, 'truth/persons.csv'), 'utf8').split('\n').slice(1).filter(Boolean);
    const inTruth = new Set(truth.map((l) => l.split(',')[0]!));
    const readsBuyer = new Set<string>();
    for (const f of fresh.filter((x) => x.platform !== 'truth' && !/\.mapping\.ya?ml$/.test(x.path))) {
      const path = join(dir, f.path);
      const sib = siblingMapping(path);
      const file = await sniffFile(path);
      const mapping = sib ? loadMapping(sib) : (await rankConnectors(file))[0]!.connector.mapping(file);
      if (Object.values(mapping.targets).some((t) => t && 'platform_customer_id' in t)) readsBuyer.add(mapping.platform);
    }
    expect(readsBuyer.has('pinduoduo')).toBe(false);
    expect([...inTruth].sort()).toEqual([...readsBuyer].sort());
  });

  it('names in truth/persons.csv only accounts that ingest creates', async () => {
    const s = await tempStore();
    try {
      // the platforms whose truth ids are hashed e-mails (the ones a key mismatch would hide); the others' ids are
      // the export's own account column, checked by the test above
      const files = { amazon: 'amazon/orders_sp_api.json', woocommerce: 'woocommerce/orders.json' };
      for (const f of Object.values(files)) expect((await ingestFile(s.db, join(dir, f), { hmac: TEST_HMAC })).status, f).toBe('ingested');
      const stored = new Set((await s.db.all<{ k: string }>(step("SELECT platform || '|' || platform_customer_id AS k FROM customer_account"))).map((r) => r.k));
      const truth = readPersonTruth(join(dir, 'truth/persons.csv'), Buffer.alloc(32, 7)).filter((a) => a.platform in files);
      const missing = truth.filter((a) => !stored.has(`${a.platform}|${a.platformCustomerId}`));
      expect(truth.length).toBeGreaterThan(100);
      expect(missing.slice(0, 5)).toEqual([]);
    } finally {
      await s.done();
    }
  }, 120_000);

  it('finds the SP-API orders under payload.Orders', async () => {
    expect((await sniffFile(join(dir, 'amazon/orders_sp_api.json'))).recordsKey).toBe('payload.Orders');
  });
});

/** Every fixture file, by path under test/fixtures: [connector, platform, kind]. */
const FIXTURES: Record<string, [string, string, string]> = {
  'amazon/active_listings.txt': ['amazon-listings-tsv', 'amazon', 'listings'],
  'amazon/all_orders.txt': ['amazon-all-orders-tsv', 'amazon', 'orders'],
  'amazon/orders_sp_api.json': ['amazon-sp-api-orders-json', 'amazon', 'orders'],
  'ebay/get_orders.xml': ['ebay-get-orders-xml', 'ebay', 'orders'],
  'ebay/orders_fr.csv': ['ebay-orders-csv', 'ebay', 'orders'],
  'ebay/orders_uk.csv': ['ebay-orders-csv', 'ebay', 'orders'],
  'ebay/orders_us.csv': ['ebay-orders-csv', 'ebay', 'orders'],
  'google-merchant/products.tsv': ['google-merchant-feed-tsv', 'google', 'listings'],
  'google-merchant/products.xml': ['google-merchant-rss-xml', 'google', 'listings'],
  'google-merchant/products_pipe.txt': ['google-merchant-feed-tsv', 'google', 'listings'],
  'jd/jd-orders-export.csv': ['jd-order-export', 'jd', 'orders'],
  'olist/olist_customers_dataset.csv': ['olist-customers', 'olist', 'customers'],
  'olist/olist_order_items_dataset.csv': ['olist-order-items', 'olist', 'order_lines'],
  'olist/olist_order_payments_dataset.csv': ['olist-order-payments', 'olist', 'payments'],
  'olist/olist_order_reviews_dataset.csv': ['olist-order-reviews', 'olist', 'reviews'],
  'olist/olist_orders_dataset.csv': ['olist-orders', 'olist', 'orders'],
  'olist/olist_products_dataset.csv': ['olist-products', 'olist', 'listings'],
  'olist/product_category_name_translation.csv': ['olist-category-translation', 'olist', 'reference'],
  'online-retail/online_retail_sample.csv': ['online-retail-invoices', 'own-shop', 'order_lines'],
  'pinduoduo/pdd-orders-gbk.csv': ['pinduoduo-order-export', 'pinduoduo', 'orders'],
  'pinduoduo/pdd-orders-utf8bom.csv': ['pinduoduo-order-export', 'pinduoduo', 'orders'],
  'shopify/orders.json': ['shopify-orders-json', 'shopify', 'orders'],
  'shopify/orders_export.csv': ['shopify-orders-csv', 'shopify', 'orders'],
  'shopify/products_export.csv': ['shopify-products-csv', 'shopify', 'products'],
  'shopify/products_export_2025.csv': ['shopify-products-csv', 'shopify', 'products'],
  'taobao/ExportOrderDetailList202603.csv': ['taobao-item-report', 'taobao', 'order_lines'],
  'taobao/ExportOrderList202603.csv': ['taobao-order-report', 'taobao', 'orders'],
  'woocommerce/orders.json': ['woocommerce-orders-json', 'woocommerce', 'orders'],
  'woocommerce/products.json': ['woocommerce-products-json', 'woocommerce', 'products'],
};

describe('auto-detection on fixtures', () => {
  // the UTF-8 sources of the GBK fixtures and the script that encodes them are not fixtures themselves
  const all = expandPaths(['test/fixtures']).map((p) => relative(join(process.cwd(), 'test/fixtures'), p))
    .filter((f) => !/\.gbk-source\.txt$|\.ts$/.test(f)).sort();

  it('lists every fixture file', () => {
    expect(all).toEqual(Object.keys(FIXTURES).sort());
  });

  for (const f of Object.keys(FIXTURES)) {
    it(`detects ${f}`, async () => {
      const [connector, platform, kind] = FIXTURES[f]!;
      expectClear(f, await detect(join('test/fixtures', f)), { connector, platform, kind });
    });
  }
});
