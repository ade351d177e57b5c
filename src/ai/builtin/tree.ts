// One regression tree grown on gradient histograms; the building block of the boosted model.

import type { FeatureBins } from './binning.js';

/** Flat, JSON-friendly tree: node i is a leaf when feature[i] < 0. Every node keeps its value for path contributions. */
export interface Tree {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
  /** Loss reduction of each split (0 at leaves), for feature importance. */
  readonly gain: number[];
}

export interface TreeParams {
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly minChildWeight: number;
  readonly lambda: number;
  readonly learningRate: number;
}

interface Histogram {
  readonly g: Float64Array;
  readonly h: Float64Array;
  readonly c: Uint32Array;
}

const STRIDE = 256;

function buildHistogram(data: FeatureBins, features: Uint32Array, rows: Uint32Array, grad: Float64Array, hess: Float64Array, nFeatures: number): Histogram {
  const g = new Float64Array(nFeatures * STRIDE);
  const h = new Float64Array(nFeatures * STRIDE);
  const c = new Uint32Array(nFeatures * STRIDE);
  const n = data.nRows;
  const bins = data.bins;
  for (const f of features) {
    const off = f * n;
    const hoff = f * STRIDE;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] as number;
      const b = hoff + (bins[off + r] as number);
      g[b] = (g[b] as number) + (grad[r] as number);
      h[b] = (h[b] as number) + (hess[r] as number);
      c[b] = (c[b] as number) + 1;
    }
  }
  return { g, h, c };
}

function subtract(parent: Histogram, child: Histogram): Histogram {
  const g = parent.g.slice();
  const h = parent.h.slice();
  const c = parent.c.slice();
  for (let i = 0; i < g.length; i++) {
    g[i] = (g[i] as number) - (child.g[i] as number);
    h[i] = (h[i] as number) - (child.h[i] as number);
    c[i] = (c[i] as number) - (child.c[i] as number);
  }
  return { g, h, c };
}

interface Split {
  feature: number;
  bin: number;
  gain: number;
}

function bestSplit(hist: Histogram, data: FeatureBins, features: Uint32Array, G: number, H: number, N: number, p: TreeParams): Split | undefined {
  const parentScore = (G * G) / (H + p.lambda);
  let best: Split | undefined;
  for (const f of features) {
    const nb = (data.edges[f]?.length ?? 0) + 2;
    const off = f * STRIDE;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    // The last bin (NaN) can never be on the left, so stop one short of it.
    for (let b = 0; b < nb - 2; b++) {
      gl += hist.g[off + b] as number;
      hl += hist.h[off + b] as number;
      cl += hist.c[off + b] as number;
      const cr = N - cl;
      if (cl < p.minSamplesLeaf) continue;
      if (cr < p.minSamplesLeaf) break;
      const hr = H - hl;
      if (hl < p.minChildWeight || hr < p.minChildWeight) continue;
      const gr = G - gl;
      const gain = (gl * gl) / (hl + p.lambda) + (gr * gr) / (hr + p.lambda) - parentScore;
      if (gain > 1e-12 && (!best || gain > best.gain)) best = { feature: f, bin: b, gain };
    }
  }
  return best;
}

/** Grows one depth-limited tree on the given rows and features; leaf values already include the learning rate. */
export function growTree(data: FeatureBins, rows: Uint32Array, features: Uint32Array, grad: Float64Array, hess: Float64Array, nFeatures: number, p: TreeParams): Tree {
  const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [], gain: [] };
  const grow = (nodeRows: Uint32Array, hist: Histogram, depth: number): number => {
    let G = 0;
    let H = 0;
    for (const r of nodeRows) {
      G += grad[r] as number;
      H += hess[r] as number;
    }
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push((-G / (H + p.lambda)) * p.learningRate);
    tree.gain.push(0);
    if (depth >= p.maxDepth || nodeRows.length < 2 * p.minSamplesLeaf) return id;
    const split = bestSplit(hist, data, features, G, H, nodeRows.length, p);
    if (!split) return id;
    const off = split.feature * data.nRows;
    let nLeft = 0;
    for (const r of nodeRows) if ((data.bins[off + r] as number) <= split.bin) nLeft++;
    const lRows = new Uint32Array(nLeft);
    const rRows = new Uint32Array(nodeRows.length - nLeft);
    let li = 0;
    let ri = 0;
    for (const r of nodeRows) {
      if ((data.bins[off + r] as number) <= split.bin) lRows[li++] = r;
      else rRows[ri++] = r;
    }
    const smallIsLeft = lRows.length <= rRows.length;
    const smallHist = buildHistogram(data, features, smallIsLeft ? lRows : rRows, grad, hess, nFeatures);
    const bigHist = subtract(hist, smallHist);
    tree.feature[id] = split.feature;
    tree.threshold[id] = data.edges[split.feature]?.[split.bin] ?? 0;
    tree.gain[id] = split.gain;
    tree.left[id] = grow(lRows, smallIsLeft ? smallHist : bigHist, depth + 1);
    tree.right[id] = grow(rRows, smallIsLeft ? bigHist : smallHist, depth + 1);
    return id;
  };
  grow(rows, buildHistogram(data, features, rows, grad, hess, nFeatures), 0);
  return tree;
}

/** Leaf value for one row of raw features; NaN goes right (as in training). */
export function treePredict(tree: Tree, x: ArrayLike<number>): number {
  let i = 0;
  while ((tree.feature[i] as number) >= 0) {
    const v = x[tree.feature[i] as number] as number;
    i = v <= (tree.threshold[i] as number) ? (tree.left[i] as number) : (tree.right[i] as number);
  }
  return tree.value[i] as number;
}

/** Saabas contributions: each split's change in node value is credited to its feature; returns the root value. */
export function treeContributions(tree: Tree, x: ArrayLike<number>, out: Float64Array): number {
  let i = 0;
  while ((tree.feature[i] as number) >= 0) {
    const f = tree.feature[i] as number;
    const v = x[f] as number;
    const next = v <= (tree.threshold[i] as number) ? (tree.left[i] as number) : (tree.right[i] as number);
    out[f] = (out[f] as number) + (tree.value[next] as number) - (tree.value[i] as number);
    i = next;
  }
  return tree.value[0] as number;
}
