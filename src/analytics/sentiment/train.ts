// Train and evaluate the review-sentiment model. One fitting procedure, used the same way at every level: on the
// rows it is given, a stratified 5-fold cross-validation picks each member's L2 strength and yields out-of-fold
// probabilities (Platt-scaled scores), the decision threshold that maximises out-of-fold macro-F1 is taken, and the
// members are refitted on all the rows. Evaluation: a seeded stratified 60/20/20 split; the procedure fitted on
// train is scored on valid (used to choose the configuration, over split seeds 1-5), the procedure fitted on
// train + valid is scored on test, once.
import { createRng } from '../../ai/builtin/rng.js';
import type { Backend } from '../../store/backend.js';
import { fingerprint, saveModel, type ModelInfo } from '../../store/model-registry.js';
import { usageError } from '../../util/errors.js';
import { asReview, featureWidth, featurizer, fitFeatures, prepareReview, rowMaker, type FeatureMap, type FeatureSpec, type PreparedReview, type Review } from './features.js';
import { linearScore, trainLinear, type LinearModel } from './linear.js';
import type { LabelledText } from './amazon-reviews.js';

export const SENTIMENT_MODEL = 'sentiment-tfidf-logistic';

export interface MemberConfig {
  name: string;
  features: FeatureSpec;
  loss: 'logistic' | 'svm';
  l2Grid: number[];
}

export interface SentimentConfig {
  members: MemberConfig[];
  /** 3-star reviews join the training rows with this target and weight (never scored); null leaves them out */
  neutral: { target: number; weight: number } | null;
  folds: number;
  /** 'cv': the threshold with the best out-of-fold macro-F1; 'balanced': the class-balanced model's own boundary
   * (linear score 0), averaged over members after Platt scaling */
  threshold?: 'cv' | 'balanced';
}

export interface SentimentMember {
  name: string;
  features: FeatureMap;
  model: LinearModel;
  /** Platt scaling of the linear score, fitted on out-of-fold scores: p = 1 / (1 + exp(-(a·s + b))) */
  platt: { a: number; b: number };
  l2: number;
}

export interface SentimentArtefact {
  format: 2;
  members: SentimentMember[];
  /** probability of positive (mean over members) above which a review is positive */
  threshold: number;
}

export interface BinaryScores {
  macroF1: number;
  f1Positive: number;
  f1Negative: number;
  accuracy: number;
  n: number;
  negatives: number;
}

export interface SentimentEval {
  split: { train: number; valid: number; test: number; neutral: number };
  chosen: { members: { name: string; l2: number }[]; threshold: number; cvMacroF1: number };
  /** the procedure fitted on train, scored on valid */
  valid: BinaryScores;
  /** the procedure fitted on train + valid (the returned model), scored on test once */
  test: BinaryScores;
  terms: number;
}

const FEATURES: FeatureSpec = { negation: 'next', contrast: false, chars: true, titleBlock: true, weighting: 'nb', lexicon: 1, minDf: 2 };

/** Chosen by mean valid macro-F1 over split seeds 1-5 among the candidates of `npm run bench -- sentiment --select`:
 * NB-weighted logistic regression with the user's title as its own block, 3-star reviews as half-positive training text. */
export const DEFAULT_CONFIG: SentimentConfig = {
  members: [{ name: 'nb-logistic', features: FEATURES, loss: 'logistic', l2Grid: [1e-5, 1e-4, 1e-3] }],
  neutral: { target: 0.5, weight: 1 },
  folds: 5,
};

export function binaryScores(y: ArrayLike<number>, p: ArrayLike<number>, threshold: number): BinaryScores {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const pred = p[i]! >= threshold ? 1 : 0;
    if (pred === 1 && y[i] === 1) tp++;
    else if (pred === 1) fp++;
    else if (y[i] === 0) tn++;
    else fn++;
  }
  const f1 = (a: number, b: number, c: number) => (2 * a === 0 ? 0 : (2 * a) / (2 * a + b + c));
  const f1Positive = f1(tp, fp, fn);
  const f1Negative = f1(tn, fn, fp);
  return { macroF1: (f1Positive + f1Negative) / 2, f1Positive, f1Negative, accuracy: (tp + tn) / Math.max(1, y.length), n: y.length, negatives: tn + fp };
}

