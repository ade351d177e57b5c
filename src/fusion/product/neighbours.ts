// Top-k TF-IDF neighbours of every listing among all listings, through an inverted index whose very common terms
// are skipped: they add little to a cosine and cost the most, which keeps blocking near-linear at a million rows.
// The index is flat typed arrays (CSR), so worker threads can answer shares of the queries over shared memory.
import { textTokens } from '../record-text.js';
import { normalizeText } from '../text/normalize.js';
import { offerTopK } from '../../util/select.js';

export interface NeighbourOptions {
  /** Neighbours kept per listing. */
  readonly k: number;
  /** Terms in more listings than this are not looked up (they still count in the vector norm). */
  readonly maxPosting: number;
  /** Neighbours below this cosine are not candidates. */
  readonly minScore: number;
}

export const DEFAULT_NEIGHBOURS: NeighbourOptions = { k: 8, maxPosting: 400, minScore: 0.15 };

/** Document d's terms (first-appearance order) and unit-length weights are at docOff[d] .. docOff[d + 1]; term t's postings (docs ascending) at postOff[t] .. postOff[t + 1]. */
export interface NeighbourIndex {
  readonly n: number;
  readonly docOff: Uint32Array;
  readonly docTerm: Int32Array;
  readonly docW: Float32Array;
  readonly postOff: Uint32Array;
  readonly postDoc: Int32Array;
  readonly postW: Float32Array;
}

/** The index of texts; on SharedArrayBuffers when `shared`, so worker threads read it in place. */
export function buildNeighbourIndex(texts: readonly string[], shared = false): NeighbourIndex {
  const n = texts.length;
  const terms = new Map<string, number>();
  const docOff = new Uint32Array(n + 1);
  let ids = new Int32Array(Math.max(16, n * 8));
  let at = 0;
  let seen = new Int32Array(1024).fill(-1);
  for (let d = 0; d < n; d++) {
    for (const tok of textTokens(normalizeText(texts[d] as string))) {
      let id = terms.get(tok);
      if (id === undefined) {
        id = terms.size;
        terms.set(tok, id);
        if (id === seen.length) {
          const b = new Int32Array(seen.length * 2).fill(-1);
          b.set(seen);
          seen = b;
        }
      }
      if (seen[id] === d) continue;
      seen[id] = d;
      if (at === ids.length) {
        const b = new Int32Array(ids.length * 2);
        b.set(ids);
        ids = b;
      }
      ids[at++] = id;
    }
    docOff[d + 1] = at;
  }
  const nTerms = terms.size;
  terms.clear();
  const alloc = <T extends Int32Array | Uint32Array | Float32Array>(make: new (b: ArrayBuffer | SharedArrayBuffer) => T, len: number): T =>
    new make(shared ? new SharedArrayBuffer(len * 4) : new ArrayBuffer(len * 4));
  const docTerm = alloc(Int32Array, at);
  docTerm.set(ids.subarray(0, at));
  const df = new Int32Array(nTerms);
  for (let k = 0; k < at; k++) df[docTerm[k] as number]!++;
  const idf = Float64Array.from(df, (c) => Math.log((n + 1) / (c + 1)) + 1);
  const docW = alloc(Float32Array, at);
  for (let d = 0; d < n; d++) {
    const s = docOff[d] as number;
    const e = docOff[d + 1] as number;
    let norm = 0;
    for (let k = s; k < e; k++) norm += (idf[docTerm[k] as number] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    // As single precision first, then normalised (the weights the index always had).
    for (let k = s; k < e; k++) docW[k] = Math.fround(idf[docTerm[k] as number] as number) / norm;
  }
  const postOff = alloc(Uint32Array, nTerms + 1);
  for (let t = 0; t < nTerms; t++) postOff[t + 1] = (postOff[t] as number) + (df[t] as number);
  const fill = postOff.slice(0, nTerms);
  const postDoc = alloc(Int32Array, at);
  const postW = alloc(Float32Array, at);
  for (let d = 0; d < n; d++) {
    for (let k = docOff[d] as number; k < (docOff[d + 1] as number); k++) {
      const p = fill[docTerm[k] as number]!++;
      postDoc[p] = d;
      postW[p] = docW[k] as number;
    }
  }
  const off = alloc(Uint32Array, n + 1);
  off.set(docOff);
  return { n, docOff: off, docTerm, docW, postOff, postDoc, postW };
}

/** Calls emit(a, b, cosine) with a < b for the k nearest others of each listing q in [from, to) (a pair may come twice). */
export function queryNeighbours(idx: NeighbourIndex, options: Partial<NeighbourOptions>, from: number, to: number, emit: (a: number, b: number, s: number) => void): void {
  const o = { ...DEFAULT_NEIGHBOURS, ...options };
  const { docOff, docTerm, docW, postOff, postDoc, postW } = idx;
  const scores = new Float64Array(idx.n);
  const touched = new Int32Array(idx.n);
  const bestDoc = new Int32Array(o.k);
  const bestScore = new Float64Array(o.k);
  for (let q = from; q < to; q++) {
    let nTouched = 0;
    for (let i = docOff[q] as number; i < (docOff[q + 1] as number); i++) {
      const t = docTerm[i] as number;
      const ps = postOff[t] as number;
      const pe = postOff[t + 1] as number;
      if (pe - ps > o.maxPosting || pe - ps < 2) continue;
      const wq = docW[i] as number;
      for (let j = ps; j < pe; j++) {
        const d = postDoc[j] as number;
        if (d === q) continue;
        if (scores[d] === 0) touched[nTouched++] = d;
        scores[d] = (scores[d] as number) + wq * (postW[j] as number);
      }
    }
    let nBest = 0;
    for (let t = 0; t < nTouched; t++) {
      const d = touched[t] as number;
      const s = scores[d] as number;
      scores[d] = 0;
      if (s >= o.minScore) nBest = offerTopK(bestScore, bestDoc, nBest, o.k, s, d);
    }
    for (let i = 0; i < nBest; i++) {
      const d = bestDoc[i] as number;
      emit(Math.min(q, d), Math.max(q, d), bestScore[i] as number);
    }
  }
}

/** Calls emit(a, b, cosine) with a < b for each listing's k nearest others (a pair may be emitted twice). */
export function tfidfNeighbours(texts: readonly string[], options: Partial<NeighbourOptions>, emit: (a: number, b: number, s: number) => void): void {
  queryNeighbours(buildNeighbourIndex(texts), options, 0, texts.length, emit);
}
