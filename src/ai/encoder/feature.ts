// The encoder's cosine as one more matcher feature: wraps any Featurizer, adding `enc.cos` at the end of the vector.

import type { Featurizer } from '../../fusion/features.js';
import { recordKey, type PairRecord } from '../../fusion/pairs/types.js';
import { cosineAt, embedTitles, type EncoderWeights } from './model.js';

export const ENCODER_FEATURE = 'enc.cos';

/** text: the string the encoder sees for a record (its title, or the whole-record text). */
export function withEncoderFeature(base: Featurizer, w: EncoderWeights, text: (r: PairRecord) => string): Featurizer {
  const cache = new Map<string, Float32Array>();
  const embed = (r: PairRecord): Float32Array => {
    const k = recordKey(r);
    let e = cache.get(k);
    if (!e) cache.set(k, (e = embedTitles(w, [text(r)])));
    return e;
  };
  return {
    config: base.config,
    hasContext: base.hasContext,
    names: [...base.names, ENCODER_FEATURE],
    profile: (r) => base.profile(r),
    features: (a, b) => {
      const x = base.features(a, b);
      const out = new Float64Array(x.length + 1);
      out.set(x);
      out[x.length] = cosineAt(embed(a), 0, embed(b), 0, w.dim);
      return out;
    },
  };
}

/**
 * Cross-fitted cosine: the labelled encoders are trained on folds of the training pairs, each leaving one fold out.
 * A training pair gets the cosine of the encoder that did not see its fold, any other pair the mean over the folds'
 * encoders — so the feature is as separating on the pairs the trees learn from as on new ones (an encoder fitted on
 * all training labels makes train pairs look easier than they are, and the trees over-trust it).
 */
export function withCrossFitFeature(base: Featurizer, folds: readonly EncoderWeights[], foldOf: (a: PairRecord, b: PairRecord) => number | undefined, text: (r: PairRecord) => string): Featurizer {
  const cache = new Map<string, Float32Array[]>();
  const dim = folds[0]?.dim ?? 0;
  const embed = (r: PairRecord): Float32Array[] => {
    const k = recordKey(r);
    let e = cache.get(k);
    if (!e) cache.set(k, (e = folds.map((w) => embedTitles(w, [text(r)]))));
    return e;
  };
  return {
    config: base.config,
    hasContext: base.hasContext,
    names: [...base.names, ENCODER_FEATURE],
    profile: (r) => base.profile(r),
    features: (a, b) => {
      const x = base.features(a, b);
      const out = new Float64Array(x.length + 1);
      out.set(x);
      const ea = embed(a);
      const eb = embed(b);
      const f = foldOf(a, b);
      out[x.length] = f !== undefined
        ? cosineAt(ea[f] as Float32Array, 0, eb[f] as Float32Array, 0, dim)
        : ea.reduce((s, e, i) => s + cosineAt(e, 0, eb[i] as Float32Array, 0, dim), 0) / ea.length;
      return out;
    },
  };
}
