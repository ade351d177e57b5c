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
