// Ingest files: sniff, pick a connector, stage, map to canonical rows, store rejects — one transaction per file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Backend } from '../store/backend.js';
import { step } from '../store/sql.js';
import { sniffFile, type Sniffed } from '../sources/sniff.js';
import type { Encoding } from '../sources/encoding.js';
import type { Delimiter } from '../sources/delimited.js';
import type { Connector } from '../connectors/connector.js';
import type { Mapping } from '../connectors/mapping.js';
import { genericConnector } from '../connectors/generic.js';
import { DETECT_THRESHOLD, rankConnectors } from '../connectors/registry.js';
import { OmnifuseError, inputError, usageError } from '../util/errors.js';
import { sha256File } from './hash-file.js';
import { stage, STAGING_TABLES, type StageError } from './staging.js';
import { BAD, badRecordsStep, canonicalInsertSteps, createBadStep, deleteBadStep, keyedWork, planMapping, rejectInsertStep, SUSPECT, suspectRecords, suspectsStep } from './plan.js';
import { redactFileRejects } from '../privacy/redact.js';
import { deriveSteps } from './derive.js';

export interface IngestOptions {
  /** restrict auto-detection to one platform */
  platform?: string;
  /** use this mapping instead of auto-detection (the generic connector) */
  mapping?: Mapping;
  hmac: { ipad: string; opad: string };
  /** the project key: when given (the CLI and the server always give it), rejected raw records are stored with
   *  e-mails hashed and names, phones and addresses masked (src/privacy/redact.ts) */
  key?: Buffer;
  /** zone for dates without an offset when the mapping names none */
  timezone?: string;
  /** currency for amounts without symbol when the mapping names none */
  currency?: string;
  baseCurrency?: string;
  /** working-memory cap for the engine while the file is ingested (default INGEST_MEMORY_LIMIT) */
  memoryLimit?: string;
  onProgress?: (p: IngestProgress) => void;
}

export interface IngestProgress {
  file: string;
  phase: 'hash' | 'read' | 'map' | 'done';
  rows: number;
}

export interface RejectSummary {
  reason: string;
  field: string | null;
  severity: string;
  count: number;
}

export interface FileResult {
  path: string;
  status: 'ingested' | 'unchanged' | 'failed';
  sourceFileId: number | null;
  connector: string | null;
  platform: string | null;
  kind: string | null;
  format: string | null;
  encoding: string | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsSkipped: number;
  rowsByTable: Record<string, number>;
  rejects: RejectSummary[];
  seconds: number;
  error?: { message: string; hint?: string };
}

const READ_HINT_ENCODING: Record<string, Encoding> = { gbk: 'gb18030' };

async function chooseConnector(file: Sniffed, opts: IngestOptions): Promise<Connector> {
  if (opts.mapping) return genericConnector(opts.mapping);
  const ranked = await rankConnectors(file, opts.platform);
  const best = ranked[0];
  if (best && best.score >= DETECT_THRESHOLD) return best.connector;
  const closest = ranked.slice(0, 3).map((d) => `${d.connector.name} (${Math.round(d.score * 100)}%)`).join(', ');
  throw inputError(
    `${basename(file.path)}: no connector recognises this ${file.format.toUpperCase()} header (${file.header.slice(0, 8).join(', ')}${file.header.length > 8 ? ', ...' : ''})${closest ? `; closest: ${closest}` : ''}`,
    'write a mapping file (docs/mapping.md) and run `omnifuse ingest FILE --mapping my.mapping.yaml`, or pass --platform if the file is a known export with renamed columns',
  );
}

async function resniff(file: Sniffed, m: Mapping): Promise<Sniffed> {
  const r = m.read;
  if (!r) return file;
  const format = r.format === 'tsv' ? 'csv' : r.format;
  const delimiter = (r.format === 'tsv' ? '\t' : r.delimiter) as Delimiter | undefined;
  const encoding = r.encoding ? (READ_HINT_ENCODING[r.encoding] ?? (r.encoding as Encoding)) : undefined;
  let out = file;
  if (format !== undefined || delimiter !== undefined || encoding !== undefined) {
    out = await sniffFile(file.path, { ...(format ? { format } : {}), ...(delimiter ? { delimiter } : {}), ...(encoding ? { encoding } : {}) });
  }
  if (r.records) out = out.format === 'xml' ? { ...out, recordTag: r.records } : { ...out, recordsKey: r.records };
  return out;
}

async function dropWork(db: Backend, tables: string[]): Promise<void> {
  // views first: the staging view reads a staging table
  const views = new Set((await db.all<{ v: string }>(step('SELECT view_name AS v FROM duckdb_views() WHERE NOT internal'))).map((r) => r.v));
  for (const t of tables) if (views.has(t)) await db.run(step(`DROP VIEW ${t}`));
  for (const t of tables) if (!views.has(t)) await db.run(step(`DROP TABLE IF EXISTS ${t}`));
}

