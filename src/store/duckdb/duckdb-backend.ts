// The embedded default backend: one DuckDB database file, in process.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Backend, BackendCapabilities, Row } from '../backend.js';
import type { SqlStep, SqlValue } from '../sql.js';
import { OmnifuseError } from '../../util/errors.js';
import { duckdbMacros, duckdbPiiMacros } from './macros.js';

/** OMNIFUSE_TRACE=1 prints each SQL step with its time on stderr */
const TRACE = process.env.OMNIFUSE_TRACE === '1' || process.env.OMNIFUSE_TRACE === 'full';
const TRACE_WIDTH = process.env.OMNIFUSE_TRACE === 'full' ? Infinity : 140;

const capabilities: BackendCapabilities = {
  readsCsv: true,
  readsParquet: true,
  readsJson: true,
  regex: true,
  timeZones: true,
  jaroWinkler: true,
};

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

function toPlainRow(r: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) out[k] = plain(v);
  return out;
}

function wrap(e: unknown, s: SqlStep): OmnifuseError {
  const msg = e instanceof Error ? e.message : String(e);
  const head = s.sql.trim().split('\n')[0]?.slice(0, 160) ?? '';
  return new OmnifuseError('internal', `DuckDB failed: ${msg}\n  in step: ${head}`, { cause: e });
}

export interface DuckDbOptions {
  /** memory_limit, e.g. '2GB' */
  readonly memoryLimit?: string;
  readonly threads?: number;
}

class DuckDbBackend implements Backend {
  readonly name = 'duckdb';
  readonly capabilities = capabilities;
  private depth = 0;
  constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    /** the memory_limit the store was opened with (DuckDB's default when undefined) */
    private readonly memoryLimit?: string,
  ) {}

  async run(s: SqlStep): Promise<void> {
    const t0 = TRACE ? performance.now() : 0;
    try {
      await this.conn.run(s.sql, (s.params ?? []) as DuckDBValue[]);
    } catch (e) {
      throw wrap(e, s);
    }
    if (TRACE) process.stderr.write(`[sql ${(performance.now() - t0).toFixed(0)}ms] ${s.sql.replace(/\s+/g, ' ').slice(0, TRACE_WIDTH)}\n`);
  }

  async runAll(steps: readonly SqlStep[]): Promise<void> {
    for (const s of steps) await this.run(s);
  }

  async all<T extends Row = Row>(s: SqlStep): Promise<T[]> {
    try {
      const reader = await this.conn.runAndReadAll(s.sql, (s.params ?? []) as DuckDBValue[]);
      return reader.getRowObjectsJS().map((r) => toPlainRow(r) as T);
    } catch (e) {
      throw wrap(e, s);
    }
  }

  async one<T extends Row = Row>(s: SqlStep): Promise<T | undefined> {
    return (await this.all<T>(s))[0];
  }

  async append(table: string, columns: readonly string[], rows: Iterable<readonly SqlValue[]>): Promise<number> {
    // The appender writes all columns of a table in order; staging tables are created to match exactly.
    const appender = await this.conn.createAppender(table);
    let n = 0;
    try {
      for (const row of rows) {
        if (row.length !== columns.length) throw new OmnifuseError('internal', `append to ${table}: ${row.length} values for ${columns.length} columns`);
        for (const v of row) {
          if (v === null) appender.appendNull();
          else if (typeof v === 'string') appender.appendVarchar(v);
          else if (typeof v === 'number') {
            if (Number.isInteger(v)) appender.appendBigInt(BigInt(v));
            else appender.appendDouble(v);
          }
          else if (typeof v === 'bigint') appender.appendBigInt(v);
          else appender.appendBoolean(v);
        }
        appender.endRow();
        n++;
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return n;
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn();
    await this.run({ sql: 'BEGIN TRANSACTION' });
    this.depth++;
    try {
      const out = await fn();
      this.depth--;
      await this.run({ sql: 'COMMIT' });
      return out;
    } catch (e) {
      this.depth--;
      await this.run({ sql: 'ROLLBACK' }).catch(() => undefined);
      throw e;
    }
  }

  async withMemoryLimit<T>(limit: string, fn: () => Promise<T>): Promise<T> {
    const cur = await this.one<{ mem: string; tmp: string }>({ sql: "SELECT current_setting('memory_limit') AS mem, current_setting('temp_directory') AS tmp" });
    const now = parseBytes(cur?.mem ?? '');
    const want = parseBytes(limit);
    if (this.path === ':memory:' || !cur?.tmp || want === undefined || (now !== undefined && now <= want)) return fn();
    await this.run({ sql: `SET memory_limit = '${want}B'` });
    try {
      return await fn();
    } finally {
      // an explicit SET: RESET shows the old value in current_setting() but leaves the buffer pool at the cap
      await this.run({ sql: `SET memory_limit = '${now ?? (this.memoryLimit ? parseBytes(this.memoryLimit) : undefined) ?? want}B'` });
    }
  }

  async tableExists(name: string): Promise<boolean> {
    const r = await this.one<{ n: number }>({
      sql: 'SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?',
      params: [name],
    });
    return (r?.n ?? 0) > 0;
  }

  close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
    return Promise.resolve();
  }
}

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** '1GB', '18.8 GiB', '512MB' → bytes (DuckDB's own spellings of memory_limit) */
export function parseBytes(s: string): number | undefined {
  const m = /^\s*([\d.]+)\s*([kmgt]i?b|b)?\s*$/i.exec(s);
  if (!m) return undefined;
  const unit = UNITS[(m[2] ?? 'b').toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}

export async function openDuckDb(path: string, opts: DuckDbOptions = {}): Promise<Backend> {
  const full = path === ':memory:' ? path : resolve(path);
  if (full !== ':memory:') mkdirSync(dirname(full), { recursive: true });
  const config: Record<string, string> = {};
  if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
  if (opts.threads) config.threads = String(opts.threads);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(full, config);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new OmnifuseError('config', `Cannot open the database ${full}: ${msg}`, {
      hint: msg.includes('lock') ? 'another omnifuse process holds it; wait for it or use --db to pick another file' : 'check the path given with --db',
      cause: e,
    });
  }
  const conn = await instance.connect();
  const backend = new DuckDbBackend(full, instance, conn, opts.memoryLimit);
  await backend.run({ sql: "SET TimeZone = 'UTC'" });
  await backend.runAll([...duckdbMacros(), ...duckdbPiiMacros()]);
  return backend;
}

