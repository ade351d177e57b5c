// An in-memory BM25 index over product documents: one field of words (title, brand, listing titles), a
// trigram field consulted only for query words the index does not know (typos), and an exact identifier map.
import { idKey, searchTokens, tokenWeight, trigrams, variantAttributes } from './tokens.js';

export interface SearchDoc {
  id: string;
  /** texts to index (golden title, listing titles, brand) */
  texts: string[];
  /** GTIN, SKU, MPN, ASIN, listing ids, model codes */
  identifiers: string[];
}

interface Postings {
  docs: number[];
  tf: number[];
}

export interface SearchIndex {
  ids: string[];
  words: Map<string, Postings>;
  grams: Map<string, Postings>;
  ident: Map<string, number[]>;
  /** per document: variant attributes (colour, sizes) seen in any of its texts */
  attrs: Map<string, Set<string>>[];
  len: Float32Array;
  gramLen: Float32Array;
  avgLen: number;
  avgGramLen: number;
}

export interface SearchHit {
  id: string;
  score: number;
  /** what matched: 'identifier' or 'text' */
  via: 'identifier' | 'text';
}

const K1 = 1.2;
const B = 0.75;
const FUZZY_WEIGHT = 0.3;
/** score factor for each variant attribute (colour, a size) that the query and the document disagree on */
const VARIANT_CONFLICT = 0.5;
/** document share above which a query term is 'common' */
const COMMON_SHARE = 0.02;

function add(map: Map<string, Postings>, term: string, doc: number): void {
  let p = map.get(term);
  if (!p) map.set(term, (p = { docs: [], tf: [] }));
  const last = p.docs.length - 1;
  if (last >= 0 && p.docs[last] === doc) p.tf[last]! += 1;
  else {
    p.docs.push(doc);
    p.tf.push(1);
  }
}

export function buildIndex(docs: readonly SearchDoc[]): SearchIndex {
  const words = new Map<string, Postings>();
  const grams = new Map<string, Postings>();
  const ident = new Map<string, number[]>();
  const len = new Float32Array(docs.length);
  const gramLen = new Float32Array(docs.length);
  const attrs: Map<string, Set<string>>[] = [];
  docs.forEach((d, i) => {
    // binary term frequency: a product listed alike on five platforms should not outweigh one listed once
    const seen = new Set<string>();
    for (const text of new Set(d.texts.filter(Boolean))) {
      for (const t of searchTokens(text)) {
        if (seen.has(t)) continue;
        seen.add(t);
        add(words, t, i);
        len[i]! += 1;
        if (t.length >= 3 && /^[\p{L}\p{N}]+$/u.test(t) && !/[\u3400-\u9fff]/u.test(t)) {
          for (const g of trigrams(t)) {
            add(grams, g, i);
            gramLen[i]! += 1;
          }
        }
      }
    }
    attrs.push(variantAttributes([...seen]));
    for (const raw of new Set(d.identifiers.map(idKey).filter((k) => k.length >= 4))) {
      const l = ident.get(raw) ?? [];
      l.push(i);
      ident.set(raw, l);
    }
  });
  const avg = (a: Float32Array) => (a.length ? a.reduce((s, v) => s + v, 0) / a.length : 1) || 1;
  return { ids: docs.map((d) => d.id), words, grams, ident, attrs, len, gramLen, avgLen: avg(len), avgGramLen: avg(gramLen) };
}

function scoreTerm(p: Postings, n: number, lens: Float32Array, avg: number, weight: number, acc: Float64Array, touched: number[], addNew: boolean): void {
  const idf = Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5));
  const w = (d: number, tf: number) => (weight * idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lens[d]!) / avg));
  if (!addNew && touched.length * 16 < p.docs.length) {
    // a common term only re-scores the candidates the rarer terms found: binary-search each in the postings
    for (const d of touched) {
      let lo = 0;
      let hi = p.docs.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = p.docs[mid]!;
        if (v === d) {
          acc[d]! += w(d, p.tf[mid]!);
          break;
        }
        if (v < d) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return;
  }
  for (let k = 0; k < p.docs.length; k++) {
    const d = p.docs[k]!;
    if (acc[d] === 0) {
      if (!addNew) continue;
      touched.push(d);
    }
    acc[d]! += w(d, p.tf[k]!);
  }
}

/** Top-k documents for a query; a query that is (or contains) an identifier ranks its products first. */
export function search(index: SearchIndex, query: string, k = 10): SearchHit[] {
  const n = index.ids.length;
  const acc = new Float64Array(n);
  const touched: number[] = [];
  const idHits = new Set<number>();
  for (const raw of [query, ...query.split(/\s+/)]) {
    const key = idKey(raw);
    if (key.length < 4) continue;
    for (const d of index.ident.get(key) ?? []) idHits.add(d);
  }
  // rarest terms first; a term in more than COMMON_SHARE of documents adds no new candidates once some exist
  const qTokens = [...new Set(searchTokens(query))].sort((a, b) => (index.words.get(a)?.docs.length ?? 0) - (index.words.get(b)?.docs.length ?? 0) || (a < b ? -1 : 1));
  for (const t of qTokens) {
    const p = index.words.get(t);
    if (p) scoreTerm(p, n, index.len, index.avgLen, tokenWeight(t), acc, touched, touched.length === 0 || p.docs.length <= n * COMMON_SHARE);
    else if (t.length >= 4 && !/[\u3400-\u9fff]/u.test(t)) {
      // unknown word: fall back to its trigrams (typo tolerance)
      const gs = trigrams(t);
      for (const g of gs) {
        const gp = index.grams.get(g);
        if (gp && gp.docs.length < n * 0.2) scoreTerm(gp, n, index.gramLen, index.avgGramLen, FUZZY_WEIGHT / Math.sqrt(gs.length), acc, touched, true);
      }
    }
  }
  // variant check: a document whose colour / size differs from the query's is demoted (variants share titles)
  const qAttrs = variantAttributes(qTokens);
  if (qAttrs.size > 0) {
    for (const d of touched) {
      const da = index.attrs[d]!;
      for (const [kind, want] of qAttrs) {
        const have = da.get(kind);
        if (!have) continue;
        acc[d]! *= [...want].some((v) => have.has(v)) ? 1 : VARIANT_CONFLICT;
      }
    }
  }
  const hits: SearchHit[] = [];
  const BOOST = 1e6;
  for (const d of idHits) {
    if (acc[d] === 0) touched.push(d);
    acc[d]! += BOOST;
  }
  // partial selection of the top k
  for (const d of touched) {
    const s = acc[d]!;
    if (hits.length < k || s > hits[hits.length - 1]!.score) {
      hits.push({ id: index.ids[d]!, score: s, via: idHits.has(d) ? 'identifier' : 'text' });
      hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      if (hits.length > k) hits.pop();
    }
  }
  return hits.map((h) => ({ ...h, score: Math.round((h.via === 'identifier' ? h.score - BOOST : h.score) * 1e4) / 1e4 }));
}
