// Inverted index over sparse TF-IDF vectors: scores one query against every indexed record by touching only shared terms.

import type { SparseVector } from './text/tfidf.js';

export interface SparseIndex {
  readonly size: number;
  readonly postings: ReadonlyMap<string, readonly { readonly doc: number; readonly w: number }[]>;
}

export function buildSparseIndex(vectors: readonly SparseVector[]): SparseIndex {
  const postings = new Map<string, { doc: number; w: number }[]>();
  vectors.forEach((v, doc) => {
    for (const [t, w] of v) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push({ doc, w });
    }
  });
  return { size: vectors.length, postings };
}

/** Adds weight × (query · doc) to into[doc] for every indexed doc. */
export function accumulateScores(index: SparseIndex, query: SparseVector, into: Float64Array, weight: number): void {
  for (const [t, w] of query) {
    const list = index.postings.get(t);
    if (!list) continue;
    for (const p of list) into[p.doc] = (into[p.doc] as number) + weight * w * p.w;
  }
}
