// Measures the encoder on a labelled pair benchmark: blocking recall at equal k (TF-IDF alone vs TF-IDF + encoder
// cosine) and matcher test F1 with and without the `enc.cos` feature. Encoder and matcher see train (and valid for
// selection) only; test is scored once.

import { readdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { gbdtPredict } from '../builtin/gbdt.js';
import { createRng, shuffleInPlace } from '../builtin/rng.js';
import { blockingQuality, blockTfidf } from '../../fusion/block-tfidf.js';
import { createFeaturizer, fitFeaturizer, type Featurizer } from '../../fusion/features.js';
import { featurizePairs, trainMatcher } from '../../fusion/matcher.js';
import { readPairSplits, SIZES } from '../../fusion/pairs/discover.js';
import { recordKey, type LabeledPair, type PairRecord, type PairSplits } from '../../fusion/pairs/types.js';
import { distinct } from '../../fusion/eval.js';
import { meanSd } from '../../util/stats.js';
import { recordText } from '../../fusion/record-text.js';
import { normalizeText } from '../../fusion/text/normalize.js';
import { bestF1Threshold, confusion, prf } from '../../fusion/threshold.js';
import { withCrossFitFeature, withEncoderDiffFeatures, withEncoderFeature } from './feature.js';
import { hardNegatives } from './hard-negatives.js';
import { embedTitles, type EncoderWeights } from './model.js';
import { trainEncoder, type EncoderTrainingSet, type EncoderTrainOptions } from './train.js';

export interface EncoderEvalOptions {
  readonly size?: string;
  readonly seeds?: readonly number[];
  readonly ks?: readonly number[];
  /** Weight of the encoder cosine added to the TF-IDF blocking score. */
  readonly denseWeight?: number;
  readonly training?: Partial<EncoderTrainOptions>;
  /**
   * Which encoder gives the matcher feature. 'self-supervised' (default) trains a second encoder on augmented train
   * titles only: an encoder fitted on the train labels makes enc.cos look better on train pairs than it is on new ones,
   * and the trees then over-trust it. 'same' reuses the blocking encoder. 'cross-fitted' trains one labelled encoder
   * per fold of the training pairs (grouped by left record) and gives each training pair the cosine of the encoder
   * that did not see it (withCrossFitFeature).
   */
  readonly featureEncoder?: 'self-supervised' | 'same' | 'cross-fitted' | 'transfer';
  /**
   * Benchmark folders whose labelled train + valid pairs (largest size present) train the 'transfer' feature encoder,
   * together with augmented views of this dataset's train titles: labels of other datasets only, so this dataset's
   * train and test pairs are equally new to it (transferSet).
   */
  readonly transferDirs?: readonly string[];
  /** Folds of the cross-fitted feature encoders (default 3). */
  readonly folds?: number;
  /**
   * Titles the self-supervised feature encoder trains on: 'train' (the training pairs' records) or 'all' (the distinct
   * records of every split, unlabelled — as the IDF statistics, and as a store's encoder sees every listing).
   */
  readonly featureTexts?: 'train' | 'all';
  /** Training steps of the matcher's feature encoders (default: those of `training`). */
  readonly featureSteps?: number;
  /**
   * What the matcher's feature encoder reads: 'record' (all textual attributes, default) or 'title' (the first short
   * text attribute, where the matcher's features also look for model codes; the record text when there is none).
   */
  readonly featureText?: 'record' | 'title';
  /** Folds of the cross-validated choice over train+valid (default 5; 0 or 1 leaves it out). */
  readonly cvFolds?: number;
  /** Valid-F1 gain the encoder feature must bring to be selected (default MIN_VALID_GAIN). */
  readonly minValidGain?: number;
  /** Score the test split (default true); false gives a valid/CV-only run whose test F1s are NaN. */
  readonly scoreTest?: boolean;
  /** Also score the ensembling control: the mean of two baseline matchers (default true). */
  readonly control?: boolean;
  /**
   * Give the self-supervised feature encoder hard negatives: each title's most TF-IDF-similar title with conflicting
   * model codes (hardNegatives; no labels used).
   */
  readonly hardNegatives?: boolean;
  /** Also score the differing-token design: +enc.cos +enc.diff, alone and averaged with the baseline. */
  readonly diff?: boolean;
  /**
   * Resample the splits (resplitPairs with this seed): pool train + valid + test and re-split them 60/20/20 grouped by
   * left record. Absent: the dataset's own splits.
   */
  readonly resplit?: number;
  readonly onProgress?: (msg: string) => void;
}

export interface BlockingRow {
  readonly k: number;
  readonly tfidf: { readonly recall: number; readonly candidates: number };
  readonly withEncoder: { readonly recall: number; readonly candidates: number };
}

export interface F1Row {
  readonly f1: number;
  readonly sd: number;
  readonly validF1: number;
  /** Standard deviation of valid F1 over the seeds (absent in rows made before it was recorded). */
  readonly validSd?: number;
  readonly perSeed: readonly number[];
  /** Mean F1 over the folds of train+valid (cvF1); absent when not measured. */
  readonly cvF1?: number;
}

/** One matcher design beyond baseline / +enc.cos (see EncoderEvalResult.matcher.designs). */
export interface DesignRow extends F1Row {
  readonly name: string;
  readonly what: string;
}

/** Pair and positive counts of one split. */
export interface SplitCount {
  readonly pairs: number;
  readonly positives: number;
}

export interface EncoderEvalResult {
  readonly dir: string;
  /** The resampling seed and the resulting split sizes, when the run used resplitPairs. */
  readonly resplit?: { readonly seed: number; readonly train: SplitCount; readonly valid: SplitCount; readonly test: SplitCount };
  readonly records: { readonly left: number; readonly right: number };
  readonly encoder: { readonly trainSeconds: number; readonly trainTexts: number; readonly positives: number; readonly firstLoss: number; readonly lastLoss: number; readonly embedSecondsPer1k: number };
  readonly blocking: readonly BlockingRow[];
  readonly matcher: {
    readonly baseline: F1Row;
    readonly withEncoder: F1Row;
    /**
     * Model selection on VALID only: the matcher with `enc.cos` is kept when its mean valid F1 over the seeds beats the
     * baseline's by more than `minValidGain`, else the baseline is kept; `f1` is the chosen model's test F1.
     */
    readonly selected: F1Row & { readonly useEncoder: boolean };
    /** The same choice by cross-validated F1 over train+valid (selectOnCv): less noisy than one valid split. */
    readonly selectedCv?: F1Row & { readonly useEncoder: boolean };
    /** Other ways the encoder can enter the matcher (and the ensembling control), scored on the same seeds and folds. */
    readonly designs: readonly DesignRow[];
  };
}

/** Valid-F1 gain (absolute, 0..1) the encoder feature must bring to be kept (ties and noise keep the simpler model). */
export const MIN_VALID_GAIN = 0.001;

/** Chooses between the two matchers by mean valid F1 only (test is never looked at). */
export function selectOnValid(baseline: F1Row, withEncoder: F1Row, minValidGain = MIN_VALID_GAIN): F1Row & { useEncoder: boolean } {
  const useEncoder = withEncoder.validF1 > baseline.validF1 + minValidGain;
  return { ...(useEncoder ? withEncoder : baseline), useEncoder };
}

/** Chooses by cross-validated F1 over train+valid (cvF1): more labelled pairs decide than one valid split holds. */
export function selectOnCv(baseline: F1Row, withEncoder: F1Row, minGain = MIN_VALID_GAIN): F1Row & { useEncoder: boolean } {
  const useEncoder = (withEncoder.cvF1 ?? 0) > (baseline.cvF1 ?? 0) + minGain;
  return { ...(useEncoder ? withEncoder : baseline), useEncoder };
}

/** Fold of a pair: by its left record, so one record's pairs are held out together. */
export function foldOf(r: PairRecord, k: number): number {
  let h = 2166136261;
  for (const c of recordKey(r)) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0) % k;
}

