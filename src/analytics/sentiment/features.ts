// Review → sparse feature row. Word terms (clause-scoped negation, contrast), character 3-5-grams, the user's own
// title as a block of its own, each weighted by TF-IDF or by the naive-Bayes log-count ratio of Wang & Manning
// (2012, "NBSVM"), which on small sentiment sets lets a linear model lean on the words that separate the classes,
// plus the AFINN lexicon features. Fitted on training reviews only.
import { scopedTerms, type ClauseOptions } from './clauses.js';
import { charGrams, isRatingTitle } from './tokens.js';
import { LEXICON_FEATURES, lexiconFeatures } from './lexicon.js';
import { PRIOR_FEATURES, priorFeatures, valenceTerms } from './prior.js';
import { vectorFeatures, vectorWidth, type VectorSpec } from './vector-features.js';

export interface Review {
  /** the user's title ('' when empty or an automatic "Five Stars") */
  title: string;
  body: string;
}

export interface FeatureSpec extends ClauseOptions {
  /** character 3-5-grams of each word */
  chars: boolean;
  /** title terms again with a 't:' prefix, so a title word can weigh differently from a body word */
  titleBlock: boolean;
  /** 'tfidf': sublinear tf × idf; 'nb': tf-idf × NB log-count ratio; 'nb-binary': presence × NB ratio */
  weighting: 'tfidf' | 'nb' | 'nb-binary';
  /** the lexicon features are multiplied by this (0 leaves them out) */
  lexicon: number;
  /** the VADER prior features are multiplied by this (0 or absent leaves them out) */
  prior?: number;
  /** add lexicon-class terms ("vader:-2", "not_afinn:3") for the words VADER / AFINN rate */
  valenceTerms?: boolean;
  /** false: no word or character terms at all (a member of dense lexicon / prior / vector features only) */
  terms?: boolean;
  /** pooled English word vectors of title and body, standardised on the training rows (absent: none) */
  vectors?: VectorSpec;
  minDf: number;
}

export interface FeatureMap {
  spec: FeatureSpec;
  terms: string[];
  idf: number[];
  /** per term NB log-count ratio (empty for 'tfidf') */
  ratio: number[];
  /** with `spec.vectors`: the training rows' mean and standard deviation of each vector feature */
  vectorMean?: number[];
  vectorSd?: number[];
}

export interface SparseRow {
  idx: Int32Array;
  val: Float32Array;
}

/** A review's text as stored in the review table (title and body) or as one string. */
export function asReview(text: string | Review): Review {
  if (typeof text !== 'string') return { title: isRatingTitle(text.title) ? '' : text.title, body: text.body };
  return { title: '', body: text };
}

/** A review's terms and lexicon features, computed once and reused by every fold. */
export interface PreparedReview {
  terms: string[];
  lexicon: number[];
  prior: number[];
  vectors: number[];
}

export function prepareReview(r: Review, spec: FeatureSpec): PreparedReview {
  const full = `${r.title}\n${r.body}`;
  const terms = spec.terms === false ? [] : scopedTerms(full, spec);
  if (spec.valenceTerms) terms.push(...valenceTerms(terms));
  if (spec.chars && spec.terms !== false) terms.push(...charGrams(full));
  if (spec.titleBlock && r.title && spec.terms !== false) {
    const title = scopedTerms(r.title, spec);
    for (const t of spec.valenceTerms ? [...title, ...valenceTerms(title)] : title) terms.push(`t:${t}`);
  }
  return { terms, lexicon: spec.lexicon > 0 ? lexiconFeatures(full) : [], prior: spec.prior ? priorFeatures(r.title, r.body) : [], vectors: spec.vectors ? vectorFeatures(r.title, r.body, spec.vectors) : [] };
}

export const featureWidth = (f: FeatureMap) => f.terms.length + (f.spec.lexicon > 0 ? LEXICON_FEATURES.length : 0) + (f.spec.prior ? PRIOR_FEATURES.length : 0) + (f.spec.vectors ? vectorWidth(f.spec.vectors) : 0);

