// After ingesting generator exports, no input e-mail, phone or street address is stored in clear: neither in any
// table (SQL scan of every text column), nor in the bytes of the database file, nor in any output file made from it.
// Rejected raw records (reject.raw/value) are redacted by ingest itself before it commits a file, when it is given
// the project key (the CLI and the server always give it; see docs/privacy.md).
import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../src/sample/generate.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { openStore } from '../../src/store/open.js';
import type { Backend } from '../../src/store/backend.js';
import { hmacPads } from '../../src/privacy/key.js';
import { fusePersons } from '../../src/fusion/person/fuse.js';
import { personView } from '../../src/fusion/person/show.js';
import { pairwiseScore, readPersonTruth } from '../../src/fusion/person/eval.js';
import { releaseDp, setBudget } from '../../src/privacy/dp-export.js';
import { step } from '../../src/store/sql.js';
import { findInBytes, samplePii, type PiiValues } from './pii-values.js';

const KEY = Buffer.alloc(32, 11);
const SEED = 42;
let dir: string;
let db: Backend;
let pii: PiiValues;
const outputs: string[] = [];

/** Text columns that hold any of the values: `table.column` → examples. */
async function sqlLeaks(values: PiiValues): Promise<Map<string, string[]>> {
  const cols = await db.all<{ t: string; c: string }>(step(`SELECT table_name AS t, column_name AS c FROM information_schema.columns
    WHERE table_schema = 'main' AND data_type = 'VARCHAR' AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')`));
  const emails = new Set(values.emails.map((x) => x.toLowerCase()));
  const phones = new Set(values.phones.map((x) => x.replace(/\D/g, '')).filter((x) => x.length >= 9));
  const leaks = new Map<string, string[]>();
  const add = (k: string, v: string) => leaks.set(k, [...(leaks.get(k) ?? []), v]);
  for (const { t, c } of cols) {
    const col = `"${c}"`;
    const found = await db.all<{ v: string }>(step(`SELECT DISTINCT unnest(regexp_extract_all(${col}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}')) AS v FROM "${t}" WHERE contains(${col}, '@')`));
    for (const { v } of found) if (emails.has(v.toLowerCase())) add(`${t}.${c}`, v);
    const digits = await db.all<{ v: string }>(step(`SELECT DISTINCT unnest(regexp_extract_all(regexp_replace(${col}, '[\\s().+-]', '', 'g'), '\\d{9,13}')) AS v FROM "${t}" WHERE regexp_matches(${col}, '\\d')`));
    for (const { v } of digits) if (phones.has(v) || phones.has(v.replace(/^(86|1|33)/, '')) || phones.has(v.replace(/^0/, ''))) add(`${t}.${c}`, v);
  }
  await db.run(step('CREATE OR REPLACE TEMP TABLE __of_probe (v VARCHAR)'));
  await db.append('__of_probe', ['v'], values.streets.map((v) => [v]));
  for (const { t, c } of cols) {
    const hit = await db.all<{ v: string }>(step(`SELECT DISTINCT p.v FROM "${t}" x JOIN __of_probe p ON x."${c}" IS NOT NULL AND length(x."${c}") >= 8 AND contains(x."${c}", p.v) LIMIT 5`));
    for (const { v } of hit) add(`${t}.${c}`, v);
  }
  return leaks;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'omnifuse-pii-'));
  await generateSample({ outDir: join(dir, 'in'), seed: SEED, scale: 'small', orders: 250 });
  pii = samplePii(SEED, 'small');
  db = await openStore(join(dir, 'db.duckdb'));
  // the exports that carry buyers: names, e-mails, phones, street addresses
  const files = ['shopify/orders_export.csv', 'ebay/orders_us.csv', 'taobao/orders.csv', 'jd/orders.csv', 'amazon/orders_sp_api.json'];
  await ingestPaths(db, files.map((f) => join(dir, 'in', f)), { hmac: hmacPads(KEY), key: KEY });
}, 240_000);

afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('no personal data in clear after ingest', () => {
  it('the inputs do carry the values (the scan can fail)', () => {
    const raw = Buffer.concat(['shopify/orders_export.csv', 'ebay/orders_us.csv'].map((f) => readFileSync(join(dir, 'in', f))));
    expect(findInBytes(raw, pii.emails).length).toBeGreaterThan(20);
    expect(findInBytes(raw, pii.streets).length).toBeGreaterThan(20);
  });

  it('no table holds any, rejected raw records included (ingest redacts them before it commits)', async () => {
    const n = await db.one<{ n: bigint }>(step('SELECT count(*) AS n FROM customer_account'));
    expect(Number(n?.n)).toBeGreaterThan(50);
    const rejects = await db.one<{ n: bigint }>(step('SELECT count(*) AS n FROM reject WHERE raw IS NOT NULL'));
    expect(Number(rejects?.n)).toBeGreaterThan(0);
    expect([...(await sqlLeaks(pii)).keys()]).toEqual([]);
  }, 120_000);

  it('the database file bytes and every output file hold none', async () => {
    const r = await fusePersons(db, KEY);
    const ids = await db.all<{ person_id: string }>(step('SELECT person_id FROM person ORDER BY n_accounts DESC, person_id LIMIT 25'));
    const views = await Promise.all(ids.map((i) => personView(db, i.person_id)));
    outputs.push(join(dir, 'persons.json'));
    writeFileSync(outputs[0]!, JSON.stringify({ summary: { ...r, assignment: [...r.assignment] }, views }, null, 1));
    await setBudget(db, 'orders', 10);
    const release = await releaseDp(db, { table: 'orders', metric: 'count', by: ['platform', 'ship_city'], epsilon: 1 });
    outputs.push(join(dir, 'dp.json'));
    writeFileSync(outputs[1]!, JSON.stringify(release));
    await db.run(step('CHECKPOINT'));
    const path = join(dir, 'db.duckdb');
    const files = [path, ...(existsSync(`${path}.wal`) ? [`${path}.wal`] : []), ...outputs];
    for (const f of files) {
      const bytes = readFileSync(f);
      const found = [...findInBytes(bytes, pii.emails), ...findInBytes(bytes, pii.phones.filter((p) => p.replace(/\D/g, '').length >= 9)), ...findInBytes(bytes, pii.streets)];
      expect({ file: f.slice(dir.length + 1), found: found.slice(0, 5) }).toEqual({ file: f.slice(dir.length + 1), found: [] });
    }
  }, 120_000);

  it('person quality floor on the same generator data (medium-scale figures in docs/persons.md)', async () => {
    const truth = readPersonTruth(join(dir, 'in', 'truth', 'persons.csv'), KEY);
    const det = await fusePersons(db, KEY, { deterministicOnly: true });
    const full = await fusePersons(db, KEY);
    const d = pairwiseScore(truth, det.assignment);
    const f = pairwiseScore(truth, full.assignment);
    expect(f.accounts).toBeGreaterThan(100);
    expect(d.precision).toBeGreaterThan(0.97);
    expect(f.f1).toBeGreaterThan(0.9);
    expect(f.f1).toBeGreaterThan(d.f1);
    // merge limits: no person holds two accounts of one platform
    const over = await db.all(step('SELECT person_id, platform FROM person_member GROUP BY ALL HAVING count(*) > 1'));
    expect(over).toEqual([]);
  }, 120_000);
});
