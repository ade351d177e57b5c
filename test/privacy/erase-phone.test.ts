// Erasure by phone finds what ingest stored: WooCommerce orders (the fixture's format) ingested through the public
// path with phones written as buyers write them — a UK national mobile, a NANP number with an extension, a London
// number with "(0)" — are found by the phone as the request gives it. Before the one phone rule, erase guessed
// US/CN/FR with libphonenumber while ingest hashed with its SQL macro, and all three were missed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { eraseSubject } from '../../src/privacy/erase.js';
import { emailHash } from '../../src/privacy/hmac.js';
import { step } from '../../src/store/sql.js';
import { TEST_HMAC, TEST_KEY, tempStore } from '../support/db.js';

const FIXTURE = new URL('../fixtures/woocommerce/orders.json', import.meta.url).pathname;

type Buyer = { email: string; country: string; phone: string; first: string };
const BUYERS: Buyer[] = [
  { email: 'ann@example.co.uk', country: 'GB', phone: '07700 900123', first: 'Ann' },
  { email: 'bob@example.com', country: 'US', phone: '(555) 123-4567 x89', first: 'Bob' },
  { email: 'cat@example.co.uk', country: 'GB', phone: '+44 (0)20 7946 0958', first: 'Cat' },
  { email: 'dan@example.fr', country: 'FR', phone: '06 12 34 56 78', first: 'Dan' },
  { email: 'eve@example.co.uk', country: 'GB', phone: '+44 6 12 34 56 78', first: 'Eve' },
  { email: 'fay@example.co.uk', country: 'GB', phone: '07700 900456', first: 'Fay' },
  { email: 'gus@example.co.uk', country: 'GB', phone: '020 7946 0999', first: 'Gus' },
];

let s: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => {
  s = await tempStore();
  const [order] = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>[];
  const orders = BUYERS.map((b, i) => ({
    ...order, id: 900 + i, number: String(900 + i), order_key: `wc_order_s13_${i}`, customer_id: 500 + i,
    billing: { ...(order!.billing as object), first_name: b.first, last_name: 'Tester', email: b.email, phone: b.phone, country: b.country },
  }));
  const path = join(s.dir, 'woo-orders.json');
  writeFileSync(path, JSON.stringify(orders, null, 2));
  const r = await ingestFile(s.db, path, { hmac: TEST_HMAC, key: TEST_KEY });
  expect(r.error).toBeUndefined();
}, 60_000);
afterAll(async () => { await s.done(); });

const accountOf = async (email: string) =>
  (await s.db.all<{ id: string }>(step('SELECT platform_customer_id AS id FROM customer_account WHERE email_hash = $1', [emailHash(TEST_KEY, email)]))).map((r) => r.id);

describe('privacy erase --phone finds the rows ingest hashed', () => {
  it.each([
    ['a UK national mobile, read in the country the store holds', 'ann@example.co.uk', '07700 900123'],
    ['a UK national mobile, asked for internationally', 'fay@example.co.uk', '+44 7700 900456'],
    ['a NANP number ingested with an extension', 'bob@example.com', '555-123-4567'],
    ['a London number ingested with "(0)"', 'cat@example.co.uk', '+44 20 7946 0958'],
    ['a London number asked for with "(0)"', 'gus@example.co.uk', '+44 (0)20 7946 0999'],
  ])('%s', async (_why, email, phone) => {
    const before = await accountOf(email);
    expect(before).toHaveLength(1);
    const count = async () => Number((await s.db.one<{ n: number | bigint }>(step('SELECT count(*) AS n FROM customer_account')))?.n);
    const others = await count() - 1;
    const r = await eraseSubject(s.db, TEST_KEY, { phone });
    expect(r.accounts.map((a) => a.platformCustomerId)).toEqual(before);
    expect(r.orders).toBe(1);
    expect(await accountOf(email)).toEqual([]);
    expect(await count()).toBe(others);
  });

  it('refuses a national number two stored buyers share in two countries, unless the country is named', async () => {
    await expect(eraseSubject(s.db, TEST_KEY, { phone: '06 12 34 56 78' })).rejects.toThrow(/\+33612345678 \(FR\) or \+44612345678 \(GB\).*store holds more than one/s);
    const r = await eraseSubject(s.db, TEST_KEY, { phone: '06 12 34 56 78', country: 'FR' });
    expect(r.accounts.map((a) => a.platformCustomerId)).toEqual([emailHash(TEST_KEY, 'dan@example.fr')]);
    expect(await accountOf('eve@example.co.uk')).toHaveLength(1);
    await expect(eraseSubject(s.db, TEST_KEY, { email: 'eve@example.co.uk', country: 'GB' })).rejects.toThrow(/--country/);
    await expect(eraseSubject(s.db, TEST_KEY, { phone: '1-800-FLOWERS' })).rejects.toThrow(/not a phone number/);
  });
});
