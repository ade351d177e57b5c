// What ingest stores for linking people, on the connectors' real-format fixtures: French national phones hashed
// with the site's country, phone fragments (Taobao's masked Alipay account), keyed name tokens (Woo first + last
// name joined), and the place read out of Chinese addresses — and no name, phone or street in clear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { nameTokenHashes, phoneFragmentHash, phoneHash } from '../../src/privacy/hmac.js';
import { step } from '../../src/store/sql.js';
import { TEST_HMAC, TEST_KEY, tempStore } from '../support/db.js';

const FIX = new URL('../fixtures/', import.meta.url).pathname;

let s: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => {
  s = await tempStore();
  for (const f of ['ebay/orders_fr.csv', 'woocommerce/orders.json', 'taobao/ExportOrderList202603.csv']) {
    const r = await ingestFile(s.db, `${FIX}${f}`, { hmac: TEST_HMAC, key: TEST_KEY });
    expect(r.error).toBeUndefined();
  }
}, 120_000);
afterAll(async () => { await s.done(); });

type Row = { platform: string; id: string; phone: string | null; fragment: string | null; tokens: string | null; name: string | null; region: string | null; city: string | null; postcode: string | null };
const account = async (platform: string, id: string) => (await s.db.all<Row>(step(
  `SELECT platform, platform_customer_id AS id, phone_hash AS phone, phone_fragment_hash AS fragment, name_tokens AS tokens, name_masked AS name,
          region, city, postcode FROM customer_account WHERE platform = $1 AND platform_customer_id = $2`, [platform, id])))[0];

describe('identifiers ingest stores for person linking', () => {
  it('hashes a French national phone as the same E.164 number an international form gives', async () => {
    const a = await account('ebay', 'mdupont75');
    expect(a?.phone).toBe(phoneHash(TEST_KEY, '+33 6 12 34 56 78'));
    expect(a?.fragment).toBe(phoneFragmentHash(TEST_KEY, '+33 6 12 34 56 78'));
    expect(a?.tokens).toBe(nameTokenHashes(TEST_KEY, 'Marie Dupont'));
  });

  it('joins Woo first and last name for the mask and the tokens; the FR phone links to the eBay account', async () => {
    const rows = await s.db.all<Row>(step(`SELECT phone_hash AS phone, name_masked AS name, name_tokens AS tokens FROM customer_account WHERE platform = 'woocommerce' ORDER BY name`));
    const marie = rows.find((r) => r.tokens === nameTokenHashes(TEST_KEY, 'Marie Dupont'));
    expect(marie?.name).toBe('M*** D***');
    expect(marie?.phone).toBe((await account('ebay', 'mdupont75'))?.phone);
  });

  it('keeps the fragment of the masked Alipay phone and the place of a Chinese address', async () => {
    const fish = await account('taobao', '小鱼儿ok');
    expect(fish?.fragment).toMatch(/^[0-9a-f]{64}$/);
    const zhang = await account('taobao', '幸福蔓岩1627');
    expect(zhang).toMatchObject({ region: '吉林省', city: '通化市', postcode: '135300', fragment: phoneFragmentHash(TEST_KEY, '18618486065') });
    expect(zhang?.tokens).toBe(nameTokenHashes(TEST_KEY, '张三丰'));
  });

  it('stores names and phones only as keyed hashes', async () => {
    // the account id is the platform's own (an eBay user name may hold a name: mdupont75), every other column is checked
    const clear = await s.db.all(step(`SELECT * FROM (SELECT * EXCLUDE (platform_customer_id) FROM customer_account) t
      WHERE regexp_matches(CAST(to_json(t) AS VARCHAR), 'Marie|Dupont|marie|dupont|12 34 56|612345678|Rivoli|张三丰|三丰|柳河|1861848')`));
    expect(clear).toEqual([]);
  });
});
