// The product matcher trained on store listings by identifier weak supervision, and its registry artefact.
import { gbdtContributions, gbdtPredict, trainGbdt, type GbdtModel, type GbdtParams } from '../../ai/builtin/gbdt.js';
import { createRng } from '../../ai/builtin/rng.js';
import type { Backend } from '../../store/backend.js';
import { findModel, saveModel, type ModelInfo } from '../../store/model-registry.js';
import type { FeatureExplanation } from '../matcher.js';
import type { PairRecord } from '../pairs/types.js';
import { bestF1Threshold, confusion, prf } from '../threshold.js';
import { augmentRecord } from './augment.js';
import { buildProfiles, createProfileContext, type ListingStats, type ProfileContext, type Profiles } from './listing-profiles.js';
import { N_PAIR_FEATURES, PAIR_FEATURES, pairFeatures } from './pair-features.js';
import { featurizePairs, rowsOf, withColumn } from './pair-scoring.js';
import { cosineAt, embedTitles, type EncoderWeights } from '../../ai/encoder/model.js';
import type { WeakLabels, WeakPair } from './weak-labels.js';

export const PRODUCT_MATCHER = 'product-matcher';

/** What the registry stores: trees, threshold, the IDF statistics features need, and how listing texts were built. */
export interface ProductMatcherArtefact {
  readonly kind: 'omnifuse.product-matcher';
  readonly version: 2;
  readonly stats: ListingStats;
  readonly features: readonly string[];
  readonly model: GbdtModel;
  /** Probability at or above which a pair is a match (best F1 on the held-out identifier labels). */
  readonly threshold: number;
  readonly aliases: [string, string][];
  /** Boilerplate tokens per platform, dropped from the matcher's view of that platform's listings. */
  readonly boilerplate: [string, string[]][];
  /**
   * With a title encoder (`fuse products --encoder`): a second model over the pair features plus the encoder cosine of
   * the two matcher titles (ENCODER_FEATURES); a pair's probability is the mean of the two models' (the averaging
   * ensemble "ens" of docs/encoder.md) and the threshold is that mean's.
   */
  readonly encoder?: { readonly encoderVersion: number; readonly model: GbdtModel };
}

/** The encoder member's features: the pair features and the encoder cosine of the two listings' matcher titles. */
export const ENCODER_FEATURES = [...PAIR_FEATURES, 'enc_cos'] as const;

/** A title encoder and the unit-length embedding of every listing's matcher title (row i = listing i). */
export interface ListingEmbeddings {
  readonly weights: EncoderWeights;
  /** Registry version of the encoder (stored with the matcher, so a later run knows which encoder it needs). */
  readonly version: number;
  readonly e: Float32Array;
}

/** Embeddings of the text the encoder reads of a listing — its matcher title — one row per record. */
function embedRecords(weights: EncoderWeights, recs: readonly PairRecord[]): Float32Array {
  return embedTitles(weights, recs.map((r) => r.attrs.title ?? ''));
}

export function embedListings(weights: EncoderWeights, version: number, recs: readonly PairRecord[]): ListingEmbeddings {
  return { weights, version, e: embedRecords(weights, recs) };
}

/** Encoder cosine of pairs (a[k], b[k]) of listings (b's rows from eb, default the same embeddings). */
export function pairCosines(emb: ListingEmbeddings, a: ArrayLike<number>, b: ArrayLike<number>, eb: Float32Array = emb.e): Float32Array {
  const out = new Float32Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = cosineAt(emb.e, a[k] as number, eb, b[k] as number, emb.weights.dim);
  return out;
}

/** How listings were turned into matcher records when the model was trained (reused by explain). */
export interface MatcherViews {
  readonly aliases: [string, string][];
  readonly boilerplate: [string, string[]][];
}

export interface TrainedProductMatcher {
  readonly artefact: ProductMatcherArtefact;
  readonly info: ModelInfo;
  readonly trained: boolean;
}

/** Feature rows (flat, N_PAIR_FEATURES wide) with labels, and each row's encoder cosine when an encoder is used. */
export interface PairMatrix {
  readonly x: Float32Array;
  readonly y: Uint8Array;
  readonly enc?: Float32Array;
}

export interface WeakTrainingData {
  readonly train: PairMatrix;
  readonly valid: PairMatrix;
}

/**
 * Features of the weak-labelled pairs, computed once per run (self-training reuses them). Train pairs get one
 * augmented copy each (a noisy copy of one side), as Ditto does.
 */
