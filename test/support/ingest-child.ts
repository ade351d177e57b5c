// Child process for the crash test: ingests one file and says when it has started writing.
import { openStore } from '../../src/store/open.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { loadMapping } from '../../src/connectors/generic.js';
import { TEST_HMAC } from './db.js';

const [dbPath, file, mapping] = process.argv.slice(2) as [string, string, string];
const db = await openStore(dbPath);
await ingestFile(db, file, {
  hmac: TEST_HMAC,
  mapping: loadMapping(mapping),
  onProgress: (p) => {
    if (p.phase === 'read') process.stdout.write('started\n');
  },
});
process.stdout.write('finished\n');
await db.close();
