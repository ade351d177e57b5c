// Real-time ingest: one NDJSON stream of Amazon order-report records at a fixed rate (default 200 records/s for
// 60 s) into a real server on 127.0.0.1. Prints receipt→visible latency (p50/p95/max, measured per record by the
// server from the moment its bytes arrived to the commit of its micro-batch), batches, and the loss check:
// records sent = read = accepted + rejected, and order_line rows added = accepted. --rate=N --seconds=S --json.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { openStore } from '../src/store/open.js';
import { hmacPads } from '../src/privacy/key.js';
import { step } from '../src/store/sql.js';
import { listen } from '../src/server/serve.js';
import { createToken } from '../src/server/tokens.js';
import type { StreamResult } from '../src/server/stream/stream-ingest.js';
import { pacedBody, tsvRecords } from '../test/server/records.js';

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const rate = arg('rate', 200);
const seconds = arg('seconds', 60);
const json = process.argv.includes('--json');
const log = (s: string) => (json ? process.stderr : process.stdout).write(s + '\n');
fileURLToPath(import.meta.url);

const base = tsvRecords('amazon/all_orders.txt');
const n = rate * seconds;
// every record its own order line: unique order and item ids, the rest as exported (a few source rows are bad on purpose)
const lines = Array.from({ length: n }, (_, i) => {
  const r = base[i % base.length]!;
  return JSON.stringify({ ...r, 'amazon-order-id': `S-${Math.floor(i / 2)}`, 'order-item-id': `I-${i}` });
});

const dir = mkdtempSync(join(tmpdir(), 'omnifuse-bench-stream-'));
const db = await openStore(join(dir, 'bench.duckdb'));
const { token } = await createToken(db, ['ingest', 'read']);
const server = await listen({ db, hmac: hmacPads(Buffer.alloc(32, 5)), port: 0 });
const count = async () => Number((await db.one<{ n: number }>(step('SELECT count(*) AS n FROM order_line')))?.n ?? 0);
const before = await count();
log(`streaming ${n} records at ${rate}/s for ${seconds} s to ${server.url}/stream/amazon-all-orders-tsv ...`);
const t0 = performance.now();
const res = await fetch(`${server.url}/stream/amazon-all-orders-tsv`, {
  method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
  body: pacedBody(lines, rate), duplex: 'half',
});
const body = (await res.json()) as StreamResult;
const wall = (performance.now() - t0) / 1000;
const added = (await count()) - before;
await server.close();
await db.close();
rmSync(dir, { recursive: true, force: true });

const lossFree = body.read === n && body.accepted + body.rejected + body.duplicate === n && added === body.accepted;
const out = {
  status: res.status, sent: n, rate, seconds, wallSeconds: Number(wall.toFixed(1)), read: body.read, accepted: body.accepted,
  rejected: body.rejected, duplicate: body.duplicate, orderLinesAdded: added, lossFree, batches: body.batches,
  latencyMs: body.latencyMs, batchMs: body.batchMs, bar: { p95Ms: 2000, met: lossFree && body.latencyMs.p95 <= 2000 }, load: loadavg()[0],
};
if (json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
else {
  log(`sent ${n}, read ${body.read}, accepted ${body.accepted}, rejected ${body.rejected}, duplicate ${body.duplicate}; order_line rows added ${added} → ${lossFree ? 'no loss' : 'LOSS'}`);
  log(`receipt→visible latency: p50 ${body.latencyMs.p50} ms, p95 ${body.latencyMs.p95} ms, max ${body.latencyMs.max} ms over ${body.batches} batches (batch landing p50 ${body.batchMs.p50} ms, max ${body.batchMs.max} ms)`);
  log(`bar p95 ≤ 2000 ms with no loss: ${out.bar.met ? 'met' : 'NOT met'} (1-minute load average ${(out.load ?? 0).toFixed(1)})`);
}
