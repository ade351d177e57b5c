// Identity resolution on accounts written straight into a real store: identifier stitching, merge protection
// (platform limits, blocked values, over-shared identifiers, relay e-mails), Fellegi-Sunter on masked name and
// postcode, stable person ids across runs, customer_360 and the masked person view.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/store/backend.js';
import { step } from '../../../src/store/sql.js';
import { emailHash, nameTokenHashes, phoneFragmentHash, phoneHash } from '../../../src/privacy/hmac.js';
import { fusePersons } from '../../../src/fusion/person/fuse.js';
import { personView } from '../../../src/fusion/person/show.js';
import { tempStore } from '../../support/db.js';

const KEY = Buffer.alloc(32, 5);
const e = (x: string) => emailHash(KEY, x);
const p = (x: string) => phoneHash(KEY, x);

/** `fullName` is hashed into name tokens as ingest does; `masked` is a masked phone (138****5678) giving only a fragment */
interface Acc { platform: string; id: string; email?: string | null; phone?: string | null; name?: string; city?: string; postcode?: string; country?: string; fullName?: string; masked?: string; region?: string }

async function addAccounts(db: Backend, accounts: Acc[]) {
  for (const a of accounts) {
    await db.run(step(`INSERT INTO customer_account (platform, platform_customer_id, email_hash, phone_hash, name_masked, city, postcode, country, row_hash,
        name_tokens, phone_fragment_hash, region)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, hash($9), $10, $11, $12)`, [a.platform, a.id, a.email ? e(a.email) : null, a.phone ? p(a.phone) : null, a.name ?? null, a.city ?? null,
      a.postcode ?? null, a.country ?? 'US', `${a.platform}:${a.id}`, a.fullName ? nameTokenHashes(KEY, a.fullName) : null,
      phoneFragmentHash(KEY, a.masked ?? a.phone), a.region ?? null]));
  }
}

async function personOf(db: Backend): Promise<Map<string, string>> {
  const rows = await db.all<{ k: string; person_id: string }>(step("SELECT platform || ':' || platform_customer_id AS k, person_id FROM person_member"));
  return new Map(rows.map((r) => [r.k, r.person_id]));
}

let s: Awaited<ReturnType<typeof tempStore>>;
beforeEach(async () => { s = await tempStore(); });
afterEach(async () => { await s.done(); });

describe('deterministic stitching with merge protection', () => {
  it('links accounts that share a hashed e-mail or phone across platforms', async () => {
    await addAccounts(s.db, [
      { platform: 'shopify', id: e('ann@example.com')!, email: 'ann@example.com', phone: '+1 555 010 1234', name: 'A*** B***' },
      { platform: 'ebay', id: 'annb_12', email: 'ANN@example.com ', name: 'A*** B***' },
      { platform: 'jd', id: 'jd_ab12', phone: '5550101234', name: 'A*** B***' },
      { platform: 'taobao', id: 'tb1', phone: '13812345678', name: '张*', country: 'CN' },
    ]);
    const r = await fusePersons(s.db, KEY, { deterministicOnly: true });
    const m = await personOf(s.db);
    expect(m.get('ebay:annb_12')).toBe(m.get(`shopify:${e('ann@example.com')}`));
    expect(m.get('jd:jd_ab12')).toBe(m.get('ebay:annb_12'));
    expect(m.get('taobao:tb1')).not.toBe(m.get('ebay:annb_12'));
    expect(r.persons).toBe(2);
  });

  it('never links on blocked values, relay e-mails or an identifier shared by too many accounts', async () => {
    const accounts: Acc[] = [
      { platform: 'shopify', id: 's1', email: 'test@test.com' },
      { platform: 'ebay', id: 'e1', email: 'TEST@test.com' },
      { platform: 'jd', id: 'j1', phone: '13800000000' },
      { platform: 'taobao', id: 't1', phone: '+86 138 0000 0000' },
      { platform: 'amazon', id: 'a1', email: 'x1@marketplace.amazon.com' },
      { platform: 'shopify', id: 's2', email: 'x1@marketplace.amazon.com' },
    ];
    // a shop phone on twelve accounts on twelve platforms
    for (let i = 0; i < 12; i++) accounts.push({ platform: `p${i}`, id: `shared${i}`, phone: '+1 555 019 9999' });
    await addAccounts(s.db, accounts);
    const r = await fusePersons(s.db, KEY, { deterministicOnly: true });
    expect(r.persons).toBe(accounts.length);
    expect(r.ignored.overShared).toBe(1);
    expect(r.ignored.blocked).toBeGreaterThanOrEqual(4);
  });

  it('respects the per-platform limit: one shared family phone does not merge two taobao accounts', async () => {
    await addAccounts(s.db, [
      { platform: 'taobao', id: 'mum', phone: '13812345678', name: '王*', country: 'CN' },
      { platform: 'taobao', id: 'son', phone: '13812345678', name: '王*', country: 'CN' },
      { platform: 'jd', id: 'jd_mum', phone: '13812345678', name: '王*', country: 'CN' },
    ]);
    const r = await fusePersons(s.db, KEY, { deterministicOnly: true });
    const m = await personOf(s.db);
    expect(m.get('taobao:mum')).not.toBe(m.get('taobao:son'));
    expect(r.refused.deterministic).toBe(1);
    expect(r.largestPerson).toBe(2);
    const persons = await s.db.all<{ n: bigint }>(step("SELECT count(*) AS n FROM person_member GROUP BY person_id, platform HAVING count(*) > 1"));
    expect(persons).toHaveLength(0);
    // a looser rule merges them: the limit is what kept them apart
    await fusePersons(s.db, KEY, { deterministicOnly: true, rules: { accountsPerPlatform: 2 } });
    const m2 = await personOf(s.db);
    expect(m2.get('taobao:mum')).toBe(m2.get('taobao:son'));
  });
});

