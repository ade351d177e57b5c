// Train and evaluate the review-sentiment model. One fitting procedure, used the same way at every level: on the
// rows it is given, a stratified 5-fold cross-validation picks each member's L2 strength and yields out-of-fold
// probabilities (Platt-scaled scores); optionally a stacker (stack.ts) is fitted on those out-of-fold log-odds plus
// lexicon scores, by CV over the same folds; the decision threshold that maximises out-of-fold macro-F1 is taken, and
// the members are refitted on all the rows. Evaluation: a seeded stratified 60/20/20 split; the procedure fitted on
// train is scored on valid (used to choose the configuration, over split seeds 1-5), the procedure fitted on
// train + valid is scored on test, once.
import { auc } from '../churn/metrics.js';
import { createRng, shuffleInPlace } from '../../ai/builtin/rng.js';
import type { Backend } from '../../store/backend.js';
import { fingerprint, saveModel, type ModelInfo } from '../../store/model-registry.js';
import { usageError } from '../../util/errors.js';
import { asReview, featureWidth, featurizer, fitFeatures, prepareReview, rowMaker, type FeatureMap, type FeatureSpec, type PreparedReview, type Review } from './features.js';
import { linearScore, logisticLoss, trainLinear, type LinearModel } from './linear.js';
import type { LabelledText } from './amazon-reviews.js';
import { stackPriors, stackRow, type StackModel, type StackSpec } from './stack.js';

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
  /** cross-validation repeated over this many fold assignments (default 1) */
  repeats?: number;
  /** what picks each L2 strength from the out-of-fold scores: the best macro-F1 at its best threshold (default), or
   * the ROC AUC (smooth in the scores, so less at the mercy of one review either side of a threshold) */
  selectBy?: 'macroF1' | 'auc';
  /** 'refit' (default): each member refitted on all the rows is what scores; 'folds': the mean score of its
   * cross-validation fold models (first repeat), so scores at use come from the same kind of model as the out-of-fold
   * scores the Platt scaling, stacker and threshold were fitted on */
  apply?: 'refit' | 'folds';
  /** 'cv': the threshold with the best out-of-fold macro-F1; 'balanced': the class-balanced model's own boundary
   * (linear score 0), averaged over members after Platt scaling; 'bagged': the median of the best out-of-fold
   * thresholds of 200 bootstrap resamples (the argmax of a jagged curve moves a lot with one review; its median less);
   * 'prevalence': the cut that calls as many out-of-fold reviews negative as there are negative reviews (depends on the
   * ranking and the class share only, not on where one review falls) */
  threshold?: 'cv' | 'balanced' | 'bagged' | 'prevalence';
  /** combine the members (and prior-knowledge scores) by a logistic regression fitted on their out-of-fold scores
   * instead of averaging their probabilities; its own out-of-fold probabilities give the threshold */
  stack?: StackSpec;
}

export interface SentimentMember {
  name: string;
  features: FeatureMap;
  model: LinearModel;
  /** with `apply: 'folds'`: the fold models whose mean score replaces `model`'s */
  folds?: { features: FeatureMap; model: LinearModel }[];
  /** Platt scaling of the linear score, fitted on out-of-fold scores: p = 1 / (1 + exp(-(a·s + b))) */
  platt: { a: number; b: number };
  l2: number;
}

export interface SentimentArtefact {
  format: 2;
  members: SentimentMember[];
  /** when present, the probability is this stacker's, over the members' log-odds and the review's prior scores */
  stack?: StackModel;
  /** probability of positive (mean over members, or the stacker's) above which a review is positive */
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
  chosen: { members: { name: string; l2: number }[]; stackL2?: number; threshold: number; cvMacroF1: number };
  /** the procedure fitted on train, scored on valid */
  valid: BinaryScores;
  /** the procedure fitted on train + valid (the returned model), scored on test once */
  test: BinaryScores;
  terms: number;
}

const FEATURES: FeatureSpec = { negation: 'next', contrast: false, chars: true, titleBlock: true, weighting: 'nb', lexicon: 1, minDf: 2 };

const NB_MEMBER: MemberConfig = { name: 'nb-logistic', features: FEATURES, loss: 'logistic', l2Grid: [1e-5, 1e-4, 1e-3] };

/** A logistic regression over the GloVe vectors of title and body (standardised): each one's SIF-weighted mean, and
 * the per-dimension min and max over its sentences' means. */
export const GLOVE_MEMBER: MemberConfig = {
  name: 'glove-logistic',
  features: { negation: 'next', contrast: false, chars: false, titleBlock: false, weighting: 'tfidf', lexicon: 0, terms: false, minDf: 2, vectors: { file: 'glove-100d-top20k.bin', weighting: 'sif', fields: 'split', pools: ['sentence-min', 'sentence-max'], negation: 'none', weight: 1 } },
  loss: 'logistic',
  l2Grid: [1e-3, 1e-2, 1e-1, 1],
};

