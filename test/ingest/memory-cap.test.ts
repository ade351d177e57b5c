// The ingest's memory cap applies to delimited files (their staging spills to disk) and not to JSON/XML records,
// whose SQL does not spill: under a cap a medium-scale JSON export ran out of memory (was: file failed).
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingestFile } from '../../src/ingest/ingest.js';
import { TEST_HMAC, tempStore } from '../support/db.js';
import { EXAMPLES } from '../server/harness.js';

let done: (() => Promise<void>) | undefined;
afterEach(async () => done?.());

describe('ingest memory cap', () => {
  it('a JSON export ingests under a memory cap too small for its SQL', async () => {
    const s = await tempStore();
    done = s.done;
    const r = await ingestFile(s.db, join(EXAMPLES, 'shopify/orders.json'), { hmac: TEST_HMAC, memoryLimit: '4MB' });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe('ingested');
    expect(r.rowsAccepted + r.rowsRejected).toBe(r.rowsRead);
  });
});
