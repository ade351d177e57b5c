// `npm run bench -- phone-rule [--rows=1000000] [--json]`: what the phone rule costs ingest — the E.164 macro plus
// the keyed hash over a million phones written the ways exports write them (generator forms, national numbers with
// the record's country, extensions, "(0)" trunks), timed inside DuckDB as ingest runs it.
import { loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../src/store/open.js';
import { step } from '../src/store/sql.js';
import { hmacPads } from '../src/privacy/key.js';

const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const rows = Number(arg('rows', '1000000'));
const json = process.argv.includes('--json');

// one row in ten per form: the forms the sample generator writes, plus national numbers of other regions and edge forms
const FORMS = [
  `'+1 (' || a || ') ' || b || '-' || c`, `a || '.' || b || '.' || c`, `'(' || a || ') ' || b || '-' || c`, `'+1' || a || b || c`,
  `'13' || b || c || '1'`, `'+86 138 ' || c || ' ' || c`, `'0' || '6' || b || c || '9'`, `'+33 6 ' || c || ' ' || b`,
  `'+44 (0)20 ' || c || ' ' || c`, `'(' || a || ') ' || b || '-' || c || ' x' || b`,
];
const COUNTRIES = [`NULL`, `'US'`, `'US'`, `'US'`, `'CN'`, `'CN'`, `'FR'`, `'FR'`, `'GB'`, `'US'`];

const dir = mkdtempSync(join(tmpdir(), 'omnifuse-bench-phone-'));
const db = await openStore(join(dir, 'b.duckdb'));
try {
  await db.run(step(`CREATE TEMP TABLE ph AS SELECT CASE i % 10 ${FORMS.map((f, k) => `WHEN ${k} THEN ${f}`).join(' ')} END AS p,
      CASE i % 10 ${COUNTRIES.map((c, k) => `WHEN ${k} THEN ${c}`).join(' ')} END AS c
    FROM (SELECT i, CAST(200 + i % 700 AS VARCHAR) AS a, lpad(CAST(i % 1000 AS VARCHAR), 3, '0') AS b, lpad(CAST(i % 10000 AS VARCHAR), 4, '0') AS c
          FROM range(${rows}) t(i))`));
  const pads = hmacPads(Buffer.alloc(32, 1));
  const time = async (sql: string, params: string[] = []) => {
    const t0 = performance.now();
    const r = await db.one<{ n: number | bigint }>(step(sql, params));
    return { seconds: (performance.now() - t0) / 1000, n: Number(r?.n ?? 0) };
  };
  await time('SELECT count(of_phone_e164_in(p, c)) AS n FROM ph LIMIT 1000');
  const e164 = await time('SELECT count(of_phone_e164_in(p, c)) AS n FROM ph');
  const hashed = await time('SELECT count(of_hmac($1, $2, of_phone_e164_in(p, c))) AS n FROM ph', [pads.ipad, pads.opad]);
  const noCountry = await time('SELECT count(of_phone_e164(p)) AS n FROM ph');
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  const out = { rows, e164: e164.seconds, e164NonNull: e164.n, e164PlusHmac: hashed.seconds, e164NoCountry: noCountry.seconds, noCountryNonNull: noCountry.n, loadAverage: load };
  if (json) process.stdout.write(JSON.stringify(out) + '\n');
  else {
    process.stdout.write(`${rows.toLocaleString('en-US')} phones (load average ${load})\n`);
    process.stdout.write(`  of_phone_e164_in            ${e164.seconds.toFixed(2)} s  (${e164.n.toLocaleString('en-US')} non-null)\n`);
    process.stdout.write(`  of_hmac(of_phone_e164_in)   ${hashed.seconds.toFixed(2)} s\n`);
    process.stdout.write(`  of_phone_e164 (no country)  ${noCountry.seconds.toFixed(2)} s  (${noCountry.n.toLocaleString('en-US')} non-null)\n`);
  }
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
