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

/** X (n rows of nF) with col appended to each row: n rows of nF + 1. */
export function withColumn(X: Float32Array, nF: number, col: ArrayLike<number>): Float32Array {
  const n = col.length;
  if (X.length !== n * nF) throw new Error(`a column of ${n} values for a matrix of ${X.length / nF} rows`);
  const out = new Float32Array(n * (nF + 1));
  for (let r = 0; r < n; r++) {
    out.set(X.subarray(r * nF, (r + 1) * nF), r * (nF + 1));
    out[r * (nF + 1) + nF] = col[r] as number;
  }
  return out;
}

/** Row views of a flat matrix, for the trainer (which takes one array per row). */
export function rowsOf(X: Float32Array, nF: number = N_PAIR_FEATURES): Float32Array[] {
  const out: Float32Array[] = [];
  for (let at = 0; at < X.length; at += nF) out.push(X.subarray(at, at + nF));
  return out;
}

/**
 * All trees as complete binary trees of one depth in three typed arrays: node i's children are 2i + 1 and 2i + 2, so a
 * row walks each tree with no branch on node kind and no child arrays (about twice as fast as following links). A
 * leaf above the full depth becomes splits that send every row (NaN too) to copies of that leaf, so scores are
 * exactly those of the linked trees. Forests shallower than WALK_DEPTH are padded to it, so the common depth has one
 * unrolled walk.
 */
export interface FlatForest {
  readonly base: number;
  readonly nTrees: number;
  readonly depth: number;
  /** Per tree 2^depth − 1 split nodes: feature and threshold (a row goes left when x <= threshold). */
  readonly feature: Int32Array;
  /**
   * Thresholds as float32, each rounded down to the nearest float32 at or below the trained one: for any float32 x
   * (feature rows are Float32Array) `x <= t32` exactly when `x <= t`, and the table is half the size.
   */
  readonly threshold: Float32Array;
  /** Per tree 2^depth leaf values. */
  readonly leaf: Float64Array;
}

/** The depth predictRows walks unrolled — its unrolled loop has exactly four steps (the product matcher's trees are at most 4 deep). */
const WALK_DEPTH = 4;

function treeDepth(t: GbdtModel['trees'][number], i = 0): number {
  return (t.feature[i] as number) < 0 ? 0 : 1 + Math.max(treeDepth(t, t.left[i]), treeDepth(t, t.right[i]));
}

const f32 = new Float32Array(1);
const f32bits = new Int32Array(f32.buffer);
/** The largest float32 that is <= t (t itself when t is a float32). */
export function float32AtOrBelow(t: number): number {
  f32[0] = t;
  const v = f32[0];
  if (v <= t || Number.isNaN(t)) return v;
  // rounded up: one float32 step towards −∞ (bits − 1 for a positive value, bits + 1 for a negative one; 0 → −min)
  if (v > 0) f32bits[0] = (f32bits[0] as number) - 1;
  else if (v < 0) f32bits[0] = (f32bits[0] as number) + 1;
  else f32bits[0] = 0x80000001;
  return f32[0];
}

export function flattenForest(model: GbdtModel): FlatForest {
  const depth = Math.max(WALK_DEPTH, ...model.trees.map((t) => treeDepth(t)));
  const nSplit = 2 ** depth - 1;
  const nLeaf = 2 ** depth;
  const f: FlatForest = {
    base: model.baseScore, nTrees: model.trees.length, depth,
    feature: new Int32Array(model.trees.length * nSplit), threshold: new Float32Array(model.trees.length * nSplit).fill(Infinity), leaf: new Float64Array(model.trees.length * nLeaf),
  };
  model.trees.forEach((t, k) => {
    const fill = (src: number, pos: number, d: number): void => {
      const ft = t.feature[src] as number;
      if (d === depth) {
        f.leaf[k * nLeaf + pos - nSplit] = t.value[src] as number;
        return;
      }
      const leafHere = ft < 0;
      if (!leafHere) {
        f.feature[k * nSplit + pos] = ft;
        f.threshold[k * nSplit + pos] = float32AtOrBelow(t.threshold[src] as number);
      }
      fill(leafHere ? src : (t.left[src] as number), 2 * pos + 1, d + 1);
      fill(leafHere ? src : (t.right[src] as number), 2 * pos + 2, d + 1);
    };
    fill(0, 0, 0);
  });
  return f;
}