/** Vocabulary (document frequency ≥ minDf) and term weights from training reviews; y = 1 positive. */
export function fitFeatures(docs: readonly PreparedReview[], y: ArrayLike<number>, spec: FeatureSpec): FeatureMap {
  const df = new Map<string, number>();
  const dfPos = new Map<string, number>();
  docs.forEach((d, i) => {
    for (const t of new Set(d.terms)) {
      df.set(t, (df.get(t) ?? 0) + 1);
      if (y[i] === 1) dfPos.set(t, (dfPos.get(t) ?? 0) + 1);
    }
  });
  const kept = [...df].filter(([, n]) => n >= spec.minDf).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const n = docs.length;
  // NB ratio over presence counts with add-one smoothing, each class normalised by its total (Wang & Manning eq. 1)
  let sumP = 0;
  let sumQ = 0;
  for (const [t, d] of kept) {
    sumP += 1 + (dfPos.get(t) ?? 0);
    sumQ += 1 + d - (dfPos.get(t) ?? 0);
  }
  const idf = kept.map(([, d]) => Math.log((1 + n) / (1 + d)) + 1);
  const ratio = spec.weighting === 'tfidf' ? [] : kept.map(([t, d]) => Math.log((1 + (dfPos.get(t) ?? 0)) / sumP) - Math.log((1 + d - (dfPos.get(t) ?? 0)) / sumQ));
  const out: FeatureMap = { spec, terms: kept.map(([t]) => t), idf, ratio };
  if (spec.vectors && docs.length) {
    const width = docs[0]!.vectors.length;
    const mean = new Array<number>(width).fill(0);
    const sq = new Array<number>(width).fill(0);
    for (const d of docs) d.vectors.forEach((v, j) => ((mean[j] = mean[j]! + v / n), (sq[j] = sq[j]! + (v * v) / n)));
    out.vectorMean = mean;
    out.vectorSd = mean.map((m, j) => Math.sqrt(Math.max(0, sq[j]! - m * m)) || 1);
  }
  return out;
}

/** Sparse rows of prepared reviews for one fitted feature map. */
export function rowMaker(f: FeatureMap): (d: PreparedReview) => SparseRow {
  const index = new Map(f.terms.map((t, i) => [t, i]));
  const n = f.terms.length;
  return (d) => {
    const tf = new Map<number, number>();
    for (const t of d.terms) {
      const i = index.get(t);
      if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    const idx = [...tf.keys()].sort((a, b) => a - b);
    // unit-length tf-idf (or presence) first, so long reviews do not dominate; then the NB ratio scales each term
    const val = idx.map((i) => (f.spec.weighting === 'nb-binary' ? 1 : (1 + Math.log(tf.get(i)!)) * f.idf[i]!));
    const norm = Math.sqrt(val.reduce((a, v) => a + v * v, 0)) || 1;
    idx.forEach((i, k) => {
      val[k] = (val[k]! / norm) * (f.spec.weighting === 'tfidf' ? 1 : f.ratio[i]!);
    });
    d.lexicon.forEach((v, j) => {
      idx.push(n + j);
      val.push(v * f.spec.lexicon);
    });
    const p0 = n + d.lexicon.length;
    d.prior.forEach((v, j) => {
      idx.push(p0 + j);
      val.push(v * f.spec.prior!);
    });
    const v0 = p0 + d.prior.length;
    d.vectors.forEach((v, j) => {
      idx.push(v0 + j);
      val.push(((v - f.vectorMean![j]!) / f.vectorSd![j]!) * f.spec.vectors!.weight);
    });
    return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
  };
}

export function featurizer(f: FeatureMap): (r: Review) => SparseRow {
  const row = rowMaker(f);
  return (review) => row(prepareReview(review, f.spec));
}
