// Ingest one fixture into a fresh store and query it: the focused assertions of the connector tests.
import { afterAll, beforeAll } from 'vitest';
import { ingestFile, type FileResult } from '../../src/ingest/ingest.js';
import { step, type SqlValue } from '../../src/store/sql.js';
import type { Row } from '../../src/store/backend.js';
import { TEST_HMAC, tempStore } from '../support/db.js';

export interface Ingested {
  result: () => FileResult;
  rows: <T extends Row = Row>(sql: string, params?: readonly SqlValue[]) => Promise<T[]>;
}

/** Registers before/after hooks in the calling describe(): one store per fixture, closed afterwards. */
export function ingested(fixture: string): Ingested {
  let store: Awaited<ReturnType<typeof tempStore>> | undefined;
  let result: FileResult | undefined;
  beforeAll(async () => {
    store = await tempStore();
    result = await ingestFile(store.db, fixture, { hmac: TEST_HMAC });
  });
  afterAll(async () => {
    await store?.done();
  });
  return {
    result: () => result!,
    rows: (sql, params = []) => store!.db.all(step(sql, params)),
  };
}
