// Candidate pairs: listings sharing an identifier or model-code key (a self-join in SQL, keys shared by too many
// listings skipped) plus top-k TF-IDF neighbours; pairs are rid pairs a < b.
import type { Backend } from '../../store/backend.js';
import { step, workTable } from '../../store/sql.js';
import { tfidfNeighbours, type NeighbourOptions } from './neighbours.js';

export const KEY_WORK = workTable('pf_key');

export interface BlockOptions {
  /** A key shared by more listings than this is too generic to pair on (a brand-wide code, a junk barcode). */
  readonly maxKeyFrequency: number;
  readonly neighbours: Partial<NeighbourOptions>;
}

export const DEFAULT_BLOCK: BlockOptions = { maxKeyFrequency: 40, neighbours: {} };

export interface Candidates {
  /** a[i] < b[i], distinct pairs, sorted by (a, b). */
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  /** 1 = from a shared key, 2 = from TF-IDF neighbours, 3 = both. */
  readonly source: Uint8Array;
  readonly fromKeys: number;
  readonly fromNeighbours: number;
}

/** Pairs of listings that share a key, computed by the backend. */
export async function keyPairs(db: Backend, keys: readonly (readonly string[])[], maxKeyFrequency: number): Promise<[number, number][]> {
  await db.run(step(`CREATE OR REPLACE TABLE ${KEY_WORK} (rid INTEGER, key VARCHAR)`));
  function* rows(): Generator<[number, string]> {
    for (let rid = 0; rid < keys.length; rid++) for (const k of keys[rid] as string[]) yield [rid, k];
  }
  await db.append(KEY_WORK, ['rid', 'key'], rows());
  const pairs = await db.all<{ a: number; b: number }>(step(`
    WITH k AS (SELECT DISTINCT rid, key FROM ${KEY_WORK}),
         usable AS (SELECT key FROM k GROUP BY key HAVING count(*) BETWEEN 2 AND $1)
    SELECT DISTINCT x.rid AS a, y.rid AS b FROM k x JOIN k y ON x.key = y.key AND x.rid < y.rid
    WHERE x.key IN (SELECT key FROM usable)`, [maxKeyFrequency]));
  return pairs.map((p) => [Number(p.a), Number(p.b)]);
}

export async function blockCandidates(db: Backend, texts: readonly string[], keys: readonly (readonly string[])[], o: BlockOptions = DEFAULT_BLOCK): Promise<Candidates> {
  const n = texts.length;
  const seen = new Map<number, number>();
  for (const [a, b] of await keyPairs(db, keys, o.maxKeyFrequency)) seen.set(a * n + b, 1);
  tfidfNeighbours(texts, o.neighbours, (a, b) => {
    const k = a * n + b;
    seen.set(k, (seen.get(k) ?? 0) | 2);
  });
  const sorted = [...seen.keys()].sort((x, y) => x - y);
  const a = new Uint32Array(sorted.length);
  const b = new Uint32Array(sorted.length);
  const source = new Uint8Array(sorted.length);
  let fromKeys = 0;
  let fromNeighbours = 0;
  sorted.forEach((k, i) => {
    a[i] = Math.floor(k / n);
    b[i] = k % n;
    const s = seen.get(k) as number;
    source[i] = s;
    if (s & 1) fromKeys++;
    if (s & 2) fromNeighbours++;
  });
  await db.run(step(`DROP TABLE IF EXISTS ${KEY_WORK}`));
  return { a, b, source, fromKeys, fromNeighbours };
}
