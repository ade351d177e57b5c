// The ingest's memory cap: in force while the work runs, the previous cap back afterwards (also after a failure),
// a lower cap kept, and an in-memory store left alone (it has nowhere to spill).
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { parseBytes } from '../../src/store/duckdb/duckdb-backend.js';
import { step } from '../../src/store/sql.js';
import type { Backend } from '../../src/store/backend.js';
import { tempStore } from '../support/db.js';

const limit = async (db: Backend) => parseBytes((await db.one<{ m: string }>(step("SELECT current_setting('memory_limit') AS m")))!.m)!;
const MB = 1e6;
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('withMemoryLimit', () => {
  it('caps memory during the work and restores the previous cap, also when the work fails', async () => {
    const s = await tempStore();
    close = s.done;
    const before = await limit(s.db);
    expect(before).toBeGreaterThan(1000 * MB);
    expect(await s.db.withMemoryLimit('256MB', () => limit(s.db))).toBeCloseTo(256 * MB, -6);
    // DuckDB shows the limit rounded (18.8 GiB), so the restored one is equal to that precision
    expect(await limit(s.db) / before).toBeCloseTo(1, 1);
    await expect(s.db.withMemoryLimit('256MB', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit(s.db) / before).toBeCloseTo(1, 1);
  });

  it('gives the memory back: work that needs more than the cap runs afterwards (was: RESET left the pool capped)', async () => {
    const s = await tempStore();
    close = s.done;
    const big = step('SELECT len(list(i)) AS n FROM range(20000000) t(i)'); // a ~160 MB list: not spillable
    await expect(s.db.withMemoryLimit('64MB', () => s.db.one(big))).rejects.toThrow(/Out of Memory/);
    expect(await s.db.one(big)).toEqual({ n: 20000000 });
  });

  it('keeps a lower cap already in force', async () => {
    const s = await tempStore();
    close = s.done;
    await s.db.run(step("SET memory_limit = '200MB'"));
    expect(await s.db.withMemoryLimit('1GB', () => limit(s.db))).toBeCloseTo(200 * MB, -6);
  });

  it('leaves an in-memory store alone', async () => {
    const db = await openStore(':memory:');
    close = () => db.close();
    const before = await limit(db);
    expect(await db.withMemoryLimit('256MB', () => limit(db))).toBe(before);
  });

  it('reads DuckDB spellings of sizes', () => {
    expect(parseBytes('18.8 GiB')).toBe(Math.round(18.8 * 2 ** 30));
    expect(parseBytes('1GB')).toBe(1e9);
    expect(parseBytes('512 MiB')).toBe(512 * 2 ** 20);
    expect(parseBytes('lots')).toBeUndefined();
  });
});
