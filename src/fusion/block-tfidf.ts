// Candidate generation: top-k TF-IDF neighbours (word + character trigram) both ways, plus exact identifier/model-code keys.

import { idfLookup, type CorpusStats } from './corpus-stats.js';
import type { RecordSchema } from './attribute-types.js';
import type { PairRecord } from './pairs/types.js';
import { recordText, textTokens } from './record-text.js';
import { extractGtins } from './text/gtin.js';
import { extractModelCodes } from './text/model-code.js';
import { tfidfVector, type SparseVector } from './text/tfidf.js';
import { charNgrams } from './text/tokenize.js';
import { accumulateScores, buildSparseIndex } from './sparse-index.js';

export interface BlockingOptions {
  /** Neighbours kept per record in each direction. */
  readonly k: number;
  /** Keys (codes, GTINs) shared by more records than this are too generic to block on. */
  readonly maxKeyFrequency: number;
  /** Optional dense similarity (e.g. the title encoder's cosine) added to the TF-IDF score; unset = TF-IDF alone. */
  readonly dense?: DenseBlocking;
}

/** Unit-length embeddings of both sides, n × dim row-major, in the order of the left / right records. */
export interface DenseBlocking {
  readonly left: Float32Array;
  readonly right: Float32Array;
  readonly dim: number;
  /** Weight of the cosine relative to the TF-IDF score (which lies in [0, 1]). */
  readonly weight: number;
}

interface DenseSide {
  readonly q: Float32Array;
  readonly t: Float32Array;
  readonly dim: number;
  readonly weight: number;
}

function addDense(d: DenseSide, q: number, scores: Float64Array): void {
  const base = q * d.dim;
  for (let t = 0; t < scores.length; t++) {
    let s = 0;
    const tb = t * d.dim;
    for (let j = 0; j < d.dim; j++) s += (d.q[base + j] as number) * (d.t[tb + j] as number);
    scores[t] = (scores[t] as number) + d.weight * s;
  }
}

export const DEFAULT_BLOCKING: BlockingOptions = { k: 10, maxKeyFrequency: 20 };

interface Vectors {
  readonly word: SparseVector[];
  readonly char: SparseVector[];
  readonly keys: string[][];
}

function vectorize(records: readonly PairRecord[], schema: RecordSchema, stats: CorpusStats): Vectors {
  const word = idfLookup(stats.word);
  const char = idfLookup(stats.char);
  const texts = records.map((r) => recordText(r, schema));
  return {
    word: texts.map((t) => tfidfVector(textTokens(t), word)),
    char: texts.map((t) => tfidfVector(charNgrams(t), char)),
    keys: texts.map((t) => [...extractModelCodes(t).filter((c) => c.length >= 4), ...extractGtins(t).map((g) => `gtin:${g}`)]),
  };
}

/** For each query record, the k best targets by the mean of word and character cosine. */
function topK(queries: Vectors, targets: Vectors, k: number, emit: (q: number, t: number) => void, dense?: DenseSide): void {
  const wi = buildSparseIndex(targets.word);
  const ci = buildSparseIndex(targets.char);
  const scores = new Float64Array(targets.word.length);
  for (let q = 0; q < queries.word.length; q++) {
    scores.fill(0);
    accumulateScores(wi, queries.word[q] as SparseVector, scores, 0.5);
    accumulateScores(ci, queries.char[q] as SparseVector, scores, 0.5);
    if (dense) addDense(dense, q, scores);
    const best: { t: number; s: number }[] = [];
    for (let t = 0; t < scores.length; t++) {
      const s = scores[t] as number;
      if (s <= 0) continue;
      if (best.length < k) {
        best.push({ t, s });
        if (best.length === k) best.sort((x, y) => y.s - x.s);
      } else if (s > (best[k - 1]?.s ?? 0)) {
        best[k - 1] = { t, s };
        for (let i = k - 1; i > 0 && (best[i]?.s ?? 0) > (best[i - 1]?.s ?? 0); i--) [best[i], best[i - 1]] = [best[i - 1] as { t: number; s: number }, best[i] as { t: number; s: number }];
      }
    }
    for (const b of best) emit(q, b.t);
  }
}

/** Candidate pairs as "leftIndex:rightIndex" strings. */
export function blockTfidf(left: readonly PairRecord[], right: readonly PairRecord[], schema: RecordSchema, stats: CorpusStats, options: Partial<BlockingOptions> = {}): Set<string> {
  const o = { ...DEFAULT_BLOCKING, ...options };
  const lv = vectorize(left, schema, stats);
  const rv = vectorize(right, schema, stats);
  const out = new Set<string>();
  const d = o.dense;
  topK(lv, rv, o.k, (l, r) => out.add(`${l}:${r}`), d && { q: d.left, t: d.right, dim: d.dim, weight: d.weight });
  topK(rv, lv, o.k, (r, l) => out.add(`${l}:${r}`), d && { q: d.right, t: d.left, dim: d.dim, weight: d.weight });
  const byKey = new Map<string, number[]>();
  rv.keys.forEach((keys, r) => {
    for (const key of keys) {
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(r);
    }
  });
  lv.keys.forEach((keys, l) => {
    for (const key of keys) {
      const list = byKey.get(key);
      if (list && list.length <= o.maxKeyFrequency) for (const r of list) out.add(`${l}:${r}`);
    }
  });
  return out;
}

export interface BlockingQuality {
  /** Share of known matching pairs among the candidates (recall of blocking). */
  readonly pairCompleteness: number;
  /** 1 − candidates / all possible pairs. */
  readonly reductionRatio: number;
  readonly candidates: number;
}

export function blockingQuality(candidates: ReadonlySet<string>, positives: readonly [number, number][], nLeft: number, nRight: number): BlockingQuality {
  const found = positives.filter(([l, r]) => candidates.has(`${l}:${r}`)).length;
  return {
    pairCompleteness: positives.length === 0 ? 1 : found / positives.length,
    reductionRatio: 1 - candidates.size / Math.max(1, nLeft * nRight),
    candidates: candidates.size,
  };
}
