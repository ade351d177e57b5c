// TF-IDF vectoriser fitted on training text only: sublinear tf, smoothed idf, L2-normalised sparse rows.
import { analyze, type Analyzer } from './tokens.js';
import { LEXICON_FEATURES, lexiconFeatures } from './lexicon.js';

export interface SparseRow {
  idx: Int32Array;
  val: Float32Array;
}

export interface Vocabulary {
  terms: string[];
  idf: number[];
  analyzer?: Analyzer;
}

export function fitVocabulary(texts: readonly string[], opts: { minDf?: number; maxTerms?: number; analyzer?: Analyzer } = {}): Vocabulary {
  const analyzer = opts.analyzer ?? 'words';
  const df = new Map<string, number>();
  for (const t of texts) for (const term of new Set(analyze(t, analyzer))) df.set(term, (df.get(term) ?? 0) + 1);
  const minDf = opts.minDf ?? 2;
  const kept = [...df].filter(([, n]) => n >= minDf).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, opts.maxTerms ?? 50_000);
  const n = texts.length;
  return { terms: kept.map(([t]) => t), idf: kept.map(([, d]) => Math.log((1 + n) / (1 + d)) + 1), analyzer };
}

/** Width of a vector: vocabulary terms, then the lexicon features. */
export const vectorWidth = (v: Vocabulary) => v.terms.length + LEXICON_FEATURES.length;

export function vectorizer(v: Vocabulary): (text: string) => SparseRow {
  const index = new Map(v.terms.map((t, i) => [t, i]));
  return (text) => {
    const tf = new Map<number, number>();
    for (const term of analyze(text, v.analyzer ?? 'words')) {
      const i = index.get(term);
      if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    const idx = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
    const val = new Float32Array(idx.length);
    let norm = 0;
    idx.forEach((i, k) => {
      const w = (1 + Math.log(tf.get(i)!)) * v.idf[i]!;
      val[k] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < val.length; k++) val[k] = val[k]! / norm;
    // the lexicon features sit after the vocabulary
    const lex = lexiconFeatures(text);
    const n = v.terms.length;
    return {
      idx: Int32Array.from([...idx, ...lex.map((_, j) => n + j)]),
      val: Float32Array.from([...val, ...lex]),
    };
  };
}
