// `omnifuse rates import`: validation that names file, row and field; rates land in fx_rate; ingest then uses
// the latest rate per currency for the base-currency amounts.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readRatesCsv } from '../../src/sources/rates-csv.js';
import { importRates } from '../../src/cli/commands/rates.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { step } from '../../src/store/sql.js';
import { TEST_HMAC, tempStore } from '../support/db.js';

const dir = mkdtempSync(join(tmpdir(), 'omnifuse-rates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

describe('readRatesCsv', () => {
  it('reads rates with any header case, a BOM and semicolons, defaulting the source to the file name', async () => {
    const rows = await readRatesCsv(file('ecb.csv', '\uFEFFCurrency;Base;Rate;As Of\neur;USD;1.0825;2026-07-31\nGBP;USD;1.27;2026-07-31\n'));
    expect(rows).toEqual([
      { currency: 'EUR', base: 'USD', rate: '1.0825', as_of: '2026-07-31', source: 'ecb.csv', line: 2 },
      { currency: 'GBP', base: 'USD', rate: '1.27', as_of: '2026-07-31', source: 'ecb.csv', line: 3 },
    ]);
  });

  it('rejects the whole file, naming every bad row and field', async () => {
    const p = file('bad.csv', [
      'currency,base,rate,as_of,source',
      'EUR,USD,1.08,2026-07-31,ecb',
      'EURO,USD,1.08,2026-07-31,ecb',
      'GBP,USD,-1.2,2026-07-31,ecb',
      'JPY,USD,0.0064,31/07/2026,ecb',
      'USD,USD,2,2026-07-31,ecb',
      'EUR,USD,1.09,2026-07-31,ecb',
      'CNY,USD,0.138,2026-02-30,ecb',
    ].join('\n'));
    const err = await readRatesCsv(p).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toContain('bad.csv: 6 bad row(s), nothing imported');
    expect(msg).toContain('row 3: "currency" is "EURO", not a 3-letter ISO 4217 code');
    expect(msg).toContain('row 4: "rate" is "-1.2", not a positive decimal');
    expect(msg).toContain('row 5: "as_of" is "31/07/2026", not a date written YYYY-MM-DD');
    expect(msg).toContain('row 6: "rate" is "2", not 1, but USD is its own base');
    expect(msg).toContain('row 7: EUR→USD on 2026-07-31 is already given on row 2');
    expect(msg).toContain('row 8: "as_of" is "2026-02-30"');
  });

  it('says which column is missing', async () => {
    await expect(readRatesCsv(file('nohead.csv', 'currency,rate,as_of\nEUR,1.08,2026-07-31\n'))).rejects.toThrow('has no "base" column');
  });
});

describe('importRates and ingest', () => {
  it('stores the rates, adds the identity rate, and ingest converts with the latest rate', async () => {
    const s = await tempStore();
    try {
      const rows = await readRatesCsv(file('mine.csv', 'currency,base,rate,as_of,source\nEUR,GBP,0.85,2026-07-31,mine\nEUR,USD,1.5,2026-07-31,mine\nEUR,USD,1.4,2026-07-01,mine\n'));
      const r = await importRates(s.db, 'mine.csv', rows, false);
      expect(r).toMatchObject({ imported: 3, identityAdded: 1, defaultsDropped: 0, shadowedByDefault: [] });
      expect(r.bases.find((b) => b.base === 'GBP')).toEqual({ base: 'GBP', currencies: 2, from: '2026-07-31', to: '2026-07-31' });
      // re-importing the same file replaces same-day rates rather than doubling them
      await importRates(s.db, 'mine.csv', rows, false);
      const n = await s.db.one<{ n: number }>(step("SELECT count(*) AS n FROM fx_rate WHERE source = 'mine'"));
      expect(n?.n).toBe(3);

      const res = await ingestFile(s.db, 'test/fixtures/ebay/orders_fr.csv', { hmac: TEST_HMAC });
      expect(res.status).toBe('ingested');
      const o = await s.db.all<{ total: string; base: string; rate: string }>(step(
        "SELECT CAST(total AS VARCHAR) AS total, CAST(total_base AS VARCHAR) AS base, CAST(fx_rate AS VARCHAR) AS rate FROM orders WHERE currency = 'EUR' AND total IS NOT NULL ORDER BY platform_order_id LIMIT 1",
      ));
      expect(o).toEqual([{ total: '90.0000', base: '135.0000', rate: '1.50000000' }]);
    } finally {
      await s.done();
    }
  });

  it('warns when the bundled default is newer, and --drop-defaults removes it', async () => {
    const s = await tempStore();
    try {
      const rows = await readRatesCsv(file('old.csv', 'currency,base,rate,as_of\nGBP,USD,1.20,2025-01-31\n'));
      expect((await importRates(s.db, 'old.csv', rows, false)).shadowedByDefault).toEqual(['GBP→USD']);
      const r = await importRates(s.db, 'old.csv', rows, true);
      expect(r).toMatchObject({ defaultsDropped: 1, shadowedByDefault: [] });
    } finally {
      await s.done();
    }
  });
});

describe('omnifuse rates import (CLI)', () => {
  it('exits 1 with the row and field on a bad file, and imports a good one with --json', async () => {
    const run = promisify(execFile);
    const db = join(dir, 'cli.duckdb');
    const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, '--key-file', join(dir, 'k.key'), ...args]);
    const bad = await cli(['rates', 'import', file('cli-bad.csv', 'currency,base,rate,as_of\nEUR,USD,abc,2026-07-31\n')]).catch((e: unknown) => e as { code: number; stderr: string });
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { stderr: string }).stderr).toContain('row 2: "rate" is "abc"');
    const ok = await cli(['--json', 'rates', 'import', file('cli-ok.csv', 'currency,base,rate,as_of\nEUR,USD,1.1,2026-07-31\n')]);
    expect(JSON.parse(ok.stdout)).toMatchObject({ imported: 1, identityAdded: 0 });
  }, 60_000);
});
