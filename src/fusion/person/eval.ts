// Pairwise precision/recall/F1 of a person clustering against the generator's truth/persons.csv.
import { readFileSync } from 'node:fs';
import { emailHash } from '../../privacy/hmac.js';
import { csvBody } from '../../util/csv.js';

export interface TruthAccount {
  platform: string;
  platformCustomerId: string;
  personKey: string;
}

/** truth/persons.csv, with ids mapped to what ingest stores: e-mail ids (Shopify, Amazon relay, Woo guests) as their keyed hash. */
export function readPersonTruth(path: string, key: Buffer): TruthAccount[] {
  return csvBody(readFileSync(path, 'utf8')).map(([platform = '', id = '', personKey = '']) => {
    const stored = id.includes('@') ? (emailHash(key, id) ?? id) : id;
    return { platform, platformCustomerId: stored, personKey };
  });
}

export interface PairwiseScore {
  precision: number;
  recall: number;
  f1: number;
  /** accounts scored: in both truth and the clustering */
  accounts: number;
  truthPairs: number;
  predictedPairs: number;
  truePairs: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/** Pairwise scores over the accounts present in both; `predicted` maps `platform|id` to a cluster id. */
export function pairwiseScore(truth: readonly TruthAccount[], predicted: ReadonlyMap<string, string>): PairwiseScore {
  const t = new Map<string, number>();
  const p = new Map<string, number>();
  const both = new Map<string, number>();
  let accounts = 0;
  for (const a of truth) {
    const cluster = predicted.get(`${a.platform}|${a.platformCustomerId}`);
    if (cluster === undefined) continue;
    accounts++;
    t.set(a.personKey, (t.get(a.personKey) ?? 0) + 1);
    p.set(cluster, (p.get(cluster) ?? 0) + 1);
    const k = `${a.personKey}\u0000${cluster}`;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const truthPairs = sum(t);
  const predictedPairs = sum(p);
  const truePairs = sum(both);
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = truthPairs === 0 ? 1 : truePairs / truthPairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, accounts, truthPairs, predictedPairs, truePairs };
}
