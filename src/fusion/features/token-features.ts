// Token- and vector-level similarities of two texts, including the rare-token (IDF) agreement that separates near-duplicates.

import type { FieldProfile, Idfs } from '../record-profile.js';
import { containment, idfOverlap, jaccard, mongeElkanSym } from '../text/set-sim.js';
import { jaroWinkler, levenshteinRatio } from '../text/string-sim.js';
import { cosine } from '../text/tfidf.js';
import { MISSING, type FeatureRow } from './row.js';

/** Tokens rarer than this IDF (about df ≤ 3 in a few thousand records) count as rare evidence. */
function rareCut(idf: (t: string) => number): number {
  return idf('\u0000never-seen') - Math.log(4);
}

function emptyState(a: FieldProfile, b: FieldProfile): number {
  return (a.empty ? 1 : 0) + (b.empty ? 2 : 0);
}

export function missingFeature(row: FeatureRow, p: string, a: FieldProfile, b: FieldProfile): boolean {
  const state = emptyState(a, b);
  row.put(`${p}.missing`, state);
  return state !== 0;
}

/** Vector and set similarities; cheap enough for long texts. */
export function vectorFeatures(row: FeatureRow, p: string, a: FieldProfile, b: FieldProfile, idfs: Idfs, missing: boolean): void {
  const m = missing;
  row.put(`${p}.word_cos`, m ? MISSING : cosine(a.wordVec, b.wordVec));
  row.put(`${p}.char_cos`, m ? MISSING : cosine(a.charVec, b.charVec));
  row.put(`${p}.jaccard`, m ? MISSING : jaccard(a.tokenSet, b.tokenSet));
  row.put(`${p}.containment`, m ? MISSING : containment(a.tokenSet, b.tokenSet));
  const o = idfOverlap(a.tokenSet, b.tokenSet, idfs.word);
  row.put(`${p}.idf_jaccard`, m ? MISSING : o.weightedJaccard);
  row.put(`${p}.idf_max_shared`, m ? MISSING : o.maxShared);
  row.put(`${p}.idf_only_max`, m ? MISSING : Math.max(o.maxOnlyA, o.maxOnlyB));
  row.put(`${p}.idf_only_min`, m ? MISSING : Math.min(o.maxOnlyA, o.maxOnlyB));
}

/** Rare-token counts and IDF mass on each side; decisive on noisy shop titles. */
export function rareTokenFeatures(row: FeatureRow, p: string, a: FieldProfile, b: FieldProfile, idfs: Idfs, missing: boolean): void {
  const cut = rareCut(idfs.word);
  let shared = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (const t of a.tokenSet) {
    if (idfs.word(t) < cut) continue;
    if (b.tokenSet.has(t)) shared++;
    else onlyA++;
  }
  for (const t of b.tokenSet) if (idfs.word(t) >= cut && !a.tokenSet.has(t)) onlyB++;
  const o = idfOverlap(a.tokenSet, b.tokenSet, idfs.word);
  const m = missing;
  row.put(`${p}.rare_shared`, m ? MISSING : shared);
  row.put(`${p}.rare_only_l`, m ? MISSING : onlyA);
  row.put(`${p}.rare_only_r`, m ? MISSING : onlyB);
  row.put(`${p}.rare_only_min`, m ? MISSING : Math.min(onlyA, onlyB));
  row.put(`${p}.idf_sum_shared`, m ? MISSING : o.sumSharedIdf);
  row.put(`${p}.idf_only_l`, m ? MISSING : o.sumOnlyA);
  row.put(`${p}.idf_only_r`, m ? MISSING : o.sumOnlyB);
  row.put(`${p}.idf_max_only_l`, m ? MISSING : o.maxOnlyA);
  row.put(`${p}.idf_max_only_r`, m ? MISSING : o.maxOnlyB);
}

const SHORT = 40;
const SHORT_CHARS = 120;

/** Character-level similarities, for short texts only (titles, brands). */
export function stringFeatures(row: FeatureRow, p: string, a: FieldProfile, b: FieldProfile, missing: boolean): void {
  const m = missing;
  const sa = a.norm.slice(0, SHORT_CHARS);
  const sb = b.norm.slice(0, SHORT_CHARS);
  row.put(`${p}.exact`, m ? MISSING : a.squashed === b.squashed);
  row.put(`${p}.jaro_winkler`, m ? MISSING : jaroWinkler(sa, sb));
  row.put(`${p}.lev_ratio`, m ? MISSING : levenshteinRatio(sa, sb));
  row.put(`${p}.monge_elkan`, m ? MISSING : mongeElkanSym(a.tokens.slice(0, SHORT), b.tokens.slice(0, SHORT)));
  const la = a.tokens.length;
  const lb = b.tokens.length;
  row.put(`${p}.len_ratio`, m ? MISSING : Math.min(la, lb) / Math.max(la, lb, 1));
  row.put(`${p}.first_token_eq`, m ? MISSING : a.tokens[0] === b.tokens[0]);
}