async function storeStageErrors(db: Backend, fileId: number, errors: StageError[], skipPattern: RegExp | undefined): Promise<number> {
  let skipped = 0;
  const rows = errors.map((e) => {
    const skip = skipPattern?.test(e.raw) === true;
    if (skip) skipped++;
    return [fileId, e.line, skip ? 'skipped' : 'error', null, null, skip ? 'known non-data line (report header/footer)' : e.reason, e.raw];
  });
  if (rows.length) await db.append('reject', ['source_file_id', 'source_row', 'severity', 'field', 'value', 'reason', 'raw'], rows);
  return skipped;
}

export function emptyResult(path: string): FileResult {
  return {
    path, status: 'failed', sourceFileId: null, connector: null, platform: null, kind: null, format: null, encoding: null,
    rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, rowsSkipped: 0, rowsByTable: {}, rejects: [], seconds: 0,
  };
}

/** DuckDB's own default memory cap is 80 % of RAM, and a large delimited file's staging table would take it; past
 *  this cap the ingest spills to disk instead (the 10M-line bench peaks at ~1.3 GB RSS with it, at no measured CPU
 *  cost). JSON and XML records are not capped: their SQL (json_extract over whole records, lists of line items)
 *  does not spill, and a medium-scale Shopify or WooCommerce JSON export ran out of memory under 1-4 GB. */
export const INGEST_MEMORY_LIMIT = '1GB';
const SPILLS: ReadonlySet<string> = new Set(['csv', 'parquet']);

/** the result for a file whose bytes were ingested before (as source_file `id`) */
async function unchangedResult(db: Backend, result: FileResult, id: number, t0: number): Promise<FileResult> {
  const prev = await db.one<Record<string, number | string>>(step('SELECT * FROM source_file WHERE id = $1', [id]));
  return {
    ...result, status: 'unchanged', sourceFileId: id, connector: String(prev?.connector ?? ''), platform: String(prev?.platform ?? ''),
    kind: String(prev?.kind ?? ''), format: String(prev?.format ?? ''), encoding: String(prev?.encoding ?? ''),
    rowsRead: Number(prev?.rows_read ?? 0), rowsAccepted: Number(prev?.rows_accepted ?? 0), rowsRejected: Number(prev?.rows_rejected ?? 0),
    rowsSkipped: Number(prev?.rows_skipped ?? 0), seconds: (performance.now() - t0) / 1000,
  };
}

