// Clustering with a guard against chaining: accepted pairs are merged strongest first (like connected components),
// but two clusters join only when the mean score of every scored pair between them clears the bar, they do not
// carry different GTINs, no human rejected a pair across them and (optionally) no platform would appear twice.
// Pairs live in typed arrays (a PairTable) and the scores between two clusters are summed from a CSR adjacency over
// the smaller cluster's members, so a million listings and ten million pairs need no object per pair or link.

export type Method = 'human' | 'identifier' | 'model';

/** Method codes of a PairTable; the index is also the merge order (human first). */
export const METHODS: readonly Method[] = ['human', 'identifier', 'model'];
export const HUMAN = 0;
export const IDENTIFIER = 1;
export const MODEL = 2;

export interface ScoredPair {
  readonly a: number;
  readonly b: number;
  readonly score: number;
  readonly method: Method;
  /** Accepted as a match on its own (before the cluster-level guard). */
  readonly accepted: boolean;
  /** A hard cannot-link (human reject). */
  readonly cannot: boolean;
}

/** Scored pairs as columns: pair k is (a[k], b[k]) with score[k], METHODS[method[k]], accepted[k] and cannot[k] as 0 / 1. */
export interface PairTable {
  readonly length: number;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly score: Float32Array;
  readonly method: Uint8Array;
  readonly accepted: Uint8Array;
  readonly cannot: Uint8Array;
}

export function emptyPairTable(length: number): PairTable {
  return {
    length, a: new Uint32Array(length), b: new Uint32Array(length), score: new Float32Array(length),
    method: new Uint8Array(length), accepted: new Uint8Array(length), cannot: new Uint8Array(length),
  };
}

/** A PairTable from pair objects (tests and small callers). */
export function pairTable(pairs: readonly ScoredPair[]): PairTable {
  const t = emptyPairTable(pairs.length);
  pairs.forEach((p, k) => {
    t.a[k] = p.a;
    t.b[k] = p.b;
    t.score[k] = p.score;
    t.method[k] = METHODS.indexOf(p.method);
    t.accepted[k] = p.accepted ? 1 : 0;
    t.cannot[k] = p.cannot ? 1 : 0;
  });
  return t;
}

export interface ClusterOptions {
  /** Mean score between two clusters needed to merge them. */
  readonly linkage: number;
  /** At most one listing per platform in a product. */
  readonly onePerPlatform: boolean;
}

export interface Clustering {
  /** Cluster index per listing (0..nClusters-1, numbered by smallest member). */
  readonly cluster: Int32Array;
  readonly nClusters: number;
  /** Per listing: the score and method of the pair that brought it into its cluster (score NaN for singletons). */
  readonly memberScore: Float64Array;
  readonly memberMethod: (Method | undefined)[];
  readonly refusedMerges: number;
}

/** Pair indices incident to each listing: listing i's are pairOf[off[i] .. off[i + 1]). */
function adjacency(n: number, t: PairTable): { off: Uint32Array; pairOf: Uint32Array } {
  const off = new Uint32Array(n + 1);
  for (let k = 0; k < t.length; k++) {
    off[(t.a[k] as number) + 1]!++;
    off[(t.b[k] as number) + 1]!++;
  }
  for (let i = 0; i < n; i++) off[i + 1] = (off[i + 1] as number) + (off[i] as number);
  const fill = off.slice(0, n);
  const pairOf = new Uint32Array(2 * t.length);
  for (let k = 0; k < t.length; k++) {
    pairOf[fill[t.a[k] as number]!++] = k;
    pairOf[fill[t.b[k] as number]!++] = k;
  }
  return { off, pairOf };
}

/** Accepted pair indices in merge order: method (human, identifier, model), score descending, then (a, b). */
function mergeOrder(t: PairTable): Uint32Array {
  let m = 0;
  for (let k = 0; k < t.length; k++) if (t.accepted[k]) m++;
  const order = new Uint32Array(m);
  for (let k = 0, j = 0; k < t.length; k++) if (t.accepted[k]) order[j++] = k;
  const { method, score, a, b } = t;
  return order.sort((i, j) => (method[i] as number) - (method[j] as number) || (score[j] as number) - (score[i] as number)
    || (a[i] as number) - (a[j] as number) || (b[i] as number) - (b[j] as number) || i - j);
}

