// Linear models on sparse rows: L2-regularised logistic regression solved by L-BFGS (sample weights and soft targets,
// so class balance and half-labelled 3-star reviews fit the same solver), and an L2-loss linear SVM solved in the
// dual by coordinate descent (Hsieh et al. 2008, LIBLINEAR's default) — both converge in well under a second here.
import { createRng, shuffleInPlace } from '../../ai/builtin/rng.js';
import type { SparseRow } from './features.js';

export interface LinearModel {
  w: number[];
  b: number;
}

export interface LinearOptions {
  /** 'logistic' (L-BFGS) or 'svm' (L2-loss SVM, dual coordinate descent) */
  loss: 'logistic' | 'svm';
  /** L2 strength: objective = Σ cᵢ·loss / Σ cᵢ + l2/2 · ‖w‖² */
  l2: number;
  /** per-row weights (default 1); class balance is applied on top when balanced */
  weight?: ArrayLike<number>;
  balanced?: boolean;
  maxIter?: number;
  seed?: number;
  /** start from this model (logistic only): a warm start along an L2 path */
  init?: LinearModel;
}

export const linearScore = (m: LinearModel, r: SparseRow) => {
  let z = m.b;
  for (let k = 0; k < r.idx.length; k++) z += (m.w[r.idx[k]!] ?? 0) * r.val[k]!;
  return z;
};

/** Row weights: the given ones, times n / (2·class total) when balanced (targets ≥ 0.5 count as positive). */
/** Logistic loss of margin z for a (soft) label y: log(1 + e^z) − y·z, stable for large |z|. */
export function logisticLoss(z: number, y: number): number {
  return (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z;
}

function rowWeights(y: ArrayLike<number>, o: LinearOptions): Float64Array {
  const n = y.length;
  const c = new Float64Array(n);
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < n; i++) {
    c[i] = o.weight ? o.weight[i]! : 1;
    if (y[i]! >= 0.5) pos += c[i]!;
    else neg += c[i]!;
  }
  if (o.balanced !== false) for (let i = 0; i < n; i++) c[i] = c[i]! * ((pos + neg) / (2 * (y[i]! >= 0.5 ? pos : neg)));
  return c;
}

export function trainLinear(x: readonly SparseRow[], y: ArrayLike<number>, nFeatures: number, o: LinearOptions): LinearModel {
  return o.loss === 'svm' ? trainSvm(x, y, nFeatures, o) : trainLogisticLbfgs(x, y, nFeatures, o);
}

function trainLogisticLbfgs(x: readonly SparseRow[], y: ArrayLike<number>, nFeatures: number, o: LinearOptions): LinearModel {
  const n = x.length;
  const c = rowWeights(y, o);
  const total = c.reduce((a, v) => a + v, 0);
  const d = nFeatures + 1; // last coordinate is the bias (not penalised)
  const z = new Float64Array(n);
  const f = (w: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const r = x[i]!;
      let s = w[nFeatures]!;
      for (let k = 0; k < r.idx.length; k++) s += w[r.idx[k]!]! * r.val[k]!;
      z[i] = s;
      loss += c[i]! * logisticLoss(s, y[i]!);
      const dl = (c[i]! * (1 / (1 + Math.exp(-s)) - y[i]!)) / total;
      for (let k = 0; k < r.idx.length; k++) g[r.idx[k]!]! += dl * r.val[k]!;
      g[nFeatures]! += dl;
    }
    let reg = 0;
    for (let j = 0; j < nFeatures; j++) {
      reg += w[j]! * w[j]!;
      g[j]! += o.l2 * w[j]!;
    }
    return loss / total + (o.l2 / 2) * reg;
  };
  const w0 = new Float64Array(d);
  if (o.init) {
    w0.set(o.init.w.slice(0, nFeatures));
    w0[nFeatures] = o.init.b;
  }
  const w = lbfgs(f, w0, o.maxIter ?? 300);
  return { w: Array.from(w.subarray(0, nFeatures)), b: w[nFeatures]! };
}

