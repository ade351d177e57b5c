// The title encoder's blocking neighbours: an IVF search that, probing every cell, is the exact k-nearest search.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/ai/builtin/rng.js';
import { denseNeighbourPairs, DEFAULT_DENSE } from '../../../src/fusion/product/dense-neighbours.js';

/** n unit rows of dim: groups of `size` rows scattered a little around a random centre. */
function clustered(n: number, dim: number, size: number, spread: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const e = new Float32Array(n * dim);
  let centre = new Float32Array(dim);
  for (let i = 0; i < n; i++) {
    if (i % size === 0) centre = Float32Array.from({ length: dim }, () => rng.next() - 0.5);
    let norm = 0;
    for (let t = 0; t < dim; t++) {
      const v = (centre[t] as number) + spread * (rng.next() - 0.5);
      e[i * dim + t] = v;
      norm += v * v;
    }
    for (let t = 0; t < dim; t++) e[i * dim + t] = (e[i * dim + t] as number) / Math.sqrt(norm);
  }
  return e;
}

/** Brute force: each live row's k most similar live rows with cosine ≥ min, as packed pairs ascending. */
function exact(e: Float32Array, dim: number, skip: Uint8Array, k: number, min: number): number[] {
  const n = skip.length;
  const out = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (skip[i]) continue;
    const sims: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (j === i || skip[j]) continue;
      let s = 0;
      for (let t = 0; t < dim; t++) s += (e[i * dim + t] as number) * (e[j * dim + t] as number);
      if (s >= min) sims.push([s, j]);
    }
    sims.sort((x, y) => y[0] - x[0]);
    for (const [, j] of sims.slice(0, k)) out.add(i < j ? i * n + j : j * n + i);
  }
  return [...out].sort((x, y) => x - y);
}

describe('dense neighbour blocking', () => {
  const n = 600;
  const dim = 24;
  const e = clustered(n, dim, 3, 0.2, 7);
  const skip = new Uint8Array(n);
  for (let i = 0; i < n; i += 50) skip[i] = 1;

  it('probing every cell finds exactly the k nearest rows (the brute-force answer), skipped rows left out', async () => {
    const got = await denseNeighbourPairs(e, dim, skip, { ...DEFAULT_DENSE, k: 3, minCosine: 0.2, cells: 20, probe: 20 });
    const want = exact(e, dim, skip, 3, 0.2);
    expect(Array.from(got)).toEqual(want);
    for (const p of got) {
      const [a, b] = [Math.floor(p / n), p % n];
      expect(a).toBeLessThan(b);
      expect(skip[a] || skip[b]).toBe(0);
    }
  });

  it('probing a few cells keeps most of the exact pairs, and every group of near-duplicates finds itself', async () => {
    const got = new Set(await denseNeighbourPairs(e, dim, skip, { ...DEFAULT_DENSE, k: 2, minCosine: 0.2 }));
    const want = exact(e, dim, skip, 2, 0.2);
    const kept = want.filter((p) => got.has(p)).length;
    expect(kept / want.length).toBeGreaterThan(0.9);
    // rows 3g+1 and 3g+2 are near-duplicates (a few pairs have a skipped row: every 50th is)
    let found = 0;
    for (let g = 0; g < n / 3; g++) if (got.has((3 * g + 1) * n + 3 * g + 2)) found++;
    expect(found / (n / 3)).toBeGreaterThan(0.95);
  });

  it('a minimum cosine above every pair gives none; fewer than two live rows give none', async () => {
    expect((await denseNeighbourPairs(e, dim, skip, { ...DEFAULT_DENSE, minCosine: 1.01 })).length).toBe(0);
    const one = new Uint8Array(n).fill(1);
    one[5] = 0;
    expect((await denseNeighbourPairs(e, dim, one)).length).toBe(0);
    expect((await denseNeighbourPairs(e, dim, new Uint8Array(n).fill(1))).length).toBe(0);
  });

  it('gives the same pairs when worker threads share the queries', async () => {
    const serial = await denseNeighbourPairs(e, dim, skip, DEFAULT_DENSE, { threads: 1 });
    const parallel = await denseNeighbourPairs(e, dim, skip, DEFAULT_DENSE, { threads: 2, minItems: 10 });
    expect(serial.length).toBeGreaterThan(500);
    expect(Array.from(parallel)).toEqual(Array.from(serial));
  });
});
