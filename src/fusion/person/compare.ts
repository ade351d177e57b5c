// Comparison levels for a pair of accounts on what identity resolution may see without plain PII: keyed name-token
// hashes (masked-name initials where an account has none), postcode, city, region, country, and hashed phones,
// phone fragments and e-mails.
import { pinyin } from 'pinyin-pro';
import type { Account } from './accounts.js';
import { nameTokenHash } from '../../privacy/hmac.js';

/** One comparison: its name and level labels; level 0 always means "a value is missing" (no evidence). */
export interface Comparison {
  name: string;
  levels: readonly string[];
  /** the level whose u-probability is replaced by the value's term frequency */
  tfLevel?: number;
}

export const COMPARISONS: readonly Comparison[] = [
  // 'one of two': both names have a token the other lacks but share one (Mary Smith / John Smith: family,
  // neighbours), evidence against rather than for; 'surname across scripts': the pinyin of a Han surname (张*, which
  // masked names keep) is a token of a Latin name; 'partial name': one side's tokens are all in the other (a first
  // name alone); 'initials agree': the fallback where an account has no token hashes (stored before ingest made them)
  { name: 'name', levels: ['missing', 'different', 'one of two', 'surname across scripts', 'partial name', 'initials agree', 'tokens agree'] },
  // one hierarchical comparison for where the buyer lives: postcode, city and region are not independent
  { name: 'location', levels: ['missing', 'different', 'same region', 'same city', 'same postcode prefix', 'same postcode'], tfLevel: 5 },
  { name: 'country', levels: ['missing', 'different', 'exact'] },
  // 'fragment agrees': the first 3 and last 4 digits agree where one side only has a masked phone (Taobao's
  // Alipay account 180****8844): 10,000 numbers share a fragment, so it is evidence, not an identifier
  { name: 'phone', levels: ['missing', 'conflict', 'fragment agrees', 'agree'] },
  { name: 'email', levels: ['missing', 'conflict', 'agree'] },
];

export interface Profile {
  /** initial letters of the name (Latin initials; a Han surname gives its pinyin initial) */
  initials: Set<string>;
  han: string | null;
  /** keyed hashes of the name's tokens (Latin words, or Han surname + given name) */
  tokens: Set<string>;
  /** a Han name's surname in pinyin, hashed like a Latin token: compares 张* with Zhang Wei / Wei Zhang */
  surnamePinyin: string | null;
  postcode: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  emails: Set<string>;
  phones: Set<string>;
  fragments: Set<string>;
}

const HAN = /^\p{Script=Han}/u;

export function profile(a: Account, linkEmails: readonly string[], linkPhones: readonly string[], key?: Buffer): Profile {
  const m = a.nameMasked?.normalize('NFKC').trim() ?? '';
  let initials = new Set<string>();
  let han: string | null = null;
  let surnamePinyin: string | null = null;
  if (HAN.test(m)) {
    han = [...m][0] ?? null;
    const py = han ? (pinyin(han, { toneType: 'none', type: 'array', surname: 'head' })[0] ?? '') : '';
    if (py) initials = new Set([py[0]!.toLowerCase()]);
    const token = py.toLowerCase().replace(/[^a-z]/g, '');
    if (key && token) surnamePinyin = nameTokenHash(key, token);
  } else if (m !== '') {
    initials = new Set((m.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/\p{L}/gu) ?? []));
  }
  const pc = a.postcode?.replace(/[\s'-]/g, '').toUpperCase() || null;
  return {
    initials, han, tokens: new Set(a.nameTokens), surnamePinyin,
    postcode: pc, city: a.city?.trim().toLowerCase() || null, region: a.region || null, country: a.country || null,
    emails: new Set(linkEmails), phones: new Set(linkPhones), fragments: new Set(a.phoneFragments),
  };
}

const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length;

function tokenLevel(a: Profile, b: Profile): number {
  const common = overlap(a.tokens, b.tokens);
  if (common === a.tokens.size && common === b.tokens.size) return 6;
  if (common === 0) return 1;
  return common === a.tokens.size || common === b.tokens.size ? 4 : 2;
}

function nameLevel(a: Profile, b: Profile): number {
  if (a.initials.size === 0 && a.tokens.size === 0) return 0;
  if (b.initials.size === 0 && b.tokens.size === 0) return 0;
  const crossScript = (a.han !== null) !== (b.han !== null);
  if (crossScript) {
    const [h, l] = a.han ? [a, b] : [b, a];
    if (h.surnamePinyin && l.tokens.size > 0) return l.tokens.has(h.surnamePinyin) ? 3 : 1;
    return overlap(a.initials, b.initials) > 0 ? 3 : 1;
  }
  if (a.tokens.size > 0 && b.tokens.size > 0) return tokenLevel(a, b);
  if (a.han && b.han) return a.han === b.han ? 5 : 1;
  if (a.initials.size === 0 || b.initials.size === 0) return 0;
  const common = overlap(a.initials, b.initials);
  if (common === a.initials.size && common === b.initials.size) return 5;
  if (common === 0) return 1;
  return a.initials.size === 1 || b.initials.size === 1 ? 4 : 2;
}

const eq = (x: string | null, y: string | null, exact: number) => (x === null || y === null ? 0 : x === y ? exact : 1);

function idLevel(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  return overlap(a, b) > 0 ? 2 : 1;
}

function phoneLevel(a: Profile, b: Profile): number {
  if (a.phones.size > 0 && b.phones.size > 0) return overlap(a.phones, b.phones) > 0 ? 3 : 1;
  if (a.fragments.size > 0 && b.fragments.size > 0) return overlap(a.fragments, b.fragments) > 0 ? 2 : 1;
  return 0;
}

function locationLevel(a: Profile, b: Profile): number {
  if (a.postcode && b.postcode) {
    if (a.postcode === b.postcode) return 5;
    if (a.postcode.slice(0, 3) === b.postcode.slice(0, 3)) return 4;
  }
  if (a.city && b.city && a.city === b.city) return 3;
  if (a.region && b.region && a.region === b.region) return 2;
  if ((a.postcode && b.postcode) || (a.city && b.city) || (a.region && b.region)) return 1;
  return 0;
}

/** Levels of every comparison for one pair, in COMPARISONS order. */
export function compare(a: Profile, b: Profile): number[] {
  return [nameLevel(a, b), locationLevel(a, b), eq(a.country, b.country, 2), phoneLevel(a, b), idLevel(a.emails, b.emails)];
}

/** The value whose frequency adjusts a comparison's exact-match weight. */
export function tfValue(p: Profile, comparison: string): string | null {
  return comparison === 'location' ? p.postcode : null;
}
