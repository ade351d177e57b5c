// Benchmark evaluation of the learned matcher: train on train, tune on valid, report test once, over several seeds.

import { performance } from 'node:perf_hooks';
import { gbdtImportance, gbdtPredict, type GbdtParams } from '../ai/builtin/gbdt.js';
import { blockingQuality, blockTfidf, DEFAULT_BLOCKING, type BlockingQuality } from './block-tfidf.js';
import { createFeaturizer, fitFeaturizer } from './features.js';
import { featurizePairs, trainMatcher, type Matcher } from './matcher.js';
import { readPairSplits } from './pairs/discover.js';
import { recordKey, type LabeledPair, type PairRecord } from './pairs/types.js';
import { confusion, prf } from './threshold.js';
import { meanSd, type MeanSd } from '../util/stats.js';

export interface MatchEvalOptions {
  /** WDC training size (small, medium, large, xlarge); default the smallest present. */
  readonly size?: string;
  readonly seeds?: number[];
  readonly gbdt?: Partial<GbdtParams>;
  readonly onProgress?: (msg: string) => void;
  /**
   * Rank features against all records of the dataset (transductive: unlabelled test records shape them). Default off:
   * the matcher then scores a pair on its own, as it must on store listings.
   */
  readonly neighbourhood?: boolean;
}

export interface SeedResult {
  readonly seed: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly threshold: number;
  readonly validF1: number;
  readonly trees: number;
  readonly trainSeconds: number;
}

export type { MeanSd };

export interface MatchEvalResult {
  readonly dir: string;
  readonly files: { readonly train: string; readonly valid: string; readonly test: string };
  readonly pairs: { readonly train: number; readonly valid: number; readonly test: number };
  readonly attributes: { readonly name: string; readonly kind: string }[];
  readonly nFeatures: number;
  /** IDF statistics are fitted on the distinct records of all three splits (unsupervised, labels unused). */
  readonly idfFittedOn: 'train+valid+test records';
  readonly featurizeSeconds: number;
  readonly blocking: BlockingQuality & { readonly k: number; readonly nLeft: number; readonly nRight: number };
  readonly perSeed: SeedResult[];
  readonly mean: { readonly precision: MeanSd; readonly recall: MeanSd; readonly f1: MeanSd; readonly threshold: MeanSd; readonly trainSeconds: MeanSd };
  /** Gain importance of the first seed's model, top 15. */
  readonly importance: { feature: string; gain: number }[];
}

/** The distinct records of a pair list, each with its index (records repeat across pairs). */
export function distinct(records: readonly PairRecord[]): { list: PairRecord[]; index: Map<string, number> } {
  const index = new Map<string, number>();
  const list: PairRecord[] = [];
  for (const r of records) {
    const k = recordKey(r);
    if (!index.has(k)) {
      index.set(k, list.length);
      list.push(r);
    }
  }
  return { list, index };
}

export async function evaluateMatcher(dir: string, opts: MatchEvalOptions = {}): Promise<MatchEvalResult> {
  const say = opts.onProgress ?? (() => undefined);
  const seeds = opts.seeds ?? [1, 2, 3];
  const splits = await readPairSplits(dir, opts.size);
  const all: LabeledPair[] = [...splits.train, ...splits.valid, ...splits.test];
  const t0 = performance.now();
  const lefts = distinct(all.map((p) => p.left));
  const rights = distinct(all.map((p) => p.right));
  const config = fitFeaturizer(distinct([...lefts.list, ...rights.list]).list);
  const featurizer = createFeaturizer(config, opts.neighbourhood !== true ? undefined : { left: lefts.list, right: rights.list });
  const train = featurizePairs(featurizer, splits.train);
  const valid = featurizePairs(featurizer, splits.valid);
  const test = featurizePairs(featurizer, splits.test);
  const featurizeSeconds = (performance.now() - t0) / 1000;
  say(`${dir}: ${featurizer.names.length} features for ${all.length} pairs in ${featurizeSeconds.toFixed(1)} s`);

  const candidates = blockTfidf(lefts.list, rights.list, config.schema, config.stats);
  const positives = all.filter((p) => p.label === 1).map((p) => [lefts.index.get(recordKey(p.left)) ?? -1, rights.index.get(recordKey(p.right)) ?? -1] as [number, number]);
  const blocking = { ...blockingQuality(candidates, positives, lefts.list.length, rights.list.length), k: DEFAULT_BLOCKING.k, nLeft: lefts.list.length, nRight: rights.list.length };
  say(`${dir}: blocking recall ${(blocking.pairCompleteness * 100).toFixed(1)}%, reduction ${(blocking.reductionRatio * 100).toFixed(1)}%`);

  const perSeed: SeedResult[] = [];
  let first: Matcher | undefined;
  for (const seed of seeds) {
    const t1 = performance.now();
    const matcher = trainMatcher(featurizer, train, valid, { ...opts.gbdt, seed });
    const trainSeconds = (performance.now() - t1) / 1000;
    first ??= matcher;
    const validScores = valid.x.map((x) => gbdtPredict(matcher.model, x));
    const testScores = test.x.map((x) => gbdtPredict(matcher.model, x));
    const v = prf(confusion(validScores, valid.y, matcher.threshold));
    const r = prf(confusion(testScores, test.y, matcher.threshold));
    perSeed.push({ seed, ...r, threshold: matcher.threshold, validF1: v.f1, trees: matcher.model.trees.length, trainSeconds });
    say(`${dir}: seed ${seed} test F1 ${(r.f1 * 100).toFixed(1)} (valid ${(v.f1 * 100).toFixed(1)}, ${matcher.model.trees.length} trees, ${trainSeconds.toFixed(1)} s)`);
  }
  return {
    dir,
    files: splits.files,
    pairs: { train: splits.train.length, valid: splits.valid.length, test: splits.test.length },
    attributes: config.schema.attributes.map((a) => ({ name: a.name, kind: a.kind })),
    nFeatures: featurizer.names.length,
    idfFittedOn: 'train+valid+test records',
    featurizeSeconds,
    blocking,
    perSeed,
    mean: {
      precision: meanSd(perSeed.map((s) => s.precision)),
      recall: meanSd(perSeed.map((s) => s.recall)),
      f1: meanSd(perSeed.map((s) => s.f1)),
      threshold: meanSd(perSeed.map((s) => s.threshold)),
      trainSeconds: meanSd(perSeed.map((s) => s.trainSeconds + featurizeSeconds)),
    },
    importance: first ? gbdtImportance(first.model).slice(0, 15) : [],
  };
}
