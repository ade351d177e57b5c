// Feature-selection scores for a binary or multi-class target, as scikit-learn computes them: ANOVA F
// (f_classif) and mutual information (mutual_info_classif, the Kraskov/Ross k-nearest-neighbour estimator).
// Reusable by any model that picks features (churn, forecasting, matching).
import { createRng } from '../../ai/builtin/rng.js';

export interface FeatureScore {
  feature: string;
  /** ANOVA F statistic (between-class over within-class variance) */
  f: number;
  /** p-value of F under the null of equal class means */
  p: number;
  /** mutual information with the target, in nats */
  mi: number;
}

/** ANOVA F for one feature column against class labels, as sklearn's f_classif. */
export function anovaF(x: ArrayLike<number>, y: ArrayLike<number>): { f: number; p: number } {
  const n = x.length;
  const sums = new Map<number, { n: number; s: number }>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = sums.get(y[i]!) ?? { n: 0, s: 0 };
    c.n++;
    c.s += x[i]!;
    sums.set(y[i]!, c);
    total += x[i]!;
  }
  const k = sums.size;
  const mean = total / n;
  let ssb = 0;
  for (const c of sums.values()) ssb += c.n * (c.s / c.n - mean) ** 2;
  let ssw = 0;
  for (let i = 0; i < n; i++) {
    const c = sums.get(y[i]!)!;
    ssw += (x[i]! - c.s / c.n) ** 2;
  }
  const dfb = k - 1;
  const dfw = n - k;
  if (dfb <= 0 || dfw <= 0) return { f: 0, p: 1 };
  if (ssw === 0) return ssb === 0 ? { f: 0, p: 1 } : { f: Infinity, p: 0 };
  const f = ssb / dfb / (ssw / dfw);
  return { f, p: fSurvival(f, dfb, dfw) };
}

/**
 * Mutual information between a feature and discrete labels (Ross 2014, k neighbours), in nats. Unlike sklearn,
 * integer values (counts, days) are dequantised first (uniform ±0.5, seeded): with exact ties the kNN
 * estimator is biased towards zero (ψ(kG/Gc) − ψ(k) exceeds log(G/Gc) for small k), which hid every count feature.
 */
export function mutualInfo(x: ArrayLike<number>, y: ArrayLike<number>, opts: { k?: number; seed?: number } = {}): number {
  const k = opts.k ?? 3;
  const n = x.length;
  // integer values (counts, days, ratios of exactly 1) are where ties pile up: dequantise each of them
  const dq = createRng((opts.seed ?? 0) + 0x5eed);
  x = Float64Array.from({ length: n }, (_, i) => (Number.isInteger(x[i]) ? x[i]! + dq.next() - 0.5 : x[i]!));
  // sklearn scales to unit variance and adds a little noise so ties do not collapse distances
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i]!;
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i]! - m) ** 2;
  const sd = Math.sqrt(v / Math.max(1, n - 1)) || 1;
  const rng = createRng(opts.seed ?? 0);
  const xs = new Float64Array(n);
  let meanAbs = 0;
  for (let i = 0; i < n; i++) meanAbs += Math.abs(x[i]! / sd);
  meanAbs /= n;
  for (let i = 0; i < n; i++) xs[i] = x[i]! / sd + 1e-10 * Math.max(1, meanAbs) * gauss(rng);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = byClass.get(y[i]!) ?? [];
    c.push(xs[i]!);
    byClass.set(y[i]!, c);
  }
  const all = Float64Array.from(xs).sort();
  let sumM = 0;
  let sumK = 0;
  let sumNc = 0;
  let used = 0;
  for (const vals of byClass.values()) {
    if (vals.length < 2) continue;
    const sorted = Float64Array.from(vals).sort();
    const kk = Math.min(k, sorted.length - 1);
    for (let i = 0; i < sorted.length; i++) {
      const d = kthDistance(sorted, i, kk);
      const r = d > 0 ? d * (1 - 1e-12) : 0; // sklearn: nextafter(d, 0)
      const xi = sorted[i]!;
      sumM += digamma(upperBound(all, xi + r) - lowerBound(all, xi - r));
      sumK += digamma(kk);
      sumNc += digamma(sorted.length);
      used++;
    }
  }
  if (used === 0) return 0;
  return Math.max(0, digamma(used) + sumK / used - sumNc / used - sumM / used);
}

/** F, p and MI for every column of a row-major feature matrix, in the given feature order. */
export function scoreFeatures(names: readonly string[], rows: readonly ArrayLike<number>[], y: ArrayLike<number>, opts: { k?: number; seed?: number } = {}): FeatureScore[] {
  return names.map((feature, j) => {
    const col = Float64Array.from(rows, (r) => r[j]!);
    const { f, p } = anovaF(col, y);
    return { feature, f, p, mi: mutualInfo(col, y, { ...opts, seed: (opts.seed ?? 0) + j }) };
  });
}

/** The k best features by one score (ties broken by name, so the choice is deterministic). */
export function selectKBest(scores: readonly FeatureScore[], k: number, by: 'f' | 'mi' = 'mi'): string[] {
  return [...scores].sort((a, b) => b[by] - a[by] || a.feature.localeCompare(b.feature)).slice(0, k).map((s) => s.feature);
}

function kthDistance(sorted: Float64Array, i: number, k: number): number {
  let l = i - 1;
  let r = i + 1;
  let d = 0;
  const x = sorted[i]!;
  for (let step = 0; step < k; step++) {
    const dl = l >= 0 ? x - sorted[l]! : Infinity;
    const dr = r < sorted.length ? sorted[r]! - x : Infinity;
    if (dl <= dr) {
      d = dl;
      l--;
    } else {
      d = dr;
      r++;
    }
  }
  return d;
}

function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function gauss(rng: { next(): number }): number {
  const u = Math.max(rng.next(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** digamma ψ(x) for x > 0: recurrence up to 6, then the asymptotic series. */
export function digamma(x: number): number {
  let r = 0;
  while (x < 6) {
    r -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

/** P(F > f) for F(d1, d2): the regularised incomplete beta I_{d2/(d2+d1 f)}(d2/2, d1/2). */
function fSurvival(f: number, d1: number, d2: number): number {
  return incompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

function logGamma(x: number): number {
  const c = [76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.001208650973866179, -0.000005395239384953];
  let y = x;
  const t = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let s = 1 + 1.90015e-10;
  for (const ci of c) s += ci / ++y;
  return -t + Math.log((Math.sqrt(2 * Math.PI) * s) / x);
}

function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const bt = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (bt * betaCf(x, a, b)) / a : 1 - (bt * betaCf(1 - x, b, a)) / b;
}

function betaCf(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 3e-14) break;
  }
  return h;
}