export async function ingestFile(db: Backend, path: string, opts: IngestOptions): Promise<FileResult> {
  const t0 = performance.now();
  const full = resolve(path);
  const result = emptyResult(full);
  const progress = (phase: IngestProgress['phase'], rows: number) => opts.onProgress?.({ file: full, phase, rows });
  progress('hash', 0);
  // Hashing costs ~1 s per GB on one core. A file whose size no stored file has cannot be one seen before, so it is
  // hashed while DuckDB stages it (the hash is needed only for source_file); otherwise the hash decides first.
  const hashing = sha256File(full);
  hashing.catch(() => undefined); // awaited below, where a failure surfaces
  const sameSize = await db.one(step('SELECT 1 AS x FROM source_file WHERE size_bytes = $1 LIMIT 1', [statSync(full).size]));
  if (sameSize) {
    const seen = await db.one<{ id: number }>(step('SELECT id FROM source_file WHERE sha256 = $1', [await hashing]));
    if (seen) return unchangedResult(db, result, seen.id, t0);
  }
  let file = await sniffFile(full);
  const connector = await chooseConnector(file, opts);
  const mapping = connector.mapping(file);
  file = await resniff(file, mapping);
  Object.assign(result, { connector: connector.name, platform: mapping.platform, kind: mapping.kind, format: file.format, encoding: file.encoding });

  const work = [...STAGING_TABLES, BAD, SUSPECT, ...Object.keys(mapping.targets).map((t) => keyedWork(t as never))];
  await dropWork(db, work);
  const baseCurrency = opts.baseCurrency ?? 'USD';
  // Stage before the file's transaction: the staging tables are temporary (a crash leaves nothing behind), and
  // DuckDB scans a committed temp table about twice as fast as one created inside the open transaction (measured:
  // the 1M-line bench insert 3.2 s -> 1.6 s).
  type Stored = { fileId: number; rowsRead: number; rowsAccepted: number; rowsRejected: number; skipped: number; rowsByTable: Record<string, number> };
  const stageAndStore = async (): Promise<Stored> => {
    progress('read', 0);
    const staged = await stage(db, file, (n) => progress('read', n));
    try {
      return await db.transaction(async () => {
        const idRow = await db.one<{ id: number }>(step("SELECT nextval('source_file_seq') AS id"));
        const fileId = idRow!.id;
        progress('map', staged.rows);
        const plan = planMapping(mapping, staged, {
          fileId, fileName: basename(full), hmac: opts.hmac, timezone: opts.timezone ?? 'UTC', currency: opts.currency ?? 'USD', baseCurrency,
        });
        await db.run(createBadStep());
        const rowsByTable: Record<string, number> = {};
        const direct = plan.targets.length === 1 && plan.targets[0]!.direct ? plan.targets[0]! : undefined;
        let bad: number;
        if (direct) {
          // one plain target: insert every record in one pass, then check again only the rows stored with an empty
          // checked field, and take out those that failed (the cleaning expressions run once over the file)
          await db.runAll(canonicalInsertSteps(direct, fileId, baseCurrency, false));
          await db.run(suspectsStep(direct, fileId));
          const suspects = (await db.one<{ n: number }>(step(`SELECT count(*) AS n FROM ${SUSPECT}`)))?.n ?? 0;
          const s = suspects > 0 ? badRecordsStep(direct, 0, suspectRecords) : undefined;
          if (s) await db.run(s);
          bad = (await db.one<{ n: number }>(step(`SELECT count(DISTINCT __rec) AS n FROM ${BAD}`)))?.n ?? 0;
          if (bad > 0) await db.runAll([rejectInsertStep(fileId, staged.shape), deleteBadStep(direct, fileId)]);
        } else {
          for (const [i, t] of plan.targets.entries()) {
            const s = badRecordsStep(t, i);
            if (s) await db.run(s);
          }
          bad = (await db.one<{ n: number }>(step(`SELECT count(DISTINCT __rec) AS n FROM ${BAD}`)))?.n ?? 0;
          if (bad > 0) await db.run(rejectInsertStep(fileId, staged.shape));
          for (const t of plan.targets) await db.runAll(canonicalInsertSteps(t, fileId, baseCurrency, bad > 0));
        }
        for (const t of plan.targets) {
          const c = await db.one<{ n: number }>(step(`SELECT count(*) AS n FROM ${t.table} WHERE source_file_id = $1`, [fileId]));
          rowsByTable[t.table] = c?.n ?? 0;
        }
        await db.runAll(deriveSteps(baseCurrency));
        const skipPattern = mapping.read?.skip_lines ? new RegExp(mapping.read.skip_lines) : undefined;
        const skipped = await storeStageErrors(db, fileId, staged.errors, skipPattern);
        if (opts.key) await redactFileRejects(db, opts.key, fileId);
        const rowsRead = staged.rows + staged.errors.length;
        const rowsRejected = bad + staged.errors.length;
        const rowsAccepted = staged.rows - bad;
        if (rowsAccepted + rowsRejected !== rowsRead) {
          throw new OmnifuseError('internal', `${basename(full)}: ${rowsRead} read but ${rowsAccepted} accepted + ${rowsRejected} rejected`);
        }
        const seconds = (performance.now() - t0) / 1000;
        const sha = await hashing;
        await db.run(step(
          `INSERT INTO source_file VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), $11, $12, $13, $14, $15)`,
          [fileId, full, sha, file.size, mapping.platform, mapping.kind, connector.name, file.format, file.encoding, file.delimiter ?? null,
            rowsRead, rowsAccepted, rowsRejected, skipped, seconds],
        ));
        return { fileId, rowsRead, rowsAccepted, rowsRejected, skipped, rowsByTable };
      });
    } finally {
      await staged.cleanup();
    }
  };
  const out = SPILLS.has(file.format) ? await db.withMemoryLimit(opts.memoryLimit ?? INGEST_MEMORY_LIMIT, stageAndStore) : await stageAndStore();
  await dropWork(db, work);
  const rejects = await db.all<{ reason: string; field: string | null; severity: string; count: number }>(step(
    `SELECT reason, field, severity, count(*) AS count FROM reject WHERE source_file_id = $1 GROUP BY ALL ORDER BY count DESC, reason`,
    [out.fileId],
  ));
  progress('done', out.rowsRead);
  return {
    ...result, status: 'ingested', sourceFileId: out.fileId, rowsRead: out.rowsRead, rowsAccepted: out.rowsAccepted,
    rowsRejected: out.rowsRejected, rowsSkipped: out.skipped, rowsByTable: out.rowsByTable, rejects, seconds: (performance.now() - t0) / 1000,
  };
}

const SKIP_NAMES = /(^|\/)(\.|truth\/|node_modules\/)|\.(mapping\.ya?ml|mapping\.json|md|txt\.gz|gz|zip)$/i;

/** Expand directories into the data files under them (mapping files, truth/ and dot-files are not data). */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  // rel: the path below the folder the user named (hidden files, truth/ and mapping files are skipped there;
  // the folder's own path may hold anything, "../exports" included)
  const walk = (p: string, rel: string | undefined) => {
    if (!existsSync(p)) throw usageError(`No such file or folder: ${p}`, 'check the path; folders are read recursively');
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) walk(join(p, e), rel === undefined ? e : `${rel}/${e}`);
    } else if (rel === undefined || !SKIP_NAMES.test(rel)) out.push(p);
  };
  for (const p of paths) walk(p, undefined);
  return out;
}