/**
 * Resampled splits: the pairs of train + valid + test pooled and re-split by pair share (default 60/20/20), grouped by
 * left record so one record's pairs land in one split. The distinct left records, sorted by key, are shuffled with
 * mulberry32(seed) and taken in that order into train until it holds ≥ fractions[0] of the pairs, then into valid
 * until ≥ fractions[0] + fractions[1], the rest into test. Pairs keep their pooled order within a split.
 */
export function resplitPairs(splits: Pick<PairSplits, 'train' | 'valid' | 'test'>, seed: number, fractions: readonly [number, number] = [0.6, 0.2]): { train: LabeledPair[]; valid: LabeledPair[]; test: LabeledPair[] } {
  const all = [...splits.train, ...splits.valid, ...splits.test];
  const groups = new Map<string, number>();
  for (const p of all) {
    const k = recordKey(p.left);
    groups.set(k, (groups.get(k) ?? 0) + 1);
  }
  const keys = [...groups.keys()].sort();
  shuffleInPlace(keys, createRng(seed));
  const cut1 = fractions[0] * all.length;
  const cut2 = (fractions[0] + fractions[1]) * all.length;
  const splitOf = new Map<string, 0 | 1 | 2>();
  let taken = 0;
  for (const k of keys) {
    splitOf.set(k, taken < cut1 ? 0 : taken < cut2 ? 1 : 2);
    taken += groups.get(k) as number;
  }
  const out: [LabeledPair[], LabeledPair[], LabeledPair[]] = [[], [], []];
  for (const p of all) out[splitOf.get(recordKey(p.left)) as 0 | 1 | 2].push(p);
  return { train: out[0], valid: out[1], test: out[2] };
}

