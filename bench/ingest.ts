// Ingest throughput: a generated CSV of order lines through the generic mapping, end to end, beside
// DuckDB's own read_csv load of the same file into the same kind of database, in the same run.
import { createWriteStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { openStore } from '../src/store/open.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { loadMapping } from '../src/connectors/generic.js';
import { hmacPads } from '../src/privacy/key.js';
import { literal, step } from '../src/store/sql.js';

/** CPU seconds of this process (all DuckDB threads) since `from`: steadier than wall time on a shared machine */
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1e6;
};
const lines = Number(process.argv.find((a) => a.startsWith('--lines='))?.slice(8) ?? 10_000_000);
// optional DuckDB buffer limit for both databases (--memory-limit=1GB); DuckDB's default is 80% of RAM
const memoryLimit = process.argv.find((a) => a.startsWith('--memory-limit='))?.slice(15);
const dir = join(process.cwd(), 'bench', 'out', 'ingest');
mkdirSync(dir, { recursive: true });
const csv = join(dir, `order_lines_${lines}.csv`);

async function generate(): Promise<void> {
  const out = createWriteStream(csv);
  out.write('order_id,line_no,sku,title,quantity,unit_price,currency,placed_at\n');
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < lines; i++) {
    const order = Math.floor(i / 3);
    const sku = `SKU-${Math.floor(rnd() * 50_000)}`;
    const day = String(1 + (order % 28)).padStart(2, '0');
    const row = `O${order},${(i % 3) + 1},${sku},Product ${sku} blue,${1 + Math.floor(rnd() * 4)},${(rnd() * 200).toFixed(2)},USD,2026-03-${day} 10:${String(i % 60).padStart(2, '0')}:00\n`;
    if (!out.write(row)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const mappingPath = join(dir, 'order_lines.mapping.yaml');
writeFileSync(mappingPath, `name: bench-order-lines
platform: own
targets:
  order_line:
    platform_order_id: order_id
    line_no: line_no
    sku: sku
    title: title
    quantity: quantity
    unit_price: unit_price
    currency: currency
    placed_at: placed_at
`);

const t0 = performance.now();
await generate();
const genS = (performance.now() - t0) / 1000;
const mb = statSync(csv).size / 1e6;

// DuckDB alone: load the file as-is into a table of a fresh database file
const rawPath = join(dir, 'raw.duckdb');
rmSync(rawPath, { force: true });
const raw = await openStore(rawPath, memoryLimit ? { memoryLimit } : {});
const r0 = performance.now();
const rc0 = process.cpuUsage();
await raw.run(step(`CREATE TABLE raw AS SELECT * FROM read_csv(${literal(csv)}, header = true)`));
const rawS = (performance.now() - r0) / 1000;
const rawCpu = cpuSeconds(rc0);
await raw.close();

// omnifuse: sniff, stage, map, validate, lineage, hash, store, one transaction
const dbPath = join(dir, 'omnifuse.duckdb');
rmSync(dbPath, { force: true });
const db = await openStore(dbPath, memoryLimit ? { memoryLimit } : {});
const o0 = performance.now();
const oc0 = process.cpuUsage();
const res = await ingestFile(db, csv, { hmac: hmacPads(Buffer.alloc(32)), mapping: loadMapping(mappingPath) });
const ofS = (performance.now() - o0) / 1000;
const ofCpu = cpuSeconds(oc0);
await db.close();

const rawRate = lines / rawS;
const ofRate = res.rowsAccepted / ofS;
const result = {
  lines, memoryLimit: memoryLimit ?? 'default', megabytes: Number(mb.toFixed(1)), generateSeconds: Number(genS.toFixed(1)),
  duckdbReadCsv: { seconds: Number(rawS.toFixed(2)), cpuSeconds: Number(rawCpu.toFixed(2)), rowsPerSecond: Math.round(rawRate) },
  omnifuse: { seconds: Number(ofS.toFixed(2)), cpuSeconds: Number(ofCpu.toFixed(2)), rowsPerSecond: Math.round(ofRate), accepted: res.rowsAccepted, rejected: res.rowsRejected },
  ratio: Number((ofRate / rawRate).toFixed(3)),
  cpuRatio: Number((rawCpu / ofCpu).toFixed(3)),
  load: loadavg().map((l) => Number(l.toFixed(2))),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.log(`ingest ${lines.toLocaleString('en-US')} order lines (${mb.toFixed(0)} MB CSV)`);
console.log(`  DuckDB read_csv → table: ${rawS.toFixed(2)} s, ${Math.round(rawRate).toLocaleString('en-US')} rows/s`);
console.log(`  omnifuse end to end:     ${ofS.toFixed(2)} s, ${Math.round(ofRate).toLocaleString('en-US')} rows/s (${result.ratio}× DuckDB)`);
console.log(`  CPU seconds: DuckDB ${rawCpu.toFixed(2)}, omnifuse ${ofCpu.toFixed(2)} (${result.cpuRatio}×); load average ${result.load.join(' ')}`);
console.log(`  peak RSS: ${result.peakRssMB} MB (DuckDB memory_limit ${memoryLimit ?? 'default'})`);
console.log(JSON.stringify(result));