/** The threshold with the best macro-F1 over these scores: the middle of the best run of cut points. */
export function bestThreshold(y: ArrayLike<number>, p: ArrayLike<number>): { threshold: number; macroF1: number } {
  const cuts = [...new Set(Array.from(p))].sort((a, b) => a - b);
  const mids = [cuts[0]! - 1e-9, ...cuts.slice(1).map((c, i) => (c + cuts[i]!) / 2)];
  const f = mids.map((t) => binaryScores(y, p, t).macroF1);
  const best = Math.max(...f);
  const at = f.map((v, i) => (v >= best - 1e-12 ? i : -1)).filter((i) => i >= 0);
  return { threshold: mids[at[Math.floor((at.length - 1) / 2)]!]!, macroF1: best };
}

/** Stratified split: each class shuffled with the seed, then cut 60/20/20. */
export function stratifiedSplit<T extends { y: number }>(rows: readonly T[], seed: number): { train: T[]; valid: T[]; test: T[] } {
  const rng = createRng(seed);
  const out = { train: [] as T[], valid: [] as T[], test: [] as T[] };
  for (const cls of [0, 1]) {
    const c = rows.filter((r) => r.y === cls);
    for (let i = c.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [c[i], c[j]] = [c[j]!, c[i]!];
    }
    const a = Math.round(c.length * 0.6);
    const b = Math.round(c.length * 0.8);
    out.train.push(...c.slice(0, a));
    out.valid.push(...c.slice(a, b));
    out.test.push(...c.slice(b));
  }
  return out;
}

/** Stratified k-fold assignment (fold number per row), seeded. */
function foldsOf(y: readonly number[], k: number, seed: number): number[] {
  const rng = createRng(seed * 7919 + 17);
  const fold = new Array<number>(y.length).fill(0);
  for (const cls of [0, 1]) {
    const idx = y.map((v, i) => (v === cls ? i : -1)).filter((i) => i >= 0);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((row, n) => (fold[row] = n % k));
  }
  return fold;
}

/** Platt scaling (plain, unweighted logistic on one score), by Newton's method. */
function fitPlatt(s: readonly number[], y: readonly number[]): { a: number; b: number } {
  let a = 1;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    s.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      const d = p - y[i]!;
      const h = p * (1 - p);
      ga += d * x;
      gb += d;
      haa += h * x * x;
      hab += h * x;
      hbb += h;
    });
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Fit one member's features and linear model on these rows (plus the 3-star rows when the config uses them). */
function fitMember(docs: readonly PreparedReview[], y: readonly number[], neutral: readonly PreparedReview[], cfg: SentimentConfig, m: MemberConfig, seed: number): { features: FeatureMap; fit: (l2: number, init?: LinearModel) => LinearModel } {
  const features = fitFeatures(docs, y, m.features);
  const row = rowMaker(features);
  const x = docs.map(row);
  const yy = [...y];
  const weight = y.map(() => 1);
  if (cfg.neutral) {
    for (const r of neutral) {
      x.push(row(r));
      yy.push(cfg.neutral.target);
      weight.push(cfg.neutral.weight);
    }
  }
  return { features, fit: (l2, init) => trainLinear(x, yy, featureWidth(features), { loss: m.loss, l2, weight, seed, ...(init ? { init } : {}) }) };
}