/** Pair and positive counts of a split. */
export function splitCount(pairs: readonly LabeledPair[]): SplitCount {
  return { pairs: pairs.length, positives: pairs.reduce((n, p) => n + p.label, 0) };
}

/** The splits an evaluation runs on: the dataset's own, or resplitPairs(seed) of them when `resplit` is given. */
export async function evaluationSplits(dir: string, size: string | undefined, resplit: number | undefined): Promise<Pick<PairSplits, 'train' | 'valid' | 'test'>> {
  const own = await readPairSplits(dir, size);
  return resplit === undefined ? own : resplitPairs(own, resplit);
}

/** Held-out match probabilities of one fold of the cross-validation, with their labels. */
export interface FoldScores {
  readonly scores: Float64Array;
  readonly y: Uint8Array;
}

/**
 * Held-out scores over k folds of train+valid pairs (grouped by left record): the trees learn on the other folds and
 * are early-stopped on the held-out one. `seedOffset` shifts the trees' seeds (fold i uses seed i + 1 + seedOffset).
 */
export function cvScores(f: Featurizer, pairs: readonly LabeledPair[], x: ReturnType<typeof featurizePairs>, k = 5, seedOffset = 0): FoldScores[] {
  const fold = pairs.map((p) => foldOf(p.left, k));
  const out: FoldScores[] = [];
  for (let i = 0; i < k; i++) {
    const pick = (inFold: boolean): ReturnType<typeof featurizePairs> => {
      const idx = fold.flatMap((g, j) => ((g === i) === inFold ? [j] : []));
      return { x: idx.map((j) => x.x[j] as Float64Array), y: Uint8Array.from(idx.map((j) => x.y[j] as number)) };
    };
    const held = pick(true);
    const m = trainMatcher(f, pick(false), held, { seed: i + 1 + seedOffset });
    out.push({ scores: Float64Array.from(held.x.map((v) => gbdtPredict(m.model, v))), y: held.y });
  }
  return out;
}

/** Mean F1 over the folds, each at its own best-F1 threshold (as trainMatcher picks it on its validation pairs). */
export function cvF1OfScores(folds: readonly FoldScores[]): number {
  return folds.reduce((s, fs) => s + prf(confusion(fs.scores, fs.y, bestF1Threshold(fs.scores, fs.y).threshold)).f1, 0) / Math.max(1, folds.length);
}

