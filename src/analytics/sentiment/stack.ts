// Stacking: a small logistic regression over each member's out-of-fold log-odds plus dense prior-knowledge scores
// (AFINN, VADER, wink-nlp) of the review. Appended to the word model's own rows, VADER's scores measured worse —
// likely because on ~1,000 training reviews the tens of thousands of term weights separate the training set by
// themselves, so the dense weights learn little. Fitted on out-of-fold scores instead, the combiner sees the word
// model as it is on unseen reviews and learns how far to trust the lexicons beside it.
import { lexiconFeatures, LEXICON_FEATURES } from './lexicon.js';
import { priorFeatures, PRIOR_FEATURES } from './prior.js';
import { winkFeatures, WINK_FEATURES } from './wink.js';
import type { Review, SparseRow } from './features.js';
import type { LinearModel } from './linear.js';

export interface StackSpec {
  /** add the AFINN-165 features */
  lexicon: boolean;
  /** add the VADER features */
  prior: boolean;
  /** add the wink-nlp features */
  wink?: boolean;
  /** L2 strengths tried by cross-validation on the out-of-fold rows */
  l2Grid: number[];
}

export interface StackModel {
  spec: StackSpec;
  /** one weight per input: member log-odds first, then AFINN, VADER, wink */
  model: LinearModel;
  l2: number;
}

/** Names of the stacker's inputs, in order (for reading the stored weights). */
export function stackInputs(members: readonly string[], s: StackSpec): string[] {
  return [...members.map((m) => `logit:${m}`), ...(s.lexicon ? LEXICON_FEATURES : []), ...(s.prior ? PRIOR_FEATURES : []), ...(s.wink ? WINK_FEATURES : [])];
}

/** The review's dense prior scores the stacker uses (computed once per review, reused by every fold). */
export function stackPriors(r: Review, s: StackSpec): number[] {
  return [...(s.lexicon ? lexiconFeatures(`${r.title}\n${r.body}`) : []), ...(s.prior ? priorFeatures(r.title, r.body) : []), ...(s.wink ? winkFeatures(r.title, r.body) : [])];
}

/** A dense stacker row: member log-odds, then the prior scores. */
export function stackRow(logits: readonly number[], priors: readonly number[]): SparseRow {
  const v = [...logits, ...priors];
  return { idx: Int32Array.from(v.map((_, i) => i)), val: Float32Array.from(v) };
}
