// Erasure: the buyer's accounts and identifiers go, orders stay but unlinkable, raw rejects holding the address are
// cleared, persons are recomputed and models trained since the data arrived are flagged.
import { describe, expect, it } from 'vitest';
import { step } from '../../src/store/sql.js';
import { emailHash, phoneHash } from '../../src/privacy/hmac.js';
import { eraseSubject } from '../../src/privacy/erase.js';
import { fusePersons } from '../../src/fusion/person/fuse.js';
import { saveModel } from '../../src/store/model-registry.js';
import { tempStore } from '../support/db.js';

const KEY = Buffer.alloc(32, 6);

describe('privacy erase', () => {
  it('removes accounts, anonymises orders, clears rejects, recomputes persons, flags models', async () => {
    const s = await tempStore();
    try {
      const db = s.db;
      await db.run(step(`INSERT INTO source_file (id, path, sha256, platform, ingested_at) VALUES (1, 'x.csv', 'abc', 'shopify', now() - INTERVAL 1 DAY)`));
      const zoe = emailHash(KEY, 'Zoe@Example.com')!;
      const accounts: [string, string, string | null, string | null][] = [
        ['shopify', zoe, zoe, phoneHash(KEY, '+15550107777')],
        ['ebay', 'zoel_7', zoe, null],
        ['jd', 'jd_zoe', null, phoneHash(KEY, '+15550107777')],
        ['ebay', 'other_1', emailHash(KEY, 'other@example.com'), null],
      ];
      for (const [pl, id, em, ph] of accounts) {
        await db.run(step('INSERT INTO customer_account (platform, platform_customer_id, email_hash, phone_hash, source_file_id, row_hash) VALUES ($1, $2, $3, $4, 1, hash($5))', [pl, id, em, ph, id]));
      }
      for (const [pl, oid, cust] of [['shopify', '#1', zoe], ['ebay', '10-1', 'zoel_7'], ['ebay', '10-2', 'other_1']] as const) {
        await db.run(step("INSERT INTO orders (platform, platform_order_id, platform_customer_id, total_base, ship_city, ship_postcode, source_file_id, row_hash) VALUES ($1, $2, $3, 10, 'Austin', '78701', 1, hash($2))", [pl, oid, cust]));
      }
      await db.run(step(`INSERT INTO reject (source_file_id, source_row, field, value, reason, raw) VALUES (1, 7, 'orders.placed_at', 'x', 'not a date', '{"Email":"zoe@example.com","Address":"1 Oak St"}')`));
      await fusePersons(db, KEY, { deterministicOnly: true });
      const before = await db.all<{ person_id: string }>(step("SELECT DISTINCT person_id FROM person_member WHERE platform_customer_id IN ('zoel_7', 'jd_zoe')"));
      expect(before).toHaveLength(1);
      await saveModel(db, { name: 'churn', kind: 'gbdt', params: {}, metrics: {}, dataFingerprint: 'f', artefact: {} });

      const r = await eraseSubject(db, KEY, { email: 'ZOE@example.com ' });
      expect(r.accounts.map((a) => a.platformCustomerId).sort()).toEqual([zoe, 'zoel_7'].sort());
      expect(r.orders).toBe(2);
      expect(r.rejects).toBe(1);
      expect(r.flaggedModels).toEqual([{ name: 'churn', version: 1 }]);
      // jd_zoe was linked by phone only: it stays, as the rest of the person
      expect(r.persons.updated).toEqual([before[0]!.person_id]);
      const left = await db.all<{ id: string }>(step('SELECT platform_customer_id AS id FROM customer_account ORDER BY 1'));
      expect(left.map((x) => x.id)).toEqual(['jd_zoe', 'other_1']);
      const orders = await db.all<{ id: string; cust: string; city: string | null }>(step('SELECT platform_order_id AS id, platform_customer_id AS cust, ship_city AS city FROM orders ORDER BY 1'));
      expect(orders).toHaveLength(3);
      for (const o of orders.filter((x) => x.id !== '10-2')) {
        expect(o.cust).toMatch(/^erased:[0-9a-f]{12}$/);
        expect(o.city).toBeNull();
      }
      expect(orders.find((x) => x.id === '10-2')?.cust).toBe('other_1');
      const rej = await db.one<{ raw: string | null }>(step('SELECT raw FROM reject'));
      expect(rej?.raw).toBeNull();
      const p = await db.one<{ n_accounts: number }>(step('SELECT n_accounts FROM person WHERE person_id = $1', [before[0]!.person_id]));
      expect(Number(p?.n_accounts)).toBe(1);
      const flags = await db.all(step('SELECT name, version FROM model_flag'));
      expect(flags).toHaveLength(1);

      // erasing by account removes a person that has no account left
      const r2 = await eraseSubject(db, KEY, { account: 'jd:jd_zoe' });
      expect(r2.persons.removed).toEqual([before[0]!.person_id]);
      await expect(eraseSubject(db, KEY, { email: 'a@b.co', phone: '1' })).rejects.toThrow(/exactly one/);
    } finally {
      await s.done();
    }
  });
});
