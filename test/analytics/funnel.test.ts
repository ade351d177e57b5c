// Funnel: a visitor counts at a step only after the step before it, per item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnel } from '../../src/analytics/funnel/funnel.js';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';

describe('funnel', () => {
  let s: Awaited<ReturnType<typeof tempStore>>;
  beforeAll(async () => {
    s = await tempStore();
    const ev: [string, string, string, string, string][] = [
      // session, type, item, platform, time
      ['s1', 'view', 'A', 'own', '2026-01-05T10:00:00Z'], ['s1', 'cart', 'A', 'own', '2026-01-05T10:01:00Z'], ['s1', 'purchase', 'A', 'own', '2026-01-05T10:02:00Z'],
      ['s2', 'view', 'A', 'own', '2026-01-06T10:00:00Z'], ['s2', 'cart', 'A', 'own', '2026-01-06T10:01:00Z'],
      ['s3', 'VIEW', 'B', 'own', '2026-01-13T10:00:00Z'], ['s3', 'view', 'B', 'own', '2026-01-13T10:05:00Z'],
      ['s4', 'purchase', 'B', 'own', '2026-01-13T11:00:00Z'], // purchase without a view: not in the funnel
      ['s5', 'view', 'A', 'shopify', '2026-01-14T10:00:00Z'],
    ];
    for (const [sess, type, item, platform, at] of ev) {
      await s.db.run(step('INSERT INTO event (platform, event_type, occurred_at, session_id, platform_listing_id) VALUES ($1, $2, CAST($3 AS TIMESTAMPTZ), $4, $5)', [platform, type, at, sess, item]));
    }
  });
  afterAll(async () => s.done());

  it('by platform', async () => {
    expect(await funnel(s.db, 'platform')).toEqual([
      { key: 'own', views: 3, carts: 2, purchases: 1, view_to_cart: 66.7, cart_to_purchase: 50, view_to_purchase: 33.3 },
      { key: 'shopify', views: 1, carts: 0, purchases: 0, view_to_cart: 0, cart_to_purchase: null, view_to_purchase: 0 },
    ]);
  });
  it('by product and by week', async () => {
    const byProduct = await funnel(s.db, 'product');
    expect(byProduct.map((r) => [r.key, r.views, r.purchases])).toEqual([['u:own:A', 2, 1], ['u:own:B', 1, 0], ['u:shopify:A', 1, 0]]);
    expect((await funnel(s.db, 'week')).map((r) => [r.key, r.views])).toEqual([['2026-01-05', 2], ['2026-01-12', 2]]);
  });
  it('rejects an unknown grouping', async () => {
    await expect(funnel(s.db, 'country' as never)).rejects.toThrow(/cannot group a funnel by country/);
  });
});
