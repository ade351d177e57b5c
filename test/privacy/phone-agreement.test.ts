// One phone rule: the JS port (privacy/phone.ts phoneE164, phoneFragment) must give what ingest's SQL macros
// (of_phone_e164_in, of_phone_fragment) store, on every phone the sample generator writes, every phone in the
// connector fixtures and realistic edge forms, in every country the rule knows and a few it does not.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneE164, phoneFragment } from '../../src/privacy/phone.js';
import { PHONE_REGIONS } from '../../src/store/duckdb/macros.js';
import { buildPeople, maskPhone, phoneText } from '../../src/sample/people.js';
import { Rng } from '../../src/sample/rng.js';
import { detectEncoding, decode } from '../../src/sources/encoding.js';
import { sniffDelimited, splitLine } from '../../src/sources/delimited.js';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';

const FIX = new URL('../fixtures/', import.meta.url).pathname;
const PHONE_COLUMN = /phone|t[ée]l[ée]phone|电话|手机/i;

/** Every value of a phone-named column or key in the connector fixtures (CSV in any encoding, JSON, XML). */
function fixturePhones(): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === 'string' && PHONE_COLUMN.test(key)) out.add(v);
  };
  for (const f of readdirSync(FIX, { recursive: true }).map(String)) {
    if (!statSync(join(FIX, f)).isFile() || f.endsWith('.gbk-source.txt')) continue;
    const bytes = readFileSync(join(FIX, f));
    if (f.endsWith('.json')) walk(JSON.parse(bytes.toString('utf8')), '');
    else if (f.endsWith('.xml')) for (const m of bytes.toString('utf8').matchAll(/<(\w*Phone\w*)>([^<]*)</g)) out.add(m[2]!);
    else if (/\.(csv|txt|tsv)$/.test(f)) {
      const lines = decode(bytes, detectEncoding(bytes)).split(/\r?\n/);
      const shape = sniffDelimited(lines.slice(0, 50));
      const cols = (shape?.header ?? []).flatMap((h, i) => (PHONE_COLUMN.test(h) && !h.startsWith('是否') ? [i] : []));
      for (const line of shape && cols.length > 0 ? lines.slice(shape.headerIndex + 1) : []) {
        const cells = splitLine(line, shape!.delimiter);
        for (const i of cols) if (cells[i] !== undefined) out.add(cells[i]);
      }
    }
  }
  return [...out];
}

/** Every form the sample generator writes a phone in: phoneText's forms, bare digits (JD, PDD), the Excel guard
 *  (Taobao) and the mask (PDD, Taobao's Alipay account), for a few hundred persons of each region. */
function generatorPhones(): { text: string; region: string; e164: string | null }[] {
  const rng = new Rng('phone-agreement');
  const people = buildPeople(rng.fork('people'), 600);
  const out: { text: string; region: string; e164: string | null }[] = [];
  for (const p of people.persons) {
    const e164 = p.region === 'US' ? `+1${p.phone}` : p.region === 'CN' ? `+86${p.phone}` : `+33${p.phone}`;
    for (let k = 0; k < 6; k++) out.push({ text: phoneText(p, rng), region: p.region, e164 });
    out.push({ text: p.phone, region: p.region, e164 }, { text: `'${p.phone}`, region: p.region, e164 }, { text: maskPhone(p.phone), region: p.region, e164: null });
  }
  return out;
}

/** The rule on realistic edge forms, pinned: [input, country, E.164]. */
const EDGES: [string, string | null, string | null][] = [
  ['+44 (0)20 7946 0958', 'GB', '+442079460958'], ['+44 (0)20 7946 0958', null, '+442079460958'], ['+33 (0)6 12 34 56 78', null, '+33612345678'],
  ['(555) 123-4567 x89', 'US', '+15551234567'], ['(555) 123-4567 x89', null, '+15551234567'], ['555-010-1234 ext. 12', 'US', '+15550101234'],
  ['010-65529988转123', 'CN', '+861065529988'], ['1-800-FLOWERS', 'US', null], ['1-800-356-9377', 'US', '+8618003569377'],
  ['1 (212) 555-0147', 'US', '+12125550147'], ['1 (312) 555-0147', 'US', '+8613125550147'], ['13812345678', 'US', '+8613812345678'], ['+1 555 0100', 'US', null], ['+1 555 0100', null, null],
  ['0044 20 7946 0958', null, '+442079460958'], ['１３８１２３４５６７８', null, '+8613812345678'], ['１３８１２３４５６７８', 'CN', '+8613812345678'],
  ['＋８６ １３８ １２３４ ５６７８', 'US', '+8613812345678'], ["'13812345678", 'CN', '+8613812345678'], ['86-138-1234-5678', null, '+8613812345678'],
  ['+86 10 6552 9988', null, '+861065529988'], ['010-65529988', 'CN', '+861065529988'], ['010-65529988', null, null], ['138****5678', 'CN', null],
  ['138 **** 5678', null, null], ['', 'FR', null], ['   ', null, null], ['tel:+33612345678', null, '+33612345678'], ['tel:+1-555-010-1234', 'FR', '+15550101234'],
  ['+33 6 12 34 56 78', 'US', '+33612345678'], ['+33 06 12 34 56 78', null, '+33612345678'], ['06 12 34 56 78', 'FR', '+33612345678'], ['06 12 34 56 78', ' fr ', '+33612345678'],
  ['06 12 34 56 78', null, null], ['06 12 34 56 78', 'IT', null], ['07700 900123', 'GB', '+447700900123'], ['00000000000', null, null], ['+0 123 456 789', null, null],
  ['+44 20 7946 095', null, '+44207946095'], ['+44 20 7946 09', null, null], ['+39 06 6982 1234', null, '+390669821234'],
];

