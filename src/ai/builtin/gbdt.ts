// Gradient-boosted trees for binary classification (logloss), small and deterministic, so matching needs no native ML library.

import { binFeatures } from './binning.js';
import { createRng, sampleIndices } from './rng.js';
import { growTree, treeContributions, treePredict, type Tree } from './tree.js';

export interface GbdtParams {
  readonly nTrees: number;
  readonly learningRate: number;
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  /** Minimum hessian sum per child (guards against splits on a few confident rows). */
  readonly minChildWeight: number;
  /** L2 penalty on leaf values. */
  readonly lambda: number;
  /** Fraction of rows sampled for each tree. */
  readonly rowSample: number;
  /** Fraction of features sampled for each tree. */
  readonly colSample: number;
  readonly maxBins: number;
  /** Stop when validation logloss has not improved for this many trees (0 = never). */
  readonly earlyStoppingRounds: number;
  readonly seed: number;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  nTrees: 600,
  learningRate: 0.05,
  maxDepth: 4,
  minSamplesLeaf: 5,
  minChildWeight: 1,
  lambda: 1,
  rowSample: 0.8,
  colSample: 0.5,
  maxBins: 64,
  earlyStoppingRounds: 80,
  seed: 1,
};

/** The trained model artefact: plain JSON. */
export interface GbdtModel {
  readonly kind: 'omnifuse.gbdt';
  readonly version: 1;
  readonly params: GbdtParams;
  readonly featureNames: string[];
  /** Log-odds before any tree. */
  readonly baseScore: number;
  readonly trees: Tree[];
  /** Validation logloss per boosting round, when a validation set was given. */
  readonly validLoss: number[];
}

export interface Dataset {
  readonly x: readonly ArrayLike<number>[];
  readonly y: ArrayLike<number>;
}

export class GbdtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GbdtError';
  }
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function logloss(y: ArrayLike<number>, margin: Float64Array): number {
  let s = 0;
  for (let i = 0; i < margin.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(margin[i] as number)));
    s -= (y[i] as number) === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / Math.max(1, margin.length);
}

function checkData(d: Dataset, nFeatures: number, what: string): void {
  if (d.x.length !== d.y.length) throw new GbdtError(`${what}: ${d.x.length} feature rows but ${d.y.length} labels; pass one label per row`);
  d.x.forEach((row, i) => {
    if (row.length !== nFeatures) throw new GbdtError(`${what} row ${i}: ${row.length} features, expected ${nFeatures} (${what} must use the same featurizer)`);
  });
}

/** Trains on `train`; with `valid`, keeps the round with the lowest validation logloss (early stopping). */
export function trainGbdt(featureNames: readonly string[], train: Dataset, valid: Dataset | undefined, params: Partial<GbdtParams> = {}): GbdtModel {
  const p: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...params };
  const nF = featureNames.length;
  const n = train.x.length;
  checkData(train, nF, 'train');
  if (valid) checkData(valid, nF, 'valid');
  if (n === 0) throw new GbdtError('train: no rows; give at least one labelled example of each class');
  let pos = 0;
  for (let i = 0; i < n; i++) pos += train.y[i] as number;
  if (pos === 0 || pos === n) throw new GbdtError(`train: all ${n} labels are ${pos === 0 ? 0 : 1}; both classes are needed`);
  const prior = pos / n;
  const baseScore = Math.log(prior / (1 - prior));
  const data = binFeatures(train.x, nF, p.maxBins);
  const rng = createRng(p.seed);
  const margin = new Float64Array(n).fill(baseScore);
  const vMargin = new Float64Array(valid?.x.length ?? 0).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: Tree[] = [];
  const validLoss: number[] = [];
  let bestLoss = Infinity;
  let bestRound = 0;
  const nRows = Math.max(1, Math.round(n * p.rowSample));
  const nCols = Math.max(1, Math.round(nF * p.colSample));
  for (let t = 0; t < p.nTrees; t++) {
    for (let i = 0; i < n; i++) {
      const pr = sigmoid(margin[i] as number);
      grad[i] = pr - (train.y[i] as number);
      hess[i] = Math.max(pr * (1 - pr), 1e-16);
    }
    const rows = sampleIndices(rng, n, nRows);
    const cols = sampleIndices(rng, nF, nCols);
    const tree = growTree(data, rows, cols, grad, hess, nF, p);
    trees.push(tree);
    for (let i = 0; i < n; i++) margin[i] = (margin[i] as number) + treePredict(tree, train.x[i] as ArrayLike<number>);
    if (valid) {
      for (let i = 0; i < vMargin.length; i++) vMargin[i] = (vMargin[i] as number) + treePredict(tree, valid.x[i] as ArrayLike<number>);
      const loss = logloss(valid.y, vMargin);
      validLoss.push(loss);
      if (loss < bestLoss - 1e-9) {
        bestLoss = loss;
        bestRound = t + 1;
      } else if (p.earlyStoppingRounds > 0 && t + 1 - bestRound >= p.earlyStoppingRounds) break;
    }
  }
  return { kind: 'omnifuse.gbdt', version: 1, params: p, featureNames: [...featureNames], baseScore, trees: valid ? trees.slice(0, bestRound) : trees, validLoss };
}

/** Log-odds of a match for one feature row. */
export function gbdtMargin(model: GbdtModel, x: ArrayLike<number>): number {
  let m = model.baseScore;
  for (const t of model.trees) m += treePredict(t, x);
  return m;
}

/** Probability of the positive class. */
export function gbdtPredict(model: GbdtModel, x: ArrayLike<number>): number {
  return sigmoid(gbdtMargin(model, x));
}

export interface Contributions {
  /** Log-odds before any feature's effect (base score plus root values). */
  readonly bias: number;
  /** Per feature, its share of the log-odds (Saabas path attribution); bias + Σ = margin. */
  readonly byFeature: Float64Array;
}

export function gbdtContributions(model: GbdtModel, x: ArrayLike<number>): Contributions {
  const byFeature = new Float64Array(model.featureNames.length);
  let bias = model.baseScore;
  for (const t of model.trees) bias += treeContributions(t, x, byFeature);
  return { bias, byFeature };
}

/** Total split gain per feature, normalised to sum to 1. */
export function gbdtImportance(model: GbdtModel): { feature: string; gain: number }[] {
  const g = new Float64Array(model.featureNames.length);
  for (const t of model.trees) t.feature.forEach((f, i) => {
    if (f >= 0) g[f] = (g[f] as number) + (t.gain[i] as number);
  });
  const total = g.reduce((a, b) => a + b, 0) || 1;
  return model.featureNames.map((feature, i) => ({ feature, gain: (g[i] as number) / total })).sort((a, b) => b.gain - a.gain);
}

export function gbdtToJson(model: GbdtModel): string {
  return JSON.stringify(model);
}

export function gbdtFromJson(json: string): GbdtModel {
  const m = JSON.parse(json) as Partial<GbdtModel>;
  if (m.kind !== 'omnifuse.gbdt' || m.version !== 1 || !Array.isArray(m.trees) || !Array.isArray(m.featureNames)) {
    throw new GbdtError(`Not an omnifuse GBDT artefact (kind ${JSON.stringify(m.kind)}, version ${JSON.stringify(m.version)}); re-train or pass the right file`);
  }
  return m as GbdtModel;
}
