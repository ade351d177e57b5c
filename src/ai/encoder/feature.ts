// The encoder's cosine as one more matcher feature: wraps any Featurizer, adding `enc.cos` at the end of the vector.

import type { Featurizer } from '../../fusion/features.js';
import { recordKey, type PairRecord } from '../../fusion/pairs/types.js';
import { normalizeText } from '../../fusion/text/normalize.js';
import { tokenize } from '../../fusion/text/tokenize.js';
import { cosineAt, embedTitles, type EncoderWeights } from './model.js';

export const ENCODER_FEATURE = 'enc.cos';

/** `base` with one more feature at the end of its vector: `cos(a, b)` named enc.cos. */
function withCosine(base: Featurizer, cos: (a: PairRecord, b: PairRecord) => number): Featurizer {
  return {
    config: base.config,
    hasContext: base.hasContext,
    names: [...base.names, ENCODER_FEATURE],
    profile: (r) => base.profile(r),
    features: (a, b) => {
      const x = base.features(a, b);
      const out = new Float64Array(x.length + 1);
      out.set(x);
      out[x.length] = cos(a, b);
      return out;
    },
  };
}

/** Embeddings by record, each computed once (`embedAll` maps one text to one embedding per encoder). */
function embeddingCache<T>(text: (r: PairRecord) => string, embedAll: (t: string) => T): (r: PairRecord) => T {
  const cache = new Map<string, T>();
  return (r) => {
    const k = recordKey(r);
    let e = cache.get(k);
    if (e === undefined) cache.set(k, (e = embedAll(text(r))));
    return e;
  };
}

/** text: the string the encoder sees for a record (its title, or the whole-record text). */
export function withEncoderFeature(base: Featurizer, w: EncoderWeights, text: (r: PairRecord) => string): Featurizer {
  const embed = embeddingCache(text, (t) => embedTitles(w, [t]));
  return withCosine(base, (a, b) => cosineAt(embed(a), 0, embed(b), 0, w.dim));
}

/**
 * Cross-fitted cosine: the labelled encoders are trained on folds of the training pairs, each leaving one fold out.
 * A training pair gets the cosine of the encoder that did not see its fold, any other pair the mean over the folds'
 * encoders — so the feature is as separating on the pairs the trees learn from as on new ones (an encoder fitted on
 * all training labels makes train pairs look easier than they are, and the trees over-trust it).
 */
export function withCrossFitFeature(base: Featurizer, folds: readonly EncoderWeights[], foldOf: (a: PairRecord, b: PairRecord) => number | undefined, text: (r: PairRecord) => string): Featurizer {
  const dim = folds[0]?.dim ?? 0;
  const embed = embeddingCache(text, (t) => folds.map((w) => embedTitles(w, [t])));
  return withCosine(base, (a, b) => {
    const ea = embed(a);
    const eb = embed(b);
    const f = foldOf(a, b);
    return f !== undefined
      ? cosineAt(ea[f] as Float32Array, 0, eb[f] as Float32Array, 0, dim)
      : ea.reduce((s, e, i) => s + cosineAt(e, 0, eb[i] as Float32Array, 0, dim), 0) / ea.length;
  });
}

export const ENCODER_DIFF_FEATURE = 'enc.diff';

/**
 * The tokens of `a` not in `b` and those of `b` not in `a` (normalised word tokens, order kept): what TF-IDF overlap
 * cannot compare, because it only scores what the two titles share.
 */
export function differingTokens(a: string, b: string): [string, string] {
  const ta = tokenize(normalizeText(a));
  const tb = tokenize(normalizeText(b));
  const sa = new Set(ta);
  const sb = new Set(tb);
  return [ta.filter((t) => !sb.has(t)).join(' '), tb.filter((t) => !sa.has(t)).join(' ')];
}

function diffCosine(w: EncoderWeights, da: string, db: string): number {
  if (da === '' || db === '') return da === db ? 1 : NaN;
  const e = embedTitles(w, [da, db]);
  return cosineAt(e, 0, e, 1, w.dim);
}

/**
 * `enc.cos` plus `enc.diff`: the encoder cosine of the two titles' differing tokens (differingTokens) — near 1 when
 * they differ only by respellings (`16gb`/`16 gb`, `blk`/`black`), low when they name different things. 1 when no
 * token differs, NaN (missing) when only one side has tokens of its own.
 */
export function withEncoderDiffFeatures(base: Featurizer, w: EncoderWeights, text: (r: PairRecord) => string): Featurizer {
  const withCos = withEncoderFeature(base, w, text);
  return {
    ...withCos,
    names: [...withCos.names, ENCODER_DIFF_FEATURE],
    features: (a, b) => {
      const x = withCos.features(a, b);
      const out = new Float64Array(x.length + 1);
      out.set(x);
      out[x.length] = diffCosine(w, ...differingTokens(text(a), text(b)));
      return out;
    },
  };
}