/**
 * Match probability of every row of X, or of rows[0..] (as gbdtPredict: NaN goes right, as `v <= threshold` is false).
 * The walk has no data-dependent branch: a step adds 2 − Number(x <= t) to 2i (a branch on the comparison was
 * mispredicted often enough to cost half the time), and depth-4 trees walk unrolled (3× the rows per second of the
 * looped, branching walk on a 1M-listing run's features).
 */
export function predictRows(f: FlatForest, X: Float32Array, nF: number = N_PAIR_FEATURES, rows?: Uint32Array, out: Float32Array = new Float32Array(rows ? rows.length : X.length / nF)): Float32Array {
  const { feature, threshold, leaf, depth, nTrees, base } = f;
  const nSplit = 2 ** depth - 1;
  const nLeaf = nSplit + 1;
  const end = nTrees * nSplit;
  for (let r = 0; r < out.length; r++) {
    const a = (rows ? (rows[r] as number) : r) * nF;
    let m = base;
    if (depth === WALK_DEPTH) {
      for (let node = 0, lf = -nSplit; node < end; node += nSplit, lf += nLeaf) {
        let i = 2 - Number((X[a + (feature[node] as number)] as number) <= (threshold[node] as number));
        i = 2 * i + 2 - Number((X[a + (feature[node + i] as number)] as number) <= (threshold[node + i] as number));
        i = 2 * i + 2 - Number((X[a + (feature[node + i] as number)] as number) <= (threshold[node + i] as number));
        i = 2 * i + 2 - Number((X[a + (feature[node + i] as number)] as number) <= (threshold[node + i] as number));
        m += leaf[lf + i] as number;
      }
    } else {
      for (let node = 0, lf = -nSplit; node < end; node += nSplit, lf += nLeaf) {
        let i = 0;
        for (let d = 0; d < depth; d++) i = 2 * i + 2 - Number((X[a + (feature[node + i] as number)] as number) <= (threshold[node + i] as number));
        m += leaf[lf + i] as number;
      }
    }
    out[r] = 1 / (1 + Math.exp(-m));
  }
  return out;
}

/**
 * Pair work shared by threads: items 0..n-1 (pair k, or matrix row rows[k]) in chunks that each thread claims from
 * one atomic counter until none is left, so a slower thread (a busy core, a bigger heap to collect) simply takes
 * fewer chunks. With features, item k's features (pair a[k], b[k]) are written to row k of x first; with a forest,
 * its score goes to scores[k]. All arrays are on SharedArrayBuffers when more than one thread works on them.
 */
export interface PairJob {
  readonly n: number;
  readonly chunk: number;
  /** [0]: the next item to claim. */
  readonly next: Int32Array;
  /** Per chunk: 1 once its items are written (a failed thread's claimed chunks are redone by the caller). */
  readonly done: Uint8Array;
  readonly x: Float32Array;
  readonly scores: Float32Array;
  readonly features?: { readonly vocab: FeatureVocab; readonly profiles: Profiles; readonly a: Int32Array; readonly b: Int32Array };
  readonly forest?: FlatForest;
  readonly rows?: Uint32Array;
}

/** Does one chunk of a pair job. */
export function runPairChunk(job: PairJob, c: number): void {
  const s = c * job.chunk;
  const e = Math.min(job.n, s + job.chunk);
  if (job.features) {
    const { vocab, profiles, a, b } = job.features;
    featurizeInto(vocab, profiles, a.subarray(s, e), b.subarray(s, e), job.x.subarray(s * N_PAIR_FEATURES, e * N_PAIR_FEATURES));
  }
  if (job.forest) {
    if (job.rows) predictRows(job.forest, job.x, N_PAIR_FEATURES, job.rows.subarray(s, e), job.scores.subarray(s, e));
    else predictRows(job.forest, job.x.subarray(s * N_PAIR_FEATURES, e * N_PAIR_FEATURES), N_PAIR_FEATURES, undefined, job.scores.subarray(s, e));
  }
  job.done[c] = 1;
}

/** Claims and does chunks of a pair job until all are claimed. */
export function runPairChunks(job: PairJob): void {
  for (;;) {
    const start = Atomics.add(job.next, 0, job.chunk);
    if (start >= job.n) return;
    runPairChunk(job, start / job.chunk);
  }
}