/**
 * Mean F1 over k folds of train+valid pairs (grouped by left record): the trees learn on the other folds and are
 * early-stopped and thresholded on the held-out one. Both matchers get the same folds, so their difference is a
 * choice statistic over all labelled pairs, not one split's ~2,000; test takes no part.
 */
export function cvF1(f: Featurizer, pairs: readonly LabeledPair[], x: ReturnType<typeof featurizePairs>, k = 5): number {
  return cvF1OfScores(cvScores(f, pairs, x, k));
}

/** Element-wise mean of score vectors of the same pairs (the averaging ensemble). */
export function meanScores(...xs: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(xs[0]?.length ?? 0);
  for (const v of xs) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (v[i] as number) / xs.length;
  return out;
}

/** The training set from labelled pairs: texts of their records, positives and hard negatives by index. */
export function pairTrainingSet(pairs: readonly LabeledPair[], text: (r: PairRecord) => string): EncoderTrainingSet {
  const d = distinct(pairs.flatMap((p) => [p.left, p.right]));
  const idx = (r: PairRecord): number => d.index.get(recordKey(r)) as number;
  return {
    texts: d.list.map(text),
    positives: pairs.filter((p) => p.label === 1).map((p) => [idx(p.left), idx(p.right)] as const),
    negatives: pairs.filter((p) => p.label === 0).map((p) => [idx(p.left), idx(p.right)] as const),
  };
}

/** Training sets concatenated: texts appended, index pairs shifted by the texts before them. */
export function concatTrainingSets(sets: readonly EncoderTrainingSet[]): EncoderTrainingSet {
  const texts: string[] = [];
  const positives: (readonly [number, number])[] = [];
  const negatives: (readonly [number, number])[] = [];
  for (const s of sets) {
    const o = texts.length;
    texts.push(...s.texts);
    for (const [i, j] of s.positives) positives.push([i + o, j + o]);
    for (const [i, j] of s.negatives ?? []) negatives.push([i + o, j + o]);
  }
  return { texts, positives, negatives };
}

/**
 * Another benchmark's labelled train + valid pairs (its largest size present; test is not read) as an encoder training
 * set, each record's text built with that dataset's own fitted schema.
 */
export async function transferSet(dir: string): Promise<EncoderTrainingSet> {
  const names = new Set(await readdir(dir));
  const size = [...SIZES].reverse().find((s) => names.has(`train.txt.${s}`) && names.has(`valid.txt.${s}`));
  const splits = await readPairSplits(dir, size);
  const pairs = [...splits.train, ...splits.valid];
  const { schema } = fitFeaturizer(distinct(pairs.flatMap((p) => [p.left, p.right])).list);
  return pairTrainingSet(pairs, (r) => recordText(r, schema));
}

/** Per-seed match probabilities of one matcher design on the valid and (when scored) test pairs. */
export interface SeedScores {
  readonly valid: Float64Array[];
  readonly test?: Float64Array[];
}

function scoreSeeds(f: Featurizer, train: ReturnType<typeof featurizePairs>, valid: ReturnType<typeof featurizePairs>, test: ReturnType<typeof featurizePairs> | undefined, seeds: readonly number[]): SeedScores {
  const v: Float64Array[] = [];
  const t: Float64Array[] = [];
  for (const seed of seeds) {
    const m = trainMatcher(f, train, valid, { seed });
    v.push(Float64Array.from(valid.x.map((x) => gbdtPredict(m.model, x))));
    if (test) t.push(Float64Array.from(test.x.map((x) => gbdtPredict(m.model, x))));
  }
  return test ? { valid: v, test: t } : { valid: v };
}

/**
 * F1 row of per-seed scores: each seed's threshold is its best-F1 cut on valid (as trainMatcher picks it), test F1 is
 * read at that cut. Without test scores f1 and sd are NaN (a valid/CV-only run).
 */
