// `npm start` is the main job a new user runs: `omnifuse demo` on the bundled examples, as a real process over a
// real database file. It must ingest every platform without loss, fuse products and persons, and run the models.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'omnifuse-demo-'));
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface DemoJson {
  status: { totals: { files: number; rowsRead: number; rowsAccepted: number; rowsRejected: number }; tables: { platform: string }[] };
  products: { listings: number; products: number; multiListing: number };
  persons: { accounts: number; persons: number; multiAccount: number };
  forecast: { series: number; model: string };
  prices: { products: number; alerts: number };
  segments: { segment: string; customers: number }[];
}

describe('omnifuse demo (npm start)', () => {
  it('ingests all platforms without loss, fuses products and persons, and runs the models', () => {
    const r = spawnSync(TSX, ['src/cli/main.ts', '--db', join(dir, 'db.duckdb'), '--key-file', join(dir, 'k.key'), '--json', 'demo', '--no-serve'],
      { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as DemoJson;
    const t = d.status.totals;
    expect(t.files).toBeGreaterThanOrEqual(20);
    expect(t.rowsAccepted + t.rowsRejected).toBe(t.rowsRead);
    expect(new Set(d.status.tables.map((x) => x.platform))).toEqual(new Set(['amazon', 'ebay', 'google', 'jd', 'pinduoduo', 'shopify', 'taobao', 'woocommerce', 'own']));
    // the same products are listed on several platforms, and the same buyers shop on several
    expect(d.products.products).toBeLessThan(d.products.listings * 0.6);
    expect(d.products.multiListing).toBeGreaterThan(300);
    expect(d.persons.persons).toBeLessThan(d.persons.accounts * 0.8);
    expect(d.forecast.series).toBe(50);
    expect(d.prices.products).toBeGreaterThan(100);
    expect(d.segments.reduce((a, s) => a + s.customers, 0)).toBeGreaterThan(300);
  }, 300_000);
});
