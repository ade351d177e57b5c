// Load one file's records into a staging table: DuckDB reads delimited UTF-8 and Parquet itself; JS
// transcodes other encodings to a temporary UTF-8 file and streams JSON/NDJSON/XML records in batches.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Backend } from '../store/backend.js';
import { literal, step, workTable, type SqlValue } from '../store/sql.js';
import type { Sniffed } from '../sources/sniff.js';
import { textChunks, textLines } from '../sources/text-stream.js';
import { jsonRecords, type RawRecord } from '../sources/json-records.js';
import { xmlParser, xmlRecords } from '../sources/xml-records.js';

export const STAGE = workTable('stage');
export const CSV_REJECTS = workTable('csv_rejects');
export const CSV_REJECTS_SCAN = workTable('csv_rejects_scan');
/** a delimited file's records as read_csv gives them, before line numbers (STAGE is then a view over it) */
export const STAGE_CSV = workTable('stage_csv');
/** work tables (or views) a stage() call creates; the caller drops them before and after (ingest.ts) */
export const STAGING_TABLES = [STAGE, STAGE_CSV, CSV_REJECTS, CSV_REJECTS_SCAN];

export interface StageError {
  line: number;
  reason: string;
  raw: string;
}

export interface Staged {
  /** 'columns': one VARCHAR column per header name; 'json': a rec JSON column */
  shape: 'columns' | 'json';
  columns: string[];
  rows: number;
  /** records the reader itself could not parse (wrong column count, bad encoding, broken JSON) */
  errors: StageError[];
  cleanup: () => Promise<void>;
}

export type Progress = (rows: number) => void;

function dedupe(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const n = raw === '' ? `column${i + 1}` : raw;
    const c = seen.get(n.toLowerCase()) ?? 0;
    seen.set(n.toLowerCase(), c + 1);
    return c === 0 ? n : `${n}_${c + 1}`;
  });
}

async function transcodeToUtf8(file: Sniffed): Promise<{ path: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'omnifuse-'));
  const path = join(dir, 'utf8.csv');
  const out = createWriteStream(path);
  for await (const chunk of textChunks(file.path, file.encoding)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { path, dir };
}

async function stageDelimited(db: Backend, file: Sniffed): Promise<Staged> {
  let path = file.path;
  let tmp: string | undefined;
  if (file.encoding !== 'utf-8' && file.encoding !== 'utf-8-bom') {
    const t = await transcodeToUtf8(file);
    path = t.path;
    tmp = t.dir;
  }
  const columns = dedupe(file.header);
  const colStruct = `{${columns.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}}`;
  const headerIndex = file.headerIndex ?? 0;
  // auto_detect off: we sniffed delimiter and header ourselves, so DuckDB parses exactly what we saw
  const first = headerIndex + 2; // line number of the first data line
  // __rec is the physical line number: the k-th record (rowid k - 1, insertion order is kept) sits on line
  // first + k - 1 unless unreadable lines precede it. Without such lines STAGE is a view adding rowid + first
  // (numbering with row_number() while reading cost a third of the read); with them, a table corrected below.
  await db.run(step(`CREATE TEMP TABLE ${STAGE_CSV} AS SELECT * FROM read_csv(${literal(path)},
      auto_detect = false, columns = ${colStruct}, header = true, skip = ${headerIndex}, delim = ${literal(file.delimiter ?? ',')},
      quote = '"', escape = '"', strict_mode = true, null_padding = false, max_line_size = 16777216,
      store_rejects = true, rejects_table = ${literal(CSV_REJECTS)}, rejects_scan = ${literal(CSV_REJECTS_SCAN)})`));
  const rej = await db.all<{ line: number; reason: string; raw: string }>(step(
    `SELECT line, arg_min(error_type || ': ' || error_message, byte_position) AS reason, any_value(csv_line) AS raw
     FROM ${CSV_REJECTS} GROUP BY line ORDER BY line`));
  const numbered = `SELECT rowid + ${first} AS __rec, * FROM ${STAGE_CSV}`;
  if (rej.length === 0) await db.run(step(`CREATE TEMP VIEW ${STAGE} AS ${numbered}`));
  else {
    await db.run(step(`CREATE TEMP TABLE ${STAGE} AS ${numbered}`));
    // the k-th accepted record sits after every rejected line that precedes it
    await db.run(step(`CREATE TEMP TABLE ${workTable('rej_pos')} AS SELECT line - ${first} - (row_number() OVER (ORDER BY line) - 1) AS before FROM ${CSV_REJECTS} GROUP BY line`));
    await db.run(step(`UPDATE ${STAGE} SET __rec = __rec + (SELECT count(*) FROM ${workTable('rej_pos')} r WHERE r.before < ${STAGE}.__rec - ${first - 1})`));
    await db.run(step(`DROP TABLE ${workTable('rej_pos')}`));
  }
  const n = await db.one<{ n: number }>(step(`SELECT count(*) AS n FROM ${STAGE}`));
  return {
    shape: 'columns',
    columns,
    rows: n?.n ?? 0,
    errors: rej.map((r) => ({ line: r.line, reason: `unreadable line (${r.reason})`, raw: r.raw ?? '' })),
    cleanup: async () => {
      if (tmp) await rm(tmp, { recursive: true, force: true });
    },
  };
}

