// Country names → ISO 3166-1 alpha-2: the JS function, the macro-free SQL lookup in real DuckDB, and the map
// that connectors put on a field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRY_ALIASES, countryCode, countryMap, countrySql, isCountryCode } from '../../src/clean/country.js';
import { step, type SqlValue } from '../../src/store/sql.js';
import { openDuckDb } from '../../src/store/duckdb/duckdb-backend.js';
import type { Backend } from '../../src/store/backend.js';

const CASES: [string, string | null | undefined][] = [
  ['United Kingdom', 'GB'], ['UK', 'GB'], ['u.k.', 'GB'], ['Great Britain', 'GB'], ['England', 'GB'], ['英国', 'GB'],
  ['EIRE', 'IE'], ['Ireland', 'IE'], ['中国', 'CN'], ['中国大陆', 'CN'], ['China', 'CN'], ['Deutschland', 'DE'], ['Germany', 'DE'],
  ['  united   states ', 'US'], ['U.S.A.', 'US'], ['美国', 'US'], ['États-Unis', 'US'], ['Royaume-Uni', 'GB'], ['RSA', 'ZA'],
  ['Hong Kong', 'HK'], ['香港', 'HK'], ['Czech Republic', 'CZ'], ['Korea', 'KR'], ['日本', 'JP'], ['fr', 'FR'], ['Türkiye', 'TR'],
  ['Unspecified', null], ['European Community', null], ['', null], ['Channel Islands', undefined], ['Atlantis', undefined],
];

describe('countryCode', () => {
  it.each(CASES)('%s → %s', (name, code) => {
    expect(countryCode(name)).toBe(code);
  });

  it('knows the 249 ISO codes and maps every alias to one of them', () => {
    const codes = [...new Set(COUNTRY_ALIASES.values())].filter((c) => c !== '');
    expect(codes).toHaveLength(249);
    for (const c of codes) expect(isCountryCode(c), c).toBe(true);
    expect(isCountryCode('UK')).toBe(false);
  });

  it('gives connectors a field map with the big markets first and no "no country" entries', () => {
    const m = countryMap();
    expect(Object.values(m).slice(0, 3)).toEqual(['GB', 'GB', 'GB']);
    expect(m['eire']).toBe('IE');
    expect(m['unspecified']).toBeUndefined();
    expect(Object.values(countryMap(['IE'])).every((c) => c === 'IE')).toBe(true);
  });
});

describe('countrySql in DuckDB', () => {
  let db: Backend;
  beforeAll(async () => {
    db = await openDuckDb(':memory:');
  });
  afterAll(async () => db.close());

  it('gives the same answer as countryCode, keeping unknown names as written', async () => {
    const params: SqlValue[] = [];
    const param = (v: string) => { params.push(v); return `$${params.length}`; };
    const values = CASES.map(([n]) => `(${param(n)})`).join(', ');
    const expr = countrySql('t.name', param);
    const rows = await db.all<{ name: string; code: string | null }>(step(`SELECT t.name, ${expr} AS code FROM (VALUES ${values}) t(name)`, params));
    const got = new Map(rows.map((r) => [r.name, r.code]));
    for (const [name, code] of CASES) expect(got.get(name), name).toBe(code === undefined ? name.trim() : code);
  });
});