/** Minimise f (which writes its gradient into g) from w0 by L-BFGS, memory 10, backtracking Armijo line search. */
function lbfgs(f: (w: Float64Array, g: Float64Array) => number, w0: Float64Array, maxIter: number): Float64Array {
  const m = 10;
  const d = w0.length;
  let w = w0;
  let g = new Float64Array(d);
  let fx = f(w, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += a[j]! * b[j]!;
    return s;
  };
  const g0 = Math.sqrt(dot(g, g));
  for (let it = 0; it < maxIter; it++) {
    // two-loop recursion: direction = -H·g
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, q);
      for (let j = 0; j < d; j++) q[j] = q[j]! - alpha[k]! * Y[k]![j]!;
    }
    if (S.length) {
      const gamma = dot(S[S.length - 1]!, Y[Y.length - 1]!) / dot(Y[Y.length - 1]!, Y[Y.length - 1]!);
      for (let j = 0; j < d; j++) q[j] = q[j]! * gamma;
    } else {
      const s = 1 / Math.max(1e-12, g0);
      for (let j = 0; j < d; j++) q[j] = q[j]! * s;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, q);
      for (let j = 0; j < d; j++) q[j] = q[j]! + S[k]![j]! * (alpha[k]! - beta);
    }
    const slope = -dot(g, q);
    if (slope >= 0) break;
    let step = 1;
    const wNew = new Float64Array(d);
    const gNew = new Float64Array(d);
    let fNew = 0;
    for (let ls = 0; ls < 30; ls++) {
      for (let j = 0; j < d; j++) wNew[j] = w[j]! - step * q[j]!;
      fNew = f(wNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step /= 2;
    }
    const s = new Float64Array(d);
    const yv = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      s[j] = wNew[j]! - w[j]!;
      yv[j] = gNew[j]! - g[j]!;
    }
    const sy = dot(s, yv);
    if (sy > 1e-12) {
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
      if (S.length > m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    const done = Math.abs(fx - fNew) <= 1e-8 * Math.max(1, Math.abs(fx));
    w = wNew;
    g = gNew;
    fx = fNew;
    if (done || Math.sqrt(dot(g, g)) <= 1e-5 * Math.max(1, g0)) break;
  }
  return w;
}

/** L2-loss SVM dual coordinate descent; y ≥ 0.5 is the positive class. C per row = weight / (l2 · Σ weights). */
function trainSvm(x: readonly SparseRow[], y: ArrayLike<number>, nFeatures: number, o: LinearOptions): LinearModel {
  const n = x.length;
  const c = rowWeights(y, o);
  const total = c.reduce((a, v) => a + v, 0);
  const w = new Float64Array(nFeatures + 1); // bias as a constant feature 1 (penalised, as in LIBLINEAR -B 1)
  const alpha = new Float64Array(n);
  const sgn = Float64Array.from({ length: n }, (_, i) => (y[i]! >= 0.5 ? 1 : -1));
  const diag = Float64Array.from({ length: n }, (_, i) => 1 / (2 * (c[i]! / (o.l2 * total))));
  const qii = Float64Array.from({ length: n }, (_, i) => {
    let s = 1;
    for (const v of x[i]!.val) s += v * v;
    return s + diag[i]!;
  });
  const rng = createRng(o.seed ?? 1);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let epoch = 0; epoch < (o.maxIter ?? 200); epoch++) {
    shuffleInPlace(order, rng);
    let maxPg = 0;
    for (const i of order) {
      const r = x[i]!;
      let s = w[nFeatures]!;
      for (let k = 0; k < r.idx.length; k++) s += w[r.idx[k]!]! * r.val[k]!;
      const G = sgn[i]! * s - 1 + diag[i]! * alpha[i]!;
      const pg = alpha[i] === 0 ? Math.min(G, 0) : G;
      maxPg = Math.max(maxPg, Math.abs(pg));
      if (pg === 0) continue;
      const old = alpha[i]!;
      const next = Math.max(0, old - G / qii[i]!);
      alpha[i] = next;
      const delta = (next - old) * sgn[i]!;
      for (let k = 0; k < r.idx.length; k++) w[r.idx[k]!] = w[r.idx[k]!]! + delta * r.val[k]!;
      w[nFeatures] = w[nFeatures]! + delta;
    }
    if (maxPg < 1e-3) break;
  }
  return { w: Array.from(w.subarray(0, nFeatures)), b: w[nFeatures]! };
}
