// RFM segments and k-means with k chosen by silhouette.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kmeans, scale, silhouette } from '../../src/analytics/segment/kmeans.js';
import { segmentCustomers } from '../../src/analytics/segment/segment.js';
import { createRng } from '../../src/ai/builtin/rng.js';
import { tempStore } from '../support/db.js';
import { writeOrders } from './recommend-fixtures.js';

describe('k-means and silhouette', () => {
  const rng = createRng(5);
  const blobs = [[0, 0], [6, 0], [0, 6]].flatMap(([cx, cy]) => Array.from({ length: 60 }, () => [cx! + rng.next(), cy! + rng.next()]));
  it('silhouette is highest at the true number of clusters', () => {
    const s = [2, 3, 4, 5].map((k) => silhouette(blobs, kmeans(blobs, k, { seed: 1 }).labels, k));
    expect(s.indexOf(Math.max(...s)) + 2).toBe(3);
    expect(s[1]).toBeGreaterThan(0.8);
  });
  it('z-score and min-max scale columns as documented', () => {
    const z = scale([[1, 10], [3, 30]], 'zscore').rows;
    expect(z.map((r) => r.map((v) => Math.round(v * 1000) / 1000))).toEqual([[-1, -1], [1, 1]]);
    expect(scale([[1, 10], [3, 30], [2, 20]], 'minmax').rows).toEqual([[0, 0], [1, 1], [0.5, 0.5]]);
  });
});

describe('segments on a store', () => {
  let s: Awaited<ReturnType<typeof tempStore>>;
  beforeAll(async () => {
    s = await tempStore();
    const orders: [string, number, string[]][] = [];
    // 10 frequent recent buyers, 10 one-off long-ago buyers, 10 in between
    for (let c = 0; c < 10; c++) for (let k = 0; k < 8; k++) orders.push([`vip${c}`, 300 + k * 8, ['a', 'b']]);
    for (let c = 0; c < 10; c++) orders.push([`gone${c}`, c, ['a']]);
    for (let c = 0; c < 10; c++) orders.push([`mid${c}`, 150 + c, ['b']], [`mid${c}`, 200 + c, ['c']]);
    await writeOrders(s.db, orders);
  });
  afterAll(async () => s.done());

  it('names frequent recent buyers champions and old one-off buyers lost', async () => {
    const r = await segmentCustomers(s.db);
    expect(r.customers).toBe(30);
    const seg = new Map(r.rows.map((x) => [x.customer, x.segment]));
    expect(seg.get('shop:vip3')).toBe('champions');
    expect(seg.get('shop:gone0')).toBe('lost');
    expect(r.segments.reduce((a, b) => a + b.customers, 0)).toBe(30);
    const z = r.kmeans.find((k) => k.scaling === 'zscore')!;
    expect(z.silhouettes.length).toBeGreaterThan(3);
    expect(z.silhouette).toBe(Math.max(...z.silhouettes.map((x) => x.silhouette)));
    expect(r.model?.name).toBe('segment-kmeans');
    // the three groups of buyers land in three different clusters
    const cl = new Map(r.rows.map((x) => [x.customer, x.cluster]));
    expect(new Set([cl.get('shop:vip0'), cl.get('shop:gone0'), cl.get('shop:mid0')]).size).toBe(z.k >= 3 ? 3 : z.k);
  });
});
