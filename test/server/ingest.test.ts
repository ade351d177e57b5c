/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment -- response bodies are JSON whose shape the assertions check */
// Uploads (multipart) and real-time NDJSON streams against a real server: counts, rejects, limits, no loss.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { step } from '../../src/store/sql.js';
import { EXAMPLES, startHarness, type Harness } from './harness.js';
import { pacedBody, tsvRecords } from './records.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness(['google/products.tsv'], { uploadBytes: 350_000, streamRecordBytes: 20_000 });
});
afterAll(async () => h?.done());

const count = async (sql: string, params: (string | number)[] = []) => Number((await h.db.one<{ n: number }>(step(sql, params)))?.n ?? 0);

const form = (files: [string, string][], fields: Record<string, string> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [name, path] of files) f.append('file', new Blob([readFileSync(path)]), name);
  return f;
};

describe('upload', () => {
  it('ingests a file and answers read/accepted/rejected with reasons; the same bytes again are unchanged', async () => {
    const r = await h.send('POST', '/api/upload', form([['orders_fr.csv', join(EXAMPLES, 'ebay/orders_fr.csv')]]), h.tokens.ingest);
    expect(r.status).toBe(200);
    const f = r.body.files[0];
    expect(f).toMatchObject({ file: 'orders_fr.csv', status: 'ingested', platform: 'ebay' });
    const row = await h.db.one<{ rows_read: number; rows_accepted: number; rows_rejected: number; path: string }>(step(
      'SELECT rows_read, rows_accepted, rows_rejected, path FROM source_file WHERE id = $1', [f.sourceFileId]));
    expect(row).toMatchObject({ rows_read: f.read, rows_accepted: f.accepted, rows_rejected: f.rejected, path: 'upload/orders_fr.csv' });
    expect(f.read).toBe(f.accepted + f.rejected);
    expect(f.rejects.reduce((a: number, x: { count: number }) => a + x.count, 0)).toBe(f.rejected);
    const again = await h.send('POST', '/api/upload', form([['copy.csv', join(EXAMPLES, 'ebay/orders_fr.csv')]]), h.tokens.ingest);
    expect(again.body.files[0].status).toBe('unchanged');
  });

  it('stores the rejected raw records of an upload redacted: no e-mail address in clear', async () => {
    // a malformed line carrying an e-mail address, appended to a real eBay export
    const body = new FormData();
    body.append('file', new Blob([readFileSync(join(EXAMPLES, 'ebay/orders_us.csv'), 'utf8') + '"12-34567-89012","jane.doe@example.com"\n']), 'with_bad_line.csv');
    const r = await h.send('POST', '/api/upload', body, h.tokens.ingest);
    const f = r.body.files[0];
    expect(f.rejected).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM reject WHERE source_file_id = $1 AND raw IS NOT NULL', [Number(f.sourceFileId)])).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM reject WHERE regexp_matches(coalesce(raw, '') || coalesce(value, ''), '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}')`)).toBe(0);
  });

  it('a file no connector knows fails with a message and hint; the request itself succeeds', async () => {
    const f = new FormData();
    f.append('file', new Blob(['alpha,beta\n1,2\n']), 'mystery.csv');
    const r = await h.send('POST', '/api/upload', f, h.tokens.ingest);
    expect(r.status).toBe(200);
    expect(r.body.files[0].status).toBe('failed');
    expect(r.body.files[0].error.message).toContain('no connector recognises');
    expect(r.body.files[0].error.hint).toContain('mapping');
    expect(r.body.totals.failed).toBe(1);
  });

  it('a mapping part applies to the data files beside it', async () => {
    const r = await h.send('POST', '/api/upload', form([
      ['reviews.mapping.yaml', join(EXAMPLES, 'own/reviews.mapping.yaml')], ['reviews.jsonl', join(EXAMPLES, 'own/reviews.jsonl')],
    ]), h.tokens.ingest);
    expect(r.body.files, JSON.stringify(r.body)).toHaveLength(1);
    expect(r.body.files[0]).toMatchObject({ status: 'ingested', connector: 'own-reviews' });
    expect(r.body.files[0].rowsByTable.review).toBeGreaterThan(100);
  });

  it('400 without files, 413 over the size limit', async () => {
    const empty = new FormData();
    empty.append('platform', 'ebay');
    expect((await h.send('POST', '/api/upload', empty, h.tokens.ingest)).status).toBe(400);
    const big = await h.send('POST', '/api/upload', form([['all_orders.txt', join(EXAMPLES, 'amazon/all_orders.txt')]]), h.tokens.ingest);
    expect(big.status).toBe(413);
    expect(big.body.error).toBe('too_large');
    expect(await count("SELECT count(*) AS n FROM source_file WHERE path LIKE '%all_orders%'")).toBe(0);
  });
});