/** The configuration chosen before the word vectors: the NB words model stacked with AFINN + wink-nlp (valid 0.820 ±
 * 0.048, test 0.811 ± 0.036 over split seeds 1-5). */
export const LEXICON_STACK_CONFIG: SentimentConfig = {
  members: [NB_MEMBER],
  neutral: { target: 0.5, weight: 1 },
  folds: 5,
  stack: { lexicon: true, prior: false, wink: true, l2Grid: [1e-3, 1e-2, 1e-1] },
};

/** Chosen by mean valid macro-F1 over split seeds 1-5 among the candidates of `npm run bench -- sentiment --select`:
 * NB-weighted logistic regression with the user's title as its own block and a logistic regression over the review's
 * GloVe word vectors, 3-star reviews as half-positive training text, stacked with the AFINN and wink-nlp sentiment
 * scores of the review by a logistic regression fitted on the members' out-of-fold log-odds; the threshold calls as many
 * out-of-fold reviews negative as there are negatives (valid 0.837 vs 0.828 with the best out-of-fold macro-F1 cut). */
export const DEFAULT_CONFIG: SentimentConfig = { ...LEXICON_STACK_CONFIG, members: [NB_MEMBER, GLOVE_MEMBER], threshold: 'prevalence' };

/** The configuration chosen before the prior-knowledge stack (valid 0.810 ± 0.017, test 0.819 ± 0.032 over seeds 1-5). */
export const WORDS_ONLY_CONFIG: SentimentConfig = { members: [NB_MEMBER], neutral: LEXICON_STACK_CONFIG.neutral, folds: 5 };

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

/** The best threshold, bagged: the median over bootstrap resamples of (y, p) of each resample's best threshold. */
export function baggedThreshold(y: ArrayLike<number>, p: ArrayLike<number>, seed: number, resamples = 200): number {
  const rng = createRng(seed * 104729 + 3);
  const n = y.length;
  const ts: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const yy = new Float64Array(n);
    const pp = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.next() * n);
      yy[i] = y[j]!;
      pp[i] = p[j]!;
    }
    ts.push(fastBestThreshold(yy, pp));
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)]!;
}

/** The cut below which as many scores fall as there are negatives (y = 0): the middle of the k-th and (k+1)-th smallest. */
export function prevalenceThreshold(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const sorted = Float64Array.from(p).sort();
  let k = 0;
  for (let i = 0; i < y.length; i++) k += y[i] === 0 ? 1 : 0;
  if (k === 0) return sorted[0]! - 1e-9;
  if (k >= sorted.length) return sorted[sorted.length - 1]! + 1e-9;
  return (sorted[k - 1]! + sorted[k]!) / 2;
}

/** The threshold of the 'bagged' and 'prevalence' rules over out-of-fold probabilities p; undefined for the others. */
function ruleThreshold(cfg: SentimentConfig, y: ArrayLike<number>, p: ArrayLike<number>, seed: number): number | undefined {
  if (cfg.threshold === 'bagged') return baggedThreshold(y, p, seed);
  if (cfg.threshold === 'prevalence') return prevalenceThreshold(y, p);
  return undefined;
}

/** bestThreshold's threshold by one sorted sweep (O(n log n)); ties in p are cut together. */
export function fastBestThreshold(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => p[a]! - p[b]!);
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  const neg = y.length - pos;
  // threshold below order[k]: rows before k predicted negative
  let tn = 0;
  let fn = 0;
  const f1 = (a: number, b: number, c: number) => (a === 0 ? 0 : (2 * a) / (2 * a + b + c));
  const score = () => (f1(pos - fn, neg - tn, fn) + f1(tn, fn, neg - tn)) / 2;
  let best = score();
  let at = p[order[0]!]! - 1e-9;
  for (let k = 0; k < order.length; ) {
    let e = k;
    while (e + 1 < order.length && p[order[e + 1]!] === p[order[k]!]) e++;
    for (let j = k; j <= e; j++) {
      if (y[order[j]!] === 1) fn++;
      else tn++;
    }
    const next = e + 1 < order.length ? p[order[e + 1]!]! : p[order[e]!]! + 1e-9;
    const v = score();
    if (v > best) {
      best = v;
      at = (p[order[e]!]! + next) / 2;
    }
    k = e + 1;
  }
  return at;
}

