// Training the title encoder on the project's own listings: positives are listings that share a GTIN or an MPN (across
// or within platforms), plus augmented views of every title; stored in the model registry as 'title-encoder'.

import type { Backend } from '../../store/backend.js';
import { findModel, fingerprint, saveModel, type ModelInfo } from '../../store/model-registry.js';
import { step } from '../../store/sql.js';
import { toArtefact, fromArtefact, type EncoderArtefact } from './artefact.js';
import { embedTitles, type EncoderWeights } from './model.js';
import { trainEncoder, type EncoderTrainOptions } from './train.js';

export const ENCODER_MODEL_NAME = 'title-encoder';

export interface StoreTrainingOptions {
  /** At most this many listings (deterministic order) are read. */
  readonly maxTitles: number;
  /** Identifier groups larger than this are too generic to be positives. */
  readonly maxGroup: number;
  readonly training?: Partial<EncoderTrainOptions>;
  readonly onProgress?: (step: number, loss: number) => void;
}

interface ListingTitle extends Record<string, unknown> {
  idx: number;
  title: string;
  ident: string | null;
}

/**
 * Titles and identifier-equal index pairs, computed in SQL (rows enter JS only as titles). A store with more listings
 * than maxTitles gives a sample that keeps identifier groups whole and mixes the platforms: listings ranked by the md5
 * of their identifier (of their own id when they have none), so a group's members sit together; the first maxTitles
 * of that ranking are read, in (platform, id, rowid) order. (Taking the first maxTitles by platform read one
 * platform's listings and so almost no cross-platform pair: a 200k store gave 0 positives. A store can hold several
 * rows of one (platform, id), so rowid makes the order total: the same store always trains the same encoder.)
 */
export async function listingTrainingSet(db: Backend, o: Pick<StoreTrainingOptions, 'maxTitles' | 'maxGroup'>): Promise<{ texts: string[]; positives: [number, number][] }> {
  const rows = await db.all<ListingTitle>(step(
    `WITH l AS (
       SELECT title, coalesce(nullif(gtin, ''), CASE WHEN length(regexp_replace(lower(coalesce(mpn, '')), '[^a-z0-9]', '', 'g')) >= 4
              THEN 'mpn:' || coalesce(nullif(brand, ''), '') || ':' || regexp_replace(lower(mpn), '[^a-z0-9]', '', 'g') END) AS ident,
              platform, platform_listing_id, rowid AS rid
       FROM listing WHERE title IS NOT NULL AND trim(title) <> ''),
     s AS (SELECT * FROM l ORDER BY md5(coalesce(ident, 'id:' || platform || chr(0) || platform_listing_id)), platform, platform_listing_id, rid LIMIT $1)
     SELECT (row_number() OVER (ORDER BY platform, platform_listing_id, rid) - 1)::INTEGER AS idx, title, ident FROM s ORDER BY idx`,
    [o.maxTitles],
  ));
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    if (r.ident === null) continue;
    const g = groups.get(r.ident);
    if (g) g.push(Number(r.idx));
    else groups.set(r.ident, [Number(r.idx)]);
  }
  const positives: [number, number][] = [];
  for (const g of groups.values()) {
    if (g.length < 2 || g.length > o.maxGroup) continue;
    for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) positives.push([g[i] as number, g[j] as number]);
  }
  return { texts: rows.map((r) => r.title), positives };
}

export interface StoredEncoder {
  readonly info: ModelInfo;
  readonly weights: EncoderWeights;
}

/** Trains on the store's listings and saves the next version of 'title-encoder'. */
export async function trainStoreEncoder(db: Backend, options: Partial<StoreTrainingOptions> = {}): Promise<StoredEncoder> {
  const o: StoreTrainingOptions = { maxTitles: 50_000, maxGroup: 20, ...options };
  const set = await listingTrainingSet(db, o);
  if (set.texts.length < 2) throw new Error(`the store has ${set.texts.length} listing titles; ingest listings before training the encoder`);
  const { weights, report } = await trainEncoder(set, o.training, o.onProgress);
  // A quick self-check: how often an identifier-equal partner is the nearest title among a sample of titles.
  const sample = set.positives.slice(0, 500);
  let hits = 0;
  if (sample.length > 0) {
    const pool = [...new Set(sample.flat())];
    const at = new Map(pool.map((t, i) => [t, i] as const));
    const e = embedTitles(weights, pool.map((i) => set.texts[i] as string));
    for (const [a, b] of sample) {
      const ia = at.get(a) as number;
      let best = -1;
      let bestS = -Infinity;
      for (let j = 0; j < pool.length; j++) {
        if (j === ia) continue;
        let s = 0;
        for (let k = 0; k < weights.dim; k++) s += (e[ia * weights.dim + k] as number) * (e[j * weights.dim + k] as number);
        if (s > bestS) [bestS, best] = [s, j];
      }
      if (pool[best] === b || set.texts[pool[best] as number] === set.texts[b]) hits++;
    }
  }
  const info = await saveModel<EncoderArtefact>(db, {
    name: ENCODER_MODEL_NAME,
    kind: 'tfjs-wasm-subword-bag',
    params: { ...o.training, buckets: weights.buckets, dim: weights.dim, hidden: weights.hidden, maxTitles: o.maxTitles, maxGroup: o.maxGroup },
    metrics: {
      titles: set.texts.length,
      identifierPositives: set.positives.length,
      trainSeconds: Number(report.seconds.toFixed(1)),
      firstLoss: Number(report.firstLoss.toFixed(4)),
      lastLoss: Number(report.lastLoss.toFixed(4)),
      positiveTop1: sample.length > 0 ? Number((hits / sample.length).toFixed(4)) : null,
      backend: report.backend,
    },
    dataFingerprint: fingerprint(set.texts.length, set.positives.length, set.texts.slice(0, 50)),
    artefact: toArtefact(weights),
  });
  return { info, weights };
}

/** The latest stored encoder (or the given version), or undefined when there is none. */
export async function loadEncoder(db: Backend, version?: number): Promise<StoredEncoder | undefined> {
  const m = await findModel<EncoderArtefact>(db, ENCODER_MODEL_NAME, version);
  return m && { info: m.info, weights: fromArtefact(m.artefact) };
}
