// Model-code agreement and conflict; an exact shared code or two different codes usually settles a product pair.

import type { FieldProfile, Idfs } from '../record-profile.js';
import { codeDigits } from '../text/model-code.js';
import { isQuantityToken } from '../text/units.js';
import { levenshteinRatio, longestCommonSubstring } from '../text/string-sim.js';
import { MISSING, type FeatureRow } from './row.js';

/** Share of codes from one side that appear inside the other side's letters-and-digits text (catches split spellings). */
function foundIn(codes: ReadonlySet<string>, otherSquashed: string): number {
  if (codes.size === 0) return MISSING;
  let n = 0;
  for (const c of codes) if (otherSquashed.includes(c)) n++;
  return n / codes.size;
}

export function codeFeatures(row: FeatureRow, p: string, a: FieldProfile, b: FieldProfile, idfs: Idfs): void {
  const ca = a.codes;
  const cb = b.codes;
  let shared = 0;
  let maxSharedIdf = 0;
  let maxOnlyA = 0;
  let maxOnlyB = 0;
  for (const c of ca) {
    const w = idfs.code(c);
    if (cb.has(c)) {
      shared++;
      maxSharedIdf = Math.max(maxSharedIdf, w);
    } else maxOnlyA = Math.max(maxOnlyA, w);
  }
  for (const c of cb) if (!ca.has(c)) maxOnlyB = Math.max(maxOnlyB, idfs.code(c));
  const both = ca.size > 0 && cb.size > 0;
  let bestLev = 0;
  let bestLcs = 0;
  let bestPrefix = 0;
  const digitsA = new Set([...ca].map(codeDigits).filter((d) => d.length >= 2));
  const digitsB = new Set([...cb].map(codeDigits).filter((d) => d.length >= 2));
  if (both) {
    for (const x of ca) {
      for (const y of cb) {
        bestLev = Math.max(bestLev, levenshteinRatio(x, y));
        bestLcs = Math.max(bestLcs, longestCommonSubstring(x, y) / Math.max(x.length, y.length));
        let k = 0;
        while (k < x.length && k < y.length && x[k] === y[k]) k++;
        bestPrefix = Math.max(bestPrefix, k / Math.min(x.length, y.length));
      }
    }
  }
  let digitsShared = 0;
  for (const d of digitsA) if (digitsB.has(d)) digitsShared++;
  row.put(`${p}.code_n_l`, ca.size);
  row.put(`${p}.code_n_r`, cb.size);
  row.put(`${p}.code_shared`, shared);
  row.put(`${p}.code_frac_shared`, both ? shared / Math.min(ca.size, cb.size) : MISSING);
  row.put(`${p}.code_conflict`, both ? shared === 0 : MISSING);
  row.put(`${p}.code_idf_shared`, both ? maxSharedIdf : MISSING);
  row.put(`${p}.code_idf_only_l`, both ? maxOnlyA : MISSING);
  row.put(`${p}.code_idf_only_r`, both ? maxOnlyB : MISSING);
  row.put(`${p}.code_best_lev`, both ? bestLev : MISSING);
  row.put(`${p}.code_best_lcs`, both ? bestLcs : MISSING);
  row.put(`${p}.code_best_prefix`, both ? bestPrefix : MISSING);
  const inB = foundIn(ca, b.squashed);
  const inA = foundIn(cb, a.squashed);
  row.put(`${p}.code_in_other_l`, inB);
  row.put(`${p}.code_in_other_r`, inA);
  row.put(`${p}.code_in_other_max`, Number.isNaN(inA) ? inB : Number.isNaN(inB) ? inA : Math.max(inA, inB));
  row.put(`${p}.code_digits_shared`, digitsA.size > 0 && digitsB.size > 0 ? digitsShared : MISSING);
  row.put(`${p}.code_digits_conflict`, digitsA.size > 0 && digitsB.size > 0 ? digitsShared === 0 : MISSING);
}

/** Comparison of two values of a code-like attribute (e.g. a model number column). */
export function codeValueFeatures(row: FeatureRow, p: string, a: FieldProfile, b: FieldProfile, otherA: FieldProfile, otherB: FieldProfile, missing: boolean): void {
  const m = missing;
  const x = a.squashed;
  const y = b.squashed;
  row.put(`${p}.exact`, m ? MISSING : x === y);
  row.put(`${p}.lev_ratio`, m ? MISSING : levenshteinRatio(x, y));
  row.put(`${p}.lcs_ratio`, m ? MISSING : longestCommonSubstring(x, y) / Math.max(x.length, y.length, 1));
  row.put(`${p}.substring`, m ? MISSING : x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x)));
  // The value of one side may sit in the other record's text even when the other side's column is empty.
  row.put(`${p}.l_in_other`, x.length >= 3 ? otherB.squashed.includes(x) : MISSING);
  row.put(`${p}.r_in_other`, y.length >= 3 ? otherA.squashed.includes(y) : MISSING);
}

function mixedTokens(tokens: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const t of tokens) if (/\p{L}/u.test(t) && /\p{N}/u.test(t) && !isQuantityToken(t)) out.add(t);
  return out;
}

/** Short letter-digit tokens ("5d", "d5", "x3") that are too short to be model codes but still name a variant. */
export function mixedTokenFeatures(row: FeatureRow, p: string, a: FieldProfile, b: FieldProfile): void {
  const ma = mixedTokens(a.tokenSet);
  const mb = mixedTokens(b.tokenSet);
  let shared = 0;
  for (const t of ma) if (mb.has(t)) shared++;
  const both = ma.size > 0 && mb.size > 0;
  row.put(`${p}.mixed_shared`, shared);
  row.put(`${p}.mixed_only_l`, ma.size - shared);
  row.put(`${p}.mixed_only_r`, mb.size - shared);
  row.put(`${p}.mixed_conflict`, both ? shared === 0 : MISSING);
}
