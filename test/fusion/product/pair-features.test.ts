import { describe, expect, it } from 'vitest';
import { gbdtPredict, trainGbdt } from '../../../src/ai/builtin/gbdt.js';
import { buildProfiles, createProfileContext, fitListingStats } from '../../../src/fusion/product/listing-profiles.js';
import { N_PAIR_FEATURES, PAIR_FEATURES, pairFeatures } from '../../../src/fusion/product/pair-features.js';
import { featurizePairs, flattenForest, float32AtOrBelow, predictRows, rowsOf } from '../../../src/fusion/product/pair-scoring.js';
import { scoreRows, startFeatures } from '../../../src/fusion/product/pair-workers.js';
import type { PairRecord } from '../../../src/fusion/pairs/types.js';

const rec = (title: string, extra: Record<string, string> = {}): PairRecord => ({ attrs: { title, brand: '', mpn: '', sku: '', category: '', price: '', ...extra } });
const RECORDS = [
  rec('Sony WH-1000XM4 Wireless Headphones, Black', { sku: 'sonywh1000xm4b', price: '348.00' }),
  rec('SONY WH1000XM4 wireless headphone black', { sku: 'am123456', price: '349.99' }),
  rec('Sony WH-1000XM5 Wireless Headphones, Black', { sku: 'sonywh1000xm5b', price: '399.00' }),
  rec('Anker PowerCore 20000mAh Portable Charger', { price: '45.99' }),
  rec('Anker PowerCore 10000 mAh portable charger', { price: '25.99' }),
  rec(''),
];

function setup() {
  const ctx = createProfileContext(fitListingStats(RECORDS, 1000, 1));
  return { ctx, P: buildProfiles(ctx, RECORDS) };
}
const feature = (x: Float32Array, name: string, row = 0) => x[row * N_PAIR_FEATURES + PAIR_FEATURES.indexOf(name as (typeof PAIR_FEATURES)[number])] as number;

describe('listing profiles', () => {
  it('keeps ids ascending and unique per listing, with unit-length TF-IDF weights', () => {
    const { P } = setup();
    for (let i = 0; i < P.n; i++) {
      for (const [off, ids, w] of [[P.wordOff, P.wordId, P.wordW], [P.charOff, P.charId, P.charW]] as const) {
        const s = off[i] as number;
        const e = off[i + 1] as number;
        for (let k = s + 1; k < e; k++) expect(ids[k]).toBeGreaterThan(ids[k - 1] as number);
        if (e > s) expect(Math.hypot(...w.subarray(s, e))).toBeCloseTo(1, 5);
      }
    }
    expect(P.wordOff[6]! - P.wordOff[5]!).toBe(0);
  });
});

describe('pair features', () => {
  it('score the same model code with a different spelling as close and a different model as a code conflict', () => {
    const { ctx, P } = setup();
    const x = featurizePairs(ctx, P, [0, 0, 3], [1, 2, 4]);
    expect(feature(x, 'code_conflict', 0)).toBe(0);
    expect(feature(x, 'code_shared', 0)).toBeGreaterThan(0);
    expect(feature(x, 'code_conflict', 1)).toBe(1);
    expect(feature(x, 'char_cos', 0)).toBeGreaterThan(0.5);
    expect(feature(x, 'qty_conflict', 2)).toBe(1);
    expect(feature(x, 'price_ratio', 0)).toBeCloseTo(348 / 349.99, 4);
    expect(feature(x, 'word_cos', 0)).toBeGreaterThan(feature(x, 'word_cos', 1) - 1);
  });

  it('are symmetric, 1 on identical listings, and NaN (not comparable) against an empty one', () => {
    const { ctx, P } = setup();
    const ab = new Float32Array(N_PAIR_FEATURES);
    const ba = new Float32Array(N_PAIR_FEATURES);
    pairFeatures(ctx, P, 0, P, 2, ab, 0);
    pairFeatures(ctx, P, 2, P, 0, ba, 0);
    expect(Array.from(ba)).toEqual(Array.from(ab));
    const same = featurizePairs(ctx, P, [3], [3]);
    expect(feature(same, 'word_cos')).toBeCloseTo(1, 5);
    expect(feature(same, 'exact')).toBe(1);
    const empty = featurizePairs(ctx, P, [0], [5]);
    expect(Number.isNaN(feature(empty, 'word_cos'))).toBe(true);
  });

  it('come out the same from worker threads as from this thread, and so do their scores', async () => {
    const { ctx, P } = setup();
    const a = Array.from({ length: 400 }, (_, k) => k % 6);
    const b = Array.from({ length: 400 }, (_, k) => (k * 7 + 1) % 6);
    const serial = featurizePairs(ctx, P, a, b);
    const y = Uint8Array.from(a, (_, k) => (k % 3 === 0 ? 1 : 0));
    const forest = flattenForest(trainGbdt(PAIR_FEATURES, { x: rowsOf(serial), y }, undefined, { nTrees: 10 }));
    const failures: unknown[] = [];
    const o = { threads: 2, minPairs: 10, chunk: 16, onWorkerError: (e: unknown) => failures.push(e) };
    const x = await startFeatures(ctx, P, a, b, o)();
    expect(x.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(x)).toEqual(Array.from(serial));
    expect(Array.from(await scoreRows(x, forest, o))).toEqual(Array.from(predictRows(forest, serial)));
    expect(failures).toEqual([]);
  });
});

