// The trained matcher artefact (featurizer config + boosted trees + threshold) and its scoring and explanation.

import { gbdtContributions, gbdtPredict, trainGbdt, type GbdtModel, type GbdtParams } from '../ai/builtin/gbdt.js';
import { createFeaturizer, type Featurizer, type FeaturizerConfig, type MatchContext } from './features.js';
import type { LabeledPair, PairRecord } from './pairs/types.js';
import { bestF1Threshold } from './threshold.js';

/** A trained matcher; plain JSON, so it can be saved with the data and config that made it. */
export interface Matcher {
  readonly kind: 'omnifuse.matcher';
  readonly version: 1;
  readonly featurizer: FeaturizerConfig;
  readonly model: GbdtModel;
  /** Probability at or above which a pair is called a match (chosen for best validation F1). */
  readonly threshold: number;
  /**
   * Whether training used neighbourhood rank features (a MatchContext of the candidate record sets). Load such a
   * matcher with a context too, or the rank features read as missing and scores drift.
   */
  readonly usesContext: boolean;
}

export interface FeatureExplanation {
  readonly feature: string;
  readonly value: number | null;
  /** Share of the match log-odds from this feature. */
  readonly contribution: number;
}

export interface PairExplanation {
  readonly probability: number;
  readonly match: boolean;
  readonly bias: number;
  /** Features sorted by |contribution|, largest first. */
  readonly features: FeatureExplanation[];
}

/** A matcher ready to score: the featurizer is rebuilt once and caches record profiles. */
export interface LoadedMatcher {
  readonly matcher: Matcher;
  readonly featurizer: Featurizer;
  score(a: PairRecord, b: PairRecord): number;
  explain(a: PairRecord, b: PairRecord): PairExplanation;
}

/** Pass the featurizer used in training, or a context (the record sets the pairs come from) for rank features. */
export function loadMatcher(matcher: Matcher, using?: Featurizer | MatchContext): LoadedMatcher {
  const f = using && 'features' in using ? using : createFeaturizer(matcher.featurizer, using);
  return {
    matcher,
    featurizer: f,
    score: (a, b) => gbdtPredict(matcher.model, f.features(a, b)),
    explain: (a, b) => {
      const x = f.features(a, b);
      const c = gbdtContributions(matcher.model, x);
      const probability = gbdtPredict(matcher.model, x);
      const features = f.names
        .map((feature, i) => ({ feature, value: Number.isNaN(x[i]) ? null : (x[i] as number), contribution: c.byFeature[i] as number }))
        .sort((p, q) => Math.abs(q.contribution) - Math.abs(p.contribution));
      return { probability, match: probability >= matcher.threshold, bias: c.bias, features };
    },
  };
}

export interface FeaturizedPairs {
  readonly x: Float64Array[];
  readonly y: Uint8Array;
}

export function featurizePairs(f: Featurizer, pairs: readonly LabeledPair[]): FeaturizedPairs {
  return { x: pairs.map((p) => f.features(p.left, p.right)), y: Uint8Array.from(pairs.map((p) => p.label)) };
}

/** Trains the trees on train (early stopping on valid) and picks the threshold on valid. */
export function trainMatcher(f: Featurizer, train: FeaturizedPairs, valid: FeaturizedPairs, params: Partial<GbdtParams> = {}): Matcher {
  const model = trainGbdt(f.names, train, valid, params);
  const scores = valid.x.map((x) => gbdtPredict(model, x));
  const { threshold } = bestF1Threshold(scores, valid.y);
  return { kind: 'omnifuse.matcher', version: 1, featurizer: f.config, model, threshold, usesContext: f.hasContext };
}
