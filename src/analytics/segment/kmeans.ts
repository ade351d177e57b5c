// k-means (k-means++ seeding, several seeded restarts) and the silhouette score that picks k.
import { createRng } from '../../ai/builtin/rng.js';

export interface KMeansResult {
  k: number;
  centroids: number[][];
  labels: Int32Array;
  inertia: number;
}

const dist2 = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += (a[d]! - b[d]!) ** 2;
  return s;
};

export function kmeans(x: readonly number[][], k: number, opts: { seed?: number; restarts?: number; maxIter?: number } = {}): KMeansResult {
  const rng = createRng(opts.seed ?? 1);
  let best: KMeansResult | undefined;
  for (let r = 0; r < (opts.restarts ?? 4); r++) {
    const res = lloyd(x, seed(x, k, rng), opts.maxIter ?? 100);
    if (!best || res.inertia < best.inertia) best = res;
  }
  return best!;
}

function seed(x: readonly number[][], k: number, rng: { next(): number }): number[][] {
  const c = [[...x[Math.floor(rng.next() * x.length)]!]];
  const d = x.map((p) => dist2(p, c[0]!));
  while (c.length < k) {
    const total = d.reduce((a, b) => a + b, 0);
    let pick = rng.next() * total;
    let idx = 0;
    for (; idx < x.length - 1 && pick > d[idx]!; idx++) pick -= d[idx]!;
    c.push([...x[idx]!]);
    x.forEach((p, i) => (d[i] = Math.min(d[i]!, dist2(p, c[c.length - 1]!))));
  }
  return c;
}

function lloyd(x: readonly number[][], centroids: number[][], maxIter: number): KMeansResult {
  const k = centroids.length;
  const dim = x[0]?.length ?? 0;
  const labels = new Int32Array(x.length);
  let inertia = 0;
  for (let it = 0; it < maxIter; it++) {
    let changed = false;
    inertia = 0;
    x.forEach((p, i) => {
      let bj = 0;
      let bd = Infinity;
      for (let j = 0; j < k; j++) {
        const dd = dist2(p, centroids[j]!);
        if (dd < bd) {
          bd = dd;
          bj = j;
        }
      }
      if (labels[i] !== bj || it === 0) changed = changed || labels[i] !== bj;
      labels[i] = bj;
      inertia += bd;
    });
    const sums = Array.from({ length: k }, () => new Array<number>(dim).fill(0));
    const counts = new Array<number>(k).fill(0);
    x.forEach((p, i) => {
      counts[labels[i]!]!++;
      for (let d = 0; d < dim; d++) sums[labels[i]!]![d]! += p[d]!;
    });
    centroids = centroids.map((c, j) => (counts[j] ? sums[j]!.map((s) => s / counts[j]!) : c));
    if (!changed && it > 0) break;
  }
  return { k, centroids, labels, inertia };
}

/** Mean silhouette over (a seeded sample of at most maxPoints) points. */
export function silhouette(x: readonly number[][], labels: Int32Array, k: number, opts: { maxPoints?: number; seed?: number } = {}): number {
  const n = x.length;
  const m = Math.min(n, opts.maxPoints ?? 2000);
  const rng = createRng(opts.seed ?? 7);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  const sample = idx.slice(0, m);
  let total = 0;
  for (const i of sample) {
    const sum = new Array<number>(k).fill(0);
    const cnt = new Array<number>(k).fill(0);
    for (const j of sample) {
      if (j === i) continue;
      sum[labels[j]!]! += Math.sqrt(dist2(x[i]!, x[j]!));
      cnt[labels[j]!]!++;
    }
    const own = labels[i]!;
    if (cnt[own] === 0) continue;
    const a = sum[own]! / cnt[own]!;
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && cnt[c]! > 0) b = Math.min(b, sum[c]! / cnt[c]!);
    if (b === Infinity) continue;
    total += (b - a) / Math.max(a, b);
  }
  return total / m;
}

export type Scaling = 'zscore' | 'minmax';

/** Column-wise scaling; returns the scaled rows and the parameters to scale new rows alike. */
export function scale(x: readonly number[][], how: Scaling): { rows: number[][]; shift: number[]; div: number[] } {
  const dim = x[0]?.length ?? 0;
  const shift: number[] = [];
  const div: number[] = [];
  for (let d = 0; d < dim; d++) {
    const col = x.map((r) => r[d]!);
    if (how === 'zscore') {
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length) || 1;
      shift.push(mean);
      div.push(sd);
    } else {
      const lo = Math.min(...col);
      const hi = Math.max(...col);
      shift.push(lo);
      div.push(hi - lo || 1);
    }
  }
  return { rows: x.map((r) => r.map((v, d) => (v - shift[d]!) / div[d]!)), shift, div };
}
