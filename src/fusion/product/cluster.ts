// Clustering with a guard against chaining: accepted pairs are merged strongest first (like connected components),
// but two clusters join only when the mean score of every scored pair between them clears the bar, they do not
// carry different GTINs, no human rejected a pair across them and (optionally) no platform would appear twice.

export type Method = 'human' | 'identifier' | 'model';

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

interface Link { sum: number; count: number; cannot: boolean }

const METHOD_RANK: Record<Method, number> = { human: 0, identifier: 1, model: 2 };

export function clusterListings(n: number, pairs: readonly ScoredPair[], keys: { gtin: (i: number) => string; platform: (i: number) => string }, o: ClusterOptions): Clustering {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  const adj = new Map<number, Map<number, Link>>();
  const linksOf = (x: number): Map<number, Link> => {
    let m = adj.get(x);
    if (!m) adj.set(x, (m = new Map<number, Link>()));
    return m;
  };
  const addLink = (x: number, y: number, score: number, cannot: boolean): void => {
    for (const [p, q] of [[x, y], [y, x]] as const) {
      const m = linksOf(p);
      const l = m.get(q);
      if (l) {
        l.sum += score;
        l.count++;
        l.cannot ||= cannot;
      } else m.set(q, { sum: score, count: 1, cannot });
    }
  };
  for (const p of pairs) addLink(p.a, p.b, p.score, p.cannot);
  const gtin: (string | undefined)[] = Array.from({ length: n }, (_, i) => keys.gtin(i) || undefined);
  const platforms: (Set<string> | undefined)[] = o.onePerPlatform ? Array.from({ length: n }, (_, i) => new Set([keys.platform(i)])) : [];
  const size = new Int32Array(n).fill(1);
  const memberScore = new Float64Array(n).fill(Number.NaN);
  const memberMethod: (Method | undefined)[] = new Array<Method | undefined>(n).fill(undefined);

  const merge = (x: number, y: number): number => {
    const [big, small] = (size[x] as number) >= (size[y] as number) ? [x, y] : [y, x];
    parent[small] = big;
    size[big] = (size[big] as number) + (size[small] as number);
    gtin[big] ??= gtin[small];
    if (o.onePerPlatform) for (const p of platforms[small] as Set<string>) (platforms[big] as Set<string>).add(p);
    const bigLinks = linksOf(big);
    for (const [other, l] of adj.get(small) ?? []) {
      const otherLinks = adj.get(other) as Map<number, Link>;
      otherLinks.delete(small);
      if (other === big) {
        bigLinks.delete(small);
        continue;
      }
      const prev = bigLinks.get(other);
      const merged = prev ? { sum: prev.sum + l.sum, count: prev.count + l.count, cannot: prev.cannot || l.cannot } : { ...l };
      bigLinks.set(other, merged);
      otherLinks.set(big, merged);
    }
    adj.delete(small);
    return big;
  };

  const order = pairs
    .map((p, i) => i)
    .filter((i) => (pairs[i] as ScoredPair).accepted)
    .sort((i, j) => {
      const p = pairs[i] as ScoredPair;
      const q = pairs[j] as ScoredPair;
      return METHOD_RANK[p.method] - METHOD_RANK[q.method] || q.score - p.score || p.a - q.a || p.b - q.b;
    });
  let refused = 0;
  for (const i of order) {
    const p = pairs[i] as ScoredPair;
    const x = find(p.a);
    const y = find(p.b);
    if (x === y) continue;
    const l = adj.get(x)?.get(y);
    if (l?.cannot) {
      refused++;
      continue;
    }
    if (p.method !== 'human') {
      const gx = gtin[x];
      const gy = gtin[y];
      const mean = l ? l.sum / l.count : p.score;
      const platformClash = o.onePerPlatform && [...(platforms[x] as Set<string>)].some((q) => (platforms[y] as Set<string>).has(q));
      if ((gx && gy && gx !== gy) || mean < o.linkage || platformClash) {
        refused++;
        continue;
      }
    }
    for (const m of [p.a, p.b]) {
      if (Number.isNaN(memberScore[m]) || (memberScore[m] as number) < p.score) {
        memberScore[m] = p.score;
        memberMethod[m] = p.method;
      }
    }
    merge(x, y);
  }
  const cluster = new Int32Array(n);
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let c = ids.get(r);
    if (c === undefined) ids.set(r, (c = ids.size));
    cluster[i] = c;
  }
  return { cluster, nClusters: ids.size, memberScore, memberMethod, refusedMerges: refused };
}
