// Top-k TF-IDF neighbours of every listing among all listings, through an inverted index whose very common terms
// are skipped: they add little to a cosine and cost the most, which keeps blocking near-linear at a million rows.
import { textTokens } from '../record-text.js';
import { normalizeText } from '../text/normalize.js';

export interface NeighbourOptions {
  /** Neighbours kept per listing. */
  readonly k: number;
  /** Terms in more listings than this are not looked up (they still count in the vector norm). */
  readonly maxPosting: number;
  /** Neighbours below this cosine are not candidates. */
  readonly minScore: number;
}

export const DEFAULT_NEIGHBOURS: NeighbourOptions = { k: 8, maxPosting: 400, minScore: 0.15 };

interface Index {
  readonly terms: Map<string, number>;
  /** Per document: term ids and unit-length weights. */
  readonly docTerms: Int32Array[];
  readonly docWeights: Float32Array[];
  readonly postings: { docs: Int32Array; w: Float32Array }[];
}

function buildIndex(texts: readonly string[]): Index {
  const terms = new Map<string, number>();
  const df: number[] = [];
  const tokenIds: Int32Array[] = texts.map((t) => {
    const ids = new Set<number>();
    for (const tok of textTokens(normalizeText(t))) {
      let id = terms.get(tok);
      if (id === undefined) {
        id = terms.size;
        terms.set(tok, id);
        df.push(0);
      }
      ids.add(id);
    }
    for (const id of ids) df[id] = (df[id] as number) + 1;
    return Int32Array.from(ids);
  });
  const n = texts.length;
  const idf = df.map((d) => Math.log((n + 1) / (d + 1)) + 1);
  const docWeights = tokenIds.map((ids) => {
    const w = new Float32Array(ids.length);
    let norm = 0;
    ids.forEach((id, i) => {
      w[i] = idf[id] as number;
      norm += (idf[id] as number) ** 2;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) / norm;
    return w;
  });
  const counts = new Int32Array(terms.size);
  for (const ids of tokenIds) for (const id of ids) counts[id] = (counts[id] as number) + 1;
  const postings = Array.from(counts, (c) => ({ docs: new Int32Array(c), w: new Float32Array(c) }));
  const fill = new Int32Array(terms.size);
  tokenIds.forEach((ids, doc) => ids.forEach((id, i) => {
    const p = postings[id] as { docs: Int32Array; w: Float32Array };
    const at = fill[id] as number;
    p.docs[at] = doc;
    p.w[at] = (docWeights[doc] as Float32Array)[i] as number;
    fill[id] = at + 1;
  }));
  return { terms, docTerms: tokenIds, docWeights, postings };
}

/** Calls emit(a, b, cosine) with a < b for each listing's k nearest others (a pair may be emitted twice). */
export function tfidfNeighbours(texts: readonly string[], options: Partial<NeighbourOptions>, emit: (a: number, b: number, s: number) => void): void {
  const o = { ...DEFAULT_NEIGHBOURS, ...options };
  const idx = buildIndex(texts);
  const scores = new Float64Array(texts.length);
  const touched = new Int32Array(texts.length);
  const bestDoc = new Int32Array(o.k);
  const bestScore = new Float64Array(o.k);
  for (let q = 0; q < texts.length; q++) {
    let nTouched = 0;
    const ids = idx.docTerms[q] as Int32Array;
    const ws = idx.docWeights[q] as Float32Array;
    for (let i = 0; i < ids.length; i++) {
      const p = idx.postings[ids[i] as number] as { docs: Int32Array; w: Float32Array };
      if (p.docs.length > o.maxPosting || p.docs.length < 2) continue;
      const wq = ws[i] as number;
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j] as number;
        if (d === q) continue;
        if (scores[d] === 0) touched[nTouched++] = d;
        scores[d] = (scores[d] as number) + wq * (p.w[j] as number);
      }
    }
    let nBest = 0;
    for (let t = 0; t < nTouched; t++) {
      const d = touched[t] as number;
      const s = scores[d] as number;
      scores[d] = 0;
      if (s < o.minScore) continue;
      // insertion into the sorted top-k: a free slot while fewer than k, else replace the weakest
      if (nBest < o.k || s > (bestScore[o.k - 1] as number)) {
        let i = nBest < o.k ? nBest++ : o.k - 1;
        while (i > 0 && (bestScore[i - 1] as number) < s) {
          bestScore[i] = bestScore[i - 1] as number;
          bestDoc[i] = bestDoc[i - 1] as number;
          i--;
        }
        bestScore[i] = s;
        bestDoc[i] = d;
      }
    }
    for (let i = 0; i < nBest; i++) {
      const d = bestDoc[i] as number;
      emit(Math.min(q, d), Math.max(q, d), bestScore[i] as number);
    }
  }
}
