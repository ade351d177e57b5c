// The boosted trees learn a known non-linear rule, deterministically per seed, and survive a JSON round trip.
import { describe, expect, it } from 'vitest';
import { gbdtContributions, gbdtFromJson, gbdtMargin, gbdtPredict, gbdtToJson, trainGbdt } from '../../src/ai/builtin/gbdt.js';
import { createRng } from '../../src/ai/builtin/rng.js';

function synthetic(n: number, seed: number): { x: Float64Array[]; y: Uint8Array } {
  const rng = createRng(seed);
  const x: Float64Array[] = [];
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = Float64Array.from([rng.next(), rng.next(), rng.next()]);
    // Label depends on an interaction of features 0 and 1; feature 2 is noise. Some values are missing.
    if (i % 17 === 0) row[2] = Number.NaN;
    x.push(row);
    y[i] = (row[0] ?? 0) > 0.5 !== (row[1] ?? 0) > 0.5 ? 1 : 0;
  }
  return { x, y };
}

describe('GBDT', () => {
  const names = ['a', 'b', 'noise'];
  const train = synthetic(2000, 1);
  const valid = synthetic(500, 2);
  const test = synthetic(1000, 3);

  it('learns XOR well above chance', () => {
    const model = trainGbdt(names, train, valid, { nTrees: 200, learningRate: 0.1, maxDepth: 3, seed: 7 });
    let correct = 0;
    test.x.forEach((row, i) => {
      if ((gbdtPredict(model, row) >= 0.5 ? 1 : 0) === test.y[i]) correct++;
    });
    expect(correct / test.x.length).toBeGreaterThan(0.95);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const p = { nTrees: 30, seed: 5 };
    const a = gbdtToJson(trainGbdt(names, train, undefined, p));
    const b = gbdtToJson(trainGbdt(names, train, undefined, p));
    const c = gbdtToJson(trainGbdt(names, train, undefined, { ...p, seed: 6 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('round-trips through JSON and explains each prediction exactly', () => {
    const model = trainGbdt(names, train, valid, { nTrees: 50, seed: 1 });
    const back = gbdtFromJson(gbdtToJson(model));
    const row = test.x[0] ?? new Float64Array(3);
    expect(gbdtPredict(back, row)).toBe(gbdtPredict(model, row));
    const c = gbdtContributions(model, row);
    const sum = c.bias + c.byFeature.reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(gbdtMargin(model, row), 9);
    expect(Math.abs(c.byFeature[2] ?? 0)).toBeLessThan(Math.abs(c.byFeature[0] ?? 0) + Math.abs(c.byFeature[1] ?? 0));
  });

  it('rejects a single-class training set with the fix in the message', () => {
    expect(() => trainGbdt(names, { x: train.x.slice(0, 3), y: [0, 0, 0] }, undefined)).toThrow(/both classes are needed/);
  });
});
