// Token-set similarities (Jaccard, containment, Monge-Elkan, IDF-weighted overlap) that tolerate word order and shop noise.

import { jaroWinkler } from './string-sim.js';

export function intersectionSize<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (big.has(x)) n++;
  return n;
}

/** |A∩B| / |A∪B|; 0 when both are empty. */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const inter = intersectionSize(a, b);
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** |A∩B| / min(|A|, |B|): 1 when one record's tokens are all in the other. */
export function containment<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const m = Math.min(a.size, b.size);
  return m === 0 ? 0 : intersectionSize(a, b) / m;
}

/** Mean over tokens of A of the best Jaro-Winkler against B's tokens; tolerant of typos and abbreviations. */
export function mongeElkan(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let sum = 0;
  for (const x of a) {
    let best = 0;
    for (const y of b) {
      const s = x === y ? 1 : jaroWinkler(x, y);
      if (s > best) best = s;
      if (best === 1) break;
    }
    sum += best;
  }
  return sum / a.length;
}

/** Symmetric Monge-Elkan: mean of both directions. */
export function mongeElkanSym(a: readonly string[], b: readonly string[]): number {
  return (mongeElkan(a, b) + mongeElkan(b, a)) / 2;
}

/** Summary of how the rare (high-IDF) tokens of two sets agree. */
export interface IdfOverlap {
  /** Σ idf(shared) / Σ idf(union). */
  readonly weightedJaccard: number;
  readonly maxShared: number;
  readonly sumSharedIdf: number;
  readonly sumOnlyA: number;
  readonly sumOnlyB: number;
  readonly maxOnlyA: number;
  readonly maxOnlyB: number;
}

export function idfOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>, idf: (t: string) => number): IdfOverlap {
  let shared = 0;
  let maxShared = 0;
  let onlyA = 0;
  let onlyB = 0;
  let maxOnlyA = 0;
  let maxOnlyB = 0;
  for (const t of a) {
    const w = idf(t);
    if (b.has(t)) {
      shared += w;
      if (w > maxShared) maxShared = w;
    } else {
      onlyA += w;
      if (w > maxOnlyA) maxOnlyA = w;
    }
  }
  for (const t of b) {
    if (a.has(t)) continue;
    const w = idf(t);
    onlyB += w;
    if (w > maxOnlyB) maxOnlyB = w;
  }
  const union = shared + onlyA + onlyB;
  return {
    weightedJaccard: union === 0 ? 0 : shared / union,
    maxShared,
    sumSharedIdf: shared,
    sumOnlyA: onlyA,
    sumOnlyB: onlyB,
    maxOnlyA,
    maxOnlyB,
  };
}
