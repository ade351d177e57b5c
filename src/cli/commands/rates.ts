// `omnifuse rates import|list`: the user's exchange rates in fx_rate, which ingest uses for base-currency amounts.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { readRatesCsv, type RateRow } from '../../sources/rates-csv.js';
import { step, type SqlStep } from '../../store/sql.js';
import type { Backend } from '../../store/backend.js';
import { DEFAULT_FX_SOURCE } from '../../clean/fx-default.js';

export interface RatesImported {
  file: string;
  imported: number;
  /** identity rows (USD→USD = 1) added so amounts already in the base currency get a base copy too */
  identityAdded: number;
  defaultsDropped: number;
  bases: { base: string; currencies: number; from: string; to: string }[];
  /** currencies where the bundled default is dated later than every imported rate (ingest would use it) */
  shadowedByDefault: string[];
}

/** Replace same-day rates, add missing identity rows, optionally drop the bundled defaults: one transaction. */
export async function importRates(db: Backend, file: string, rows: readonly RateRow[], dropDefaults: boolean): Promise<RatesImported> {
  return db.transaction(async () => {
    let dropped = 0;
    const pairs = [...new Set(rows.map((r) => `${r.currency}/${r.base}`))].map((p) => p.split('/') as [string, string]);
    if (dropDefaults) {
      for (const [c, b] of pairs) {
        const n = await db.one<{ n: number }>(step('SELECT count(*) AS n FROM fx_rate WHERE currency = $1 AND base = $2 AND source = $3', [c, b, DEFAULT_FX_SOURCE]));
        dropped += n?.n ?? 0;
        await db.run(step('DELETE FROM fx_rate WHERE currency = $1 AND base = $2 AND source = $3', [c, b, DEFAULT_FX_SOURCE]));
      }
    }
    const steps: SqlStep[] = rows.map((r) => step('DELETE FROM fx_rate WHERE currency = $1 AND base = $2 AND as_of = CAST($3 AS DATE)', [r.currency, r.base, r.as_of]));
    await db.runAll(steps);
    await db.append('fx_rate', ['currency', 'base', 'rate', 'as_of', 'source'], rows.map((r) => [r.currency, r.base, r.rate, r.as_of, r.source]));
    // amounts already in the base currency need a rate of 1 to get their base copy (derive joins on fx_rate)
    let identity = 0;
    for (const base of new Set(rows.map((r) => r.base))) {
      const has = await db.one<{ n: number }>(step('SELECT count(*) AS n FROM fx_rate WHERE currency = $1 AND base = $1', [base]));
      if ((has?.n ?? 0) > 0) continue;
      const asOf = rows.filter((r) => r.base === base).map((r) => r.as_of).sort().at(-1)!;
      await db.run(step("INSERT INTO fx_rate VALUES ($1, $1, CAST(1 AS DECIMAL(18,8)), CAST($2 AS DATE), 'identity (added by rates import)')", [base, asOf]));
      identity++;
    }
    const bases: RatesImported['bases'] = [];
    for (const base of [...new Set(rows.map((r) => r.base))].sort()) {
      const b = await db.one<{ currencies: number; from: string; to: string }>(step(
        'SELECT count(DISTINCT currency) AS currencies, CAST(min(as_of) AS VARCHAR) AS "from", CAST(max(as_of) AS VARCHAR) AS "to" FROM fx_rate WHERE base = $1',
        [base],
      ));
      bases.push({ base, currencies: b?.currencies ?? 0, from: b?.from ?? '', to: b?.to ?? '' });
    }
    const shadowed: string[] = [];
    for (const [c, b] of pairs) {
      const latest = await db.one<{ source: string }>(step('SELECT arg_max(source, as_of) AS source FROM fx_rate WHERE currency = $1 AND base = $2', [c, b]));
      if (latest?.source === DEFAULT_FX_SOURCE) shadowed.push(`${c}→${b}`);
    }
    return { file, imported: rows.length, identityAdded: identity, defaultsDropped: dropped, bases, shadowedByDefault: shadowed };
  });
}

export function register(program: Command): void {
  const rates = program.command('rates').description('exchange rates used for base-currency amounts (docs/connectors.md#exchange-rates)');
  rates
    .command('import <file>')
    .description('load rates from a CSV with columns currency, base, rate, as_of[, source] (1 currency = rate base)')
    .option('--drop-defaults', 'remove the bundled default rates for the imported currency pairs')
    .action(async (file: string, o: { dropDefaults?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const rows = await readRatesCsv(resolve(file));
      await withProject(g, async (p) => {
        const r = await importRates(p.db, resolve(file), rows, o.dropDefaults === true);
        if (g.json) return printJson(r);
        say(`imported ${r.imported} rate(s) from ${file}${r.identityAdded ? `, added ${r.identityAdded} identity rate(s)` : ''}${r.defaultsDropped ? `, dropped ${r.defaultsDropped} bundled default(s)` : ''}`);
        if (r.bases.length) say(table(r.bases));
        if (r.shadowedByDefault.length) {
          say(`note: the bundled default is newer than your rates for ${r.shadowedByDefault.join(', ')}; ingest uses the latest rate, so pass --drop-defaults to use yours`);
        }
      });
    });
  rates
    .command('list')
    .description('the rate ingest uses per currency (latest as_of) for a base currency')
    .option('--base <code>', 'base currency', 'USD')
    .option('--all', 'every stored rate, not only the latest per currency')
    .action(async (o: { base: string; all?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const sql = o.all
          ? 'SELECT currency, base, CAST(rate AS VARCHAR) AS rate, CAST(as_of AS VARCHAR) AS as_of, source FROM fx_rate WHERE base = $1 ORDER BY currency, as_of'
          : `SELECT currency, base, CAST(arg_max(rate, as_of) AS VARCHAR) AS rate, CAST(max(as_of) AS VARCHAR) AS as_of, arg_max(source, as_of) AS source
             FROM fx_rate WHERE base = $1 GROUP BY currency, base ORDER BY currency`;
        const rows = await p.db.all(step(sql, [o.base.toUpperCase()]));
        if (g.json) return printJson(rows);
        say(table(rows));
      });
    });
}
