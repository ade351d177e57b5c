// API load: autocannon against a real server on 127.0.0.1 — product search, then product detail, each with 50
// connections for 30 s (--connections=N --duration=S to change). Prints latency percentiles, requests/s and errors
// per endpoint (--json: one JSON document).
// Data: the bundled examples by default, or an existing store with --db=PATH (only a read token is added to it), e.g. the
// generator's large scale (≈ 10M order lines), prepared once:
//   omnifuse sample --out bench/out/large --seed 42 --scale large
//   omnifuse --db bench/out/large.duckdb ingest bench/out/large && omnifuse --db bench/out/large.duckdb fuse products
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import autocannon from 'autocannon';
import { openStore } from '../src/store/open.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { hmacPads } from '../src/privacy/key.js';
import { step } from '../src/store/sql.js';
import { listen } from '../src/server/serve.js';
import { createToken } from '../src/server/tokens.js';

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const connections = arg('connections', 50);
const duration = arg('duration', 30);
const json = process.argv.includes('--json');
const log = (s: string) => (json ? process.stderr : process.stdout).write(s + '\n');

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const FILES = ['amazon/active_listings.txt', 'amazon/all_orders.txt', 'google/products.tsv', 'shopify/products_export.csv', 'taobao/items.csv', 'ebay/orders_us.csv'];

const given = process.argv.find((a) => a.startsWith('--db='))?.slice(5);
const dir = mkdtempSync(join(tmpdir(), 'omnifuse-bench-api-'));
const db = await openStore(given ?? join(dir, 'bench.duckdb'));
const hmac = hmacPads(Buffer.alloc(32, 3));
if (!given) {
  log(`ingesting ${FILES.length} example files ...`);
  for (const f of FILES) await ingestFile(db, join(EXAMPLES, f), { hmac });
}
const [counts] = await db.all<{ lines: number; listings: number }>(step('SELECT (SELECT count(*) FROM order_line) AS lines, (SELECT count(*) FROM listing) AS listings'));
const { token } = await createToken(db, ['read']);
const ids = (await db.all<{ product_id: string }>(step('SELECT DISTINCT product_id FROM listing_product ORDER BY product_id'))).map((r) => r.product_id);
const words = (await db.all<{ w: string }>(step(
  `SELECT DISTINCT lower(split_part(title, ' ', 2)) AS w FROM listing WHERE title IS NOT NULL AND length(split_part(title, ' ', 2)) > 3 ORDER BY w LIMIT 200`))).map((r) => r.w);
const server = await listen({ db, hmac, port: 0 });
log(`${Number(counts?.lines ?? 0).toLocaleString('en-US')} order lines, ${Number(counts?.listings ?? 0).toLocaleString('en-US')} listings, ${ids.length} products, ${words.length} search words; server ${server.url}; ${connections} connections × ${duration} s per endpoint`);

// the first request after a write builds the read model (tables + in-memory index); the load runs measure the
// steady state after it, and the build time is printed beside them
const w0 = performance.now();
await fetch(`${server.url}/api/products?q=warm&limit=1`, { headers: { authorization: `Bearer ${token}` } });
const warmS = (performance.now() - w0) / 1000;
log(`read model built by the first request in ${warmS.toFixed(1)} s`);

let seed = 7;
const pick = <T>(xs: T[]) => xs[(seed = (seed * 1103515245 + 12345) % 2147483648) % xs.length]!;

async function run(name: string, path: () => string) {
  const r = await autocannon({
    url: server.url, connections, duration, headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: path() }) }],
  });
  return {
    endpoint: name, requests: r.requests.total, reqPerSec: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx,
  };
}

const results = [
  await run('GET /api/products?q=…', () => `/api/products?q=${encodeURIComponent(pick(words))}&limit=20`),
  await run('GET /api/products/:id', () => `/api/products/${encodeURIComponent(pick(ids))}`),
];
await server.close();
await db.close();
rmSync(dir, { recursive: true, force: true });
const out = { store: given ?? 'examples', readModelBuildS: Number(warmS.toFixed(1)), orderLines: Number(counts?.lines ?? 0), listings: Number(counts?.listings ?? 0), connections, durationS: duration, products: ids.length, load: loadavg()[0], results };
if (json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
else {
  for (const r of results) {
    log(`${r.endpoint.padEnd(24)} ${String(r.reqPerSec).padStart(6)} req/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  max ${r.latencyMs.max} ms  errors ${r.errors}  timeouts ${r.timeouts}  non-2xx ${r.non2xx}`);
  }
  log(`(1-minute load average during the run: ${(out.load ?? 0).toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`);
}
