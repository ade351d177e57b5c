// Migration 3 turns the 16-hex-digit row_hash of older databases into the UBIGINT it now is, keeping each value, and
// gives their id and text columns the fixed compression new stores have.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';
import { rm } from 'node:fs/promises';

const rmDir = (dir: string) => rm(dir, { recursive: true, force: true });

let done: (() => Promise<void>) | undefined;
afterEach(async () => done?.());

/** Forgets that migration 3 ran and opens the store again, so it runs on what the test left in the tables. */
async function rerunMigration3(s: Awaited<ReturnType<typeof tempStore>>) {
  await s.db.run(step('DELETE FROM schema_version WHERE version = 3'));
  await s.db.close();
  const db = await openStore(s.path);
  done = async () => { await db.close(); await rmDir(s.dir); };
  return db;
}

describe('row_hash migration', () => {
  it('converts a text row_hash to the same 64-bit number', async () => {
    const s = await tempStore();
    done = s.done;
    // a database as migration 1 left it before: row_hash as text
    await s.db.run(step('ALTER TABLE order_line ALTER row_hash TYPE VARCHAR'));
    await s.db.run(step("INSERT INTO order_line (platform, platform_order_id, line_no, row_hash) VALUES ('own', 'A', 1, 'ffeeddccbbaa9988'), ('own', 'B', 1, '0000000000000001')"));
    const db = await rerunMigration3(s);
    const rows = await db.all<{ h: bigint; t: string }>(step("SELECT row_hash AS h, typeof(row_hash) AS t FROM order_line ORDER BY platform_order_id"));
    expect(rows.map((r) => [String(r.h), r.t])).toEqual([['18441921395520346504', 'UBIGINT'], ['1', 'UBIGINT']]);
  });

  it('stores ids and text declared unique with FSST, other text by DuckDB\'s choice, in a new store and a migrated one', async () => {
    const s = await tempStore();
    done = s.done;
    const check = async (db: typeof s.db) => {
      // three titles over 3,000 rows: DuckDB alone would pick a dictionary for them (it does for currency)
      await db.run(step("INSERT INTO order_line (platform, platform_order_id, line_no, title, currency) SELECT 'own', 'O' || i, 1, 'Title ' || (i % 3), 'USD' FROM range(3000) t(i)"));
      await db.run(step('CHECKPOINT'));
      const rows = await db.all<{ c: string; k: string }>(step("SELECT DISTINCT column_name AS c, compression AS k FROM pragma_storage_info('order_line') WHERE column_name IN ('title', 'currency') AND segment_type = 'VARCHAR' ORDER BY 1"));
      expect(rows.map((r) => [r.c, r.k])).toEqual([['currency', 'Dictionary'], ['title', 'FSST']]);
    };
    await check(s.db);
    // an older store: the table as declared before (no fixed compression), then migration 3 again
    await s.db.run(step('DROP TABLE order_line'));
    await s.db.run(step('CREATE TABLE order_line (platform VARCHAR, platform_order_id VARCHAR, line_no BIGINT, title VARCHAR, currency VARCHAR, row_hash VARCHAR)'));
    const db = await rerunMigration3(s);
    await db.run(step('DELETE FROM order_line'));
    await check(db);
  });
});
