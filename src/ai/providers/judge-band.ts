// The LLM judge on the matcher's uncertain band only: pairs whose probability lies within `band` of the threshold are
// asked; confident decisions are kept as the matcher made them. Undecided answers leave the matcher's decision standing.

import type { JudgePair, ModelProvider } from './provider.js';

export interface ScoredPair<K> extends JudgePair {
  readonly key: K;
  readonly probability: number;
}

export interface BandDecision<K> {
  readonly key: K;
  readonly match: boolean;
  /** 'model' = the matcher decided; 'llm' = the provider decided; 'llm-undecided' = asked, no valid answer, matcher kept. */
  readonly method: 'model' | 'llm' | 'llm-undecided';
  readonly probability: number;
  readonly reason?: string;
}

export async function judgeUncertain<K>(pairs: readonly ScoredPair<K>[], threshold: number, band: number, provider: ModelProvider): Promise<BandDecision<K>[]> {
  const uncertain = pairs.filter((p) => Math.abs(p.probability - threshold) <= band);
  const answers = uncertain.length > 0 && provider.capabilities.judge ? await provider.judge(uncertain) : [];
  const byPair = new Map(uncertain.map((p, i) => [p, answers[i]] as const));
  return pairs.map((p) => {
    const model = p.probability >= threshold;
    const a = byPair.get(p);
    if (!byPair.has(p)) return { key: p.key, match: model, method: 'model', probability: p.probability };
    if (!a || a.match === null) return { key: p.key, match: model, method: 'llm-undecided', probability: p.probability, reason: a?.reason ?? 'provider cannot judge' };
    return { key: p.key, match: a.match, method: 'llm', probability: p.probability, reason: a.reason };
  });
}
