// Differential privacy: a seeded statistical test that the noise scale matches ε (Laplace and Gaussian), contribution
// bounding, and a ledger that refuses the release that would exceed the budget.
import { describe, expect, it } from 'vitest';
import { addNoise, budgetOf, releaseDp, setBudget, type DpQuery } from '../../src/privacy/dp-export.js';
import { gaussianSigma, seededUniform } from '../../src/privacy/noise.js';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';

function stats(xs: number[]) {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
  const mad = xs.reduce((s, x) => s + Math.abs(x - mean), 0) / xs.length;
  return { mean, sd, mad };
}

const GROUPS = Array.from({ length: 20_000 }, (_, i) => ({ group: { g: i }, count: 100, sum: 0 }));

describe('noise scale matches epsilon (seeded)', () => {
  it.each([0.1, 0.5, 1, 2])('Laplace count, ε = %s, k = 3: mean |noise| = 3/ε, sd = √2·3/ε', (epsilon) => {
    const q: DpQuery = { table: 'orders', metric: 'count', by: ['g'], epsilon, maxContributions: 3 };
    const { rows, scale } = addNoise(q, GROUPS, seededUniform(7));
    expect(scale).toBeCloseTo(3 / epsilon, 10);
    const s = stats(rows.map((r) => r.value - 100));
    expect(Math.abs(s.mean)).toBeLessThan((4 * Math.SQRT2 * scale) / Math.sqrt(GROUPS.length));
    expect(s.mad / scale).toBeGreaterThan(0.97);
    expect(s.mad / scale).toBeLessThan(1.03);
    expect(s.sd / (Math.SQRT2 * scale)).toBeGreaterThan(0.96);
    expect(s.sd / (Math.SQRT2 * scale)).toBeLessThan(1.04);
  });
  it('the test can fail: noise at a different ε is outside the band', () => {
    const { rows } = addNoise({ table: 'orders', metric: 'count', by: ['g'], epsilon: 0.8, maxContributions: 3 }, GROUPS, seededUniform(7));
    const s = stats(rows.map((r) => r.value - 100));
    expect(Math.abs(s.mad / (3 / 1) - 1)).toBeGreaterThan(0.1);
  });
  it('Gaussian sum, ε = 0.5, δ = 1e-5: sd = Δ₂·√(2 ln(1.25/δ))/ε', () => {
    const q: DpQuery = { table: 'orders', metric: 'sum', value: 'total_base', by: ['g'], epsilon: 0.5, delta: 1e-5, mechanism: 'gaussian', maxContributions: 4, lower: 0, upper: 50 };
    const { rows, scale } = addNoise(q, GROUPS, seededUniform(11));
    expect(scale).toBeCloseTo(gaussianSigma(Math.sqrt(4) * 50, 0.5, 1e-5), 8);
    const s = stats(rows.map((r) => r.value));
    expect(s.sd / scale).toBeGreaterThan(0.97);
    expect(s.sd / scale).toBeLessThan(1.03);
  });
});

async function withOrders() {
  const s = await tempStore();
  // buyer a has 10 orders of 1000 (a heavy contributor), buyers b..k one order of 10 each
  const rows: [string, string, string | null, number][] = [];
  for (let i = 0; i < 10; i++) rows.push(['shopify', `A${i}`, 'a', 1000]);
  for (const b of 'bcdefghijk') rows.push(['ebay', `B${b}`, b, 10]);
  for (const [platform, id, buyer, total] of rows) {
    await s.db.run(step(`INSERT INTO orders (platform, platform_order_id, platform_customer_id, total_base, row_hash) VALUES ($1, $2, $3, $4, hash($5))`, [platform, id, buyer, total, `h${id}`]));
  }
  return s;
}

describe('releases and the budget ledger', () => {
  it('bounds contributions: one buyer adds at most k rows and clamps values', async () => {
    const s = await withOrders();
    try {
      await setBudget(s.db, 'orders', 1e9);
      const r = await releaseDp(s.db, { table: 'orders', metric: 'sum', value: 'total_base', by: ['platform'], epsilon: 1e6, maxContributions: 2, lower: 0, upper: 100 }, seededUniform(1));
      const byPlatform = Object.fromEntries(r.rows.map((x) => [x.group.platform as string, x.value]));
      expect(byPlatform.shopify).toBeCloseTo(200, 0);
      expect(byPlatform.ebay).toBeCloseTo(100, 0);
      expect(r.sensitivity).toBe(200);
    } finally {
      await s.done();
    }
  });

  it('refuses the release that would exceed the budget, and records only what was released', async () => {
    const s = await withOrders();
    try {
      await setBudget(s.db, 'orders', 1.0);
      await releaseDp(s.db, { table: 'orders', metric: 'count', by: ['platform'], epsilon: 0.6 }, seededUniform(2));
      await releaseDp(s.db, { table: 'orders', metric: 'count', by: [], epsilon: 0.3 }, seededUniform(3));
      await expect(releaseDp(s.db, { table: 'orders', metric: 'count', by: ['platform'], epsilon: 0.2 }, seededUniform(4))).rejects.toThrow(/release refused.*spent ε=0.9 of its budget ε=1/);
      const b = await budgetOf(s.db, 'orders');
      expect(b.spentEpsilon).toBeCloseTo(0.9, 12);
      const n = await s.db.one<{ n: bigint }>(step('SELECT count(*) AS n FROM dp_ledger'));
      expect(Number(n?.n)).toBe(2);
      // exactly the rest of the budget still fits; a separate dataset has its own ledger
      await releaseDp(s.db, { table: 'orders', metric: 'count', by: [], epsilon: 0.1 }, seededUniform(5));
      await releaseDp(s.db, { table: 'orders', metric: 'count', by: [], epsilon: 0.5, dataset: 'orders-2026' }, seededUniform(6));
    } finally {
      await s.done();
    }
  });

  it('rejects bad queries with the fix named', async () => {
    const s = await withOrders();
    try {
      await expect(releaseDp(s.db, { table: 'orders', metric: 'sum', value: 'total_base', by: [], epsilon: 0.1 })).rejects.toThrow(/clamp bounds/);
      await expect(releaseDp(s.db, { table: 'orders', metric: 'count', by: ['no_such'], epsilon: 0.1 })).rejects.toThrow(/no column no_such/);
      await expect(releaseDp(s.db, { table: 'orders', metric: 'count', by: [], epsilon: -1 })).rejects.toThrow(/positive/);
    } finally {
      await s.done();
    }
  });
});