/** A national number of each region's longest possible length, with and without its trunk 0. */
const NATIONALS = PHONE_REGIONS.flatMap(([, , trunk, lens]) => {
  const n = `${'2'.repeat(lens[lens.length - 1]! - 1)}3`;
  return trunk ? [n, `0${n}`, `0${n.slice(1)}`] : [n, `0${n.slice(1)}`];
});
const COUNTRIES: (string | null)[] = [null, '', 'US', 'CA', ...PHONE_REGIONS.map((r) => r[0]), 'IT', 'XX', ' fr ', '\tFR'];

let s: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => { s = await tempStore(); });
afterAll(async () => { await s.done(); });

/** Runs the SQL macros on every input × country in one query. */
async function sqlRule(inputs: readonly string[], countries: readonly (string | null)[]): Promise<Map<string, { e: string | null; f: string | null }>> {
  await s.db.run(step('CREATE OR REPLACE TEMP TABLE __phones (i INTEGER, p VARCHAR)'));
  await s.db.run(step('CREATE OR REPLACE TEMP TABLE __countries (j INTEGER, c VARCHAR)'));
  for (const [i, p] of inputs.entries()) await s.db.run(step('INSERT INTO __phones VALUES ($1, $2)', [i, p]));
  for (const [j, c] of countries.entries()) await s.db.run(step('INSERT INTO __countries VALUES ($1, $2)', [j, c]));
  const rows = await s.db.all<{ i: number; j: number; e: string | null; f: string | null }>(step(
    'SELECT i, j, of_phone_e164_in(p, c) AS e, of_phone_fragment(p, c) AS f FROM __phones, __countries'));
  return new Map(rows.map((r) => [`${r.i}|${r.j}`, { e: r.e, f: r.f }]));
}

describe('one phone rule: JS phoneE164/phoneFragment equal the SQL macros ingest stores', () => {
  it('agree on every generator and fixture phone and every edge form, in every country', async () => {
    const fixtures = fixturePhones();
    const generator = generatorPhones();
    expect(fixtures.length).toBeGreaterThan(30);
    const inputs = [...new Set([...fixtures, ...generator.map((g) => g.text), ...EDGES.map((e) => e[0]), ...NATIONALS])];
    const sql = await sqlRule(inputs, COUNTRIES);
    const disagreements: string[] = [];
    for (const [i, p] of inputs.entries()) {
      for (const [j, c] of COUNTRIES.entries()) {
        const want = sql.get(`${i}|${j}`)!;
        const e = phoneE164(p, c);
        const f = phoneFragment(p, c);
        if (e !== want.e) disagreements.push(`${JSON.stringify(p)} in ${JSON.stringify(c)}: SQL ${want.e}, JS ${e}`);
        if (f !== want.f) disagreements.push(`fragment of ${JSON.stringify(p)} in ${JSON.stringify(c)}: SQL ${want.f}, JS ${f}`);
      }
    }
    expect(disagreements).toEqual([]);
    // of_phone_e164 (fields without a country) is the rule without a country
    const none = await s.db.all<{ p: string; e: string | null }>(step('SELECT p, of_phone_e164(p) AS e FROM __phones ORDER BY i'));
    expect(none.filter((r) => r.e !== phoneE164(r.p)).map((r) => r.p)).toEqual([]);
  });

  it('pins the rule on edge forms (SQL and JS alike)', async () => {
    const sql = await sqlRule(EDGES.map((e) => e[0]), [...new Set(EDGES.map((e) => e[1]))]);
    const countries = [...new Set(EDGES.map((e) => e[1]))];
    const got = EDGES.map(([p, c], i) => [p, c, sql.get(`${i}|${countries.indexOf(c)}`)!.e, phoneE164(p, c)]);
    expect(got).toEqual(EDGES.map(([p, c, e]) => [p, c, e, e]));
  });

  it('keeps the first digits of the national number in a fragment, whatever the length of the calling code (SQL and JS alike)', async () => {
    // [input, country, the fragment a masked export of the same number keeps]
    const cases: [string, string, string][] = [
      ['+351 912 345 678', 'PT', '912****5678'], ['912 345 678', 'PT', '912****5678'], ['+353 85 123 4567', 'IE', '851****4567'],
      ['+852 9123 4567', 'HK', '912****4567'], ['+33 6 12 34 56 78', 'FR', '612****5678'], ['+1 212 555 0147', 'US', '212****0147'],
      ['13812345678', 'CN', '138****5678'], ['138****5678', 'CN', '138****5678'],
    ];
    const sql = await sqlRule(cases.map((x) => x[0]), [...new Set(cases.map((x) => x[1]))]);
    const countries = [...new Set(cases.map((x) => x[1]))];
    const got = cases.map(([p, c], i) => [p, sql.get(`${i}|${countries.indexOf(c)}`)!.f, phoneFragment(p, c)]);
    expect(got).toEqual(cases.map(([p, , f]) => [p, f, f]));
  });

  it('reads every generator phone in its own region as that person\'s one E.164 number', () => {
    const wrong = generatorPhones().filter((g) => phoneE164(g.text, g.region) !== g.e164);
    expect(wrong).toEqual([]);
  });
});
