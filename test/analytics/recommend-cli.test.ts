// The customer-analytics commands end to end through the CLI: --json output, charts written, usage errors.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';
import { writeOrders } from './recommend-fixtures.js';

const run = promisify(execFile);
let store: Awaited<ReturnType<typeof tempStore>>;
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', store.path, '--key-file', join(store.dir, 'k.key'), ...args], { env: { ...process.env, TZ: 'UTC' } });

beforeAll(async () => {
  store = await tempStore();
  const orders: [string, number, string[]][] = [];
  for (let c = 0; c < 30; c++) {
    orders.push([`c${c}`, c, c % 2 ? ['kettle', 'mug'] : ['pan', 'lid']]);
    if (c % 3) orders.push([`c${c}`, 200 + c, ['tea']]);
  }
  await writeOrders(store.db, orders);
  for (const [t, s] of [['view', 's1'], ['cart', 's1'], ['purchase', 's1'], ['view', 's2']] as const) {
    await store.db.run(step("INSERT INTO event (platform, event_type, occurred_at, session_id, platform_listing_id) VALUES ('shop', $1, TIMESTAMPTZ '2025-03-03 10:00:00Z', $2, 'kettle')", [t, s]));
  }
  await store.db.run(step("INSERT INTO review (platform, platform_review_id, platform_listing_id, rating, body, reviewed_at) VALUES ('shop', 'r1', 'kettle', 1, 'broke after a week, leaking', TIMESTAMPTZ '2025-03-04 10:00:00Z'), ('shop', 'r2', 'kettle', 5, 'great kettle', TIMESTAMPTZ '2025-04-04 10:00:00Z')"));
  await store.db.close();
});

afterAll(async () => store.done());

describe('recommend, segment, churn, reviews, search and funnel commands', () => {
  it('recommend --product --json trains on the spot and answers; a missing target is a usage error', async () => {
    const { stdout } = await cli('--json', 'recommend', '--product', 'u:shop:pan', '-k', '2');
    const out = JSON.parse(stdout) as { model: string; items: { product_id: string; title: string }[] };
    expect(out.model).toBe('recommend-item-item v1');
    expect(out.items[0]).toMatchObject({ product_id: 'u:shop:lid', title: 'Item lid' });
    const err = await cli('--json', 'recommend').catch((e: { stdout: string; code: number }) => e);
    expect((err as { code: number }).code).toBe(2);
    expect(JSON.parse((err as { stdout: string }).stdout)).toMatchObject({ error: 'usage', hint: expect.stringContaining('--account') as unknown });
  }, 60_000);

  it('segment --json and its chart; funnel --json and its chart', async () => {
    const svg = join(store.dir, 'seg.svg');
    const seg = JSON.parse((await cli('--json', 'segment', '--chart', svg)).stdout) as { customers: number; segments: { customers: number }[] };
    expect(seg.customers).toBe(30);
    expect(readFileSync(svg, 'utf8')).toContain('<svg');
    const fsvg = join(store.dir, 'funnel.svg');
    const f = JSON.parse((await cli('--json', 'funnel', '--chart', fsvg)).stdout) as { rows: unknown[] };
    expect(f.rows).toEqual([{ key: 'shop', views: 2, carts: 1, purchases: 1, view_to_cart: 50, cart_to_purchase: 100, view_to_purchase: 50 }]);
    expect(existsSync(fsvg)).toBe(true);
  }, 60_000);

  it('search --json and reviews --json', async () => {
    const s = JSON.parse((await cli('--json', 'search', 'item mug', '-k', '1')).stdout) as { hits: { product_id: string; listings: { price: number }[] }[] };
    expect(s.hits[0]!.product_id).toBe('u:shop:mug');
    expect(s.hits[0]!.listings[0]!.price).toBe(10);
    const r = JSON.parse((await cli('--json', 'reviews')).stdout) as { reviews: number; model: string | null; products: { product_id: string; avg_rating: number }[] };
    expect(r).toMatchObject({ reviews: 2, model: null });
    expect(r.products[0]).toMatchObject({ product_id: 'u:shop:kettle', avg_rating: 3 });
  }, 60_000);
});
