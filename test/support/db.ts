// A fresh DuckDB file per test: tests use the real engine, never a mock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.js';
import type { Backend } from '../../src/store/backend.js';
import { hmacPads } from '../../src/privacy/key.js';

export const TEST_KEY = Buffer.alloc(32, 7);
export const TEST_HMAC = hmacPads(TEST_KEY);

export async function tempStore(): Promise<{ db: Backend; dir: string; path: string; done: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'omnifuse-test-'));
  const path = join(dir, 'test.duckdb');
  const db = await openStore(path);
  return {
    db,
    dir,
    path,
    done: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
