// Feature matrices for lists of listing pairs (one flat Float32Array, row-major) and boosted-tree scoring over it,
// with the trees flattened into typed arrays: millions of pairs are scored without an object per pair.
import type { GbdtModel } from '../../ai/builtin/gbdt.js';
import type { Profiles } from './listing-profiles.js';
import { N_PAIR_FEATURES, pairFeatures, type FeatureVocab } from './pair-features.js';

/** Rows k = 0..n-1: listing a[k] of A against listing b[k] of B (B defaults to A). */
export function featurizePairs(ctx: FeatureVocab, A: Profiles, a: ArrayLike<number>, b: ArrayLike<number>, B: Profiles = A): Float32Array {
  return featurizeInto(ctx, A, a, b, new Float32Array(a.length * N_PAIR_FEATURES), B);
}

/** featurizePairs into a given matrix (e.g. a worker's rows of a shared one). */
export function featurizeInto(ctx: FeatureVocab, A: Profiles, a: ArrayLike<number>, b: ArrayLike<number>, X: Float32Array, B: Profiles = A): Float32Array {
  for (let k = 0; k < a.length; k++) pairFeatures(ctx, A, a[k] as number, B, b[k] as number, X, k * N_PAIR_FEATURES);
  return X;
}

/** Row views of a flat matrix, for the trainer (which takes one array per row). */
export function rowsOf(X: Float32Array, nF = N_PAIR_FEATURES): Float32Array[] {
  const out: Float32Array[] = [];
  for (let at = 0; at < X.length; at += nF) out.push(X.subarray(at, at + nF));
  return out;
}

/** All trees in five typed arrays; node ids are offset per tree, leaves have feature -1. */
export interface FlatForest {
  readonly base: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

export function flattenForest(model: GbdtModel): FlatForest {
  const total = model.trees.reduce((s, t) => s + t.feature.length, 0);
  const f: FlatForest = {
    base: model.baseScore, roots: new Int32Array(model.trees.length), feature: new Int32Array(total), threshold: new Float64Array(total),
    left: new Int32Array(total), right: new Int32Array(total), value: new Float64Array(total),
  };
  let at = 0;
  model.trees.forEach((t, k) => {
    f.roots[k] = at;
    for (let i = 0; i < t.feature.length; i++) {
      f.feature[at + i] = t.feature[i] as number;
      f.threshold[at + i] = t.threshold[i] as number;
      f.left[at + i] = at + (t.left[i] as number);
      f.right[at + i] = at + (t.right[i] as number);
      f.value[at + i] = t.value[i] as number;
    }
    at += t.feature.length;
  });
  return f;
}

/** Match probability of every row of X (as gbdtPredict: NaN goes right, as `v <= threshold` is false). */
export function predictRows(f: FlatForest, X: Float32Array, nF = N_PAIR_FEATURES, out = new Float32Array(X.length / nF)): Float32Array {
  const { roots, feature, threshold, left, right, value } = f;
  for (let r = 0, at = 0; r < out.length; r++, at += nF) {
    let m = f.base;
    for (let t = 0; t < roots.length; t++) {
      let i = roots[t] as number;
      let ft = feature[i] as number;
      while (ft >= 0) {
        i = (X[at + ft] as number) <= (threshold[i] as number) ? (left[i] as number) : (right[i] as number);
        ft = feature[i] as number;
      }
      m += value[i] as number;
    }
    out[r] = 1 / (1 + Math.exp(-m));
  }
  return out;
}
