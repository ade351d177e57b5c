// Turns a pair of records into a named feature vector, generically over whatever attributes the data has.

import { detectSchema, type RecordSchema } from './attribute-types.js';
import { fitCorpusStats, idfLookup, type CorpusStats } from './corpus-stats.js';
import { codeFeatures, codeValueFeatures, mixedTokenFeatures } from './features/code-features.js';
import { numericValueFeatures, quantityFeatures } from './features/number-features.js';
import { FeatureRow } from './features/row.js';
import { missingFeature, rareTokenFeatures, stringFeatures, vectorFeatures } from './features/token-features.js';
import { recordKey, type PairRecord } from './pairs/types.js';
import { buildNeighbourhood, marginOf, rankOf, recordSimilarity, type Neighbourhood } from './neighbourhood.js';
import { profileRecord, type Idfs, type RecordProfile } from './record-profile.js';
import { MISSING } from './features/row.js';

/** What a featurizer needs to be rebuilt elsewhere: the attribute schema and corpus statistics. Plain JSON. */
export interface FeaturizerConfig {
  readonly kind: 'omnifuse.featurizer';
  readonly version: 1;
  readonly schema: RecordSchema;
  readonly stats: CorpusStats;
}

/** The record sets a pair's records are compared against for neighbourhood (rank) features; unlabelled. */
export interface MatchContext {
  readonly left: readonly PairRecord[];
  readonly right: readonly PairRecord[];
}

export interface Featurizer {
  readonly config: FeaturizerConfig;
  /** True when rank features are computed against a MatchContext; without one they are NaN. */
  readonly hasContext: boolean;
  /** Stable feature names, in vector order. */
  readonly names: readonly string[];
  profile(r: PairRecord): RecordProfile;
  features(a: PairRecord, b: PairRecord): Float64Array;
}

/** Detects the schema and fits IDF statistics on the given records (unlabelled; any split may be included). */
export function fitFeaturizer(records: readonly PairRecord[]): FeaturizerConfig {
  const schema = detectSchema(records);
  return { kind: 'omnifuse.featurizer', version: 1, schema, stats: fitCorpusStats(records, schema) };
}

function neighbourFeatures(row: FeatureRow, a: RecordProfile, b: RecordProfile, keys: [string, string] | undefined, nb: Neighbourhood | undefined): void {
  const s = recordSimilarity(a, b);
  const lt = keys && nb?.leftTop.get(keys[0]);
  const rt = keys && nb?.rightTop.get(keys[1]);
  row.put('nb.sim', s);
  row.put('nb.rank_l', lt ? rankOf(lt, s) : MISSING);
  row.put('nb.rank_r', rt ? rankOf(rt, s) : MISSING);
  row.put('nb.rank_max', lt && rt ? Math.max(rankOf(lt, s), rankOf(rt, s)) : MISSING);
  row.put('nb.margin_l', lt ? marginOf(lt, s) : MISSING);
  row.put('nb.margin_r', rt ? marginOf(rt, s) : MISSING);
  row.put('nb.margin_min', lt && rt ? Math.min(marginOf(lt, s), marginOf(rt, s)) : MISSING);
}

function pairRow(a: RecordProfile, b: RecordProfile, schema: RecordSchema, idfs: Idfs, keys?: [string, string], nb?: Neighbourhood): FeatureRow {
  const row = new FeatureRow();
  neighbourFeatures(row, a, b, keys, nb);
  const m = missingFeature(row, 'all', a.all, b.all);
  vectorFeatures(row, 'all', a.all, b.all, idfs, m);
  rareTokenFeatures(row, 'all', a.all, b.all, idfs, m);
  stringFeatures(row, 'all', a.all, b.all, m);
  codeFeatures(row, 'all', a.all, b.all, idfs);
  mixedTokenFeatures(row, 'all', a.all, b.all);
  quantityFeatures(row, 'all', a, b);
  const textual = schema.attributes.filter((s) => s.kind !== 'numeric');
  let primaryDone = false;
  for (const spec of schema.attributes) {
    // With a single textual attribute its features would repeat the whole-record ones.
    if (spec.kind !== 'numeric' && textual.length < 2) continue;
    const fa = a.fields.get(spec.name);
    const fb = b.fields.get(spec.name);
    if (!fa || !fb) continue;
    const p = `attr.${spec.name}`;
    if (spec.kind === 'numeric') {
      numericValueFeatures(row, p, fa, fb);
      continue;
    }
    const miss = missingFeature(row, p, fa, fb);
    if (spec.kind === 'code') {
      codeValueFeatures(row, p, fa, fb, a.all, b.all, miss);
      continue;
    }
    vectorFeatures(row, p, fa, fb, idfs, miss);
    if (spec.kind === 'text') {
      stringFeatures(row, p, fa, fb, miss);
      if (!primaryDone) {
        // The first short text attribute is usually the title, where model codes live.
        codeFeatures(row, p, fa, fb, idfs);
        rareTokenFeatures(row, p, fa, fb, idfs, miss);
        primaryDone = true;
      }
    }
  }
  return row;
}

/** With a context, pairs also get rank features against the context's records (NaN for records outside it). */
export function createFeaturizer(config: FeaturizerConfig, context?: MatchContext): Featurizer {
  const idfs: Idfs = { word: idfLookup(config.stats.word), char: idfLookup(config.stats.char), code: idfLookup(config.stats.code) };
  const cache = new Map<string, RecordProfile>();
  const profile = (r: PairRecord): RecordProfile => {
    const key = recordKey(r);
    let p = cache.get(key);
    if (!p) {
      p = profileRecord(r, config.schema, idfs);
      cache.set(key, p);
    }
    return p;
  };
  const empty = profile({ attrs: {} });
  const names = pairRow(empty, empty, config.schema, idfs).names;
  const nb = context ? buildNeighbourhood(context.left, context.right, profile) : undefined;
  return {
    config,
    hasContext: nb !== undefined,
    names,
    profile,
    features: (a, b) => Float64Array.from(pairRow(profile(a), profile(b), config.schema, idfs, [recordKey(a), recordKey(b)], nb).values),
  };
}