/** Stratified split: each class shuffled with the seed, then cut 60/20/20. */
export function stratifiedSplit<T extends { y: number }>(rows: readonly T[], seed: number): { train: T[]; valid: T[]; test: T[] } {
  const rng = createRng(seed);
  const out = { train: [] as T[], valid: [] as T[], test: [] as T[] };
  for (const cls of [0, 1]) {
    const c = shuffleInPlace(rows.filter((r) => r.y === cls), rng);
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
    const idx = shuffleInPlace(y.map((v, i) => (v === cls ? i : -1)).filter((i) => i >= 0), rng);
    idx.forEach((row, n) => (fold[row] = n % k));
  }
  return fold;
}

/** Platt scaling (plain, unweighted logistic on one score), by Newton's method with step halving: a full Newton step
 * from a poor start can overshoot by orders of magnitude (seen: a = 9·10¹⁰ on a word-vector member's scores, which
 * then silenced the whole stack), so a step is halved until the log-loss goes down. */
export function fitPlatt(s: readonly number[], y: readonly number[]): { a: number; b: number } {
  const loss = (a: number, b: number) => s.reduce((acc, x, i) => acc + logisticLoss(a * x + b, y[i]!), 0);
  let a = 1;
  let b = 0;
  let current = loss(a, b);
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
    let da = (hbb * ga - hab * gb) / det;
    let db = (haa * gb - hab * ga) / det;
    let next = loss(a - da, b - db);
    for (let h = 0; h < 40 && !(next <= current); h++) {
      da /= 2;
      db /= 2;
      next = loss(a - da, b - db);
    }
    if (!(next <= current)) break;
    a -= da;
    b -= db;
    current = next;
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

/** The fitting procedure (see the header): returns the artefact and its cross-validated macro-F1. With
 * `cfg.repeats` = R the cross-validation is repeated over R fold assignments and every choice (L2, Platt scaling,
 * stacker, threshold) is made on the R × n pooled out-of-fold scores, which steadies the threshold. */
export function fitSentiment(rows: readonly LabelledText[], neutral: readonly LabelledText[], cfg: SentimentConfig = DEFAULT_CONFIG, seed = 1): { artefact: SentimentArtefact; cvMacroF1: number } {
  const n = rows.length;
  const y = rows.map((r) => r.y);
  const repeats = cfg.repeats ?? 1;
  const folds = Array.from({ length: repeats }, (_, r) => foldsOf(y, cfg.folds, seed + 1000 * r));
  /** pooled out-of-fold arrays: repeat r, row i at r·n + i */
  const yAll = folds.flatMap(() => y);
  const oofMean = new Float64Array(n * repeats);
  /** per member, the pooled out-of-fold log-odds (Platt-scaled score) */
  const oofLogit: Float64Array[] = [];
  const members: SentimentMember[] = [];
  for (const m of cfg.members) {
    const docs = rows.map((r) => prepareReview(asReview(r), m.features));
    const neutralDocs = neutral.map((r) => prepareReview(asReview(r), m.features));
    // out-of-fold scores for every L2 strength; features are refitted per fold (the NB ratios use the labels)
    const oof = m.l2Grid.map(() => new Float64Array(n * repeats));
    const foldModels = m.l2Grid.map(() => [] as { features: FeatureMap; model: LinearModel }[]);
    folds.forEach((fold, r) => {
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
          te.forEach((i, j) => (oof[g]![r * n + i] = linearScore(model, xTe[j]!)));
          if (r === 0 && cfg.apply === 'folds') foldModels[g]!.push({ features: inner.features, model });
        }
      }
    });
    const scored = oof.map((s) => (cfg.selectBy === 'auc' ? auc(yAll, s) : bestThreshold(yAll, s).macroF1));
    const g = scored.indexOf(Math.max(...scored));
    const platt = fitPlatt([...oof[g]!], yAll);
    oof[g]!.forEach((s, i) => (oofMean[i] = oofMean[i]! + sigmoid(platt.a * s + platt.b) / cfg.members.length));
    oofLogit.push(oof[g]!.map((s) => platt.a * s + platt.b));
    if (cfg.apply === 'folds') {
      const first = foldModels[g]![0]!;
      members.push({ name: m.name, features: first.features, model: first.model, folds: foldModels[g]!, platt, l2: m.l2Grid[g]! });
      continue;
    }
    const full = fitMember(docs, y, neutralDocs, cfg, m, seed);
    members.push({ name: m.name, features: full.features, model: full.fit(m.l2Grid[g]!), platt, l2: m.l2Grid[g]! });
  }
  if (cfg.stack) {
    const spec = cfg.stack;
    const priors = rows.map((r) => stackPriors(asReview(r), spec));
    const z = yAll.map((_, ri) => stackRow(oofLogit.map((l) => l[ri]!), priors[ri % n]!));
    const width = z[0]?.idx.length ?? 0;
    // the stacker's own out-of-fold probabilities, per L2 strength, over the same folds (repeat by repeat)
    const tried = spec.l2Grid.map((l2) => {
      const p = new Float64Array(n * repeats);
      folds.forEach((fold, r) => {
        for (let k = 0; k < cfg.folds; k++) {
          const tr = rows.map((_, i) => i).filter((i) => fold[i] !== k);
          const m = trainLinear(tr.map((i) => z[r * n + i]!), tr.map((i) => y[i]!), width, { loss: 'logistic', l2, seed });
          rows.forEach((_, i) => {
            if (fold[i] === k) p[r * n + i] = sigmoid(linearScore(m, z[r * n + i]!));
          });
        }
      });
      return { l2, p, ...bestThreshold(yAll, p), auc: auc(yAll, p) };
    });
    const key = cfg.selectBy === 'auc' ? 'auc' : 'macroF1';
    const best = tried.reduce((a, b) => (b[key] > a[key] ? b : a));
    const stack: StackModel = { spec, l2: best.l2, model: trainLinear(z, yAll, width, { loss: 'logistic', l2: best.l2, seed }) };
    const rule = ruleThreshold(cfg, yAll, best.p, seed);
    if (rule !== undefined) return { artefact: { format: 2, members, stack, threshold: rule }, cvMacroF1: binaryScores(yAll, best.p, rule).macroF1 };
    return { artefact: { format: 2, members, stack, threshold: best.threshold }, cvMacroF1: best.macroF1 };
  }
  const rule = ruleThreshold(cfg, yAll, oofMean, seed) ?? (cfg.threshold === 'balanced' ? members.reduce((a, m) => a + sigmoid(m.platt.b), 0) / members.length : undefined);
  if (rule !== undefined) return { artefact: { format: 2, members, threshold: rule }, cvMacroF1: binaryScores(yAll, oofMean, rule).macroF1 };
  const t = bestThreshold(yAll, oofMean);
  return { artefact: { format: 2, members, threshold: t.threshold }, cvMacroF1: t.macroF1 };
}

