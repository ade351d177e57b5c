// Malformed inputs never crash, hang or lose a record: read = accepted + rejected, with a clear reason.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestFile, type FileResult } from '../../src/ingest/ingest.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { parseMapping } from '../../src/connectors/generic.js';
import { step } from '../../src/store/sql.js';
import { TEST_HMAC, tempStore } from '../support/db.js';

const mapping = parseMapping(
  {
    name: 'lines',
    platform: 'own',
    targets: {
      order_line: { platform_order_id: { column: 'order', required: true }, sku: 'sku', quantity: 'qty', unit_price: 'price' },
    },
  },
  'test',
);

let s: Awaited<ReturnType<typeof tempStore>>;
beforeEach(async () => { s = await tempStore(); });
afterEach(async () => { await s.done(); });

async function ingest(name: string, bytes: string | Buffer): Promise<FileResult> {
  const path = join(s.dir, name);
  writeFileSync(path, bytes);
  const [r] = await ingestPaths(s.db, [path], { hmac: TEST_HMAC, mapping });
  return r!;
}

async function assertBalanced(r: FileResult) {
  expect(r.rowsAccepted + r.rowsRejected).toBe(r.rowsRead);
  if (r.status !== 'ingested') return;
  const n = await s.db.one<{ lines: number; rej: number }>(step(
    'SELECT (SELECT count(*) FROM order_line WHERE source_file_id = $1) AS lines, (SELECT count(*) FROM reject WHERE source_file_id = $1) AS rej',
    [r.sourceFileId],
  ));
  expect(n?.lines).toBe(r.rowsAccepted);
  expect(n?.rej).toBe(r.rowsRejected);
}

const HEADER = 'order,sku,qty,price\n';