describe('flat forest scoring', () => {
  it('gives the probabilities gbdtPredict gives, row by row', () => {
    const n = 400;
    const X = new Float32Array(n * N_PAIR_FEATURES);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < N_PAIR_FEATURES; f++) X[i * N_PAIR_FEATURES + f] = f % 7 === 0 && i % 5 === 0 ? Number.NaN : Math.sin(i * 0.37 + f);
      y[i] = Math.sin(i * 0.37) + Math.sin(i * 0.37 + 2) > 0 ? 1 : 0;
    }
    const model = trainGbdt(PAIR_FEATURES, { x: rowsOf(X), y }, undefined, { nTrees: 20 });
    const p = predictRows(flattenForest(model), X);
    rowsOf(X).forEach((row, i) => expect(p[i]).toBeCloseTo(gbdtPredict(model, row), 5));
  });

  it('walks deeper trees (the looped walk) and shallower ones (padded) to the same probabilities', () => {
    const n = 1500;
    const X = new Float32Array(n * N_PAIR_FEATURES);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < N_PAIR_FEATURES; f++) X[i * N_PAIR_FEATURES + f] = Math.cos(i * 0.91 + f * 1.3);
      y[i] = Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453) > 0.6 ? 1 : 0; // noise: deep trees to fit it
    }
    for (const maxDepth of [2, 6]) {
      const model = trainGbdt(PAIR_FEATURES, { x: rowsOf(X), y }, undefined, { nTrees: 15, maxDepth, minSamplesLeaf: 2, minChildWeight: 0.1 });
      const forest = flattenForest(model);
      if (maxDepth > 4) expect(forest.depth).toBeGreaterThan(4);
      else expect(forest.depth).toBe(4);
      const p = predictRows(forest, X);
      rowsOf(X).forEach((row, i) => expect(p[i]).toBeCloseTo(gbdtPredict(model, row), 5));
    }
  });

  it('rounds thresholds down to float32 so a float32 feature goes the way the float64 threshold sends it', () => {
    for (const t of [0.1, -0.1, 1 / 3, -1 / 3, 1e-40, -1e-40, 0, 2.5, 1e30, -1e30]) {
      const t32 = float32AtOrBelow(t);
      expect(t32).toBeLessThanOrEqual(t);
      expect(Math.fround(t32)).toBe(t32);
      // the next float32 above t32 is above t: no float32 lies between
      const up = new Float32Array([t32]);
      const bits = new Int32Array(up.buffer);
      bits[0] = t32 > 0 || Object.is(t32, 0) ? (bits[0] as number) + 1 : t32 < 0 ? (bits[0] as number) - 1 : 1;
      expect(up[0]).toBeGreaterThan(t);
    }
    expect(float32AtOrBelow(Infinity)).toBe(Infinity);
    // fround(0.1) is just above 0.1: a row holding it must go right, as gbdtPredict sends it
    const model = { baseScore: 0, features: ['x'], trees: [{ feature: [0, -1, -1], threshold: [0.1, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, -1, 1] }] };
    const X = new Float32Array(N_PAIR_FEATURES);
    X[0] = 0.1;
    const [p] = predictRows(flattenForest(model as unknown as Parameters<typeof flattenForest>[0]), X);
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
  });
});
