// Pairwise clustering quality of the fused products against a truth file (the sample generator's
// truth/listings.csv: platform, platform_listing_id, product_key, has_identifier), over listings in both.
import type { Backend } from '../../store/backend.js';
import { literal, step } from '../../store/sql.js';
import type { Candidates } from './block.js';
import type { ListingRecord } from './records.js';

export interface PairwiseScore {
  readonly listings: number;
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly correctPairs: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface FusionQuality {
  readonly all: PairwiseScore;
  /** Only listings whose file carries no valid GTIN (pairs among them). */
  readonly withoutIdentifier: PairwiseScore;
  /** Truth listings that are not in the listing table (e.g. own-site SKUs seen only in events). */
  readonly truthNotInStore: number;
}

function score(r: { n: number; t: number; p: number; c: number }): PairwiseScore {
  const precision = r.p === 0 ? 0 : r.c / r.p;
  const recall = r.t === 0 ? 0 : r.c / r.t;
  return { listings: r.n, truePairs: r.t, predictedPairs: r.p, correctPairs: r.c, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

const truthTable = (path: string) => `read_csv(${literal(path)}, header = true, all_varchar = true)`;

export async function evaluateFusion(db: Backend, truthCsv: string): Promise<FusionQuality> {
  const q = (where: string) => step(`
    WITH j AS (SELECT t.product_key, m.product_id FROM ${truthTable(truthCsv)} t
               JOIN product_member m ON m.platform = t.platform AND m.platform_listing_id = t.platform_listing_id ${where}),
         pairs AS (SELECT (count(*) * (count(*) - 1) / 2)::DOUBLE AS x FROM j GROUP BY ALL)
    SELECT (SELECT count(*) FROM j) AS n,
           (SELECT coalesce(sum(x), 0) FROM (SELECT (count(*) * (count(*) - 1) / 2)::DOUBLE AS x FROM j GROUP BY product_key)) AS t,
           (SELECT coalesce(sum(x), 0) FROM (SELECT (count(*) * (count(*) - 1) / 2)::DOUBLE AS x FROM j GROUP BY product_id)) AS p,
           (SELECT coalesce(sum(x), 0) FROM (SELECT (count(*) * (count(*) - 1) / 2)::DOUBLE AS x FROM j GROUP BY product_key, product_id)) AS c`);
  const num = (r: Record<string, unknown> | undefined) => ({ n: Number(r?.n ?? 0), t: Number(r?.t ?? 0), p: Number(r?.p ?? 0), c: Number(r?.c ?? 0) });
  const all = num(await db.one(q('')));
  const noId = num(await db.one(q("WHERE t.has_identifier = '0'")));
  const missing = await db.one<{ n: number }>(step(`SELECT count(*) AS n FROM ${truthTable(truthCsv)} t
    WHERE NOT EXISTS (SELECT 1 FROM listing l WHERE l.platform = t.platform AND l.platform_listing_id = t.platform_listing_id)`));
  return { all: score(all), withoutIdentifier: score(noId), truthNotInStore: Number(missing?.n ?? 0) };
}

/** Share of true same-product pairs (among listings in the store) that blocking proposed. */
export async function pairCompleteness(db: Backend, truthCsv: string, records: readonly ListingRecord[], cand: Candidates): Promise<{ truePairs: number; found: number; completeness: number }> {
  const rows = await db.all<{ platform: string; platform_listing_id: string; product_key: string }>(step(`SELECT platform, platform_listing_id, product_key FROM ${truthTable(truthCsv)}`));
  const keyOf = new Map(rows.map((r) => [`${r.platform}\u0000${r.platform_listing_id}`, r.product_key]));
  const groups = new Map<string, number>();
  const truthKey: (string | undefined)[] = records.map((r) => keyOf.get(`${r.platform}\u0000${r.id}`));
  for (const k of truthKey) if (k !== undefined) groups.set(k, (groups.get(k) ?? 0) + 1);
  let truePairs = 0;
  for (const c of groups.values()) truePairs += (c * (c - 1)) / 2;
  let found = 0;
  for (let i = 0; i < cand.a.length; i++) {
    const x = truthKey[cand.a[i] as number];
    if (x !== undefined && x === truthKey[cand.b[i] as number]) found++;
  }
  return { truePairs, found, completeness: truePairs === 0 ? 1 : found / truePairs };
}
