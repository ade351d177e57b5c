// How good a suggested mapping is: ingest a file with its real platform connector and with the suggestion (made with
// that platform's column names left out), and count the real canonical rows the suggestion reproduces.

import { parseMapping } from '../../connectors/generic.js';
import { ingestFile } from '../../ingest/ingest.js';
import { platformConnectors } from '../../connectors/registry.js';
import { sniffFile } from '../../sources/sniff.js';
import { canonicalTables, type CanonicalTable } from '../../model/canonical.js';
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { suggestMapping, type Suggestion } from './suggest.js';

/** Fields a row must reproduce to count as correct (where the real connector filled them). */
export const CORE_FIELDS: Partial<Record<CanonicalTable, readonly string[]>> = {
  listing: ['title', 'sku', 'price'],
  order_line: ['platform_order_id', 'sku', 'title', 'quantity', 'unit_price'],
  orders: ['platform_order_id', 'total', 'placed_at'],
  customer_account: ['email_hash'],
  review: ['rating'],
};

export interface TableScore {
  readonly table: string;
  readonly real: number;
  readonly correct: number;
  /**
   * Per core field: real rows that have it, and how many of those the suggestion reproduces — a correct row agrees
   * on all; a row not reproduced is compared with the closest suggested row of its record (most core fields equal).
   */
  readonly fields: Record<string, { real: number; agree: number }>;
}

export interface SuggestionScore {
  readonly file: string;
  readonly connector: string | null;
  readonly tables: TableScore[];
  /** Correct rows / real rows over every table the real connector filled. */
  readonly share: number;
  readonly suggestion: Suggestion;
}

type Rows = Map<string, Record<string, unknown>[]>;

/**
 * Rows by the source record they came from: a suggestion may pick another column as the listing id than the real
 * connector does (the SKU instead of the ASIN), and still ingest the record correctly, so the rows of one record are
 * paired by content, not by their key.
 */
async function tableRows(db: Backend, table: CanonicalTable, fileId: number): Promise<Rows> {
  const core = CORE_FIELDS[table] ?? [];
  const rows = await db.all(step(
    `SELECT CAST(source_row AS VARCHAR) AS __at, ${core.map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(', ')}
       FROM ${table} WHERE source_file_id = $1 ORDER BY source_row, ${canonicalTables[table].key.join(', ')}`,
    [fileId],
  ));
  const out: Rows = new Map();
  for (const r of rows) {
    const k = String(r.__at);
    const l = out.get(k) ?? [];
    l.push(r);
    out.set(k, l);
  }
  return out;
}

/** realDb and suggestedDb must be two fresh stores; the file is ingested into each. */
export async function scoreSuggestion(realDb: Backend, suggestedDb: Backend, path: string, hmac: { ipad: string; opad: string }): Promise<SuggestionScore> {
  const real = await ingestFile(realDb, path, { hmac });
  if (real.status !== 'ingested' || real.sourceFileId === null) throw new Error(`${path}: the real connector did not ingest it (${real.error?.message ?? real.status})`);
  const platform = real.platform ?? undefined;
  // The shop's time zone and currency are facts the user states (flags of `map suggest`), taken here from the real mapping.
  const conn = (await platformConnectors()).find((c) => c.name === real.connector);
  const read = conn?.mapping(await sniffFile(path)).read;
  const suggestion = await suggestMapping(path, {
    ...(platform ? { platform, excludePlatform: platform } : {}),
    ...(read?.timezone ? { timezone: read.timezone } : {}),
    ...(read?.currency ? { currency: read.currency } : {}),
  });
  const mine = await ingestFile(suggestedDb, path, { hmac, mapping: parseMapping(suggestion.mapping, 'suggested') });
  const tables: TableScore[] = [];
  for (const [t, n] of Object.entries(real.rowsByTable)) {
    if (n === 0 || !(t in canonicalTables)) continue;
    const table = t as CanonicalTable;
    const want = await tableRows(realDb, table, real.sourceFileId);
    const got: Rows = mine.sourceFileId === null ? new Map<string, Record<string, unknown>[]>() : await tableRows(suggestedDb, table, mine.sourceFileId);
    let correct = 0;
    let realN = 0;
    const core = CORE_FIELDS[table] ?? [];
    const fields: Record<string, { real: number; agree: number }> = Object.fromEntries(core.map((f) => [f, { real: 0, agree: 0 }]));
    const has = (r: Record<string, unknown>, f: string): boolean => r[f] !== null && r[f] !== undefined;
    for (const [k, rs] of want) {
      const free = [...(got.get(k) ?? [])];
      const missed: Record<string, unknown>[] = [];
      for (const r of rs) {
        realN++;
        // a real row counts when one suggested row of the same record, not paired yet, has every core field it has
        const i = free.findIndex((g) => core.every((f) => !has(r, f) || r[f] === g[f]));
        if (i >= 0) {
          correct++;
          free.splice(i, 1);
          for (const f of core) if (has(r, f)) { (fields[f] as { real: number; agree: number }).real++; (fields[f] as { real: number; agree: number }).agree++; }
        } else missed.push(r);
      }
      for (const r of missed) {
        const agree = (g: Record<string, unknown>): number => core.filter((f) => has(r, f) && r[f] === g[f]).length;
        const best = free.reduce<Record<string, unknown> | undefined>((b, g) => (b === undefined || agree(g) > agree(b) ? g : b), undefined);
        for (const f of core) {
          if (!has(r, f)) continue;
          const c = fields[f] as { real: number; agree: number };
          c.real++;
          if (best !== undefined && r[f] === best[f]) c.agree++;
        }
      }
    }
    tables.push({ table, real: realN, correct, fields });
  }
  const realN = tables.reduce((a, t) => a + t.real, 0);
  return { file: path, connector: real.connector, tables, share: realN === 0 ? 1 : tables.reduce((a, t) => a + t.correct, 0) / realN, suggestion };
}
