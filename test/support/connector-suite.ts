// The shared connector suite: every connector fixture must be detected, mapped, lose no row, keep lineage
// and re-ingest as a no-op. Each connector's test file calls connectorSuite() once per fixture.
import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffFile } from '../../src/sources/sniff.js';
import { rankConnectors } from '../../src/connectors/registry.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { canonicalTableNames, type CanonicalTable } from '../../src/model/canonical.js';
import { step } from '../../src/store/sql.js';
import { TEST_HMAC, tempStore } from './db.js';

export interface ConnectorCase {
  /** path of the fixture file, relative to the repo root */
  fixture: string;
  /** connector expected to win detection */
  connector: string;
  platform: string;
  /** data records in the file (rows_read) */
  records: number;
  /** records expected to be rejected (severity error or skipped) */
  rejected?: number;
  /** per canonical table: the minimum row count, and the fields that must be filled on at least one row */
  tables: Partial<Record<CanonicalTable, { min: number; fields: string[] }>>;
}

export function connectorSuite(c: ConnectorCase): void {
  describe(`connector ${c.connector}: ${basename(c.fixture)}`, () => {
    it('is detected as its platform and kind', async () => {
      const file = await sniffFile(c.fixture);
      const ranked = await rankConnectors(file);
      expect(ranked[0]?.connector.name, `scores: ${ranked.slice(0, 3).map((r) => `${r.connector.name}=${r.score.toFixed(2)}`).join(' ')}`).toBe(c.connector);
      expect(ranked[0]!.score).toBeGreaterThanOrEqual(0.6);
      if (ranked[1]) expect(ranked[0]!.score).toBeGreaterThan(ranked[1].score);
    });

    it('maps every field the format carries, loses no record, keeps lineage, re-ingests as a no-op', async () => {
      const s = await tempStore();
      try {
        const r = await ingestFile(s.db, c.fixture, { hmac: TEST_HMAC });
        expect(r.status).toBe('ingested');
        expect(r.platform).toBe(c.platform);
        expect(r.rowsRead).toBe(c.records);
        expect(r.rowsAccepted + r.rowsRejected).toBe(r.rowsRead);
        expect(r.rowsRejected, JSON.stringify(r.rejects)).toBe(c.rejected ?? 0);
        const rej = await s.db.one<{ n: number }>(step('SELECT count(*) AS n FROM reject WHERE source_file_id = $1', [r.sourceFileId]));
        expect(rej?.n).toBe(r.rowsRejected);
        for (const [table, want] of Object.entries(c.tables)) {
          const n = await s.db.one<{ n: number }>(step(`SELECT count(*) AS n FROM ${table}`));
          expect(n?.n, `${table} rows`).toBeGreaterThanOrEqual(want.min);
          for (const f of want.fields) {
            const filled = await s.db.one<{ n: number }>(step(`SELECT count(${f}) AS n FROM ${table}`));
            expect(filled?.n, `${table}.${f} filled on some row`).toBeGreaterThan(0);
          }
          const lineage = await s.db.one<{ bad: number }>(step(
            `SELECT count(*) FILTER (WHERE source_file_id IS DISTINCT FROM $1 OR source_row IS NULL OR source_row < 1 OR row_hash IS NULL) AS bad FROM ${table}`,
            [r.sourceFileId],
          ));
          expect(lineage?.bad, `${table} lineage`).toBe(0);
        }
        const before = await counts(s.db);
        const copy = join(s.dir, basename(c.fixture));
        copyFileSync(c.fixture, copy);
        const again = await ingestFile(s.db, copy, { hmac: TEST_HMAC });
        expect(again.status).toBe('unchanged');
        expect(await counts(s.db)).toEqual(before);
      } finally {
        await s.done();
      }
    });
  });
}

async function counts(db: Awaited<ReturnType<typeof tempStore>>['db']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [...canonicalTableNames, 'reject', 'source_file']) {
    out[t] = (await db.one<{ n: number }>(step(`SELECT count(*) AS n FROM ${t}`)))?.n ?? 0;
  }
  return out;
}
