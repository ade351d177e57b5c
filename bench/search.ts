// `npm run bench -- search [--seed 11] [--products 100000] [--queries 2000] [--json]`
// 1. Quality on fresh generator data (seed 11: the tokenizer was tuned on seeds 42 and 7 only): each platform's listing titles
//    are queried against products built from the other platforms' listings (truth/listings.csv defines the
//    product); rank-1 accuracy and MRR, overall and per platform (Chinese platforms included).
// 2. Latency at scale: the medium catalogue's products replicated with distinct model codes up to --products
//    documents; p50/p95/p99 of one query (index in memory, as the server holds it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSample } from '../src/sample/generate.js';
import { openStore } from '../src/store/open.js';
import { step } from '../src/store/sql.js';
import { evaluateSearch, type TruthListing } from '../src/analytics/search/eval.js';
import { buildIndex, search, type SearchDoc } from '../src/analytics/search/bm25.js';
import { createRng } from '../src/ai/builtin/rng.js';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '11' }, products: { type: 'string', default: '100000' }, queries: { type: 'string', default: '2000' }, json: { type: 'boolean', default: false } } });
const dir = mkdtempSync(join(tmpdir(), 'omnifuse-bench-search-'));
const log = (s: string) => values.json || process.stdout.write(s + '\n');

async function truth(scale: 'small' | 'medium', seed: number): Promise<TruthListing[]> {
  const out = join(dir, `${scale}-${seed}`);
  // the small scale keeps its order count (listings of order-only platforms come from orders); medium only needs its catalogue
  await generateSample({ outDir: out, seed, scale, ...(scale === 'medium' ? { orders: 500 } : {}) });
  const db = await openStore(join(dir, `${scale}.duckdb`));
  try {
    return await db.all<TruthListing & Record<string, unknown>>(step(`SELECT platform, title, gtin, sku, product_key AS product FROM read_csv('${join(out, 'truth', 'listings.csv').replaceAll("'", "''")}', all_varchar = true)`));
  } finally {
    await db.close();
  }
}

try {
  const seed = Number(values.seed);
  const small = await truth('small', seed);
  const quality = evaluateSearch(small);
  log(`quality (generator seed ${seed}, small): ${quality.queries} title queries, rank-1 ${(100 * quality.top1).toFixed(1)}%, MRR ${quality.mrr.toFixed(3)}`);
  for (const p of quality.byPlatform) log(`  ${p.platform.padEnd(12)} ${String(p.queries).padStart(5)} queries  rank-1 ${(100 * p.top1).toFixed(1)}%  MRR ${p.mrr.toFixed(3)}`);

  const medium = await truth('medium', seed);
  const byProduct = new Map<string, SearchDoc>();
  for (const l of medium) {
    const d = byProduct.get(l.product) ?? { id: l.product, texts: [], identifiers: [] };
    if (l.title) d.texts.push(l.title);
    for (const id of [l.gtin, l.sku]) if (id) d.identifiers.push(id);
    byProduct.set(l.product, d);
  }
  const base = [...byProduct.values()];
  const target = Number(values.products);
  const reps = Math.ceil(target / base.length);
  // replica r of a product: every token with a digit gets a suffix, so replicas are distinct products
  const tag = (text: string | null, r: number) => (r === 0 || !text ? (text ?? '') : text.replace(/[A-Za-z-]*\d[\w-]*/g, (m) => `${m}R${r}`));
  const docs: SearchDoc[] = [];
  for (let r = 0; r < reps && docs.length < target; r++) {
    for (const d of base) {
      if (docs.length >= target) break;
      docs.push({ id: `${d.id}#${r}`, texts: d.texts.map((t) => tag(t, r)), identifiers: d.identifiers.map((i) => `${i}R${r}`) });
    }
  }
  let t0 = performance.now();
  const index = buildIndex(docs);
  const buildMs = performance.now() - t0;
  const rng = createRng(seed);
  const nq = Number(values.queries);
  const times: number[] = [];
  for (let q = 0; q < nq; q++) {
    const l = medium[Math.floor(rng.next() * medium.length)]!;
    const r = Math.floor(rng.next() * reps);
    t0 = performance.now();
    const hits = search(index, tag(l.title, r), 10);
    times.push(performance.now() - t0);
    if (hits.length === 0 && l.title) throw new Error(`no hit for ${l.title}`);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  const latency = { products: docs.length, baseProducts: base.length, queries: nq, buildMs: Math.round(buildMs), p50: pct(0.5), p95: pct(0.95), p99: pct(0.99) };
  log(`latency on ${docs.length.toLocaleString('en-US')} products (index built in ${(buildMs / 1000).toFixed(1)} s): p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms over ${nq} queries`);
  if (values.json) process.stdout.write(JSON.stringify({ seed, quality, latency }, null, 2) + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