export function weakTrainingData(ctx: ProfileContext, P: Profiles, recs: readonly PairRecord[], weak: WeakLabels, seed = 1, emb?: ListingEmbeddings): WeakTrainingData {
  const featurize = (ps: readonly WeakPair[]) => featurizePairs(ctx, P, ps.map((p) => p.a), ps.map((p) => p.b));
  const rng = createRng(seed);
  const keep: number[] = [];
  const noisy: PairRecord[] = [];
  for (const p of weak.train) {
    const [l, r] = rng.next() < 0.5 ? [p.a, p.b] : [p.b, p.a];
    keep.push(l);
    noisy.push(augmentRecord(recs[r] as PairRecord, recs[l] as PairRecord, rng));
  }
  const base = featurize(weak.train);
  const aug = featurizePairs(ctx, P, keep, noisy.map((_, k) => k), buildProfiles(ctx, noisy));
  const x = new Float32Array(base.length + aug.length);
  x.set(base);
  x.set(aug, base.length);
  const y = weak.train.map((p) => p.label as number);
  const train: PairMatrix = { x, y: Uint8Array.from([...y, ...y]) };
  const valid: PairMatrix = { x: featurize(weak.valid), y: Uint8Array.from(weak.valid.map((p) => p.label)) };
  if (!emb) return { train, valid };
  const cos = (ps: readonly WeakPair[]) => pairCosines(emb, ps.map((p) => p.a), ps.map((p) => p.b));
  const trainEnc = new Float32Array(train.y.length);
  trainEnc.set(cos(weak.train));
  trainEnc.set(pairCosines(emb, keep, noisy.map((_, k) => k), embedRecords(emb.weights, noisy)), weak.train.length);
  return { train: { ...train, enc: trainEnc }, valid: { ...valid, enc: cos(weak.valid) } };
}

/** A pair's probability under a matcher with an encoder member: the mean of the two members' (training, fusion and
 *  explain all combine them here). */
export const memberMean = (base: number, encoder: number): number => (base + encoder) / 2;

/**
 * Whether the encoder member joins the matcher: the mean of the two members' held-out scores must reach at least the
 * best F1 of the pair-feature model alone, each at its own best-F1 cut. Asking for the encoder never gives a matcher
 * the held-out identifier labels call worse; when it would, the pair-feature model is stored alone (still under the
 * encoder's fingerprint, so the next run with the same encoder reuses that decision).
 */
export function encoderMemberChoice(baseScores: readonly number[], encoderScores: readonly number[], y: Uint8Array): { keep: boolean; baseF1: number; ensembleF1: number; scores: number[] } {
  const scores = baseScores.map((p, i) => memberMean(p, encoderScores[i] as number));
  const baseF1 = bestF1Threshold(baseScores, y).f1;
  const ensembleF1 = bestF1Threshold(scores, y).f1;
  return { keep: ensembleF1 >= baseF1, baseF1, ensembleF1, scores };
}

/** The features the encoder member reads: x with each row's encoder cosine appended. */
export function encoderRows(m: PairMatrix): Float32Array {
  if (!m.enc) throw new Error('pairs without encoder cosines given to the encoder member');
  return withColumn(m.x, N_PAIR_FEATURES, m.enc);
}

/** extra: already featurized pairs added to training (self-training labels from a first clustering). */
export async function trainProductMatcher(db: Backend, stats: ListingStats, data: WeakTrainingData, weak: WeakLabels, views: MatcherViews, dataFingerprint: string, gbdt: Partial<GbdtParams>, extra?: PairMatrix, encoderVersion?: number): Promise<TrainedProductMatcher> {
  const pos = (ps: readonly WeakPair[]) => ps.filter((p) => p.label === 1).length;
  if (pos(weak.train) === 0 || pos(weak.train) === weak.train.length || weak.valid.length === 0) {
    throw new Error(`identifier weak supervision found ${weak.positives} positive and ${weak.hardNegatives + weak.farNegatives} negative pairs; need both in train and a validation share`);
  }
  const t0 = performance.now();
  // Both members learn from the weak-labelled rows and any self-training rows, each read its own way.
  const selfTrained = extra && extra.y.length > 0 ? extra : undefined;
  const sets = selfTrained ? [data.train, selfTrained] : [data.train];
  const trainY = selfTrained ? Uint8Array.from([...data.train.y, ...selfTrained.y]) : data.train.y;
  const trainOn = (rows: (m: PairMatrix) => Float32Array[]) => ({ x: sets.flatMap(rows), y: trainY });
  const train = trainOn((m) => rowsOf(m.x));
  const valid = { x: rowsOf(data.valid.x), y: data.valid.y };
  const model = trainGbdt(PAIR_FEATURES, train, valid, gbdt);
  let validScores = valid.x.map((x) => gbdtPredict(model, x));
  let encoder: ProductMatcherArtefact['encoder'];
  const memberF1: Record<string, number> = {};
  if (encoderVersion !== undefined) {
    // The encoder member learns from the same rows with the cosine appended; the ensemble is the mean of the two.
    const nE = N_PAIR_FEATURES + 1;
    const encTrain = trainOn((m) => rowsOf(encoderRows(m), nE));
    const encValid = rowsOf(encoderRows(data.valid), nE);
    const encModel = trainGbdt(ENCODER_FEATURES, encTrain, { x: encValid, y: valid.y }, gbdt);
    const encScores = encValid.map((x) => gbdtPredict(encModel, x));
    const choice = encoderMemberChoice(validScores, encScores, valid.y);
    Object.assign(memberF1, { validF1Base: choice.baseF1, validF1Encoder: bestF1Threshold(encScores, valid.y).f1, validF1Ensemble: choice.ensembleF1, encoderMemberKept: choice.keep ? 1 : 0 });
    if (choice.keep) {
      validScores = choice.scores;
      encoder = { encoderVersion, model: encModel };
    }
  }
  const { threshold } = bestF1Threshold(validScores, valid.y);
  const v = prf(confusion(validScores, valid.y, threshold));
  const artefact: ProductMatcherArtefact = {
    kind: 'omnifuse.product-matcher', version: 2, stats, features: [...PAIR_FEATURES], model, threshold, aliases: views.aliases, boilerplate: views.boilerplate,
    ...(encoder ? { encoder } : {}),
  };
  const info = await saveModel(db, {
    name: PRODUCT_MATCHER, kind: 'gbdt',
    params: { ...model.params, features: N_PAIR_FEATURES, supervision: 'identifier (GTIN/ASIN) weak labels', ...(encoderVersion !== undefined ? { titleEncoder: encoderVersion, ensemble: encoder ? 'mean of the pair-feature model and the +enc_cos model' : 'pair-feature model alone: the +enc_cos member lowered held-out F1 and was left out' } : {}) },
    metrics: {
      ...memberF1,
      validPrecision: v.precision, validRecall: v.recall, validF1: v.f1, threshold, trees: model.trees.length,
      trainPairs: weak.train.length, selfTrainingPairs: extra?.y.length ?? 0, validPairs: weak.valid.length, positives: weak.positives, hardNegatives: weak.hardNegatives,
      farNegatives: weak.farNegatives, trainSeconds: (performance.now() - t0) / 1000,
    },
    dataFingerprint, artefact,
  });
  return { artefact, info, trained: true };
}