describe('Fellegi-Sunter and stable ids', () => {
  async function population() {
    const accounts: Acc[] = [];
    const first = ['Ann', 'Bob', 'Cid', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon', 'Kim', 'Lou', 'Max', 'Ned', 'Oda', 'Pam'];
    const last = ['Smith', 'Jones', 'Brown', 'Young', 'Clark', 'Lewis', 'Walker', 'Hall'];
    let n = 0;
    for (const f of first) {
      for (const l of last) {
        n++;
        const zip = String(10000 + n * 37).slice(0, 5);
        const mask = `${f[0]}*** ${l[0]}***`;
        // shopify + ebay linked by e-mail (labels for m), amazon has only masked name + postcode (relay e-mail)
        accounts.push({ platform: 'shopify', id: `s${n}`, email: `${f}.${l}${n}@mail.com`, phone: `+1555${String(1000000 + n)}`, name: mask, city: `City${n % 9}`, postcode: zip });
        accounts.push({ platform: 'ebay', id: `e${n}`, email: `${f}.${l}${n}@mail.com`, name: mask, city: `City${n % 9}`, postcode: zip });
        accounts.push({ platform: 'amazon', id: `a${n}`, email: `r${n}@marketplace.amazon.com`, name: mask, city: `City${n % 9}`, postcode: zip });
      }
    }
    // a neighbour: same postcode as person 1, other initials, other phone
    accounts.push({ platform: 'woocommerce', id: 'w-neighbour', phone: '+15559999999', name: 'Z*** Q***', city: 'City1', postcode: String(10000 + 37).slice(0, 5) });
    await addAccounts(s.db, accounts);
    return n;
  }

  it('links relay-only Amazon accounts by masked name and postcode, not the neighbour', async () => {
    const n = await population();
    const det = await fusePersons(s.db, KEY, { deterministicOnly: true });
    expect(det.persons).toBe(2 * n + 1);
    const r = await fusePersons(s.db, KEY);
    const m = await personOf(s.db);
    let right = 0;
    for (let i = 1; i <= n; i++) if (m.get(`amazon:a${i}`) === m.get(`shopify:s${i}`)) right++;
    expect(right / n).toBeGreaterThan(0.95);
    expect(m.get('woocommerce:w-neighbour')).not.toBe(m.get('shopify:s1'));
    expect(r.links.probabilistic).toBeGreaterThan(0.9 * n);
    expect(r.model!.lambda).toBeGreaterThan(0);
    const method = await s.db.one<{ method: string }>(step("SELECT method FROM person_member WHERE platform = 'amazon' AND platform_customer_id = 'a1'"));
    expect(method?.method).toBe('fellegi-sunter');
  });

  it('keeps person ids across re-runs and when a new account joins', async () => {
    await population();
    await fusePersons(s.db, KEY);
    const before = await personOf(s.db);
    const again = await fusePersons(s.db, KEY);
    expect(again.kept).toBe(again.persons);
    expect(await personOf(s.db)).toEqual(before);
    await addAccounts(s.db, [{ platform: 'jd', id: 'jd_new', phone: `+1555${String(1000000 + 5)}` }]);
    await fusePersons(s.db, KEY);
    const after = await personOf(s.db);
    expect(after.get('jd:jd_new')).toBe(before.get('shopify:s5'));
    for (const [k, v] of before) expect(after.get(k)).toBe(v);
  });
});

describe('name tokens and phone fragments (keyed hashes stored at ingest)', () => {
  it('links a masked-phone Taobao account to its JD account by fragment, name tokens and city — not a namesake with another fragment', async () => {
    const surnames: [string, string][] = [['张', 'Zhang'], ['王', 'Wang'], ['李', 'Li'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang']];
    const given: [string, string][] = [['伟', 'Wei'], ['娜', 'Na'], ['敏', 'Min'], ['静', 'Jing'], ['磊', 'Lei'], ['洋', 'Yang'], ['艳', 'Yan']];
    const cities = [['成都市', '四川省'], ['杭州市', '浙江省'], ['武汉市', '湖北省']];
    const accounts: Acc[] = [];
    let n = 0;
    for (const [sz, sp] of surnames) {
      for (const [gz, gp] of given) {
        n++;
        const phone = `139${String(10_000_000 + n * 7919).slice(-8)}`;
        const [city, region] = cities[n % 3]!;
        const han = `${sz}${gz}`;
        const base = { name: `${sz}*`, fullName: han, city, region, country: 'CN' };
        // JD and Amazon (Latin name, same phone: identifier-linked, the labels), Taobao with only the masked phone
        accounts.push({ platform: 'jd', id: `jd${n}`, phone, ...base });
        accounts.push({ platform: 'amazon', id: `am${n}`, phone, email: `r${n}@marketplace.amazon.com`, name: `${gp.charAt(0)}*** ${sp.charAt(0)}***`, fullName: `${gp} ${sp}`, city, region, country: 'CN' });
        accounts.push({ platform: 'taobao', id: `tb${n}`, masked: `${phone.slice(0, 3)}****${phone.slice(-4)}`, ...base });
      }
    }
    // a namesake of person 1 in the same city with another phone: same tokens, other fragment
    accounts.push({ platform: 'pinduoduo', id: 'namesake', masked: '135****0000', name: '张*', fullName: '张伟', city: cities[1]![0], region: cities[1]![1], country: 'CN' });
    await addAccounts(s.db, accounts);
    const det = await fusePersons(s.db, KEY, { deterministicOnly: true });
    expect(det.persons).toBe(2 * n + 1);
    await fusePersons(s.db, KEY);
    const m = await personOf(s.db);
    let right = 0;
    for (let i = 1; i <= n; i++) if (m.get(`taobao:tb${i}`) === m.get(`jd:jd${i}`)) right++;
    expect(right / n).toBeGreaterThan(0.9);
    expect(m.get('pinduoduo:namesake')).not.toBe(m.get('jd:jd1'));
    // nothing but keyed hashes was stored for names and fragments
    const stored = await s.db.all<{ t: string | null; f: string | null }>(step('SELECT name_tokens AS t, phone_fragment_hash AS f FROM customer_account'));
    for (const r of stored) for (const v of [r.t, r.f]) expect(v ?? '').toMatch(/^[0-9a-f ]*$/);
  });
});

describe('customer_360 and the masked view', () => {
  it('sums orders and spend per person and shows nothing in clear', async () => {
    await addAccounts(s.db, [
      { platform: 'shopify', id: e('zoe@example.com')!, email: 'zoe@example.com', phone: '+15550107777', name: 'Z*** L***', city: 'Austin' },
      { platform: 'ebay', id: 'zoelefevre_7', email: 'zoe@example.com', name: 'Z*** L***' },
    ]);
    const orders: [string, string, string, number, string][] = [
      ['shopify', '#1', e('zoe@example.com')!, 10.5, '2025-01-02 10:00:00+00'],
      ['ebay', '10-1', 'zoelefevre_7', 20, '2026-03-04 10:00:00+00'],
    ];
    for (const [pl, id, cust, total, at] of orders) {
      await s.db.run(step('INSERT INTO orders (platform, platform_order_id, platform_customer_id, total_base, placed_at, row_hash) VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMPTZ), hash($6))', [pl, id, cust, total, at, id]));
      await s.db.run(step('INSERT INTO order_line (platform, platform_order_id, line_no, platform_listing_id, quantity, row_hash) VALUES ($1, $2, 1, $3, 1, hash($4))', [pl, id, `L-${id}`, `l${id}`]));
    }
    await fusePersons(s.db, KEY);
    const pid = (await personOf(s.db)).get('ebay:zoelefevre_7')!;
    const c = await s.db.one<{ orders: bigint; spend_base: number; n_accounts: bigint; products: string[] }>(step('SELECT orders, CAST(spend_base AS DOUBLE) AS spend_base, n_accounts, products FROM customer_360 WHERE person_id = $1', [pid]));
    expect(Number(c?.orders)).toBe(2);
    expect(c?.spend_base).toBeCloseTo(30.5, 6);
    expect(Number(c?.n_accounts)).toBe(2);
    expect(c?.products).toEqual(['u:ebay:L-10-1', 'u:shopify:L-#1']);
    const v = await personView(s.db, pid);
    const text = JSON.stringify(v);
    for (const clear of ['zoe@example.com', 'zoelefevre', '5550107777', e('zoe@example.com')!]) expect(text).not.toContain(clear);
    expect(v.firstSeenAt).toMatch(/^2025-01-02/);
    expect(v.lastSeenAt).toMatch(/^2026-03-04/);
    await expect(personView(s.db, 'pe_nope')).rejects.toThrow(/no person pe_nope/);
  });
});