describe('stream', () => {
  it('200 records/s: nothing lost, bad records reported by line, records visible while the stream is still open', async () => {
    const recs = tsvRecords('amazon/all_orders.txt').slice(0, 600);
    const lines = recs.map((r) => JSON.stringify(r));
    const bad = new Map<number, string>([[50, 'not json at all'], [300, JSON.stringify({ ...recs[300], 'purchase-date': 'yesterday-ish' })], [599, '{"broken": ']]);
    for (const [i, text] of bad) lines[i] = text;
    const linesBefore = await count('SELECT count(*) AS n FROM order_line');
    expect((await h.get('/api/files', h.tokens.read)).status).toBe(200); // token looked up once, before the stream
    const seenDuring: number[] = [];
    let open = true;
    const poll = (async () => {
      while (open) {
        await new Promise((r) => setTimeout(r, 300));
        const files = await h.get('/api/files?limit=1000', h.tokens.read);
        if (open) seenDuring.push((files.body as { path: string }[]).filter((f) => f.path.startsWith('stream/')).length);
      }
    })();
    const res = await fetch(`${h.url}/stream/amazon-all-orders-tsv`, {
      method: 'POST', headers: { authorization: `Bearer ${h.tokens.ingest}`, 'content-type': 'application/x-ndjson' },
      body: pacedBody(lines, 200), duplex: 'half',
    });
    open = false;
    await poll;
    const body = (await res.json()) as { read: number; accepted: number; rejected: number; duplicate: number; batches: number; rejects: { line: number; reason: string }[]; latencyMs: { p95: number }; batchMs: { max: number } };
    expect(res.status).toBe(200);
    expect(body.read).toBe(600);
    expect(body.accepted + body.rejected + body.duplicate).toBe(600);
    expect(body.duplicate).toBe(0);
    expect(await count('SELECT count(*) AS n FROM order_line') - linesBefore).toBe(body.accepted);
    expect(await count("SELECT count(*) AS n FROM reject r JOIN source_file f ON f.id = r.source_file_id WHERE f.path LIKE 'stream/%' AND r.source_row IS NOT NULL AND r.field IS DISTINCT FROM 'x'")).toBeGreaterThanOrEqual(body.rejected);
    const rejectedLines = new Set(body.rejects.map((r) => r.line));
    for (const i of bad.keys()) expect(rejectedLines, `line ${i + 1}`).toContain(i + 1);
    expect(body.batches).toBeGreaterThan(1);
    expect(Math.max(0, ...seenDuring), JSON.stringify({ seenDuring, batches: body.batches, latency: body.latencyMs })).toBeGreaterThan(0);
    // no queue builds up: a record waits for at most the batch landing when it arrived, then its own batch.
    // (The absolute bar, p95 ≤ 2 s at 200 records/s for 60 s, is measured by `npm run bench -- stream`.)
    expect(body.latencyMs.p95).toBeLessThanOrEqual(2 * body.batchMs.max + 500);
  });

  it('new listings join a fused product by exact GTIN', async () => {
    const g = await h.db.one<{ platform_listing_id: string; gtin: string }>(step(
      "SELECT platform_listing_id, gtin FROM listing WHERE platform = 'google' AND gtin IS NOT NULL ORDER BY platform_listing_id LIMIT 1"));
    await h.db.run(step("INSERT INTO product VALUES ('p-stream', 'P', NULL, $1, NULL, NULL, NULL, NULL, 1, 1, now(), now())", [g!.gtin]));
    await h.db.run(step("INSERT INTO product_member VALUES ('p-stream', 'google', $1, 1.0, 'test', now())", [g!.platform_listing_id]));
    h.server.ctx.readModel.changed();
    const rec = tsvRecords('google/products.tsv').find((r) => r.id === g!.platform_listing_id)!;
    const res = await h.send('POST', '/stream/google-merchant-feed-tsv', `${JSON.stringify({ ...rec, id: 'streamed-1' })}\n`, h.tokens.ingest, { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, attached: 1 });
    const m = await h.db.one<{ product_id: string; method: string }>(step("SELECT product_id, method FROM product_member WHERE platform_listing_id = 'streamed-1'"));
    expect(m).toEqual({ product_id: 'p-stream', method: 'stream:gtin' });
    expect(await count("SELECT n_listings AS n FROM product WHERE product_id = 'p-stream'")).toBe(2);
  });

  it('unknown source 404, wrong content type 415, oversized record 413 after landing what came before', async () => {
    const nd = { 'content-type': 'application/x-ndjson' };
    const unknown = await h.send('POST', '/stream/nope', '{}\n', h.tokens.ingest, nd);
    expect(unknown.status).toBe(404);
    expect(unknown.body.hint).toContain('amazon-all-orders-tsv');
    expect((await h.send('POST', '/stream/amazon-all-orders-tsv', { a: 1 }, h.tokens.ingest)).status).toBe(415);
    const rec = JSON.stringify(tsvRecords('amazon/all_orders.txt')[700]);
    const huge = JSON.stringify({ note: 'x'.repeat(30_000) });
    const r = await h.send('POST', '/stream/amazon-all-orders-tsv', `${rec}\n${huge}\n${rec}\n`, h.tokens.ingest, nd);
    expect(r.status).toBe(413);
    expect(r.body.message).toContain('line 2');
    expect(r.body.message).toContain('1 records before it were ingested');
  });
});
