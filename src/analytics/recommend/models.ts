// Three recommenders over one sparse shape: each item keeps its strongest neighbours (item → weight), and a
// user's score for an item is the sum of the neighbour weights of the items they bought. Popularity breaks ties
// and serves users with no history.
import { invertSpd } from './spd-inverse.js';

export type RecommenderKind = 'popularity' | 'item-item' | 'ease';

export interface NeighbourModel {
  kind: RecommenderKind;
  /** product ids, index = item */
  items: string[];
  /** number of distinct buyers per item in the training data */
  popularity: number[];
  /** per item: neighbour item indices and weights, strongest first */
  neighbours: { j: number[]; w: number[] }[];
  params: Record<string, number>;
}

export interface FitOptions {
  /** item-item: exponent on the history item's count; 1 - alpha goes on the candidate's (popularity damping) */
  alpha?: number;
  /** EASE: L2 penalty */
  lambda?: number;
  /** EASE: at most this many items (the most bought) enter the dense solve */
  maxItems?: number;
  /** neighbours kept per item */
  topN?: number;
}

/** histories: for each user, the distinct items bought (training period only). */
export function fitModel(kind: RecommenderKind, items: string[], histories: Iterable<Set<number>>, opts: FitOptions = {}): NeighbourModel {
  const nI = items.length;
  const hs = [...histories].map((s) => Int32Array.from(s));
  const pop = new Array<number>(nI).fill(0);
  for (const h of hs) for (const i of h) pop[i]! += 1;
  const topN = opts.topN ?? 100;
  if (kind === 'popularity') return { kind, items, popularity: pop, neighbours: items.map(() => ({ j: [], w: [] })), params: {} };
  if (kind === 'item-item') {
    const alpha = opts.alpha ?? 0.5;
    const co = cooccurrence(nI, hs);
    const neighbours = items.map((_, i) => {
      const row = co.subarray(i * nI, (i + 1) * nI);
      const ni = Math.max(1, pop[i]!);
      return topWeights(row, topN, (j, c) => c / (ni ** alpha * Math.max(1, pop[j]!) ** (1 - alpha)));
    });
    return { kind, items, popularity: pop, neighbours, params: { alpha, topN } };
  }
  const lambda = opts.lambda ?? 300;
  const maxItems = opts.maxItems ?? 1000;
  const keep = Array.from({ length: nI }, (_, i) => i).filter((i) => pop[i]! > 0).sort((a, b) => pop[b]! - pop[a]! || a - b).slice(0, maxItems);
  const m = keep.length;
  const local = new Int32Array(nI).fill(-1);
  keep.forEach((g, l) => (local[g] = l));
  const hl = hs.map((h) => Int32Array.from([...h].map((i) => local[i]!).filter((l) => l >= 0)));
  const g = cooccurrence(m, hl);
  const a = new Float64Array(g);
  for (let d = 0; d < m; d++) a[d * m + d]! += lambda;
  invertSpd(a, m);
  // B[i][j] = -P[i][j] / P[j][j], diagonal 0: row i says how much buying i predicts j
  const neighbours = items.map(() => ({ j: [] as number[], w: [] as number[] }));
  for (let i = 0; i < m; i++) {
    const row = a.subarray(i * m, (i + 1) * m);
    const nb = topWeights(row, topN, (j, p) => (j === i ? 0 : -p / a[j * m + j]!));
    neighbours[keep[i]!] = { j: nb.j.map((l) => keep[l]!), w: nb.w };
  }
  return { kind, items, popularity: pop, neighbours, params: { lambda, maxItems: m, topN } };
}

/** Dense item × item co-occurrence counts (Float32 for the n² memory). */
function cooccurrence(n: number, hs: Int32Array[]): Float32Array {
  const co = new Float32Array(n * n);
  for (const h of hs) {
    for (let x = 0; x < h.length; x++) {
      const base = h[x]! * n;
      for (let y = 0; y < h.length; y++) co[base + h[y]!]! += 1;
    }
  }
  return co;
}

function topWeights(row: ArrayLike<number>, k: number, weight: (j: number, v: number) => number): { j: number[]; w: number[] } {
  const cand: [number, number][] = [];
  for (let j = 0; j < row.length; j++) {
    const v = row[j]!;
    if (v === 0) continue;
    const w = weight(j, v);
    if (w > 0) cand.push([j, w]);
  }
  cand.sort((p, q) => q[1] - p[1] || p[0] - q[0]);
  const top = cand.slice(0, k);
  return { j: top.map((c) => c[0]), w: top.map((c) => Math.round(c[1] * 1e6) / 1e6) };
}

/** Top-k item indices for a history (item indices, repeats allowed in the ranking), best first. */
export function recommendFor(model: NeighbourModel, history: Iterable<number>, k: number, exclude: ReadonlySet<number> = new Set()): { item: number; score: number }[] {
  const nI = model.items.length;
  const s = new Float64Array(nI);
  let any = false;
  for (const i of history) {
    const nb = model.neighbours[i];
    if (!nb) continue;
    for (let x = 0; x < nb.j.length; x++) {
      s[nb.j[x]!]! += nb.w[x]!;
      any = true;
    }
  }
  // popularity as a tie-breaker (and the whole score for the popularity model or a cold user)
  const maxPop = Math.max(1, ...model.popularity);
  const eps = any ? 1e-9 : 1;
  for (let j = 0; j < nI; j++) s[j]! += (eps * model.popularity[j]!) / maxPop;
  return topK(s, k, exclude);
}

export function topK(s: Float64Array, k: number, exclude: ReadonlySet<number> = new Set()): { item: number; score: number }[] {
  const out: { item: number; score: number }[] = [];
  for (let j = 0; j < s.length; j++) {
    const v = s[j]!;
    if (v <= 0 || exclude.has(j)) continue;
    if (out.length < k) {
      out.push({ item: j, score: v });
      if (out.length === k) out.sort((a, b) => b.score - a.score || a.item - b.item);
    } else if (v > out[k - 1]!.score) {
      out[k - 1] = { item: j, score: v };
      for (let p = k - 1; p > 0 && out[p]!.score > out[p - 1]!.score; p--) [out[p], out[p - 1]] = [out[p - 1]!, out[p]!];
    }
  }
  return out.sort((a, b) => b.score - a.score || a.item - b.item);
}
