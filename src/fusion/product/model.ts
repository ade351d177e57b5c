// The product matcher trained on store listings by identifier weak supervision, and its registry artefact.
import { gbdtPredict, type GbdtParams } from '../../ai/builtin/gbdt.js';
import { createRng } from '../../ai/builtin/rng.js';
import type { Backend } from '../../store/backend.js';
import { findModel, saveModel, type ModelInfo } from '../../store/model-registry.js';
import { createFeaturizer, fitFeaturizer, type Featurizer } from '../features.js';
import { loadMatcher, trainMatcher, type LoadedMatcher, type Matcher } from '../matcher.js';
import type { PairRecord } from '../pairs/types.js';
import { confusion, prf } from '../threshold.js';
import { augmentRecord } from './augment.js';
import type { WeakLabels, WeakPair } from './weak-labels.js';

export const PRODUCT_MATCHER = 'product-matcher';

/** What the registry stores: the matcher plus the brand aliases its listing texts were built with. */
export interface ProductMatcherArtefact {
  readonly kind: 'omnifuse.product-matcher';
  readonly version: 1;
  readonly matcher: Matcher;
  readonly aliases: [string, string][];
  /** Boilerplate tokens per platform, dropped from the matcher's view of that platform's listings. */
  readonly boilerplate: [string, string[]][];
}

/** How listings were turned into matcher records when the model was trained (reused by explain). */
export interface MatcherViews {
  readonly aliases: [string, string][];
  readonly boilerplate: [string, string[]][];
}

export interface TrainedProductMatcher {
  readonly artefact: ProductMatcherArtefact;
  readonly info: ModelInfo;
  readonly loaded: LoadedMatcher;
  readonly trained: boolean;
}

/** Fits IDF statistics on at most `sample` records (seeded), enough for stable document frequencies. */
export function fitOnSample(records: readonly PairRecord[], sample: number, seed: number): Featurizer {
  let fitOn = records;
  if (records.length > sample) {
    const rng = createRng(seed);
    fitOn = records.filter(() => rng.next() < sample / records.length);
  }
  return createFeaturizer(fitFeaturizer(fitOn));
}

function featurize(f: Featurizer, pairs: readonly WeakPair[], recs: readonly PairRecord[], augment = 0, seed = 1): { x: Float64Array[]; y: Uint8Array } {
  const x = pairs.map((p) => f.features(recs[p.a] as PairRecord, recs[p.b] as PairRecord));
  const y = pairs.map((p) => p.label as number);
  const rng = createRng(seed);
  for (let k = 0; k < augment; k++) {
    for (const p of pairs) {
      const [l, r] = rng.next() < 0.5 ? [recs[p.a], recs[p.b]] : [recs[p.b], recs[p.a]];
      x.push(f.features(l as PairRecord, augmentRecord(r as PairRecord, l as PairRecord, rng)));
      y.push(p.label);
    }
  }
  return { x, y: Uint8Array.from(y) };
}

/** extra: already featurized pairs added to training (self-training labels from a first clustering). */
export async function trainProductMatcher(db: Backend, f: Featurizer, recs: readonly PairRecord[], weak: WeakLabels, views: MatcherViews, dataFingerprint: string, gbdt: Partial<GbdtParams>, extra: readonly { x: Float64Array; y: number }[] = []): Promise<TrainedProductMatcher> {
  const pos = (ps: readonly WeakPair[]) => ps.filter((p) => p.label === 1).length;
  if (pos(weak.train) === 0 || pos(weak.train) === weak.train.length || weak.valid.length === 0) {
    throw new Error(`identifier weak supervision found ${weak.positives} positive and ${weak.hardNegatives + weak.farNegatives} negative pairs; need both in train and a validation share`);
  }
  const t0 = performance.now();
  const base = featurize(f, weak.train, recs, 1);
  const train = extra.length === 0 ? base : { x: [...base.x, ...extra.map((e) => e.x)], y: Uint8Array.from([...base.y, ...extra.map((e) => e.y)]) };
  const valid = featurize(f, weak.valid, recs);
  const matcher = trainMatcher(f, train, valid, gbdt);
  const validScores = valid.x.map((x) => gbdtPredict(matcher.model, x));
  const v = prf(confusion(validScores, valid.y, matcher.threshold));
  const artefact: ProductMatcherArtefact = { kind: 'omnifuse.product-matcher', version: 1, matcher, aliases: views.aliases, boilerplate: views.boilerplate };
  const info = await saveModel(db, {
    name: PRODUCT_MATCHER, kind: 'gbdt',
    params: { ...matcher.model.params, features: f.names.length, supervision: 'identifier (GTIN/ASIN) weak labels' },
    metrics: {
      validPrecision: v.precision, validRecall: v.recall, validF1: v.f1, threshold: matcher.threshold, trees: matcher.model.trees.length,
      trainPairs: weak.train.length, selfTrainingPairs: extra.length, validPairs: weak.valid.length, positives: weak.positives, hardNegatives: weak.hardNegatives,
      farNegatives: weak.farNegatives, trainSeconds: (performance.now() - t0) / 1000,
    },
    dataFingerprint, artefact,
  });
  return { artefact, info, loaded: loadMatcher(matcher, f), trained: true };
}

/** The stored matcher when it was trained on the same data, else undefined. */
export async function storedProductMatcher(db: Backend, dataFingerprint?: string): Promise<TrainedProductMatcher | undefined> {
  const found = await findModel<ProductMatcherArtefact>(db, PRODUCT_MATCHER);
  if (!found || found.artefact.kind !== 'omnifuse.product-matcher') return undefined;
  if (dataFingerprint !== undefined && found.info.dataFingerprint !== dataFingerprint) return undefined;
  return { artefact: found.artefact, info: found.info, loaded: loadMatcher(found.artefact.matcher), trained: false };
}
