// Product fusion at scale: synthesise N listings (default 1M) across 5 platforms from the sample generator's
// catalogue (its titles, model-code spellings, Chinese titles, barcodes as each platform carries them), load them
// into a fresh store and run fuseProducts end to end, printing the time per stage, peak RSS and the machine load.
// `npm run bench -- match-scale [--listings=1000000] [--encoder] [--json]` (--encoder: for a few hundred thousand
// listings; its neighbour search grows as n^1.5)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/open.js';
import { step } from '../src/store/sql.js';
import { fuseProducts } from '../src/fusion/product/fuse.js';
import { evaluateFusion, pairCompleteness } from '../src/fusion/product/evaluate.js';
import type { FuseInternals } from '../src/fusion/product/fuse.js';
import { buildCatalogue, type Variant } from '../src/sample/catalogue.js';
import { listingTitle } from '../src/sample/titles.js';
import { Rng } from '../src/sample/rng.js';
import { withCheckDigit } from '../src/sample/gtin.js';
import { loadEncoder, trainStoreEncoder } from '../src/ai/encoder/store-train.js';
import type { EncoderWeights } from '../src/ai/encoder/model.js';

// A million listings hold more JS objects (records, texts, vocabularies) than node's default heap limit allows on a
// machine with less than ~32 GB: run again in a child with a larger heap (the 8 GB RSS bar still applies) and a
// larger young generation (64 MB semi-spaces instead of 16), so the millions of short-lived strings of text
// preparation die young instead of being promoted and marked again and again with the whole heap.
if (!process.env.OMNIFUSE_BENCH_CHILD) {
  const heap = getHeapStatistics().heap_size_limit < 6e9 ? ['--max-old-space-size=6144'] : [];
  const r = spawnSync(process.execPath, [...process.execArgv, ...heap, '--max-semi-space-size=64', ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, OMNIFUSE_BENCH_CHILD: '1' } });
  process.exit(r.status ?? 1);
}
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const target = Number(arg('listings') ?? 1_000_000);
// Blocking knobs, for measuring what fewer candidates cost in pair completeness (defaults: the pipeline's own).
const k = arg('k') === undefined ? undefined : Number(arg('k'));
const maxKey = arg('max-key') === undefined ? undefined : Number(arg('max-key'));
const json = process.argv.includes('--json');
// --encoder: train the title encoder on the store (as `omnifuse models train-encoder`), then fuse with it.
const withEncoder = process.argv.includes('--encoder');
const PLATFORMS = [
  { name: 'shopify', coverage: 0.6, gtin: 0.85, currency: 'USD', fx: 1 },
  { name: 'amazon', coverage: 0.7, gtin: 0.88, currency: 'USD', fx: 1 },
  { name: 'ebay', coverage: 0.45, gtin: 0, currency: 'USD', fx: 1 },
  { name: 'taobao', coverage: 0.6, gtin: 0, currency: 'CNY', fx: 0.14 },
  { name: 'jd', coverage: 0.5, gtin: 0, currency: 'CNY', fx: 0.14 },
] as const;
const perVariant = PLATFORMS.reduce((s, p) => s + p.coverage, 0);

/** The generator's catalogue, replicated with distinct model codes and barcodes until it holds enough variants. */
function catalogue(variantsWanted: number): Variant[] {
  const rng = new Rng('omnifuse-bench:match-scale:42');
  const base = buildCatalogue(rng.fork('catalogue'), Math.min(20_000, Math.ceil(variantsWanted / 2.4)));
  const out: Variant[] = [];
  for (let copy = 0; out.length < variantsWanted; copy++) {
    for (const v of base.variants) {
      if (out.length >= variantsWanted) break;
      if (copy === 0) {
        out.push(v);
        continue;
      }
      const model = `${v.base.model}${String.fromCharCode(65 + (copy % 26))}${copy >= 26 ? Math.floor(copy / 26) : ''}`;
      const body = `7${String(copy).padStart(3, '0')}${v.gtin.slice(-9, -1)}`;
      out.push({ ...v, key: `${v.key}c${copy}`, base: { ...v.base, model }, sku: `${v.sku}-${copy}`, gtin: withCheckDigit(body) });
    }
  }
  return out;
}

const dir = join(process.cwd(), 'bench', 'out', 'match-scale');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const dbPath = join(dir, 'bench.duckdb');
const t0 = performance.now();
const variants = catalogue(Math.ceil(target / perVariant));
const db = await openStore(dbPath);
await db.run(step(`CREATE TABLE bench_listing (platform VARCHAR, id VARCHAR, sku VARCHAR, gtin VARCHAR, asin VARCHAR, title VARCHAR, price DOUBLE, currency VARCHAR, fx DOUBLE, key VARCHAR)`));
const rng = new Rng('omnifuse-bench:match-scale:listings');
let made = 0;
function* rows(): Generator<(string | number | null)[]> {
  for (const v of variants) {
    for (const p of PLATFORMS) {
      if (made >= target || !rng.chance(p.coverage)) continue;
      made++;
      const id = p.name === 'amazon' ? `B0${made.toString(36).toUpperCase().padStart(8, '0')}` : `${p.name.slice(0, 2).toUpperCase()}${made}`;
      const gtin = rng.chance(p.gtin) ? v.gtin.padStart(14, '0') : null;
      const price = p.currency === 'CNY' ? Math.round(v.priceUsd * 7.1) : v.priceUsd;
      yield [p.name, id, rng.chance(0.45) ? v.sku : `${p.name.slice(0, 2).toUpperCase()}${rng.int(1e6, 9e6)}`, gtin, p.name === 'amazon' ? id : null,
        listingTitle(v, rng, p.name), price, p.currency, p.fx, v.key];
    }
  }
}
await db.append('bench_listing', ['platform', 'id', 'sku', 'gtin', 'asin', 'title', 'price', 'currency', 'fx', 'key'], rows());
await db.run(step(`INSERT INTO listing (platform, platform_listing_id, sku, gtin, asin, title, price, currency, price_base, fx_rate, source_file_id, source_row)
  SELECT platform, id, sku, gtin, asin, title, price, currency, price * fx, fx, 1, row_number() OVER () FROM bench_listing`));