/** The stored matcher when it was trained on the same data (and by this version of the featurizer), else undefined. */
export async function storedProductMatcher(db: Backend, dataFingerprint?: string): Promise<TrainedProductMatcher | undefined> {
  const found = await findModel<ProductMatcherArtefact>(db, PRODUCT_MATCHER);
  if (!found || found.artefact.kind !== 'omnifuse.product-matcher' || found.artefact.version !== 2) return undefined;
  if (found.artefact.features.length !== N_PAIR_FEATURES || found.artefact.features.some((f, i) => f !== PAIR_FEATURES[i])) return undefined;
  if (dataFingerprint !== undefined && found.info.dataFingerprint !== dataFingerprint) return undefined;
  return { artefact: found.artefact, info: found.info, trained: false };
}

/** One pair's probability with each feature's value and contribution (Saabas: bias + Σ contributions = log-odds of the
 *  pair-feature model). With an encoder member, the probability is the ensemble's and `encoder` gives the member's
 *  cosine and probability (its weights must be given: the registry's title-encoder of artefact.encoder.encoderVersion). */
export function explainWith(artefact: ProductMatcherArtefact, a: PairRecord, b: PairRecord, encoderWeights?: EncoderWeights): {
  probability: number; bias: number; features: FeatureExplanation[]; encoder?: { cosine: number; probability: number; baseProbability: number };
} {
  const ctx = createProfileContext(artefact.stats);
  const P = buildProfiles(ctx, [a, b]);
  // Single precision, as the matrix the trees were trained and scored on.
  const x32 = new Float32Array(N_PAIR_FEATURES + 1);
  pairFeatures(ctx, P, 0, P, 1, x32, 0);
  const x = Float64Array.from(x32.subarray(0, N_PAIR_FEATURES));
  const c = gbdtContributions(artefact.model, x);
  const features = PAIR_FEATURES.map((feature, i) => ({ feature, value: Number.isNaN(x[i]) ? null : (x[i] as number), contribution: c.byFeature[i] as number }))
    .sort((p, q) => Math.abs(q.contribution) - Math.abs(p.contribution));
  const base = gbdtPredict(artefact.model, x);
  if (!artefact.encoder) return { probability: base, bias: c.bias, features };
  if (!encoderWeights) throw new Error(`the matcher averages in a model over title-encoder v${artefact.encoder.encoderVersion}'s cosine; its weights are needed`);
  const e = embedRecords(encoderWeights, [a, b]);
  const cosine = Math.fround(cosineAt(e, 0, e, 1, encoderWeights.dim));
  x32[N_PAIR_FEATURES] = cosine;
  const enc = gbdtPredict(artefact.encoder.model, Float64Array.from(x32));
  return { probability: memberMean(base, enc), bias: c.bias, features, encoder: { cosine, probability: enc, baseProbability: base } };
}
