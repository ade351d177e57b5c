// Fellegi-Sunter scoring: u-probabilities from random pairs (almost all non-matches), m-probabilities and the
// match prior by EM over the blocked candidate pairs, and term-frequency adjustment of exact agreements.
import type { Comparison } from './compare.js';

export interface FsModel {
  comparisons: readonly Comparison[];
  /** m[c][level], u[c][level] for levels ≥ 1 (index 0 unused) */
  m: number[][];
  u: number[][];
  lambda: number;
  iterations: number;
}

const FLOOR = 1e-6;

/** Level frequencies among pairs: p[c][level] over pairs where the comparison is not missing. */
export function levelFrequencies(comparisons: readonly Comparison[], pairs: readonly number[][]): number[][] {
  return comparisons.map((c, ci) => {
    const counts = new Array<number>(c.levels.length).fill(0);
    for (const p of pairs) counts[p[ci]!]!++;
    const present = counts.slice(1).reduce((s, n) => s + n, 0);
    return counts.map((n, l) => (l === 0 || present === 0 ? 0 : Math.max(FLOOR, n / present)));
  });
}

/** EM for m and λ with u fixed (Splink's default training order). */
export interface TrainOptions {
  iterations?: number;
  lambda?: number;
  /** pairs known to match (linked by an identifier): they start m and stay matches (posterior 1) in every E-step */
  labelled?: readonly number[][];
  /** 'lambda': EM for the prior only, m from the anchors (default when anchors exist); 'm': m and λ both */
  estimate?: 'lambda' | 'm';
  /** all pairs the prior is over (n(n-1)/2); pairs outside the candidates count as non-matches. Without it λ is the
   *  match share among candidates — which, on address-blocked candidates, double counts the address agreement */
  totalPairs?: number;
  /** keep λ at opts.lambda (EM then estimates m only) */
  fixLambda?: boolean;
}

/** EM with u fixed. Persons use 'm' with λ fixed from the identifier pass and identifier-linked pairs as anchors
 *  (kept as matches in every E-step). Unanchored EM over m and λ on address-blocked pairs learns "lives at the same
 *  postcode" instead of "same person" (person F1 76.6 on the medium sample); see docs/persons.md. */
export function trainFs(comparisons: readonly Comparison[], u: number[][], pairs: readonly number[][], opts: TrainOptions = {}): FsModel {
  let lambda = opts.lambda ?? (opts.totalPairs ? Math.min(0.05, pairs.length / opts.totalPairs) * 0.1 : 0.05);
  const labelled = opts.labelled ?? [];
  const anchor = labelled.length > 0 ? levelFrequencies(comparisons, labelled) : undefined;
  // start m from the anchors, else towards the highest levels
  let m = anchor ?? comparisons.map((c) => c.levels.map((_, l) => (l === 0 ? 0 : Math.pow(2, l) / c.levels.slice(1).reduce((s, _x, j) => s + Math.pow(2, j + 1), 0))));
  const estimate = opts.estimate ?? (anchor ? 'lambda' : 'm');
  let it = 0;
  for (; it < (opts.iterations ?? 30); it++) {
    const mNum = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
    for (const p of labelled) for (let c = 0; c < comparisons.length; c++) mNum[c]![p[c]!]! += 1;
    let sumP = 0;
    for (const p of pairs) {
      let logOdds = Math.log(lambda / (1 - lambda));
      for (let c = 0; c < comparisons.length; c++) {
        const l = p[c]!;
        if (l > 0) logOdds += Math.log(Math.max(FLOOR, m[c]![l]!) / Math.max(FLOOR, u[c]![l]!));
      }
      const post = 1 / (1 + Math.exp(-logOdds));
      sumP += post;
      for (let c = 0; c < comparisons.length; c++) mNum[c]![p[c]!]! += post;
    }
    const next = mNum.map((row) => {
      const present = row.slice(1).reduce((s, n) => s + n, 0);
      return row.map((n, l) => (l === 0 || present === 0 ? 0 : Math.max(FLOOR, n / present)));
    });
    const nextLambda = Math.min(0.5, Math.max(1e-12, sumP / Math.max(1, opts.totalPairs ?? pairs.length)));
    const delta = Math.max(Math.abs(nextLambda - lambda), ...(estimate === 'm' ? next.flatMap((row, c) => row.map((v, l) => Math.abs(v - m[c]![l]!))) : [0]));
    if (estimate === 'm') m = next;
    if (!opts.fixLambda) lambda = nextLambda;
    if (delta < 1e-5) break;
  }
  return { comparisons, m, u, lambda, iterations: it + 1 };
}

/** Match weight (log2 Bayes factor) of a pair; `tf[c]` replaces u for the comparison's tfLevel when given. */
export function matchWeight(model: FsModel, levels: readonly number[], tf?: readonly (number | null)[]): number {
  let w = Math.log2(model.lambda / (1 - model.lambda));
  for (let c = 0; c < model.comparisons.length; c++) {
    const l = levels[c]!;
    if (l === 0) continue;
    const cmp = model.comparisons[c]!;
    const freq = tf?.[c];
    const u = cmp.tfLevel === l && freq !== null && freq !== undefined ? Math.max(FLOOR, Math.min(freq, 1)) : model.u[c]![l]!;
    w += Math.log2(Math.max(FLOOR, model.m[c]![l]!) / Math.max(FLOOR, u));
  }
  return w;
}

export const probability = (weight: number) => 1 / (1 + Math.pow(2, -weight));
