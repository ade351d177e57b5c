// Recommenders on hand-made histories: the co-bought product comes first, popularity orders by buyers, the
// stored model answers for an account and a product, and the time split holds out the last basket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitModel, recommendFor } from '../../src/analytics/recommend/models.js';
import { loadInteractions } from '../../src/analytics/recommend/interactions.js';
import { evaluate, splitAt } from '../../src/analytics/recommend/eval.js';
import { recommend, trainRecommenders } from '../../src/analytics/recommend/recommend.js';
import { invertSpd } from '../../src/analytics/recommend/spd-inverse.js';
import { listModels } from '../../src/store/model-registry.js';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';
import { writeOrders } from './recommend-fixtures.js';

// items 0,1 are bought together; 2,3 together; 4 is popular alone
const items = ['a', 'b', 'c', 'd', 'e'];
const histories = [[0, 1], [0, 1], [0, 1, 4], [2, 3], [2, 3, 4], [4], [4], [4]].map((h) => new Set(h));

describe('models', () => {
  it('popularity ranks by distinct buyers', () => {
    const m = fitModel('popularity', items, histories);
    expect(recommendFor(m, [], 2).map((r) => items[r.item])).toEqual(['e', 'a']);
  });
  for (const kind of ['item-item', 'ease'] as const) {
    it(`${kind}: a buyer of c is offered d before the popular e`, () => {
      const m = fitModel(kind, items, histories, { lambda: 1, alpha: 0.5 });
      const recs = recommendFor(m, [2], 3, new Set([2])).map((r) => items[r.item]);
      expect(recs[0]).toBe('d');
    });
  }
  it('inverts an SPD matrix', () => {
    const a = new Float64Array([4, 1, 0, 1, 3, 1, 0, 1, 2]);
    const inv = new Float64Array(a);
    invertSpd(inv, 3);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += a[i * 3 + k]! * inv[k * 3 + j]!;
      expect(s).toBeCloseTo(i === j ? 1 : 0, 10);
    }
  });
});

describe('on a store', () => {
  let s: Awaited<ReturnType<typeof tempStore>>;
  beforeAll(async () => {
    s = await tempStore();
    const orders: [string, number, string[]][] = [];
    for (let c = 0; c < 12; c++) {
      orders.push([`c${c}`, c, c % 2 ? ['kettle', 'mug'] : ['pan', 'lid']]);
      orders.push([`c${c}`, 40 + c, ['tea']]);
    }
    orders.push(['solo', 5, ['kettle']]);
    orders.push(['solo', 70, ['mug', 'tea']]);
    await writeOrders(s.db, orders);
  });
  afterAll(async () => s.done());

  it('holds out each buyer\'s last basket after the cutoff', async () => {
    const x = await loadInteractions(s.db);
    expect(x.users).toContain('shop:solo');
    const cutoff = Date.UTC(2025, 0, 1) / 1000 + 60 * 86_400;
    const split = splitAt(x, cutoff, Infinity);
    expect([...split.targets.keys()].map((u) => x.users[u])).toEqual(['shop:solo']);
    expect([...split.targets.values()][0]!.size).toBe(2);
    const m = fitModel('item-item', x.items, split.histories.values());
    expect(evaluate(m, split).recall20).toBe(1);
  });

  it('trains, stores and recommends for an account and a product', async () => {
    const r = await trainRecommenders(s.db, { evaluate: false });
    expect(r.stored.map((m) => m.name).sort()).toEqual(['recommend-ease', 'recommend-item-item', 'recommend-popularity']);
    expect((await listModels(s.db)).filter((m) => m.name.startsWith('recommend-')).length).toBe(3);
    const forSolo = await recommend(s.db, { account: 'shop:solo' }, { k: 3, excludeBought: true });
    expect(forSolo.items.map((i) => i.product_id)).not.toContain('u:shop:kettle');
    const similar = await recommend(s.db, { product: 'u:shop:pan' }, { k: 2 });
    expect(similar.items[0]!.product_id).toBe('u:shop:lid');
    expect(similar.items[0]!.title).toBe('Item lid');
    await expect(recommend(s.db, { person: 'P1' })).rejects.toThrow(/no persons fused yet/);
    await expect(recommend(s.db, { account: 'nobody' })).rejects.toThrow(/--account must be <platform>:<customer id>/);
  });

  it('uses persons once accounts are fused: one history across accounts', async () => {
    for (const c of ['c1', 'c2']) await s.db.run(step("INSERT INTO person_member (person_id, platform, platform_customer_id) VALUES ('P1', 'shop', $1)", [c]));
    await trainRecommenders(s.db, { evaluate: false });
    const x = await loadInteractions(s.db);
    expect(x.persons).toBe(true);
    expect(x.users).toContain('P1');
    expect(x.users).not.toContain('shop:c1');
    const r = await recommend(s.db, { person: 'P1' }, { k: 3 });
    expect(r.history).toBe(5); // kettle, mug, tea from c1; pan, lid from c2
  });
});
