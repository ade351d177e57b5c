// Data quality: what was ingested, rejects by reason, and drill-down to one rejected record.
import { z } from 'zod';
import { storeStatus } from '../../ingest/status.js';
import { step } from '../../store/sql.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../http-error.js';
import { maskRaw } from '../mask.js';
import { auditPii } from '../pii-audit.js';
import { defineRoute, paging, type AnyRoute } from '../route.js';

const rejectRow = z.object({
  file_id: z.number(), file: z.string(), source_row: z.number(), severity: z.string(), field: z.string().nullable(),
  value: z.string().nullable(), reason: z.string(), raw: z.string().nullable(),
});
type RejectRow = z.infer<typeof rejectRow>;

export function qualityRoutes(ctx: ServerContext): AnyRoute[] {
  const q = <T>(fn: () => Promise<T>) => ctx.gate.run(fn);
  return [
    defineRoute({
      method: 'GET', url: '/api/status', scope: 'read', tag: 'data quality', summary: 'files, rows per table and platform, rejects by reason',
      handler: () => q(() => storeStatus(ctx.db)),
    }),
    defineRoute({
      method: 'GET', url: '/api/files', scope: 'read', tag: 'data quality', summary: 'ingested files and stream batches, newest first',
      query: z.object({ ...paging(1000, 100), platform: z.string().max(100).optional() }),
      handler: ({ query }) => q(() => ctx.db.all(step(
        `SELECT id, path, platform, kind, connector, format, encoding, rows_read, rows_accepted, rows_rejected, rows_skipped,
                round(seconds, 3) AS seconds, CAST(ingested_at AS VARCHAR) AS ingested_at
         FROM source_file WHERE $1::VARCHAR IS NULL OR platform = $1 ORDER BY id DESC LIMIT $2 OFFSET $3`,
        [query.platform ?? null, query.limit, query.offset]))),
    }),
    defineRoute({
      method: 'GET', url: '/api/rejects/summary', scope: 'read', tag: 'data quality', summary: 'reject counts by reason and field, with the files they came from',
      handler: () => q(async () => ({
        byReason: await ctx.db.all(step(
          `SELECT reason, field, severity, count(*) AS count, count(DISTINCT source_file_id) AS files FROM reject
           GROUP BY ALL ORDER BY count DESC, reason, field LIMIT 200`)),
        byFile: await ctx.db.all(step(
          `SELECT f.id AS file_id, f.path AS file, f.platform, f.rows_read, f.rows_rejected,
                  round(100.0 * f.rows_rejected / greatest(f.rows_read, 1), 2) AS reject_pct
           FROM source_file f WHERE f.rows_rejected > 0 ORDER BY reject_pct DESC, f.id LIMIT 200`)),
      })),
    }),
    defineRoute({
      method: 'GET', url: '/api/rejects', scope: 'read', tag: 'data quality',
      summary: 'rejected records with file, row, field, value, reason and raw record (personal data masked without the pii scope)',
      query: z.object({
        ...paging(1000, 100),
        file: z.string().max(500).optional().describe('only files whose path contains this text'),
        file_id: z.coerce.number().int().min(0).optional(),
        reason: z.string().max(500).optional().describe('only this exact reason'),
        field: z.string().max(200).optional(),
      }),
      response: z.array(rejectRow),
      handler: async ({ query, caller }) => {
        const rows = await q(() => ctx.db.all<RejectRow>(step(
          `SELECT r.source_file_id AS file_id, f.path AS file, r.source_row, r.severity, r.field, r.value, r.reason, r.raw
           FROM reject r JOIN source_file f ON f.id = r.source_file_id
           WHERE ($1::VARCHAR IS NULL OR contains(f.path, $1)) AND ($2::BIGINT IS NULL OR r.source_file_id = $2)
             AND ($3::VARCHAR IS NULL OR r.reason = $3) AND ($4::VARCHAR IS NULL OR r.field = $4)
           ORDER BY r.source_file_id, r.source_row LIMIT $5 OFFSET $6`,
          [query.file ?? null, query.file_id ?? null, query.reason ?? null, query.field ?? null, query.limit, query.offset])));
        const pii = caller?.has('pii') === true;
        if (pii) await q(() => auditPii(ctx, caller, 'GET /api/rejects', { ...query, rows: rows.length }));
        return rows.map((r) => (pii ? r : { ...r, value: maskRaw(r.value), raw: maskRaw(r.raw) }));
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/files/:id/rows/:row', scope: 'read', tag: 'data quality',
      summary: 'drill into one record of a file: its rejects (every failing field) and the raw record, parsed when it is JSON',
      params: z.object({ id: z.coerce.number().int().min(0), row: z.coerce.number().int().min(0) }),
      errors: { 404: 'no such file or no reject at that row' },
      handler: async ({ params, caller }) => {
        const out = await q(async () => {
          const file = await ctx.db.one(step(
            'SELECT id, path, platform, kind, connector, format, encoding, rows_read, rows_rejected FROM source_file WHERE id = $1', [params.id]));
          if (!file) throw notFound(`no file with id ${params.id}`, 'GET /api/files lists them');
          const rejects = await ctx.db.all<{ severity: string; field: string | null; value: string | null; reason: string; raw: string | null }>(step(
            'SELECT severity, field, value, reason, raw FROM reject WHERE source_file_id = $1 AND source_row = $2 ORDER BY field NULLS FIRST', [params.id, params.row]));
          return { file, rejects };
        });
        if (out.rejects.length === 0) throw notFound(`file ${params.id} has no rejected record at row ${params.row}`, 'GET /api/rejects?file_id=ID lists the rejected rows');
        const pii = caller?.has('pii') === true;
        if (pii) await q(() => auditPii(ctx, caller, 'GET /api/files/:id/rows/:row', params));
        const raw = pii ? out.rejects[0]!.raw : maskRaw(out.rejects[0]!.raw);
        let record: unknown;
        try {
          record = raw === null ? null : (JSON.parse(raw) as unknown);
        } catch {
          record = null;
        }
        return {
          file: out.file, row: params.row, raw, record,
          problems: out.rejects.map((r) => ({ severity: r.severity, field: r.field, value: pii ? r.value : maskRaw(r.value), reason: r.reason })),
        };
      },
    }),
  ];
}
