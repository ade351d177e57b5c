// TF-IDF statistics and sparse vectors with cosine, the workhorse for record similarity and blocking.

/** Document frequencies over a corpus of token lists; serialisable as plain JSON. */
export interface IdfTable {
  readonly nDocs: number;
  readonly df: Record<string, number>;
}

export function fitIdf(docs: Iterable<readonly string[]>): IdfTable {
  const df = new Map<string, number>();
  let nDocs = 0;
  for (const doc of docs) {
    nDocs++;
    for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return { nDocs, df: Object.fromEntries(df) };
}

/** Smoothed IDF; unseen tokens count as appearing once (they are rare). */
export function idfOf(table: IdfTable, token: string): number {
  const df = table.df[token] ?? 0;
  return Math.log((table.nDocs + 1) / (df + 1)) + 1;
}

/** Sparse vector, L2-normalised; keys are the tokens. */
export type SparseVector = ReadonlyMap<string, number>;

/** Sub-linear TF × IDF, normalised to unit length. */
export function tfidfVector(tokens: readonly string[], idf: (t: string) => number): SparseVector {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  let norm = 0;
  const v = new Map<string, number>();
  for (const [t, c] of tf) {
    const w = (1 + Math.log(c)) * idf(t);
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

/** Cosine of two unit vectors (their dot product). */
export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const u = big.get(t);
    if (u !== undefined) dot += w * u;
  }
  return dot;
}
