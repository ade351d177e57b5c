// Linking two CLK files by Dice similarity: candidate pairs from shared keyed block keys (no all-pairs scan),
// then a greedy one-to-one assignment above the threshold, as anonlink's greedy solver does.
import { dice } from './clk.js';

export interface LinkOptions {
  threshold: number;
  /** skip a block whose A×B product exceeds this (a block that large carries no information) */
  maxBlockPairs: number;
}

// threshold tuned on the validation partner pair of bench/pprl.ts (seed 1), not on its test pair
export const DEFAULT_LINK: LinkOptions = { threshold: 0.68, maxBlockPairs: 250_000 };

export interface Scored {
  a: number;
  b: number;
  score: number;
}

export interface LinkInput {
  clk: Uint32Array;
  count: number;
  blocks: readonly string[];
}

/** Candidate pairs scored by `score(a, b)`; shared by CLK and plaintext linkage so both see the same candidates.
 *  Record by record (a stamp array dedupes b's reached through several blocks), so no pair set is ever held. */
export function blockedPairs(a: readonly { blocks: readonly string[] }[], b: readonly { blocks: readonly string[] }[], maxBlockPairs: number, score: (i: number, j: number) => number, minScore: number): { pairs: Scored[]; candidates: number } {
  const index = new Map<string, number[]>();
  b.forEach((r, j) => {
    for (const k of r.blocks) {
      const l = index.get(k);
      if (l) l.push(j);
      else index.set(k, [j]);
    }
  });
  const sizeA = new Map<string, number>();
  for (const r of a) for (const k of r.blocks) if (index.has(k)) sizeA.set(k, (sizeA.get(k) ?? 0) + 1);
  const stamp = new Int32Array(b.length).fill(-1);
  const pairs: Scored[] = [];
  let candidates = 0;
  for (let i = 0; i < a.length; i++) {
    for (const k of a[i]!.blocks) {
      const bs = index.get(k);
      if (!bs || (sizeA.get(k) ?? 0) * bs.length > maxBlockPairs) continue;
      for (const j of bs) {
        if (stamp[j] === i) continue;
        stamp[j] = i;
        candidates++;
        const s = score(i, j);
        if (s >= minScore) pairs.push({ a: i, b: j, score: s });
      }
    }
  }
  return { pairs, candidates };
}

/** Greedy one-to-one: best pairs first, each record used once. */
export function greedyMatch(pairs: Scored[], threshold: number): Scored[] {
  pairs.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: Scored[] = [];
  for (const p of pairs) {
    if (p.score < threshold) break;
    if (usedA.has(p.a) || usedB.has(p.b)) continue;
    usedA.add(p.a);
    usedB.add(p.b);
    out.push(p);
  }
  return out;
}

export function linkClks(a: readonly LinkInput[], b: readonly LinkInput[], opts: LinkOptions = DEFAULT_LINK): { matches: Scored[]; candidates: number } {
  const { pairs, candidates } = blockedPairs(a, b, opts.maxBlockPairs, (i, j) => dice(a[i]!.clk, b[j]!.clk, a[i]!.count, b[j]!.count), opts.threshold);
  return { matches: greedyMatch(pairs, opts.threshold), candidates };
}
