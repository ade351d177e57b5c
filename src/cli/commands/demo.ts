// `omnifuse demo` (npm start): the main job on the bundled multi-platform examples — ingest, fuse products and
// persons, run the models (forecast, prices, anomalies, segments), print a summary, then serve the dashboard.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { globals, isTty, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { progressBar } from '../progress.js';
import { ingestPaths } from '../../ingest/ingest-paths.js';
import { storeStatus } from '../../ingest/status.js';
import { summarise } from './ingest.js';
import { usageError } from '../../util/errors.js';
import { addServeOptions, startServing, untilSignal, type ServeFlags } from './serve.js';
import type { Backend } from '../../store/backend.js';
import { fuseProducts } from '../../fusion/product/fuse.js';
import { fusePersons } from '../../fusion/person/fuse.js';
import { runForecast } from '../../analytics/forecast/run.js';
import { priceReport } from '../../analytics/prices/prices.js';
import { anomalyReport } from '../../analytics/anomalies/report.js';
import { segmentCustomers } from '../../analytics/segment/segment.js';

/** Fuse and model what was ingested; each step's headline figures for the summary. */
async function fuseAndModel(db: Backend, key: Buffer, step: (what: string) => void) {
  step('fusing products');
  const products = await fuseProducts(db);
  step('fusing persons');
  const persons = await fusePersons(db, key);
  step('forecasting');
  const forecast = await runForecast(db, { level: 'product', horizon: 28, stepDays: 1, top: 50 });
  step('prices and anomalies');
  const prices = await priceReport(db, { threshold: 0.5 });
  const anomalies = await anomalyReport(db);
  step('segments');
  const segments = await segmentCustomers(db);
  return {
    products: { listings: products.listings, products: products.products, multiListing: products.multiListingProducts, threshold: products.model.threshold },
    persons: { accounts: persons.accounts, persons: persons.persons, multiAccount: persons.multiAccountPersons },
    forecast: { model: forecast.model, series: forecast.series.length, backtest: forecast.backtest },
    prices: { products: prices.products.length, alerts: prices.alerts.length },
    anomalies: anomalies.counts,
    segments: segments.segments.map((x) => ({ segment: x.segment, customers: x.customers })),
  };
}

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));

export function register(program: Command): void {
  addServeOptions(program
    .command('demo')
    .description('the main job on bundled sample data: ingest examples/ (all platforms), fuse products and persons, run forecasts, prices, anomalies and segments, print a summary, then (in a terminal) serve the dashboard until Ctrl-C')
    .option('--examples <dir>', 'folder of sample exports', EXAMPLES_DIR)
    .option('--serve', 'serve the dashboard after the summary even when not run from a terminal')
    .option('--no-serve', 'exit after the summary instead of serving the dashboard (--json implies it)'))
    .action(async (o: { examples: string; serve?: boolean } & ServeFlags, cmd: Command) => {
      const g = globals(cmd);
      if (!existsSync(o.examples)) throw usageError(`no examples folder at ${o.examples}`, 'run `omnifuse sample --out examples --scale small` to make one');
      const bar = progressBar(isTty() && !g.json);
      await withProject(g, async (p) => {
        const results = await ingestPaths(p.db, [o.examples], { hmac: p.hmac, key: p.key, onFile: (d, t) => bar.update('ingest', d, t, 'files') });
        bar.end();
        const s = await storeStatus(p.db);
        const fused = await fuseAndModel(p.db, p.key, (what) => { if (isTty() && !g.json) process.stderr.write(`${what}…\n`); });
        if (g.json) return printJson({ files: results, status: s, ...fused });
        say(`omnifuse demo — database ${p.db.path}\n`);
        say(table(summarise(results)));
        say('\nrows by table and platform:');
        const pivot = new Map<string, Record<string, number | string>>();
        for (const t of s.tables) {
          const row = pivot.get(t.platform) ?? { platform: t.platform };
          row[t.table] = t.rows;
          pivot.set(t.platform, row);
        }
        say(table([...pivot.values()], ['platform', 'listing', 'customer_account', 'orders', 'order_line', 'event', 'review', 'inventory_snapshot']));
        say(`\n${s.totals.rowsRead.toLocaleString('en-US')} records read, ${s.totals.rowsAccepted.toLocaleString('en-US')} accepted, ${s.totals.rowsRejected.toLocaleString('en-US')} rejected (omnifuse rejects --db ${g.db})`);
        const f = fused;
        say(`\nproducts: ${f.products.listings.toLocaleString('en-US')} listings fused into ${f.products.products.toLocaleString('en-US')} products (${f.products.multiListing} sold under several listings)`);
        say(`persons:  ${f.persons.accounts.toLocaleString('en-US')} buyer accounts linked into ${f.persons.persons.toLocaleString('en-US')} persons (${f.persons.multiAccount} with several accounts)`);
        say(`forecast: ${f.forecast.series} best-selling products, 28 days ahead, model ${f.forecast.model} (omnifuse forecast --chart f.svg)`);
        say(`prices:   ${f.prices.products} products priced on several platforms, ${f.prices.alerts} price alerts (omnifuse prices)`);
        say(`anomalies: ${Object.entries(f.anomalies).map(([k, v]) => `${v} ${k}`).join(', ')} (omnifuse anomalies)`);
        say(`segments: ${f.segments.map((x) => `${x.segment} ${x.customers}`).join(', ')} (omnifuse segment)`);
      });
      // --json prints one document and exits; in a terminal (or with --serve) serve the dashboard with a fresh
      // token printed once; from a script or CI, `npm start` finishes after the summary instead of never returning
      const serve = o.serve ?? (process.stdin.isTTY === true && process.stdout.isTTY === true);
      if (g.json) return;
      if (!serve) {
        say(`\nnot a terminal: not serving. Serve the dashboard with: npx omnifuse --db ${g.db} serve --new-token read,ingest,pii (or npm start -- --serve)`);
        return;
      }
      await withProject(g, async (p) => {
        say('');
        const { server } = await startServing(p.db, p.hmac, { ...o, newToken: o.newToken ?? 'read,ingest,pii' }, false, p.key);
        await untilSignal(server);
      });
    });
}
