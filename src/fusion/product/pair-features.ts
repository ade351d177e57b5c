// The product matcher's feature vector for a pair of listings, from their precomputed profiles: word and trigram
// TF-IDF cosine, IDF-weighted and rare-token overlap, model-code agreement and conflict, numbers and quantities,
// brand / SKU / MPN / category and price. Symmetric (min / max instead of left / right): pairs have no sides.
import type { Profiles } from './listing-profiles.js';
import { jaroWinkler, levenshteinRatio } from '../text/string-sim.js';

/** What pair features read of a profile context (a worker thread gets just this). */
export interface FeatureVocab {
  readonly word: { readonly idf: Float64Array; readonly strings: readonly string[] };
  readonly code: { readonly idf: Float64Array; readonly strings: readonly string[] };
  readonly rareCut: number;
}

export const PAIR_FEATURES = [
  'word_cos', 'char_cos', 'jaccard', 'containment', 'idf_jaccard', 'idf_max_shared', 'idf_only_max', 'idf_only_min',
  'idf_sum_shared', 'idf_sum_only_max', 'idf_sum_only_min', 'rare_shared', 'rare_only_max', 'rare_only_min',
  'exact', 'len_ratio', 'first_token_eq', 'soft_unshared',
  'code_n_min', 'code_n_max', 'code_shared', 'code_frac_shared', 'code_conflict', 'code_idf_shared', 'code_idf_only_max',
  'code_best_lev', 'code_best_prefix', 'code_in_other_max', 'code_in_other_min', 'code_digits_shared', 'code_digits_conflict',
  'mixed_shared', 'mixed_only_max', 'mixed_conflict', 'qty_families_both', 'qty_agree', 'qty_conflict',
  'num_jaccard', 'num_only_max', 'num_only_min', 'brand_eq', 'sku_eq', 'sku_prefix', 'sku_in_other', 'mpn_eq', 'mpn_in_other',
  'category_eq', 'price_ratio', 'price_log_diff',
] as const;
export const N_PAIR_FEATURES = PAIR_FEATURES.length;

const NA = Number.NaN;
const SOFT = 6;

// Scratch space for the soft word match (this thread's; pair features never run re-entrantly).
const SOFT_COL = new Float64Array(SOFT);
const ONLY_A = new Int32Array(SOFT);
const ONLY_B = new Int32Array(SOFT);

/** Shared count of two sorted id runs. */
function sharedCount(x: Int32Array, xs: number, xe: number, y: Int32Array, ys: number, ye: number): number {
  let s = 0;
  while (xs < xe && ys < ye) {
    const u = x[xs] as number;
    const v = y[ys] as number;
    if (u === v) {
      s++;
      xs++;
      ys++;
    } else if (u < v) xs++;
    else ys++;
  }
  return s;
}

function dot(x: Int32Array, xw: Float32Array, xs: number, xe: number, y: Int32Array, yw: Float32Array, ys: number, ye: number): number {
  let s = 0;
  while (xs < xe && ys < ye) {
    const u = x[xs] as number;
    const v = y[ys] as number;
    if (u === v) s += (xw[xs++] as number) * (yw[ys++] as number);
    else if (u < v) xs++;
    else ys++;
  }
  return s;
}

function codeInOther(P: Profiles, ctx: FeatureVocab, i: number, other: string): number {
  const s = P.codeOff[i] as number;
  const e = P.codeOff[i + 1] as number;
  if (s === e) return NA;
  let k = 0;
  for (let t = s; t < e; t++) if (other.includes(ctx.code.strings[P.codeId[t] as number] as string)) k++;
  return k / (e - s);
}

/** Booleans as 1 / 0; numbers (NaN = not comparable) as they are. */
const num = (v: number | boolean): number => (v === true ? 1 : v === false ? 0 : v);
const maxNaN = (x: number, y: number) => (Number.isNaN(x) ? y : Number.isNaN(y) ? x : Math.max(x, y));
const minNaN = (x: number, y: number) => (Number.isNaN(x) ? y : Number.isNaN(y) ? x : Math.min(x, y));

