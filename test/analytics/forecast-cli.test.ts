// The four commands end to end through the CLI: --json output, charts written, usage errors that name the fix.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../support/db.js';
import { step } from '../../src/store/sql.js';
import { insertLines, insertListings, isoDay, lcg, type LineSpec } from './forecast-fixtures.js';

const run = promisify(execFile);
let store: Awaited<ReturnType<typeof tempStore>>;
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', store.path, '--key-file', join(store.dir, 'k.key'), ...args], { env: { ...process.env, TZ: 'UTC' } });

beforeAll(async () => {
  store = await tempStore();
  const r = lcg(3);
  const lines: LineSpec[] = [];
  let n = 0;
  for (let d = 0; d < 126; d++) {
    for (const [platform, listing, rate] of [['shopify', 'S1', 4], ['amazon', 'A1', 3]] as const) {
      const k = Math.floor(rate * (0.5 + r()));
      for (let i = 0; i < k; i++) lines.push({ platform, order: `o${n++}`, listing, qty: 1, price: platform === 'shopify' ? 20 : 21, at: isoDay('2026-01-05', d, 9 + i), customer: `c${n % 400}` });
    }
  }
  await insertLines(store.db, lines);
  await insertListings(store.db, [{ platform: 'shopify', id: 'S1', gtin: '00012345678905', price: 2000 }, { platform: 'amazon', id: 'A1', gtin: '00012345678905', price: 21 }, { platform: 'woocommerce', id: 'W1', gtin: '00012345678905', price: 19.5 }]);
  await store.db.run(step(`INSERT INTO inventory_snapshot (platform, platform_listing_id, sku, quantity, warehouse, "at") VALUES ('shopify', 'S1', 'S1', 10, 'W', TIMESTAMPTZ '2026-05-10 00:00:00Z')`));
  await store.db.close();
});

afterAll(async () => store.done());

describe('forecast, inventory, prices and anomalies commands', () => {
  it('forecast --json gives per-series forecasts with intervals and writes the chart', async () => {
    const svg = join(store.dir, 'f.svg');
    const { stdout } = await cli('--json', 'forecast', '--horizon', '14', '--models', 'snaive,ets,tsb', '--product', 'u:shopify:S1', '--chart', svg);
    const out = JSON.parse(stdout) as { series: { id: string; forecast: { yhat: number; lo: number; hi: number }[] }[]; model: string; registry: { name: string } };
    expect(out.series.map((s) => s.id)).toEqual(['u:shopify:S1']);
    expect(out.series[0]!.forecast).toHaveLength(14);
    expect(out.registry.name).toBe('forecast-product');
    expect(readFileSync(svg, 'utf8')).toContain('<polygon');
  }, 60_000);

  it('rejects an unknown level and model with a hint', async () => {
    const stderrOf = async (p: Promise<unknown>) => p.then(() => '', (e: { stderr?: string }) => e.stderr ?? '');
    expect(await stderrOf(cli('forecast', '--level', 'sku'))).toContain('--level must be one of product, category, platform, total');
    expect(await stderrOf(cli('forecast', '--models', 'prophet'))).toContain('choose from snaive');
  }, 60_000);

  it('inventory plan, prices and anomalies answer in JSON', async () => {
    const inv = JSON.parse((await cli('--json', 'inventory', 'plan', '--lead-time', '7')).stdout) as { products: { product_id: string; action: string }[] };
    expect(inv.products.find((p) => p.product_id === 'u:shopify:S1')?.action).toBe('order now');
    const svg = join(store.dir, 'p.svg');
    const prices = JSON.parse((await cli('--json', 'prices', '--chart', svg)).stdout) as { alerts: { platform_listing_id: string; kind: string }[] };
    expect(prices.alerts.filter((a) => a.kind === 'cross_platform').map((a) => a.platform_listing_id)).toEqual(['S1']);
    expect(existsSync(svg)).toBe(true);
    const an = JSON.parse((await cli('--json', 'anomalies')).stdout) as { counts: Record<string, number> };
    expect(an.counts).toEqual({});
  }, 90_000);
});
