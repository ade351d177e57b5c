import { describe, expect, it } from 'vitest';
import { kthSmallest, offerTopK } from '../../src/util/select.js';
import { sfc32 } from '../../src/util/sfc32.js';

describe('kthSmallest', () => {
  it('finds what sorting finds, at every rank, on random, sorted, reversed and tied arrays', () => {
    const next = sfc32(1, 2, 3, 4, 12);
    const shapes: Record<string, number[]> = {
      random: Array.from({ length: 501 }, () => next()),
      sorted: Array.from({ length: 300 }, (_, i) => i / 7),
      reversed: Array.from({ length: 300 }, (_, i) => -i),
      ties: Array.from({ length: 400 }, () => Math.floor(next() * 5)),
      constant: Array.from({ length: 50 }, () => 2.5),
      one: [42],
    };
    for (const [name, values] of Object.entries(shapes)) {
      const sorted = [...values].sort((a, b) => a - b);
      for (let k = 0; k < values.length; k++) expect(kthSmallest(Float64Array.from(values), k), `${name} k=${k}`).toBe(sorted[k]);
    }
  });

  it('refuses a rank outside the array', () => {
    expect(() => kthSmallest(new Float64Array(3), 3)).toThrow(RangeError);
    expect(() => kthSmallest(new Float64Array(0), 0)).toThrow(RangeError);
  });
});

describe('offerTopK', () => {
  it('keeps the k best offers sorted, whatever order they come in; ties keep the earlier offer', () => {
    const rng = sfc32(5, 6, 7, 8, 12);
    for (let round = 0; round < 50; round++) {
      const k = 1 + Math.floor(rng() * 6);
      const offers = Array.from({ length: Math.floor(rng() * 20) }, (_, x) => [Math.floor(rng() * 8), x] as const);
      const score = new Float64Array(k);
      const id = new Int32Array(k);
      let n = 0;
      for (const [s, x] of offers) n = offerTopK(score, id, n, k, s, x);
      const want = [...offers].sort((p, q) => q[0] - p[0] || p[1] - q[1]).slice(0, k);
      expect(n).toBe(want.length);
      expect(Array.from(id.subarray(0, n))).toEqual(want.map((w) => w[1]));
      expect(Array.from(score.subarray(0, n))).toEqual(want.map((w) => w[0]));
    }
  });
});
