// Upload export files (multipart): each is ingested exactly as `omnifuse ingest` would, one transaction per
// file, and answered with rows read/accepted/rejected and the reject reasons. A part named like
// NAME.mapping.yaml (or a "mapping" file part) is used as the mapping for the data files in the same request.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseMapping } from '../../connectors/generic.js';
import type { Mapping } from '../../connectors/mapping.js';
import { emptyResult, ingestFile, type FileResult } from '../../ingest/ingest.js';
import { step } from '../../store/sql.js';
import { OmnifuseError, errorMessage } from '../../util/errors.js';
import type { ServerContext } from '../context.js';
import { badRequest } from '../http-error.js';
import { defineRoute, type AnyRoute } from '../route.js';

const safeName = (n: string) => (n.split(/[\\/]/).pop() ?? 'upload').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 200) || 'upload';
const isMapping = (field: string, name: string) => field === 'mapping' || /\.mapping\.(ya?ml|json)$/i.test(name);

const options = z.object({
  platform: z.string().max(100).optional(),
  timezone: z.string().max(64).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
});

function summary(r: FileResult, name: string) {
  return {
    file: name, status: r.status, sourceFileId: r.sourceFileId, connector: r.connector, platform: r.platform, kind: r.kind,
    read: r.rowsRead, accepted: r.rowsAccepted, rejected: r.rowsRejected, skipped: r.rowsSkipped, rowsByTable: r.rowsByTable,
    rejects: r.rejects, seconds: Number(r.seconds.toFixed(3)), ...(r.error ? { error: r.error } : {}),
  };
}

export function uploadRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'POST', url: '/api/upload', scope: 'ingest', tag: 'ingest', bodyType: 'multipart/form-data',
      summary: 'upload export files (multipart, field "file", repeatable; optional fields platform, timezone, currency, mapping)',
      description: 'Each file is detected and ingested like `omnifuse ingest`. The same bytes uploaded twice are not ingested twice (status "unchanged").',
      errors: { 413: 'a file is larger than the upload limit', 415: 'not multipart/form-data' },
      handler: async ({ req }) => {
        req.raw.socket.setTimeout(0); // ingesting a large file can outlast the idle-socket timeout
        if (!req.isMultipart()) throw badRequest('send the files as multipart/form-data', 'curl -F file=@orders.csv -H "Authorization: Bearer $TOKEN" URL/api/upload');
        const dir = await mkdtemp(join(tmpdir(), 'omnifuse-upload-'));
        try {
          const files: { name: string; path: string }[] = [];
          const fields: Record<string, string> = {};
          let mapping: Mapping | undefined;
          for await (const part of req.parts()) {
            if (part.type === 'field') {
              fields[part.fieldname] = String(part.value);
              continue;
            }
            const name = safeName(part.filename);
            const path = join(dir, `${files.length}-${name}`);
            await pipeline(part.file, createWriteStream(path));
            if (isMapping(part.fieldname, name)) {
              const text = await readFile(path, 'utf8');
              let doc: unknown;
              try {
                doc = /\.json$/i.test(name) ? JSON.parse(text) : parseYaml(text);
              } catch (e) {
                throw badRequest(`${name} is not valid YAML/JSON: ${errorMessage(e)}`, 'see docs/mapping.md');
              }
              mapping = parseMapping(doc, name);
            } else files.push({ name, path });
          }
          if (files.length === 0) throw badRequest('no file in the upload', 'add one or more parts named "file"');
          const opt = options.safeParse(fields);
          if (!opt.success) throw badRequest(`form field "${opt.error.issues[0]!.path.join('.')}": ${opt.error.issues[0]!.message}`);
          const results = [];
          for (const f of files) {
            const r = await ctx.gate.run(async () => {
              try {
                const res = await ingestFile(ctx.db, f.path, {
                  hmac: ctx.hmac, ...(ctx.key ? { key: ctx.key } : {}), baseCurrency: ctx.baseCurrency, ...(mapping ? { mapping } : {}),
                  ...(opt.data.platform ? { platform: opt.data.platform } : {}), ...(opt.data.timezone ? { timezone: opt.data.timezone } : {}),
                  ...(opt.data.currency ? { currency: opt.data.currency } : {}),
                });
                if (res.status === 'ingested' && res.sourceFileId !== null) {
                  await ctx.db.run(step('UPDATE source_file SET path = $1 WHERE id = $2', [`upload/${f.name}`, res.sourceFileId]));
                }
                ctx.readModel.changed();
                return res;
              } catch (e) {
                if (!(e instanceof OmnifuseError) || e.kind === 'internal') throw e;
                return { ...emptyResult(f.name), error: { message: errorMessage(e), ...(e.hint ? { hint: e.hint } : {}) } };
              }
            }, { waitMs: 300_000 });
            ctx.metrics.count('omnifuse_upload_rows_total', 'records read from uploaded files', { outcome: 'accepted' }, r.rowsAccepted);
            ctx.metrics.count('omnifuse_upload_rows_total', 'records read from uploaded files', { outcome: 'rejected' }, r.rowsRejected);
            results.push(summary(r, f.name));
          }
          return {
            files: results,
            totals: {
              read: results.reduce((a, r) => a + r.read, 0), accepted: results.reduce((a, r) => a + r.accepted, 0),
              rejected: results.reduce((a, r) => a + r.rejected, 0), failed: results.filter((r) => r.status === 'failed').length,
            },
          };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    }),
  ];
}