/** Probability that a review (one text, or title and body) is positive, with the stored model. */
export function sentimentScorer(a: SentimentArtefact): (text: string | Review) => number {
  if (a.format !== 2) throw usageError('the stored sentiment model was made by an older omnifuse (another artefact format)', 'retrain it: omnifuse reviews --train ../shared/data/amazon-reviews/*.json.gz');
  // each member's raw score: its model's, or the mean of its fold models'
  const members = a.members.map((m) => {
    const parts = (m.folds ?? [{ features: m.features, model: m.model }]).map((f) => ({ model: f.model, vec: featurizer(f.features) }));
    return { m, raw: (r: Review) => parts.reduce((acc, f) => acc + linearScore(f.model, f.vec(r)), 0) / parts.length };
  });
  const stack = a.stack;
  return (text) => {
    const r = asReview(text);
    if (stack) {
      const logits = members.map(({ m, raw }) => m.platt.a * raw(r) + m.platt.b);
      return sigmoid(linearScore(stack.model, stackRow(logits, stackPriors(r, stack.spec))));
    }
    return members.reduce((acc, { m, raw }) => acc + sigmoid(m.platt.a * raw(r) + m.platt.b), 0) / members.length;
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
      chosen: { members: final.artefact.members.map((m) => ({ name: m.name, l2: m.l2 })), ...(final.artefact.stack ? { stackL2: final.artefact.stack.l2 } : {}), threshold: final.artefact.threshold, cvMacroF1: final.cvMacroF1 },
      valid,
      test: score(final.artefact, split.test),
      terms: final.artefact.members.reduce((a, m) => a + m.features.terms.length, 0),
    },
  };
}

export async function storeSentiment(db: Backend, a: SentimentArtefact, e: SentimentEval, source: string[]): Promise<ModelInfo> {
  return saveModel(db, {
    name: SENTIMENT_MODEL, kind: a.members.map((m) => m.name).join('+') + (a.stack ? `+stack(${[a.stack.spec.lexicon && 'afinn', a.stack.spec.prior && 'vader', a.stack.spec.wink && 'wink'].filter(Boolean).join(',')})` : ''), params: { ...e.chosen, terms: e.terms, source },
    metrics: { testMacroF1: e.test.macroF1, validMacroF1: e.valid.macroF1, cvMacroF1: e.chosen.cvMacroF1, testAccuracy: e.test.accuracy, split: e.split },
    dataFingerprint: fingerprint(source, e.split), artefact: a,
  });
}
