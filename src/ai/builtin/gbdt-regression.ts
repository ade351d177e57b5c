// Gradient-boosted trees for regression (squared error or Poisson), sharing the classifier's trees and binning;
// forecasting's global model needs a numeric target, which the logloss booster in gbdt.ts does not fit.

import { binFeatures } from './binning.js';
import { DEFAULT_GBDT_PARAMS, GbdtError, type Dataset, type GbdtParams } from './gbdt.js';
import { createRng, sampleIndices } from './rng.js';
import { growTree, treePredict, type Tree } from './tree.js';

/** squared: mean of y; poisson: log of the mean (y ≥ 0, predictions exp(margin)). */
export type RegressionObjective = 'squared' | 'poisson';

export interface GbdtRegressor {
  readonly kind: 'omnifuse.gbdt-regressor';
  readonly version: 1;
  readonly objective: RegressionObjective;
  readonly params: GbdtParams;
  readonly featureNames: string[];
  readonly baseScore: number;
  readonly trees: Tree[];
  /** validation loss per round, when a validation set was given */
  readonly validLoss: number[];
}

export interface WeightedDataset extends Dataset {
  /** optional row weights (default 1) */
  readonly w?: ArrayLike<number>;
}

function loss(obj: RegressionObjective, y: ArrayLike<number>, m: Float64Array, w?: ArrayLike<number>): number {
  let s = 0;
  let ws = 0;
  for (let i = 0; i < m.length; i++) {
    const wi = w ? (w[i] as number) : 1;
    const yi = y[i] as number;
    const mi = m[i] as number;
    s += wi * (obj === 'squared' ? (yi - mi) ** 2 : Math.exp(mi) - yi * mi);
    ws += wi;
  }
  return s / Math.max(1e-12, ws);
}

/** Trains a regressor; with `valid`, keeps the round with the lowest validation loss (early stopping). */
export function trainGbdtRegressor(
  featureNames: readonly string[], train: WeightedDataset, valid: WeightedDataset | undefined,
  params: Partial<GbdtParams> = {}, objective: RegressionObjective = 'squared',
): GbdtRegressor {
  const p: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...params };
  const nF = featureNames.length;
  const n = train.x.length;
  if (n === 0) throw new GbdtError('train: no rows; give at least one example');
  if (train.y.length !== n) throw new GbdtError(`train: ${n} feature rows but ${train.y.length} targets; pass one target per row`);
  let sw = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const wi = train.w ? (train.w[i] as number) : 1;
    const yi = train.y[i] as number;
    if (objective === 'poisson' && yi < 0) throw new GbdtError(`train row ${i}: target ${yi} < 0; the poisson objective needs counts`);
    sw += wi;
    sy += wi * yi;
  }
  const mean = sy / Math.max(1e-12, sw);
  const baseScore = objective === 'squared' ? mean : Math.log(Math.max(1e-9, mean));
  const data = binFeatures(train.x, nF, p.maxBins);
  const rng = createRng(p.seed);
  const margin = new Float64Array(n).fill(baseScore);
  const nv = valid?.x.length ?? 0;
  const vMargin = new Float64Array(nv).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: Tree[] = [];
  const validLoss: number[] = [];
  let best = Infinity;
  let bestRound = 0;
  const nRows = Math.max(1, Math.round(n * p.rowSample));
  const nCols = Math.max(1, Math.round(nF * p.colSample));
  for (let t = 0; t < p.nTrees; t++) {
    for (let i = 0; i < n; i++) {
      const wi = train.w ? (train.w[i] as number) : 1;
      if (objective === 'squared') {
        grad[i] = wi * ((margin[i] as number) - (train.y[i] as number));
        hess[i] = wi;
      } else {
        const mu = Math.exp(margin[i] as number);
        grad[i] = wi * (mu - (train.y[i] as number));
        hess[i] = wi * Math.max(mu, 1e-6);
      }
    }
    const tree = growTree(data, sampleIndices(rng, n, nRows), sampleIndices(rng, nF, nCols), grad, hess, nF, p);
    trees.push(tree);
    for (let i = 0; i < n; i++) margin[i] = (margin[i] as number) + treePredict(tree, train.x[i] as ArrayLike<number>);
    if (valid) {
      for (let i = 0; i < nv; i++) vMargin[i] = (vMargin[i] as number) + treePredict(tree, valid.x[i] as ArrayLike<number>);
      const l = loss(objective, valid.y, vMargin, valid.w);
      validLoss.push(l);
      if (l < best - 1e-12) {
        best = l;
        bestRound = t + 1;
      } else if (p.earlyStoppingRounds > 0 && t + 1 - bestRound >= p.earlyStoppingRounds) break;
    }
  }
  return {
    kind: 'omnifuse.gbdt-regressor', version: 1, objective, params: p, featureNames: [...featureNames], baseScore,
    trees: valid ? trees.slice(0, Math.max(1, bestRound)) : trees, validLoss,
  };
}

/** Prediction on the target's scale (exp of the margin for poisson). */
export function gbdtRegress(model: GbdtRegressor, x: ArrayLike<number>): number {
  let m = model.baseScore;
  for (const t of model.trees) m += treePredict(t, x);
  return model.objective === 'poisson' ? Math.exp(m) : m;
}
