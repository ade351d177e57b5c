// Re-running fusion after one new export keeps every existing product_id whose cluster did not change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../../support/db.js';
import { step } from '../../../src/store/sql.js';
import { fuseProducts } from '../../../src/fusion/product/fuse.js';
import { loadExampleListings } from './support.js';

let store: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => {
  store = await tempStore();
});
afterAll(async () => store.done());

type Members = Map<string, Set<string>>;
async function members(): Promise<Members> {
  const rows = await store.db.all<{ product_id: string; k: string }>(step("SELECT product_id, platform || ':' || platform_listing_id AS k FROM product_member"));
  const m: Members = new Map();
  for (const r of rows) {
    let s = m.get(r.product_id);
    if (!s) m.set(r.product_id, (s = new Set()));
    s.add(r.k);
  }
  return m;
}

describe('stable product ids', () => {
  it('survive adding the WooCommerce export and re-fusing', async () => {
    const db = store.db;
    await loadExampleListings(db, { except: ['woocommerce'] });
    const opts = { selfTraining: 0 };
    await fuseProducts(db, opts);
    const before = await members();
    await loadExampleListings(db, { only: ['woocommerce'], fileId: 2 });
    const r = await fuseProducts(db, opts);
    expect(r.model.trained).toBe(true);
    const after = await members();
    const oldKeys = new Set([...before.values()].flatMap((s) => [...s]));
    let unchanged = 0;
    for (const [id, set] of after) {
      const old = new Set([...set].filter((k) => oldKeys.has(k)));
      if (old.size === 0) continue;
      // the cluster's old listings are exactly one old product: that product's id must be kept
      const match = [...before].find(([, s]) => s.size === old.size && [...s].every((k) => old.has(k)));
      if (match) {
        unchanged++;
        expect(id).toBe(match[0]);
      }
    }
    expect(unchanged).toBeGreaterThan(before.size * 0.8);
    expect(r.ids.kept).toBeGreaterThanOrEqual(unchanged);
  }, 600_000);
});
