// Record discovery in JSON and XML documents: nested record paths, cut samples, entities, the record element.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonArraySplitter, jsonRecords, jsonRecordsKey } from '../../src/sources/json-records.js';
import { guessXmlRecordTag, xmlParser } from '../../src/sources/xml-records.js';
import { sniffFile } from '../../src/sources/sniff.js';

const dir = mkdtempSync(join(tmpdir(), 'omnifuse-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SP_API = JSON.stringify({
  payload: {
    NextToken: 'x',
    Orders: [
      { AmazonOrderId: '1', PaymentMethodDetails: ['Standard'], OrderItems: [{ ASIN: 'A' }, { ASIN: 'B' }, { ASIN: 'C' }] },
      { AmazonOrderId: '2', OrderItems: [] },
    ],
  },
}, null, 1);

describe('JSON record path', () => {
  it('finds a records array below an envelope object (SP-API payload.Orders)', () => {
    expect(jsonRecordsKey(SP_API)).toBe('payload.Orders');
  });

  it('finds a top-level key, and no key for a root array', () => {
    expect(jsonRecordsKey('{"orders": [{"id": 1}, {"id": 2}]}')).toBe('orders');
    expect(jsonRecordsKey('[{"id": 1}]')).toBeUndefined();
    expect(jsonRecordsKey('{"id": 1, "tags": ["a", "b"]}')).toBeUndefined();
  });

  it('prefers the array with most records over an earlier small one, also in a sample cut mid-record', () => {
    const doc = '{"meta": {"warnings": [{"code": 1}]}, "data": {"items": [{"a": 1}, {"a": 2}, {"a": "cut he';
    expect(jsonRecordsKey(doc)).toBe('data.items');
  });

  it('splits only the elements of the array at the path, across chunk borders', () => {
    const s = new JsonArraySplitter('payload.Orders');
    const recs: string[] = [];
    for (let i = 0; i < SP_API.length; i += 7) recs.push(...s.push(SP_API.slice(i, i + 7)));
    expect(recs.map((r) => (JSON.parse(r) as { AmazonOrderId: string }).AmazonOrderId)).toEqual(['1', '2']);
  });

  it('does not take an array at the right depth under another key', () => {
    const s = new JsonArraySplitter('payload.Orders');
    const doc = '{"other": {"Orders": [{"x": 1}]}, "payload": {"Orders": [{"y": 2}]}}';
    expect(s.push(doc)).toEqual(['{"y": 2}']);
  });

  it('streams a nested-path file and sniffs its header from the first record', async () => {
    const f = join(dir, 'orders_sp_api.json');
    writeFileSync(f, SP_API);
    const sniffed = await sniffFile(f);
    expect(sniffed).toMatchObject({ format: 'json', recordsKey: 'payload.Orders' });
    expect(sniffed.header).toContain('AmazonOrderId');
    const out: string[] = [];
    for await (const r of jsonRecords(f, 'utf-8', sniffed.recordsKey)) out.push(r.text);
    expect(out).toHaveLength(2);
  });

  it('reads a one-line .json document as JSON, not as one NDJSON record', async () => {
    const f = join(dir, 'orders.json');
    writeFileSync(f, JSON.stringify({ orders: [{ id: 1 }, { id: 2 }] }));
    expect(await sniffFile(f)).toMatchObject({ format: 'json', recordsKey: 'orders', header: ['id'] });
  });
});

describe('XML records', () => {
  it('picks the shallowest repeated element with children (Order, not Transaction)', () => {
    const xml = `<?xml version="1.0"?><GetOrdersResponse><Ack>Success</Ack><OrderArray>
      <Order><OrderID>1</OrderID><TransactionArray><Transaction><A>1</A></Transaction><Transaction><A>2</A></Transaction></TransactionArray></Order>
      <Order><OrderID>2</OrderID><TransactionArray><Transaction><A>3</A></Transaction><Transaction><A>4</A></Transaction></TransactionArray></Order>
    </OrderArray></GetOrdersResponse>`;
    expect(guessXmlRecordTag(xml)).toBe('Order');
  });

  it('decodes numeric references and common HTML entity names, keeps XML ones', () => {
    const parsed = xmlParser().parse('<Order><Title>Caf&#xE9; &ndash; Pok&#233;mon&#x2122; &amp; &lt;3&nbsp;</Title></Order>') as { Order: { Title: string } };
    expect(parsed.Order.Title).toBe('Café – Pokémon™ & <3\u00a0');
  });
});