async function stageParquet(db: Backend, file: Sniffed): Promise<Staged> {
  await db.run(step(`CREATE TEMP TABLE ${STAGE} AS SELECT file_row_number + 1 AS __rec, * EXCLUDE (file_row_number) FROM read_parquet(${literal(file.path)}, file_row_number = true)`));
  const cols = await db.all<{ column_name: string }>(step(`SELECT column_name FROM (DESCRIBE ${STAGE}) WHERE column_name <> '__rec'`));
  const n = await db.one<{ n: number }>(step(`SELECT count(*) AS n FROM ${STAGE}`));
  return { shape: 'columns', columns: cols.map((c) => c.column_name), rows: n?.n ?? 0, errors: [], cleanup: () => Promise.resolve() };
}

type RecordSource = AsyncGenerator<RawRecord & { error?: string }>;

async function* ndjsonRecords(file: Sniffed): RecordSource {
  for await (const { line, text } of textLines(file.path, file.encoding)) {
    if (text.trim() === '') continue;
    yield { n: line, text };
  }
}

function toJsonText(rec: RawRecord & { error?: string }, xmlTag: string | undefined): { json?: string; error?: string } {
  if (rec.error) return { error: rec.error };
  try {
    if (xmlTag !== undefined) {
      const parsed = xmlParser().parse(rec.text) as Record<string, unknown>;
      return { json: JSON.stringify(parsed[xmlTag] ?? parsed) };
    }
    const v = JSON.parse(rec.text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { error: 'not a JSON object' };
    return { json: rec.text };
  } catch (e) {
    return { error: `not valid ${xmlTag ? 'XML' : 'JSON'}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}

async function stageRecords(db: Backend, file: Sniffed, progress?: Progress): Promise<Staged> {
  await db.run(step(`CREATE TEMP TABLE ${STAGE} (__rec BIGINT, rec VARCHAR)`));
  const xmlTag = file.format === 'xml' ? file.recordTag : undefined;
  if (file.format === 'xml' && !xmlTag) {
    return { shape: 'json', columns: [], rows: 0, errors: [{ line: 1, reason: 'no repeated record element found in the XML', raw: file.sample.slice(0, 200) }], cleanup: () => Promise.resolve() };
  }
  const source: RecordSource =
    file.format === 'ndjson' ? ndjsonRecords(file) : xmlTag ? xmlRecords(file.path, file.encoding, xmlTag) : jsonRecords(file.path, file.encoding, file.recordsKey);
  const errors: StageError[] = [];
  let batch: SqlValue[][] = [];
  let rows = 0;
  for await (const rec of source) {
    const { json, error } = toJsonText(rec, xmlTag);
    if (error !== undefined || json === undefined) errors.push({ line: rec.n, reason: error ?? 'unreadable', raw: rec.text.slice(0, 100_000) });
    else {
      batch.push([rec.n, json]);
      rows++;
    }
    if (batch.length >= 5000) {
      await db.append(STAGE, ['__rec', 'rec'], batch);
      batch = [];
      progress?.(rows);
    }
  }
  if (batch.length) await db.append(STAGE, ['__rec', 'rec'], batch);
  progress?.(rows);
  return { shape: 'json', columns: [], rows, errors, cleanup: () => Promise.resolve() };
}

export async function stage(db: Backend, file: Sniffed, progress?: Progress): Promise<Staged> {
  switch (file.format) {
    case 'csv':
      return stageDelimited(db, file);
    case 'parquet':
      return stageParquet(db, file);
    default:
      return stageRecords(db, file, progress);
  }
}