describe('zero loss on malformed input', () => {
  it('wrong column counts are rejected with the line number', async () => {
    const r = await ingest('cols.csv', HEADER + 'A1,S1,1,2.00\nA2,S2\nA3,S3,1,2,extra\nA4,S4,2,3.50\n');
    await assertBalanced(r);
    expect(r.rowsRead).toBe(4);
    expect(r.rowsAccepted).toBe(2);
    const rej = await s.db.all<{ source_row: number; reason: string }>(step('SELECT source_row, reason FROM reject ORDER BY source_row'));
    expect(rej.map((x) => x.source_row)).toEqual([3, 4]);
    expect(rej[0]!.reason).toMatch(/Expected Number of Columns: 4 Found: 2/);
  });

  it('an unterminated quote does not swallow the file silently', async () => {
    const r = await ingest('quote.csv', HEADER + 'A1,S1,1,2.00\nA2,"S2,1,2.00\nA3,S3,1,2.00\n');
    await assertBalanced(r);
    expect(r.rowsRejected).toBeGreaterThan(0);
  });

  it('a truncated file (cut mid-line) keeps the complete lines', async () => {
    const r = await ingest('trunc.csv', HEADER + 'A1,S1,1,2.00\nA2,S2,1,2.0');
    await assertBalanced(r);
    expect(r.rowsAccepted).toBe(2);
  });

  it('invalid UTF-8 bytes inside a UTF-8 file reject only that line', async () => {
    const bytes = Buffer.concat([Buffer.from(HEADER + 'A1,Sé,1,2.00\n'), Buffer.from([0x41, 0x32, 0x2c, 0xff, 0xfe, 0x2c, 0x31, 0x2c, 0x31, 0x0a]), Buffer.from('A3,S3,1,2.00\nA4,Sü,1,2.00\n')]);
    const r = await ingest('badutf8.csv', bytes);
    await assertBalanced(r);
    expect(r.rowsRead).toBe(4);
    expect(r.rowsRejected).toBe(1);
    expect(r.rejects[0]!.reason).toMatch(/INVALID ENCODING|unicode/i);
  });

  it('GBK, UTF-16 and windows-1252 files are decoded', async () => {
    const text = HEADER + 'A1,耳机,1,2.00\nA2,手机,2,3.00\n';
    for (const [name, buf] of [
      ['gbk.csv', iconv.encode(text, 'gbk')],
      ['u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])],
    ] as const) {
      const r = await ingest(name, buf);
      await assertBalanced(r);
      expect(r.rowsAccepted).toBe(2);
    }
    const rows = await s.db.all<{ sku: string }>(step('SELECT DISTINCT sku FROM order_line ORDER BY sku'));
    expect(rows.map((x) => x.sku)).toEqual(['手机', '耳机']);
    const w = await ingest('w1252.csv', iconv.encode(HEADER + 'A1,Café,1,2.00\n', 'windows-1252'));
    expect(w.encoding).toBe('windows-1252');
    expect((await s.db.one<{ n: number }>(step("SELECT count(*) AS n FROM order_line WHERE sku = 'Café'")))?.n).toBe(1);
  });

  it('an empty file and a header-only file fail or ingest cleanly with a reason', async () => {
    const empty = await ingest('empty.csv', '');
    expect(empty.status).toBe('failed');
    expect(empty.error?.message).toMatch(/empty\.csv.*(no header|empty)/);
    const header = await ingest('header.csv', HEADER);
    await assertBalanced(header);
    expect(header.status).toBe('ingested');
    expect(header.rowsRead).toBe(0);
  });

  it('a 100 KB field, NUL bytes and duplicated header names are read', async () => {
    const big = 'x'.repeat(100_000);
    const r = await ingest('big.csv', `order,sku,qty,price,sku\nA1,${big},1,2.00,dup\nA2,S\u0000S,1,2.00,dup\n`);
    await assertBalanced(r);
    expect(r.rowsRead).toBe(2);
    const len = await s.db.one<{ n: number }>(step("SELECT max(length(sku)) AS n FROM order_line"));
    expect(len?.n).toBe(100_000);
  });

  it('bad values are rejected with file, row, field, value and reason; required fields enforced', async () => {
    const r = await ingest('values.csv', HEADER + 'A1,S1,one,2.00\nA2,S2,1,cheap\n,S3,1,1.00\nA4,S4,1,1.00\n');
    await assertBalanced(r);
    const rej = await s.db.all<{ source_row: number; field: string; value: string | null; reason: string }>(step('SELECT source_row, field, value, reason FROM reject ORDER BY source_row'));
    expect(rej).toEqual([
      { source_row: 2, field: 'order_line.quantity', value: 'one', reason: 'not a whole number' },
      { source_row: 3, field: 'order_line.unit_price', value: 'cheap', reason: expect.stringMatching(/not a money amount/) as unknown as string },
      { source_row: 4, field: 'order_line.platform_order_id', value: null, reason: 'missing (required)' },
    ]);
  });

  it('broken JSON, NDJSON and XML records are rejected one by one', async () => {
    const nd = await ingest('e.ndjson', '{"order":"A1","sku":"S1","qty":"1"}\n{"order":"A2",\n{"order":"A3","sku":"S3","qty":"2"}\n');
    await assertBalanced(nd);
    expect([nd.rowsRead, nd.rowsAccepted]).toEqual([3, 2]);
    const js = await ingest('t.json', '[{"order":"A1","sku":"S1"},{"order":"A2","sku":"S2"},{"order":"A3","sk');
    await assertBalanced(js);
    expect([js.rowsRead, js.rowsAccepted]).toEqual([3, 2]);
    expect(js.rejects[0]!.reason).toMatch(/truncated JSON/);
    const xml = await ingest('t.xml', '<Orders><Order><order>A1</order><sku>00123</sku></Order><Order><order>A2</order><sku>S2</sku></Order><Order><order>A3');
    await assertBalanced(xml);
    expect([xml.rowsRead, xml.rowsAccepted]).toEqual([3, 2]);
    expect((await s.db.one<{ n: number }>(step("SELECT count(*) AS n FROM order_line WHERE sku = '00123'")))?.n).toBe(1);
  });

  it('re-ingesting the same bytes is a no-op', async () => {
    const a = await ingest('a.csv', HEADER + 'A1,S1,1,2.00\n');
    const b = await ingest('b.csv', HEADER + 'A1,S1,1,2.00\n');
    expect(a.status).toBe('ingested');
    expect(b.status).toBe('unchanged');
    expect((await s.db.one<{ n: number }>(step('SELECT count(*) AS n FROM order_line')))?.n).toBe(1);
  });

  it('a file of a size already stored but other bytes is ingested; every file keeps its own sha256', async () => {
    // a new size is hashed while the file is staged, a known size before anything else: both must store the true hash
    const files: [string, string][] = [['a.csv', HEADER + 'A1,S1,1,2.00\n'], ['b.csv', HEADER + 'A2,S1,1,2.00\n'], ['c.csv', HEADER + 'A3,S1,1,12.00\n']];
    const results = [];
    for (const [name, text] of files) results.push(await ingest(name, text));
    expect(results.map((r) => r.status)).toEqual(['ingested', 'ingested', 'ingested']);
    const stored = await s.db.all<{ sha256: string }>(step('SELECT sha256 FROM source_file ORDER BY id'));
    expect(stored.map((r) => r.sha256)).toEqual(files.map(([, text]) => createHash('sha256').update(text).digest('hex')));
  });

  it('a header no connector knows names the closest connectors and the fix', async () => {
    const path = join(s.dir, 'unknown.csv');
    writeFileSync(path, 'foo,bar\n1,2\n');
    await expect(ingestFile(s.db, path, { hmac: TEST_HMAC })).rejects.toThrow(/no connector recognises/);
  });
});