/** Writes the features of listing i of A against listing j of B into out[at .. at + N_PAIR_FEATURES). */
export function pairFeatures(ctx: FeatureVocab, A: Profiles, i: number, B: Profiles, j: number, out: Float32Array | Float64Array, at: number): void {
  let f = at;
  // Words: one merge gives shared / only counts, IDF sums and maxima, rare counts and the cosine.
  const idf = ctx.word.idf;
  let as = A.wordOff[i] as number;
  const ae = A.wordOff[i + 1] as number;
  let bs = B.wordOff[j] as number;
  const be = B.wordOff[j + 1] as number;
  const na = ae - as;
  const nb = be - bs;
  const empty = na === 0 || nb === 0;
  let shared = 0, sumS = 0, maxS = 0, sumA = 0, sumB = 0, maxA = 0, maxB = 0, rareS = 0, rareA = 0, rareB = 0, cos = 0;
  // The first SOFT words only one side has (all the soft match looks at), and how many there are.
  const onlyA = ONLY_A;
  const onlyB = ONLY_B;
  let nOnlyA = 0;
  let nOnlyB = 0;
  const cut = ctx.rareCut;
  while (as < ae || bs < be) {
    const u = as < ae ? (A.wordId[as] as number) : Infinity;
    const v = bs < be ? (B.wordId[bs] as number) : Infinity;
    if (u === v) {
      const w = idf[u] as number;
      shared++;
      sumS += w;
      if (w > maxS) maxS = w;
      if (w >= cut) rareS++;
      cos += (A.wordW[as] as number) * (B.wordW[bs] as number);
      as++;
      bs++;
    } else if (u < v) {
      const w = idf[u] as number;
      sumA += w;
      if (w > maxA) maxA = w;
      if (w >= cut) rareA++;
      if (nOnlyA < SOFT) onlyA[nOnlyA] = u;
      nOnlyA++;
      as++;
    } else {
      const w = idf[v] as number;
      sumB += w;
      if (w > maxB) maxB = w;
      if (w >= cut) rareB++;
      if (nOnlyB < SOFT) onlyB[nOnlyB] = v;
      nOnlyB++;
      bs++;
    }
  }
  const m = (v: number) => (empty ? NA : v);
  out[f++] = num(m(cos));
  out[f++] = num(m(dot(A.charId, A.charW, A.charOff[i] as number, A.charOff[i + 1] as number, B.charId, B.charW, B.charOff[j] as number, B.charOff[j + 1] as number)));
  out[f++] = num(m(shared / (na + nb - shared)));
  out[f++] = num(m(shared / Math.min(na, nb)));
  out[f++] = num(m(sumS + sumA + sumB > 0 ? sumS / (sumS + sumA + sumB) : 0));
  out[f++] = num(m(maxS));
  out[f++] = num(m(Math.max(maxA, maxB)));
  out[f++] = num(m(Math.min(maxA, maxB)));
  out[f++] = num(m(sumS));
  out[f++] = num(m(Math.max(sumA, sumB)));
  out[f++] = num(m(Math.min(sumA, sumB)));
  out[f++] = num(m(rareS));
  out[f++] = num(m(Math.max(rareA, rareB)));
  out[f++] = num(m(Math.min(rareA, rareB)));
  const sqA = A.squashed[i] as string;
  const sqB = B.squashed[j] as string;
  out[f++] = m(num(sqA === sqB));
  out[f++] = num(m(Math.min(A.nTokens[i] as number, B.nTokens[j] as number) / Math.max(A.nTokens[i] as number, B.nTokens[j] as number, 1)));
  out[f++] = m(num(A.firstToken[i] === B.firstToken[j]));
  // Soft match of the words only one side has (typos, spellings): mean best Jaro-Winkler against the other's.
  let soft = NA;
  if (!empty && nOnlyA + nOnlyB > 0) {
    let sum = 0;
    // At most SOFT words a side: long texts would make this quadratic.
    const nx = Math.min(nOnlyA, SOFT);
    const ny = Math.min(nOnlyB, SOFT);
    const w = ctx.word.strings;
    // One Jaro-Winkler per (x, y): each side's best match is a row or column maximum of the same matrix.
    const colBest = SOFT_COL.fill(0, 0, ny);
    for (let p = 0; p < nx; p++) {
      const sx = w[onlyA[p] as number] as string;
      let best = 0;
      for (let q = 0; q < ny; q++) {
        const jw = jaroWinkler(sx, w[onlyB[q] as number] as string);
        if (jw > best) best = jw;
        if (jw > (colBest[q] as number)) colBest[q] = jw;
      }
      sum += best;
    }
    for (let q = 0; q < ny; q++) sum += colBest[q] as number;
    soft = sum / (nx + ny);
  }
  out[f++] = num(soft);
  // Model codes.
  const cs = A.codeOff[i] as number;
  const ce = A.codeOff[i + 1] as number;
  const ds = B.codeOff[j] as number;
  const de = B.codeOff[j + 1] as number;
  const ca = ce - cs;
  const cb = de - ds;
  const cidf = ctx.code.idf;
  let cShared = 0, cMaxS = 0, cMaxOnly = 0;
  {
    let x = cs;
    let y = ds;
    while (x < ce || y < de) {
      const u = x < ce ? (A.codeId[x] as number) : Infinity;
      const v = y < de ? (B.codeId[y] as number) : Infinity;
      if (u === v) {
        cShared++;
        cMaxS = Math.max(cMaxS, cidf[u] as number);
        x++;
        y++;
      } else if (u < v) {
        cMaxOnly = Math.max(cMaxOnly, cidf[u] as number);
        x++;
      } else {
        cMaxOnly = Math.max(cMaxOnly, cidf[v] as number);
        y++;
      }
    }
  }
  const both = ca > 0 && cb > 0;
  let bestLev = 0;
  let bestPrefix = 0;
  if (both && cShared === 0) {
    for (let x = cs; x < ce; x++) {
      const sx = ctx.code.strings[A.codeId[x] as number] as string;
      for (let y = ds; y < de; y++) {
        const sy = ctx.code.strings[B.codeId[y] as number] as string;
        bestLev = Math.max(bestLev, levenshteinRatio(sx, sy));
        let k = 0;
        while (k < sx.length && k < sy.length && sx.charCodeAt(k) === sy.charCodeAt(k)) k++;
        bestPrefix = Math.max(bestPrefix, k / Math.min(sx.length, sy.length));
      }
    }
  } else if (both) [bestLev, bestPrefix] = [1, 1];
  out[f++] = num(Math.min(ca, cb));
  out[f++] = num(Math.max(ca, cb));
  out[f++] = num(cShared);
  out[f++] = num(both ? cShared / Math.min(ca, cb) : NA);
  out[f++] = num(both ? cShared === 0 : NA);
  out[f++] = num(both ? cMaxS : NA);
  out[f++] = num(both ? cMaxOnly : NA);
  out[f++] = num(both ? bestLev : NA);
  out[f++] = num(both ? bestPrefix : NA);
  const inB = codeInOther(A, ctx, i, sqB);
  const inA = codeInOther(B, ctx, j, sqA);
  out[f++] = num(maxNaN(inA, inB));
  out[f++] = num(minNaN(inA, inB));
  const da = (A.digitOff[i + 1] as number) - (A.digitOff[i] as number);
  const db = (B.digitOff[j + 1] as number) - (B.digitOff[j] as number);
  const dShared = sharedCount(A.digitId, A.digitOff[i] as number, A.digitOff[i + 1] as number, B.digitId, B.digitOff[j] as number, B.digitOff[j + 1] as number);
  out[f++] = num(da > 0 && db > 0 ? dShared : NA);
  out[f++] = num(da > 0 && db > 0 ? dShared === 0 : NA);
  // Short letter-digit tokens ("5d", "x3") that name a variant.
  const ma = (A.mixedOff[i + 1] as number) - (A.mixedOff[i] as number);
  const mb = (B.mixedOff[j + 1] as number) - (B.mixedOff[j] as number);
  const mShared = sharedCount(A.mixedId, A.mixedOff[i] as number, A.mixedOff[i + 1] as number, B.mixedId, B.mixedOff[j] as number, B.mixedOff[j + 1] as number);
  out[f++] = num(mShared);
  out[f++] = num(Math.max(ma, mb) - mShared);
  out[f++] = num(ma > 0 && mb > 0 ? mShared === 0 : NA);
  // Quantities by family: any shared value agrees, none conflicts.
  let families = 0, agree = 0;
  {
    let x = A.qtyOff[i] as number;
    const xe = A.qtyOff[i + 1] as number;
    let y = B.qtyOff[j] as number;
    const ye = B.qtyOff[j + 1] as number;
    while (x < xe && y < ye) {
      const u = A.qtyFam[x] as number;
      const v = B.qtyFam[y] as number;
      if (u < v) x++;
      else if (v < u) y++;
      else {
        let x2 = x;
        while (x2 < xe && A.qtyFam[x2] === u) x2++;
        let y2 = y;
        while (y2 < ye && B.qtyFam[y2] === u) y2++;
        families++;
        let hit = false;
        for (let p = x; p < x2 && !hit; p++) for (let q = y; q < y2 && !hit; q++) hit = A.qtyVal[p] === B.qtyVal[q];
        if (hit) agree++;
        [x, y] = [x2, y2];
      }
    }
  }
  out[f++] = num(families);
  out[f++] = num(families > 0 ? agree : NA);
  out[f++] = num(families > 0 ? families - agree : NA);
  const nA = (A.numOff[i + 1] as number) - (A.numOff[i] as number);
  const nB = (B.numOff[j + 1] as number) - (B.numOff[j] as number);
  const nShared = sharedCount(A.numId, A.numOff[i] as number, A.numOff[i + 1] as number, B.numId, B.numOff[j] as number, B.numOff[j + 1] as number);
  const nBoth = nA > 0 && nB > 0;
  out[f++] = num(nBoth ? nShared / (nA + nB - nShared) : NA);
  out[f++] = num(nBoth ? Math.max(nA, nB) - nShared : NA);
  out[f++] = num(nBoth ? Math.min(nA, nB) - nShared : NA);
  // Attributes.
  const brA = A.brand[i] as number;
  const brB = B.brand[j] as number;
  out[f++] = num(brA >= 0 && brB >= 0 ? brA === brB : NA);
  const skA = A.sku[i] as string;
  const skB = B.sku[j] as string;
  const skBoth = skA.length > 0 && skB.length > 0;
  out[f++] = num(skBoth ? skA === skB : NA);
  let k = 0;
  if (skBoth) while (k < skA.length && k < skB.length && skA.charCodeAt(k) === skB.charCodeAt(k)) k++;
  out[f++] = num(skBoth ? k / Math.min(skA.length, skB.length) : NA);
  out[f++] = num(skA.length >= 3 || skB.length >= 3 ? (skA.length >= 3 && sqB.includes(skA)) || (skB.length >= 3 && sqA.includes(skB)) : NA);
  const mpA = A.mpn[i] as string;
  const mpB = B.mpn[j] as string;
  out[f++] = num(mpA && mpB ? mpA === mpB : NA);
  out[f++] = num(mpA.length >= 3 || mpB.length >= 3 ? (mpA.length >= 3 && sqB.includes(mpA)) || (mpB.length >= 3 && sqA.includes(mpB)) : NA);
  const ctA = A.category[i] as number;
  const ctB = B.category[j] as number;
  out[f++] = num(ctA >= 0 && ctB >= 0 ? ctA === ctB : NA);
  const pa = A.price[i] as number;
  const pb = B.price[j] as number;
  const pOk = !Number.isNaN(pa) && !Number.isNaN(pb);
  out[f++] = num(pOk ? (Math.max(pa, pb) > 0 ? Math.min(pa, pb) / Math.max(pa, pb) : pa === pb ? 1 : 0) : NA);
  out[f] = num(pOk ? Math.abs(Math.log1p(Math.abs(pa)) - Math.log1p(Math.abs(pb))) : NA);
}