export function f1OfScores(s: SeedScores, validY: Uint8Array, testY: Uint8Array | undefined): F1Row {
  const v1s: number[] = [];
  const f1s: number[] = [];
  s.valid.forEach((vs, i) => {
    const th = bestF1Threshold(vs, validY).threshold;
    v1s.push(prf(confusion(vs, validY, th)).f1);
    const ts = s.test?.[i];
    if (ts && testY) f1s.push(prf(confusion(ts, testY, th)).f1);
  });
  const v = meanSd(v1s);
  const valid = { validF1: v.mean, validSd: v.sd };
  if (f1s.length === 0) return { f1: NaN, sd: NaN, ...valid, perSeed: [] };
  const t = meanSd(f1s);
  return { f1: t.mean, sd: t.sd, ...valid, perSeed: f1s };
}

/** Seed i of the ensemble is the mean of seed i of each member (members trained with the same seeds). */
function ensembleScores(...members: readonly SeedScores[]): SeedScores {
  const first = members[0] as SeedScores;
  const valid = first.valid.map((_, i) => meanScores(...members.map((m) => m.valid[i] as Float64Array)));
  if (!first.test) return { valid };
  return { valid, test: first.test.map((_, i) => meanScores(...members.map((m) => m.test?.[i] as Float64Array))) };
}

