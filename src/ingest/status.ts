// What the store holds: files, rows per table and platform, rejects by reason.
import type { Backend } from '../store/backend.js';
import { canonicalTableNames } from '../model/canonical.js';
import { ident, step } from '../store/sql.js';

export interface StoreStatus {
  files: { id: number; path: string; platform: string; kind: string; connector: string; rows_read: number; rows_accepted: number; rows_rejected: number; ingested_at: string }[];
  tables: { table: string; platform: string; rows: number }[];
  rejects: { reason: string; severity: string; count: number }[];
  totals: { files: number; rowsRead: number; rowsAccepted: number; rowsRejected: number };
}

export async function storeStatus(db: Backend): Promise<StoreStatus> {
  const files = await db.all<StoreStatus['files'][number]>(step(
    'SELECT id, path, platform, kind, connector, rows_read, rows_accepted, rows_rejected, CAST(ingested_at AS VARCHAR) AS ingested_at FROM source_file ORDER BY id',
  ));
  const tables: StoreStatus['tables'] = [];
  for (const t of canonicalTableNames) {
    const rows = await db.all<{ platform: string; rows: number }>(step(`SELECT platform, count(*) AS rows FROM ${ident(t)} GROUP BY platform ORDER BY platform`));
    for (const r of rows) tables.push({ table: t, platform: r.platform, rows: r.rows });
  }
  const rejects = await db.all<StoreStatus['rejects'][number]>(step(
    'SELECT reason, severity, count(*) AS count FROM reject GROUP BY reason, severity ORDER BY count DESC, reason LIMIT 50',
  ));
  const totals = {
    files: files.length,
    rowsRead: files.reduce((a, f) => a + f.rows_read, 0),
    rowsAccepted: files.reduce((a, f) => a + f.rows_accepted, 0),
    rowsRejected: files.reduce((a, f) => a + f.rows_rejected, 0),
  };
  return { files, tables, rejects, totals };
}

export type RejectRow = {
  file: string;
  source_row: number;
  severity: string;
  field: string | null;
  value: string | null;
  reason: string;
  raw: string;
};

export async function listRejects(db: Backend, opts: { file?: string; limit?: number } = {}): Promise<RejectRow[]> {
  const limit = opts.limit ?? 100;
  return db.all<RejectRow>(step(
    `SELECT f.path AS file, r.source_row, r.severity, r.field, r.value, r.reason, r.raw
     FROM reject r JOIN source_file f ON f.id = r.source_file_id
     WHERE $1::VARCHAR IS NULL OR f.path LIKE '%' || $1::VARCHAR || '%'
     ORDER BY r.source_file_id, r.source_row LIMIT $2`,
    [opts.file ?? null, limit],
  ));
}
