import { describe, expect, it } from 'vitest';
import { kthSmallest } from '../../src/util/select.js';
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