export async function evaluateEncoder(dir: string, opts: EncoderEvalOptions = {}): Promise<EncoderEvalResult> {
  const say = opts.onProgress ?? (() => undefined);
  const seeds = opts.seeds ?? [1, 2, 3];
  const splits = await evaluationSplits(dir, opts.size, opts.resplit);
  if (opts.resplit !== undefined) {
    const c = (xs: readonly LabeledPair[]): string => `${xs.length} pairs / ${splitCount(xs).positives} positives`;
    say(`${dir}: resplit ${opts.resplit}: train ${c(splits.train)}, valid ${c(splits.valid)}, test ${c(splits.test)}`);
  }
  const all = [...splits.train, ...splits.valid, ...splits.test];
  const lefts = distinct(all.map((p) => p.left));
  const rights = distinct(all.map((p) => p.right));
  const config = fitFeaturizer(distinct([...lefts.list, ...rights.list]).list);
  const text = (r: PairRecord): string => recordText(r, config.schema);

  const set = pairTrainingSet(splits.train, text);
  const { weights, report } = await trainEncoder(set, opts.training, (s, l) => say(`${dir}: encoder step ${s} loss ${l.toFixed(3)}`));
  say(`${dir}: encoder trained in ${report.seconds.toFixed(1)} s (${set.texts.length} titles, ${set.positives.length} positives)`);
  const t0 = performance.now();
  const le = embedTitles(weights, lefts.list.map(text));
  const re = embedTitles(weights, rights.list.map(text));
  const embedSecondsPer1k = ((performance.now() - t0) / 1000 / (lefts.list.length + rights.list.length)) * 1000;

  const positives = all.filter((p) => p.label === 1).map((p) => [lefts.index.get(recordKey(p.left)) as number, rights.index.get(recordKey(p.right)) as number] as [number, number]);
  const blocking: BlockingRow[] = [];
  for (const k of opts.ks ?? [1, 3, 10]) {
    const base = blockingQuality(blockTfidf(lefts.list, rights.list, config.schema, config.stats, { k }), positives, lefts.list.length, rights.list.length);
    const dense = { left: le, right: re, dim: weights.dim, weight: opts.denseWeight ?? 0.5 };
    const enc = blockingQuality(blockTfidf(lefts.list, rights.list, config.schema, config.stats, { k, dense }), positives, lefts.list.length, rights.list.length);
    blocking.push({ k, tfidf: { recall: base.pairCompleteness, candidates: base.candidates }, withEncoder: { recall: enc.pairCompleteness, candidates: enc.candidates } });
    say(`${dir}: k=${k} blocking recall ${(base.pairCompleteness * 100).toFixed(1)} → ${(enc.pairCompleteness * 100).toFixed(1)} (${base.candidates} / ${enc.candidates} candidates)`);
  }

  const base = createFeaturizer(config);
  const mode = opts.featureEncoder ?? 'self-supervised';
  const titleAttr = opts.featureText === 'title' ? config.schema.attributes.find((a) => a.kind === 'text')?.name : undefined;
  const ftext = titleAttr ? (r: PairRecord): string => normalizeText(r.attrs[titleAttr] ?? '') || text(r) : text;
  const featureTraining = { ...opts.training, ...(opts.featureSteps ? { steps: opts.featureSteps } : {}) };
  // What the feature encoder reads of the distinct records of some pairs.
  const recordTexts = (ps: readonly LabeledPair[]): string[] => distinct(ps.flatMap((p) => [p.left, p.right])).list.map(ftext);
  let withEnc: Featurizer;
  let diffEnc: Featurizer | undefined;
  if (mode === 'cross-fitted') {
    const k = opts.folds ?? 3;
    const foldOfLeft = (r: PairRecord): number => foldOf(r, k);
    const folds: EncoderWeights[] = [];
    for (let f = 0; f < k; f++) {
      const fit = splits.train.filter((p) => foldOfLeft(p.left) !== f);
      folds.push((await trainEncoder(pairTrainingSet(fit, ftext), { ...featureTraining, seed: (opts.training?.seed ?? 1) + f + 1 })).weights);
      say(`${dir}: fold encoder ${f + 1}/${k} trained`);
    }
    const trainKeys = new Set(splits.train.map((p) => `${recordKey(p.left)}\u0000${recordKey(p.right)}`));
    withEnc = withCrossFitFeature(base, folds, (a, b) => (trainKeys.has(`${recordKey(a)}\u0000${recordKey(b)}`) ? foldOfLeft(a) : undefined), ftext);
  } else if (mode === 'transfer') {
    const dirs = opts.transferDirs ?? [];
    if (dirs.length === 0) throw new Error("featureEncoder 'transfer' needs transferDirs: the benchmark folders whose labels train the feature encoder");
    const own = { texts: recordTexts(splits.train), positives: [] };
    const tset = concatTrainingSets([...(await Promise.all(dirs.map(transferSet))), own]);
    say(`${dir}: transfer encoder: ${tset.texts.length} titles, ${tset.positives.length} positives, ${tset.negatives?.length ?? 0} negatives from ${dirs.length} other datasets`);
    const featureWeights = (await trainEncoder(tset, featureTraining)).weights;
    withEnc = withEncoderFeature(base, featureWeights, ftext);
    diffEnc = withEncoderDiffFeatures(base, featureWeights, ftext);
  } else {
    const texts = opts.featureTexts === 'all' ? recordTexts(all) : ftext === text ? set.texts : recordTexts(splits.train);
    const negatives = mode === 'self-supervised' && opts.hardNegatives ? hardNegatives(texts) : [];
    if (negatives.length > 0) say(`${dir}: ${negatives.length} code-conflicting TF-IDF neighbours as hard negatives of the feature encoder`);
    const featureWeights = mode === 'self-supervised' ? (await trainEncoder({ texts, positives: [], negatives }, featureTraining)).weights : weights;
    withEnc = withEncoderFeature(base, featureWeights, ftext);
    diffEnc = withEncoderDiffFeatures(base, featureWeights, ftext);
  }
  const scoreTest = opts.scoreTest !== false;
  const fp = (f: Featurizer) => [featurizePairs(f, splits.train), featurizePairs(f, splits.valid), scoreTest ? featurizePairs(f, splits.test) : undefined] as const;
  const both = (a: ReturnType<typeof featurizePairs>, b: ReturnType<typeof featurizePairs>): ReturnType<typeof featurizePairs> => ({ x: [...a.x, ...b.x], y: Uint8Array.from([...a.y, ...b.y]) });
  const labelled = [...splits.train, ...splits.valid];
  const cv = opts.cvFolds ?? 5;
  const validY = Uint8Array.from(splits.valid.map((p) => p.label));
  const testY = scoreTest ? Uint8Array.from(splits.test.map((p) => p.label)) : undefined;
  // One matcher design: per-seed scores, CV fold scores and its F1 row.
  const run = (f: Featurizer, seedOffset = 0): { s: SeedScores; folds: FoldScores[]; row: F1Row } => {
    const [t, v, x] = fp(f);
    const s = scoreSeeds(f, t, v, x, seeds.map((z) => z + seedOffset));
    const folds = cv > 1 ? cvScores(f, labelled, both(t, v), cv, seedOffset) : [];
    return { s, folds, row: { ...f1OfScores(s, validY, testY), ...(cv > 1 ? { cvF1: cvF1OfScores(folds) } : {}) } };
  };
  const ensemble = (...ms: { s: SeedScores; folds: FoldScores[] }[]): F1Row => ({
    ...f1OfScores(ensembleScores(...ms.map((m) => m.s)), validY, testY),
    ...(cv > 1 ? { cvF1: cvF1OfScores((ms[0]?.folds ?? []).map((fs, i) => ({ scores: meanScores(...ms.map((m) => m.folds[i]?.scores as Float64Array)), y: fs.y }))) } : {}),
  });
  const b = run(base);
  const baseline = b.row;
  const e = run(withEnc);
  const withEncoder = e.row;
  const designs: DesignRow[] = [{ name: 'ens', what: 'mean of the baseline and +enc.cos matchers\' scores', ...ensemble(b, e) }];
  if (opts.control !== false) designs.push({ name: 'control', what: 'mean of two baseline matchers (seeds s and s+100): the ensembling gain without the encoder', ...ensemble(b, run(base, 100)) });
  if (opts.diff && diffEnc) {
    const d = run(diffEnc);
    designs.push({ name: 'diff', what: '+enc.cos +enc.diff (cosine of the differing tokens)', ...d.row }, { name: 'ens-diff', what: 'mean of the baseline and +enc.cos+enc.diff matchers\' scores', ...ensemble(b, d) });
  }
  const selected = selectOnValid(baseline, withEncoder, opts.minValidGain);
  const selectedCv = cv > 1 ? selectOnCv(baseline, withEncoder, opts.minValidGain) : undefined;
  if (selectedCv) say(`${dir}: cross-validated F1 (train+valid, ${cv} folds) ${((baseline.cvF1 ?? 0) * 100).toFixed(1)} → ${((withEncoder.cvF1 ?? 0) * 100).toFixed(1)}; selected by CV: ${selectedCv.useEncoder ? '+enc.cos' : 'baseline'}`);
  // (test F1 is left to the final table: progress lines show what choices may be made on)
  say(`${dir}: valid F1 ${(baseline.validF1 * 100).toFixed(1)} → ${(withEncoder.validF1 * 100).toFixed(1)}; selected on valid: ${selected.useEncoder ? '+enc.cos' : 'baseline'}`);
  for (const d of designs) say(`${dir}: design ${d.name}: valid F1 ${(d.validF1 * 100).toFixed(2)}${d.cvF1 === undefined ? '' : `, CV F1 ${(d.cvF1 * 100).toFixed(2)}`}`);
  return {
    dir,
    ...(opts.resplit !== undefined ? { resplit: { seed: opts.resplit, train: splitCount(splits.train), valid: splitCount(splits.valid), test: splitCount(splits.test) } } : {}),
    records: { left: lefts.list.length, right: rights.list.length },
    encoder: { trainSeconds: report.seconds, trainTexts: set.texts.length, positives: set.positives.length, firstLoss: report.firstLoss, lastLoss: report.lastLoss, embedSecondsPer1k },
    blocking,
    matcher: { baseline, withEncoder, selected, ...(selectedCv ? { selectedCv } : {}), designs },
  };
}
