import { describe, expect, it } from 'vitest';
import { clusterListings, type ScoredPair } from '../../../src/fusion/product/cluster.js';
import { assignStableIds } from '../../../src/fusion/product/stable-ids.js';

const pair = (a: number, b: number, score: number, extra: Partial<ScoredPair> = {}): ScoredPair =>
  ({ a, b, score, method: 'model', accepted: score >= 0.5, cannot: false, ...extra });
const noKeys = { gtin: () => '', platform: (i: number) => `p${i}` };

describe('clustering with a chaining guard', () => {
  it('plain connected components would chain A–B–C; the guard refuses C when A–C is scored low', () => {
    const pairs = [pair(0, 1, 0.9), pair(1, 2, 0.8), pair(0, 2, 0.05)];
    const c = clusterListings(3, pairs, noKeys, { linkage: 0.5, onePerPlatform: false });
    expect(c.cluster[0]).toBe(c.cluster[1]);
    expect(c.cluster[2]).not.toBe(c.cluster[0]);
    expect(c.refusedMerges).toBe(1);
    const loose = clusterListings(3, pairs, noKeys, { linkage: 0.4, onePerPlatform: false });
    expect(loose.nClusters).toBe(1);
  });

  it('never puts two different GTINs in one product, unless a human accepted it', () => {
    const gtins = ['00000000000017', '', '00000000000024'];
    const keys = { gtin: (i: number) => gtins[i] ?? '', platform: (i: number) => `p${i}` };
    const pairs = [pair(0, 1, 0.95), pair(1, 2, 0.95)];
    expect(clusterListings(3, pairs, keys, { linkage: 0.5, onePerPlatform: false }).nClusters).toBe(2);
    const human = [...pairs, pair(0, 2, 1, { method: 'human', accepted: true })];
    expect(clusterListings(3, human, keys, { linkage: 0.5, onePerPlatform: false }).nClusters).toBe(1);
  });

  it('a human reject is a cannot-link even against strong scores', () => {
    const pairs = [pair(0, 1, 0.99), pair(0, 1, 0, { method: 'human', accepted: false, cannot: true })];
    expect(clusterListings(2, pairs, noKeys, { linkage: 0.1, onePerPlatform: false }).nClusters).toBe(2);
  });

  it('one listing per platform when asked', () => {
    const keys = { gtin: () => '', platform: (i: number) => (i === 2 ? 'amazon' : i === 0 ? 'amazon' : 'ebay') };
    const pairs = [pair(0, 1, 0.9), pair(1, 2, 0.9), pair(0, 2, 0.9)];
    expect(clusterListings(3, pairs, keys, { linkage: 0.5, onePerPlatform: true }).nClusters).toBe(2);
    expect(clusterListings(3, pairs, keys, { linkage: 0.5, onePerPlatform: false }).nClusters).toBe(1);
  });
});

describe('stable ids', () => {
  it('keeps the id of the old product a cluster overlaps most, logs merges and splits, mints new ids otherwise', () => {
    // old: listings 0,1 → X; 2,3 → Y; 4 → Z. new clusters: {0,1,5} {2} {3,4}
    const old = ['X', 'X', 'Y', 'Y', 'Z', undefined];
    const cluster = Int32Array.from([0, 0, 1, 2, 2, 0]);
    const a = assignStableIds(cluster, 3, (i) => `k${i}`, (i) => old[i]);
    expect(a.ids[0]).toBe('X');
    expect(new Set([a.ids[1], a.ids[2]])).toContain('Y');
    expect(a.changes.some((c) => c.kind === 'split' && c.productId === 'Y')).toBe(true);
    expect(a.changes.some((c) => c.kind === 'merge')).toBe(true);
    expect(new Set(a.ids).size).toBe(3);
  });
});