await db.run(step(`COPY (SELECT platform, id AS platform_listing_id, key AS product_key, CASE WHEN gtin IS NULL THEN 0 ELSE 1 END AS has_identifier FROM bench_listing)
  TO '${join(dir, 'truth.csv').replaceAll("'", "''")}' (HEADER)`));
const synthSeconds = (performance.now() - t0) / 1000;
if (!json) process.stderr.write(`synthesised ${made.toLocaleString('en-US')} listings (${variants.length.toLocaleString('en-US')} variants) in ${synthSeconds.toFixed(1)} s\n`);

const load = [loadavg()];
let encoder: { weights: EncoderWeights; version: number } | undefined;
let encoderSeconds: number | undefined;
if (withEncoder) {
  const te = performance.now();
  const trained = await trainStoreEncoder(db);
  encoderSeconds = (performance.now() - te) / 1000;
  const stored = await loadEncoder(db, trained.info.version); // the registry's int8 table, as the CLI reads it
  if (!stored) throw new Error('the trained encoder is not in the registry');
  encoder = { weights: stored.weights, version: stored.info.version };
  if (!json) process.stderr.write(`encoder trained in ${encoderSeconds.toFixed(1)} s (${String(trained.info.metrics.identifierPositives)} identifier positives)\n`);
}
const cpu0 = process.cpuUsage();
const t1 = performance.now();
let internals: FuseInternals | undefined;
const block = { ...(maxKey === undefined ? {} : { maxKeyFrequency: maxKey }), neighbours: k === undefined ? {} : { k } };
const r = await fuseProducts(db, { block, ...(encoder ? { encoder } : {}), ...(json ? {} : { onProgress: (s: string, d: string) => process.stderr.write(`  ${s}: ${d}\n`) }) }, (x) => (internals = x));
const totalSeconds = (performance.now() - t1) / 1000;
// CPU seconds of this process (JS + DuckDB threads): steadier than wall time on a shared machine.
const cpuUsed = process.cpuUsage(cpu0);
const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
load.push(loadavg());
const quality = await evaluateFusion(db, join(dir, 'truth.csv'));
const completeness = internals ? await pairCompleteness(db, join(dir, 'truth.csv'), internals.records, internals.candidates) : undefined;
await db.close();
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const result = {
  listings: made, platforms: PLATFORMS.map((p) => p.name), products: r.products, candidates: r.candidates.total,
  candidatesFromKeys: r.candidates.fromKeys, candidatesFromNeighbours: r.candidates.fromNeighbours, candidatesFromEncoder: r.candidates.fromEncoder, pairCompleteness: completeness?.completeness,
  ...(encoderSeconds !== undefined ? { encoderTrainSeconds: encoderSeconds, encoderMember: r.model.encoderMember } : {}),
  totalSeconds, cpuSeconds, stages: r.stages, peakRssMb, cores: cpus().length,
  loadAverage: { before: load[0], after: load[1] },
  quality: { f1: quality.all.f1, precision: quality.all.precision, recall: quality.all.recall, withoutIdentifierF1: quality.withoutIdentifier.f1 },
  bar: { seconds: 120, rssMb: 8192, met: totalSeconds <= 120 && peakRssMb <= 8192 },
};
if (json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
else {
  process.stdout.write(`${made.toLocaleString('en-US')} listings → ${r.products.toLocaleString('en-US')} products in ${totalSeconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU (bar 120 s), peak RSS ${(peakRssMb / 1024).toFixed(2)} GB (bar 8 GB)\n`);
  for (const s of r.stages) process.stdout.write(`  ${s.stage.padEnd(10)} ${s.seconds.toFixed(1).padStart(7)} s wall ${s.cpuSeconds.toFixed(1).padStart(7)} s CPU\n`);
  process.stdout.write(`${r.candidates.total.toLocaleString('en-US')} candidate pairs (${r.candidates.fromKeys.toLocaleString('en-US')} from keys, ${r.candidates.fromNeighbours.toLocaleString('en-US')} from neighbours${r.candidates.fromEncoder > 0 ? `, ${r.candidates.fromEncoder.toLocaleString('en-US')} from encoder neighbours` : ''}), pair completeness ${((completeness?.completeness ?? 0) * 100).toFixed(1)} % of ${(completeness?.truePairs ?? 0).toLocaleString('en-US')} true pairs\n`);
  process.stdout.write(`pairwise F1 ${(quality.all.f1 * 100).toFixed(1)} (without identifiers ${(quality.withoutIdentifier.f1 * 100).toFixed(1)}); load average ${load.map((l) => l?.[0]?.toFixed(1)).join(' → ')} on ${cpus().length} cores\n`);
}