/** The fitting procedure (see the header): returns the artefact and its cross-validated macro-F1. */
export function fitSentiment(rows: readonly LabelledText[], neutral: readonly LabelledText[], cfg: SentimentConfig = DEFAULT_CONFIG, seed = 1): { artefact: SentimentArtefact; cvMacroF1: number } {
  const y = rows.map((r) => r.y);
  const fold = foldsOf(y, cfg.folds, seed);
  const oofMean = new Float64Array(rows.length);
  const members: SentimentMember[] = [];
  for (const m of cfg.members) {
    const docs = rows.map((r) => prepareReview(asReview(r), m.features));
    const neutralDocs = neutral.map((r) => prepareReview(asReview(r), m.features));
    // out-of-fold scores for every L2 strength; features are refitted per fold (the NB ratios use the labels)
    const oof = m.l2Grid.map(() => new Float64Array(rows.length));
    for (let k = 0; k < cfg.folds; k++) {
      const tr = rows.map((_, i) => i).filter((i) => fold[i] !== k);
      const te = rows.map((_, i) => i).filter((i) => fold[i] === k);
      const inner = fitMember(tr.map((i) => docs[i]!), tr.map((i) => y[i]!), neutralDocs, cfg, m, seed);
      const row = rowMaker(inner.features);
      const xTe = te.map((i) => row(docs[i]!));
      // strongest penalty first, each fit warm-started from the previous one (an L2 path)
      let prev: LinearModel | undefined;
      for (const g of m.l2Grid.map((_, g) => g).sort((a, b) => m.l2Grid[b]! - m.l2Grid[a]!)) {
        const model = inner.fit(m.l2Grid[g]!, prev);
        prev = model;
        te.forEach((i, n) => (oof[g]![i] = linearScore(model, xTe[n]!)));
      }
    }
    const scored = oof.map((s) => bestThreshold(y, s).macroF1);
    const g = scored.indexOf(Math.max(...scored));
    const platt = fitPlatt([...oof[g]!], y);
    oof[g]!.forEach((s, i) => (oofMean[i] = oofMean[i]! + sigmoid(platt.a * s + platt.b) / cfg.members.length));
    const full = fitMember(docs, y, neutralDocs, cfg, m, seed);
    members.push({ name: m.name, features: full.features, model: full.fit(m.l2Grid[g]!), platt, l2: m.l2Grid[g]! });
  }
  const t = bestThreshold(y, oofMean);
  if (cfg.threshold === 'balanced') {
    const threshold = members.reduce((a, m) => a + sigmoid(m.platt.b), 0) / members.length;
    return { artefact: { format: 2, members, threshold }, cvMacroF1: binaryScores(y, oofMean, threshold).macroF1 };
  }
  return { artefact: { format: 2, members, threshold: t.threshold }, cvMacroF1: t.macroF1 };
}

/** Probability that a review (one text, or title and body) is positive, with the stored model. */
export function sentimentScorer(a: SentimentArtefact): (text: string | Review) => number {
  if (a.format !== 2) throw usageError('the stored sentiment model was made by an older omnifuse (another artefact format)', 'retrain it: omnifuse reviews --train ../shared/data/amazon-reviews/*.json.gz');
  const members = a.members.map((m) => ({ m, vec: featurizer(m.features) }));
  return (text) => {
    const r = asReview(text);
    return members.reduce((acc, { m, vec }) => acc + sigmoid(m.platt.a * linearScore(m.model, vec(r)) + m.platt.b), 0) / members.length;
  };
}

export function trainSentiment(rows: readonly LabelledText[], opts: { seed?: number; config?: SentimentConfig; neutral?: readonly LabelledText[]; skipValid?: boolean } = {}): { artefact: SentimentArtefact; evaluation: SentimentEval } {
  const seed = opts.seed ?? 1;
  const cfg = opts.config ?? DEFAULT_CONFIG;
  const neutral = cfg.neutral ? (opts.neutral ?? []) : [];
  const split = stratifiedSplit(rows, seed);
  const score = (a: SentimentArtefact, test: readonly LabelledText[]) => {
    const s = sentimentScorer(a);
    return binaryScores(test.map((r) => r.y), test.map((r) => s(asReview(r))), a.threshold);
  };
  const valid = opts.skipValid ? binaryScores([], [], 0.5) : score(fitSentiment(split.train, neutral, cfg, seed).artefact, split.valid);
  const final = fitSentiment([...split.train, ...split.valid], neutral, cfg, seed);
  return {
    artefact: final.artefact,
    evaluation: {
      split: { train: split.train.length, valid: split.valid.length, test: split.test.length, neutral: neutral.length },
      chosen: { members: final.artefact.members.map((m) => ({ name: m.name, l2: m.l2 })), threshold: final.artefact.threshold, cvMacroF1: final.cvMacroF1 },
      valid,
      test: score(final.artefact, split.test),
      terms: final.artefact.members.reduce((a, m) => a + m.features.terms.length, 0),
    },
  };
}

export async function storeSentiment(db: Backend, a: SentimentArtefact, e: SentimentEval, source: string[]): Promise<ModelInfo> {
  return saveModel(db, {
    name: SENTIMENT_MODEL, kind: a.members.map((m) => m.name).join('+'), params: { ...e.chosen, terms: e.terms, source },
    metrics: { testMacroF1: e.test.macroF1, validMacroF1: e.valid.macroF1, cvMacroF1: e.chosen.cvMacroF1, testAccuracy: e.test.accuracy, split: e.split },
    dataFingerprint: fingerprint(source, e.split), artefact: a,
  });
}
