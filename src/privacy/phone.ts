// Phones to E.164 by the one rule ingest stores: the SQL macros of store/duckdb/macros.ts (of_phone_e164_in,
// of_phone_fragment), ported here value for value so that lookups without a store (merge protection, CLK files)
// hash what ingest hashed. test/privacy/phone-agreement.test.ts runs both on every phone of the generator and the
// fixtures and on edge forms, in every country, and fails on any difference.
import { PHONE_NOISE, PHONE_REGIONS } from '../store/duckdb/macros.js';

const REGION = new Map(PHONE_REGIONS.map(([country, cc, trunk, lens]) => [country, { cc, trunk, lens }]));
const BY_CODE = new Map(PHONE_REGIONS.map(([, cc, trunk, lens]) => [cc, { cc, trunk, lens }]));
const CODE = new RegExp(`^(${PHONE_REGIONS.map((r) => r[1]).join('|')})`);
const NOISE = new RegExp(PHONE_NOISE, 'gi');
/** RE2's \s, which the macros' regexps mean by \s (JS's \s also takes Unicode blanks) */
const BLANKS = /[\t\n\f\r ]/g;

/** of_fold as far as a phone's digits, '+', '*' and blanks go: full-width ASCII and the blanks it translates. */
const fold = (s: string) => s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\u3000\u00a0\u202f\u2009]/g, ' ');

/** of_phone_digits: the digits, '+' and '*' as written, without an optional trunk "(0)" or an extension. */
export const phoneDigits = (text: string) => fold(text).replace(NOISE, '').replace(/[^0-9+*]/g, '');

function national(d: string, region: { cc: string; trunk: boolean; lens: readonly number[] } | undefined): string | null {
  if (region === undefined || d === '') return null;
  if (region.trunk && d.startsWith('0')) return region.lens.includes(d.length - 1) ? `+${region.cc}${d.slice(1)}` : null;
  return region.lens.includes(d.length) ? `+${region.cc}${d}` : null;
}

/** of_phone_intl: the digits after '+' or 00. */
function international(n: string): string | null {
  if (!/^[1-9]\d{7,14}$/.test(n)) return null;
  if (n.startsWith('1')) return n.length === 11 ? `+${n}` : null;
  const cc = CODE.exec(n)?.[1];
  return cc === undefined ? `+${n}` : national(n.slice(cc.length), BY_CODE.get(cc));
}

/** E.164 form (+8613812345678) as ingest stores it, or null for masked (138****5678), empty or impossible numbers.
 *  '+'/00 numbers are international; 11 digits 1[3-9]… are a CN mobile whatever the country; without a country (or
 *  US/CA) 10 digits [2-9]… (or 1 + them) are NANP; a country of PHONE_REGIONS reads national numbers (trunk 0
 *  dropped, length checked); another country gives null. docs/privacy.md "One phone rule". */
export function phoneE164(text: string | null | undefined, defaultCountry?: string | null): string | null {
  if (text === null || text === undefined) return null;
  const d = phoneDigits(text);
  const c = (defaultCountry ?? '').replace(/^ +| +$/g, '').toUpperCase() || null; // SQL trim() takes spaces only
  const nanp = c === null || c === 'US' || c === 'CA';
  if (d === '' || d.includes('*')) return null;
  if (d.startsWith('+')) return international(d.slice(1));
  if (d.startsWith('00')) return international(d.slice(2));
  if (/^1[3-9]\d{9}$/.test(d)) return `+86${d}`;
  if (/^861[3-9]\d{9}$/.test(d)) return `+${d}`;
  if (nanp) return /^1?[2-9]\d{9}$/.test(d) ? `+1${d.slice(-10)}` : null;
  return national(d.replace(/\+/g, ''), REGION.get(c));
}

/** The fragment masked exports keep (first 3 + last 4 digits of the national number: 138****5678), for linking
 *  a masked phone against a full one without either in clear. SQL of_phone_fragment. */
export function phoneFragment(text: string | null | undefined, defaultCountry?: string | null): string | null {
  if (text === null || text === undefined) return null;
  const masked = fold(text).replace(BLANKS, '').match(/^(?:\+?86)?(\d{3}\*{4}\d{4})$/);
  if (masked) return masked[1]!;
  const e164 = phoneE164(text, defaultCountry);
  if (e164 === null) return null;
  const n = nationalNumber(e164) ?? e164.replace(/^\+\d{2}/, '');
  return n.length >= 7 ? `${n.slice(0, 3)}****${n.slice(-4)}` : null;
}

/** The national number of an E.164 phone (+15550101234 → 5550101234), for the calling codes the rule knows (NANP
 *  and PHONE_REGIONS); null for others. What a raw record may hold in clear. */
export function nationalNumber(e164: string): string | null {
  if (e164.startsWith('+1')) return e164.slice(2);
  const cc = CODE.exec(e164.slice(1))?.[1];
  return cc === undefined ? null : e164.slice(1 + cc.length);
}

/** The countries whose national numbers the rule reads (PHONE_REGIONS) and NANP's. */
export const PHONE_COUNTRIES: readonly string[] = ['US', 'CA', ...PHONE_REGIONS.map((r) => r[0])];
