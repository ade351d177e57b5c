// Anomaly and price-alert quality on generator data with injected truth: precision and recall per anomaly kind
// (truth/anomalies.csv) and the share of injected price errors (truth/price_errors.csv) raised as price alerts.
// `npm run bench -- anomalies-eval [--data examples] | [--seed 7 --scale small] [--json]`
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../src/store/open.js';
import { ingestPaths } from '../src/ingest/ingest-paths.js';
import { hmacPads } from '../src/privacy/key.js';
import { generateSample } from '../src/sample/generate.js';
import { anomalyReport } from '../src/analytics/anomalies/report.js';
import { evaluateAnomalies } from '../src/analytics/anomalies/eval.js';
import { csvRecords } from '../src/util/csv.js';
import { priceReport } from '../src/analytics/prices/prices.js';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const arg = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const work = join(process.cwd(), 'bench', 'out', 'anomalies');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
let data = arg('data') ?? 'examples';
const seed = arg('seed');
const t0 = performance.now();
if (seed !== undefined) {
  data = join(work, `sample-${seed}`);
  await generateSample({ outDir: data, seed: Number(seed), scale: (arg('scale') ?? 'small') as 'small' });
}
const db = await openStore(join(work, 'eval.duckdb'));
const files = ['amazon', 'ebay', 'google', 'jd', 'pinduoduo', 'shopify', 'taobao', 'woocommerce'].map((p) => join(data, p));
await ingestPaths(db, files, { hmac: hmacPads(Buffer.alloc(32, 7)) });
const ingestS = (performance.now() - t0) / 1000;
const t1 = performance.now();
const report = await anomalyReport(db);
const ev = await evaluateAnomalies(db, report, join(data, 'truth'));
const prices = await priceReport(db, { threshold: 0.5 });
const detectS = (performance.now() - t1) / 1000;
const errors = csvRecords(readFileSync(join(data, 'truth', 'price_errors.csv'), 'utf8'));
const alerted = new Set(prices.alerts.map((a) => `${a.platform}|${a.platform_listing_id}`));
const caught = errors.filter((e) => alerted.has(`${e.platform}|${e.platform_listing_id}`));
await db.close();
const out = {
  data, anomalies: ev, priceErrors: { injected: errors.length, alerted: caught.length, missed: errors.filter((e) => !caught.includes(e)).map((e) => `${e.platform}:${e.platform_listing_id}`), alerts: prices.alerts.length },
  ingestSeconds: +ingestS.toFixed(1), detectSeconds: +detectS.toFixed(1),
};
if (json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
else {
  console.log(`data: ${data}`);
  console.table(ev.byKind.map((k) => ({ ...k, recall: +k.recall.toFixed(3), precision: +k.precision.toFixed(3) })));
  console.log(`anomalies overall: precision ${ev.precision.toFixed(3)} (${ev.detected} findings), recall ${ev.recall.toFixed(3)} (${ev.truth} injected)`);
  console.log(`price errors raised as alerts: ${caught.length}/${errors.length}${out.priceErrors.missed.length ? ` (missed ${out.priceErrors.missed.join(', ')})` : ''}; ${prices.alerts.length} alerts in all`);
  console.log(`ingest ${out.ingestSeconds} s, detection ${out.detectSeconds} s`);
}
