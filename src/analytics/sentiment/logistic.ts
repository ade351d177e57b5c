// L2-regularised logistic regression on sparse rows, full-batch with Adam, class-balanced weights.
import type { SparseRow } from './tfidf.js';

export interface LogisticModel {
  w: number[];
  b: number;
}

export function trainLogistic(x: readonly SparseRow[], y: ArrayLike<number>, nFeatures: number, opts: { l2?: number; epochs?: number; lr?: number; balanced?: boolean } = {}): LogisticModel {
  const l2 = opts.l2 ?? 1e-4;
  const epochs = opts.epochs ?? 300;
  const lr = opts.lr ?? 0.05;
  const n = x.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const wPos = opts.balanced === false ? 1 : n / (2 * Math.max(1, pos));
  const wNeg = opts.balanced === false ? 1 : n / (2 * Math.max(1, n - pos));
  const w = new Float64Array(nFeatures);
  let b = 0;
  const g = new Float64Array(nFeatures);
  const m = new Float64Array(nFeatures + 1);
  const v = new Float64Array(nFeatures + 1);
  const b1 = 0.9;
  const b2 = 0.999;
  for (let e = 1; e <= epochs; e++) {
    g.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const r = x[i]!;
      let z = b;
      for (let k = 0; k < r.idx.length; k++) z += w[r.idx[k]!]! * r.val[k]!;
      const p = 1 / (1 + Math.exp(-z));
      const d = (p - y[i]!) * (y[i] === 1 ? wPos : wNeg);
      gb += d;
      for (let k = 0; k < r.idx.length; k++) g[r.idx[k]!]! += d * r.val[k]!;
    }
    for (let j = 0; j <= nFeatures; j++) {
      const grad = j === nFeatures ? gb / n : g[j]! / n + l2 * w[j]!;
      m[j] = b1 * m[j]! + (1 - b1) * grad;
      v[j] = b2 * v[j]! + (1 - b2) * grad * grad;
      const step = (lr * (m[j]! / (1 - b1 ** e))) / (Math.sqrt(v[j]! / (1 - b2 ** e)) + 1e-8);
      if (j === nFeatures) b -= step;
      else w[j] = w[j]! - step;
    }
  }
  return { w: Array.from(w, (q) => Math.round(q * 1e6) / 1e6), b };
}

export function predictLogistic(m: LogisticModel, r: SparseRow): number {
  let z = m.b;
  for (let k = 0; k < r.idx.length; k++) z += m.w[r.idx[k]!]! * r.val[k]!;
  return 1 / (1 + Math.exp(-z));
}
