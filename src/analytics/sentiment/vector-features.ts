// Review → dense word-vector features: the pooled GloVe vectors of the title and the body. A linear model over them
// generalises from the few negative reviews to words it never saw in training but whose vectors lie near words it did.
import { scopedTerms } from './clauses.js';
import { addRow, wordRows, wordVectors } from './word-vectors.js';

export interface VectorSpec {
  /** asset file under assets/word-vectors/ */
  file: string;
  /** 'mean': plain mean; 'sif': each word weighted a / (a + p(w)), p(w) from its frequency rank by Zipf's law
   * (Arora et al. 2017), so "the" counts little and rare words much — from the vectors' own order, not the data */
  weighting: 'mean' | 'sif';
  /** 'split': title and body pooled apart; 'joined': one pool over the review */
  fields: 'split' | 'joined';
  /** extra pools besides the mean, per dimension: over the words, or ('sentence-…') over the sentences' means */
  pools: ('max' | 'min' | 'sentence-min' | 'sentence-max')[];
  /** words in a negated clause ("not_worth"): 'none' as any other, 'flip' their vector negated, 'bucket' pooled apart */
  negation: 'none' | 'flip' | 'bucket';
  /** multiplier of the standardised features in the model's row */
  weight: number;
}

/** Number of features vectorFeatures returns. */
export function vectorWidth(s: VectorSpec): number {
  const dims = wordVectors(s.file).dims;
  return (s.fields === 'split' ? 2 : 1) * (1 + s.pools.length + (s.negation === 'bucket' ? 1 : 0)) * dims;
}

const SIF_A = 1e-3;
/** Zipf: p(rank r) ≈ 1 / (r · H), H ≈ ln(vocabulary of the full GloVe list, 4e5) + γ */
const ZIPF_H = Math.log(4e5) + 0.5772;

function pool(text: string, s: VectorSpec): number[] {
  const bySentence = s.pools.filter((p) => p.startsWith('sentence-'));
  const out = wordPool(text, s);
  if (!bySentence.length) return out;
  const d = wordVectors(s.file).dims;
  const means = text.split(/[.!?\n]+/u).filter((t) => /\p{L}/u.test(t)).map((t) => wordPool(t, { ...s, pools: [], negation: s.negation === 'bucket' ? 'none' : s.negation }));
  for (const p of bySentence) {
    for (let j = 0; j < d; j++) {
      const xs = means.map((m) => m[j]!);
      out.push(xs.length ? (p === 'sentence-min' ? Math.min(...xs) : Math.max(...xs)) : 0);
    }
  }
  return out;
}

function wordPool(text: string, s: VectorSpec): number[] {
  const v = wordVectors(s.file);
  const d = v.dims;
  const mean = new Float64Array(d);
  const neg = new Float64Array(d);
  const max = new Float64Array(d).fill(-Infinity);
  const min = new Float64Array(d).fill(Infinity);
  const one = new Float64Array(d);
  let wMean = 0;
  let wNeg = 0;
  for (const t of scopedTerms(text, { negation: 'clause', contrast: false })) {
    if (t.includes(' ')) continue;
    const negated = t.startsWith('not_');
    const word = negated ? t.slice(4) : t;
    for (const row of wordRows(v, word)) {
      const w = s.weighting === 'sif' ? SIF_A / (SIF_A + 1 / ((row + 1) * ZIPF_H)) : 1;
      const sign = negated && s.negation === 'flip' ? -1 : 1;
      if (negated && s.negation === 'bucket') {
        addRow(v, row, w, neg);
        wNeg += w;
        continue;
      }
      addRow(v, row, w * sign, mean);
      wMean += w;
      if (s.pools.includes('max') || s.pools.includes('min')) {
        one.fill(0);
        addRow(v, row, sign, one);
        for (let j = 0; j < d; j++) {
          if (one[j]! > max[j]!) max[j] = one[j]!;
          if (one[j]! < min[j]!) min[j] = one[j]!;
        }
      }
    }
  }
  const out = Array.from(mean, (x) => (wMean ? x / wMean : 0));
  for (const p of s.pools) if (p === 'max' || p === 'min') out.push(...Array.from(p === 'max' ? max : min, (x) => (Number.isFinite(x) ? x : 0)));
  if (s.negation === 'bucket') out.push(...Array.from(neg, (x) => (wNeg ? x / wNeg : 0)));
  return out;
}

/** The pooled vectors of a review (title first when split); empty fields give zeros. */
export function vectorFeatures(title: string, body: string, s: VectorSpec): number[] {
  return s.fields === 'split' ? [...pool(title, s), ...pool(body, s)] : pool(`${title}\n${body}`, s);
}
