// Opening a store: pick the backend, apply migrations. The one entry the rest of omnifuse uses.
import type { Backend } from './backend.js';
import { openDuckDb, type DuckDbOptions } from './duckdb/duckdb-backend.js';
import { migrate } from './migrations.js';

export const DEFAULT_DB = './omnifuse.duckdb';

export async function openStore(path: string = DEFAULT_DB, opts: DuckDbOptions = {}): Promise<Backend> {
  const db = await openDuckDb(path, opts);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
