// Shared by the recommend and churn benchmarks: a store holding UCI Online Retail (ingested once, then reused).
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ingestFile } from '../src/ingest/ingest.js';
import { openStore } from '../src/store/open.js';
import { hmacPads } from '../src/privacy/key.js';
import type { Backend } from '../src/store/backend.js';

export const RETAIL_GZ = '../shared/data/online-retail/online_retail.csv.gz';

/** Open (or build at `path`) a store with the whole Online Retail file ingested. */
export async function retailStore(path: string): Promise<Backend> {
  if (!existsSync(path)) {
    if (!existsSync(RETAIL_GZ)) throw new Error(`${RETAIL_GZ} not found: the benchmark needs the shared data folder`);
    const dir = `${path}.tmp`;
    rmSync(`${path}.part`, { force: true }); // a half-built store from an interrupted run
    mkdirSync(dir, { recursive: true });
    const csv = join(dir, 'online_retail.csv');
    await pipeline(createReadStream(RETAIL_GZ), createGunzip(), createWriteStream(csv));
    const db = await openStore(`${path}.part`);
    await ingestFile(db, csv, { hmac: hmacPads(Buffer.alloc(32, 7)) });
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    renameSync(`${path}.part`, path);
  }
  return openStore(path);
}
