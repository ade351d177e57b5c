// Where a pair stands among each record's nearest neighbours on the other side: "b is a's best match" is strong evidence.

import type { PairRecord } from './pairs/types.js';
import { recordKey } from './pairs/types.js';
import type { RecordProfile } from './record-profile.js';
import { accumulateScores, buildSparseIndex } from './sparse-index.js';
import { cosine } from './text/tfidf.js';

/** Neighbours kept per record; ranks beyond this read as K + 1. */
const K = 10;

/** Descending top-K similarities of each record (by key) to the records of the other side. */
export interface Neighbourhood {
  readonly leftTop: ReadonlyMap<string, Float64Array>;
  readonly rightTop: ReadonlyMap<string, Float64Array>;
}

/** Mean of word and character-trigram cosine of the whole-record texts, the similarity neighbours are ranked by. */
export function recordSimilarity(a: RecordProfile, b: RecordProfile): number {
  return 0.5 * cosine(a.all.wordVec, b.all.wordVec) + 0.5 * cosine(a.all.charVec, b.all.charVec);
}

function topScores(queries: readonly PairRecord[], targets: readonly PairRecord[], profile: (r: PairRecord) => RecordProfile): Map<string, Float64Array> {
  const tp = targets.map(profile);
  const tKeys = targets.map(recordKey);
  const wi = buildSparseIndex(tp.map((p) => p.all.wordVec));
  const ci = buildSparseIndex(tp.map((p) => p.all.charVec));
  const scores = new Float64Array(targets.length);
  const out = new Map<string, Float64Array>();
  for (const q of queries) {
    const key = recordKey(q);
    if (out.has(key)) continue;
    const p = profile(q);
    scores.fill(0);
    accumulateScores(wi, p.all.wordVec, scores, 0.5);
    accumulateScores(ci, p.all.charVec, scores, 0.5);
    const top: number[] = [];
    for (let t = 0; t < scores.length; t++) {
      // The same record listed on both sides is not its own neighbour.
      if (tKeys[t] === key) continue;
      const s = scores[t] as number;
      if (top.length < K || s > (top[top.length - 1] as number)) {
        top.push(s);
        top.sort((x, y) => y - x);
        if (top.length > K) top.pop();
      }
    }
    out.set(key, Float64Array.from(top));
  }
  return out;
}

/** Builds the neighbourhood of every distinct left and right record; unsupervised (no labels used). */
export function buildNeighbourhood(left: readonly PairRecord[], right: readonly PairRecord[], profile: (r: PairRecord) => RecordProfile): Neighbourhood {
  return { leftTop: topScores(left, right, profile), rightTop: topScores(right, left, profile) };
}

/** 1-based rank of score s among the top list (K + 1 when below all of them). */
export function rankOf(top: Float64Array, s: number): number {
  let r = 1;
  for (const v of top) if (v > s + 1e-12) r++;
  return Math.min(r, K + 1);
}

/** s minus the best other neighbour's score: positive when this pair is the record's best match. */
export function marginOf(top: Float64Array, s: number): number {
  const first = top[0] ?? 0;
  if (s >= first - 1e-12) return s - (top[1] ?? 0);
  return s - first;
}