export function clusterListings(n: number, input: PairTable | readonly ScoredPair[], keys: { gtin: (i: number) => string; platform: (i: number) => string }, o: ClusterOptions): Clustering {
  const t = 'score' in input && input.score instanceof Float32Array ? (input) : pairTable(input as readonly ScoredPair[]);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  const { off, pairOf } = adjacency(n, t);
  // Members of a cluster as a circular list: joining two lists is one swap.
  const next = Int32Array.from({ length: n }, (_, i) => i);
  const gtin: (string | undefined)[] = Array.from({ length: n }, (_, i) => keys.gtin(i) || undefined);
  const platforms: (Set<string> | undefined)[] = o.onePerPlatform ? Array.from({ length: n }, (_, i) => new Set([keys.platform(i)])) : [];
  const size = new Int32Array(n).fill(1);
  const memberScore = new Float64Array(n).fill(Number.NaN);
  const memberMethod: (Method | undefined)[] = new Array<Method | undefined>(n).fill(undefined);

  const merge = (x: number, y: number): void => {
    const [big, small] = (size[x] as number) >= (size[y] as number) ? [x, y] : [y, x];
    parent[small] = big;
    size[big] = (size[big] as number) + (size[small] as number);
    gtin[big] ??= gtin[small];
    if (o.onePerPlatform) for (const p of platforms[small] as Set<string>) (platforms[big] as Set<string>).add(p);
    [next[big], next[small]] = [next[small] as number, next[big] as number];
  };

  // Sum and count of scores of every pair between clusters x and y, and whether any is a cannot-link (walks the
  // smaller cluster's members and their pairs).
  let linkSum = 0;
  let linkCount = 0;
  let linkCannot = false;
  const between = (x: number, y: number): void => {
    const [from, to] = (size[x] as number) <= (size[y] as number) ? [x, y] : [y, x];
    linkSum = 0;
    linkCount = 0;
    linkCannot = false;
    let m = from;
    do {
      for (let e = off[m] as number; e < (off[m + 1] as number); e++) {
        const k = pairOf[e] as number;
        const other = t.a[k] === m ? (t.b[k] as number) : (t.a[k] as number);
        if (find(other) !== to) continue;
        linkSum += t.score[k] as number;
        linkCount++;
        if (t.cannot[k]) linkCannot = true;
      }
      m = next[m] as number;
    } while (m !== from);
  };

  let refused = 0;
  for (const k of mergeOrder(t)) {
    const pa = t.a[k] as number;
    const pb = t.b[k] as number;
    const x = find(pa);
    const y = find(pb);
    if (x === y) continue;
    between(x, y);
    if (linkCannot) {
      refused++;
      continue;
    }
    const score = t.score[k] as number;
    const method = t.method[k] as number;
    if (method !== HUMAN) {
      const gx = gtin[x];
      const gy = gtin[y];
      const mean = linkCount > 0 ? linkSum / linkCount : score;
      const platformClash = o.onePerPlatform && [...(platforms[x] as Set<string>)].some((q) => (platforms[y] as Set<string>).has(q));
      if ((gx && gy && gx !== gy) || mean < o.linkage || platformClash) {
        refused++;
        continue;
      }
    }
    for (const m of [pa, pb]) {
      if (Number.isNaN(memberScore[m]) || (memberScore[m] as number) < score) {
        memberScore[m] = score;
        memberMethod[m] = METHODS[method];
      }
    }
    merge(x, y);
  }
  const cluster = new Int32Array(n);
  const ids = new Int32Array(n).fill(-1);
  let nClusters = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (ids[r] === -1) ids[r] = nClusters++;
    cluster[i] = ids[r] as number;
  }
  return { cluster, nClusters, memberScore, memberMethod, refusedMerges: refused };
}
