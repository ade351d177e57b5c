// Hard negatives for the self-supervised encoder without labels: a title's most TF-IDF-similar other title whose model
// codes conflict (both have codes, none shared) — "canon eos 80d body" vs "canon eos 70d body", which in-batch random
// negatives almost never show the encoder.

import { normalizeText } from '../../fusion/text/normalize.js';
import { codeDigits, extractModelCodes } from '../../fusion/text/model-code.js';
import { fitIdf, idfOf, tfidfVector } from '../../fusion/text/tfidf.js';
import { tokenize } from '../../fusion/text/tokenize.js';

export interface HardNegativeOptions {
  /** Hard negatives kept per title (its most similar conflicting titles), default 1. */
  readonly perTitle?: number;
  /** Tokens in more than this share of titles (and more than 20) are skipped when looking for neighbours (speed), default 0.05. */
  readonly maxDfShare?: number;
}

/** Two code sets conflict when both are non-empty and share neither a code nor a code's digit run. */
export function codesConflict(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const keys = new Set(a.flatMap((c) => [c, codeDigits(c)].filter((k) => k.length >= 3)));
  return !b.some((c) => keys.has(c) || (codeDigits(c).length >= 3 && keys.has(codeDigits(c))));
}

/** Index pairs [i, j] (i < j not required) of hard negatives among the titles, for EncoderTrainingSet.negatives. */
export function hardNegatives(titles: readonly string[], opts: HardNegativeOptions = {}): [number, number][] {
  const per = opts.perTitle ?? 1;
  const norm = titles.map((t) => normalizeText(t));
  const tokens = norm.map((t) => tokenize(t));
  const codes = norm.map((t) => extractModelCodes(t));
  const idf = fitIdf(tokens);
  const vecs = tokens.map((ts) => tfidfVector(ts, (t) => idfOf(idf, t)));
  const maxDf = Math.max(20, Math.floor((opts.maxDfShare ?? 0.05) * titles.length));
  const postings = new Map<string, number[]>();
  vecs.forEach((v, i) => {
    for (const t of v.keys()) if ((idf.df[t] ?? 0) <= maxDf) (postings.get(t) ?? postings.set(t, []).get(t))?.push(i);
  });
  const out: [number, number][] = [];
  const dot = new Float64Array(titles.length);
  vecs.forEach((v, i) => {
    if ((codes[i] as string[]).length === 0) return;
    const touched: number[] = [];
    for (const [t, w] of v) {
      for (const j of postings.get(t) ?? []) {
        if (j === i) continue;
        if (dot[j] === 0) touched.push(j);
        dot[j] = (dot[j] as number) + w * ((vecs[j] as Map<string, number>).get(t) ?? 0);
      }
    }
    const ranked = touched.filter((j) => codesConflict(codes[i] as string[], codes[j] as string[])).sort((a, b) => (dot[b] as number) - (dot[a] as number));
    for (const j of ranked.slice(0, per)) out.push([i, j]);
    for (const j of touched) dot[j] = 0;
  });
  return out;
}
