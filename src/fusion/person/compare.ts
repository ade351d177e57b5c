// Comparison levels for a pair of accounts on what identity resolution may see without plain PII: masked-name
// initials (pinyin-aware), postcode, city, region, country, and conflicting hashed phones/e-mails.
import { pinyin } from 'pinyin-pro';
import type { Account } from './accounts.js';

/** One comparison: its name and level labels; level 0 always means "a value is missing" (no evidence). */
export interface Comparison {
  name: string;
  levels: readonly string[];
  /** the level whose u-probability is replaced by the value's term frequency */
  tfLevel?: number;
}

export const COMPARISONS: readonly Comparison[] = [
  // 'partial name' is one side giving only one initial (a first name alone) that the other has; 'one of two' is two
  // full names sharing one initial (Mary Smith / John Smith: family, neighbours), evidence against rather than for
  { name: 'name', levels: ['missing', 'different', 'one of two', 'partial name', 'initials agree'] },
  // one hierarchical comparison for where the buyer lives: postcode, city and region are not independent
  { name: 'location', levels: ['missing', 'different', 'same region', 'same city', 'same postcode prefix', 'same postcode'], tfLevel: 5 },
  { name: 'country', levels: ['missing', 'different', 'exact'] },
  { name: 'phone', levels: ['missing', 'conflict', 'agree'] },
  { name: 'email', levels: ['missing', 'conflict', 'agree'] },
];

export interface Profile {
  /** initial letters of the name (Latin initials; a Han surname gives its pinyin initial) */
  initials: Set<string>;
  han: string | null;
  postcode: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  emails: Set<string>;
  phones: Set<string>;
}

const HAN = /^\p{Script=Han}/u;

export function profile(a: Account, linkEmails: readonly string[], linkPhones: readonly string[]): Profile {
  const m = a.nameMasked?.normalize('NFKC').trim() ?? '';
  let initials = new Set<string>();
  let han: string | null = null;
  if (HAN.test(m)) {
    han = [...m][0] ?? null;
    const py = han ? (pinyin(han, { toneType: 'none', type: 'array', surname: 'head' })[0] ?? '') : '';
    if (py) initials = new Set([py[0]!.toLowerCase()]);
  } else if (m !== '') {
    initials = new Set((m.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/\p{L}/gu) ?? []));
  }
  const pc = a.postcode?.replace(/[\s'-]/g, '').toUpperCase() || null;
  return {
    initials, han, postcode: pc, city: a.city?.trim().toLowerCase() || null, region: a.region || null, country: a.country || null,
    emails: new Set(linkEmails), phones: new Set(linkPhones),
  };
}

const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length;

function nameLevel(a: Profile, b: Profile): number {
  if (a.initials.size === 0 || b.initials.size === 0) return 0;
  if (a.han && b.han) return a.han === b.han ? 4 : 1;
  const common = overlap(a.initials, b.initials);
  if (a.han || b.han) return common > 0 ? 4 : 1;
  if (common === a.initials.size && common === b.initials.size) return 4;
  if (common === 0) return 1;
  return a.initials.size === 1 || b.initials.size === 1 ? 3 : 2;
}

const eq = (x: string | null, y: string | null, exact: number) => (x === null || y === null ? 0 : x === y ? exact : 1);

function idLevel(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  return overlap(a, b) > 0 ? 2 : 1;
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
  return [nameLevel(a, b), locationLevel(a, b), eq(a.country, b.country, 2), idLevel(a.phones, b.phones), idLevel(a.emails, b.emails)];
}

/** The value whose frequency adjusts a comparison's exact-match weight. */
export function tfValue(p: Profile, comparison: string): string | null {
  return comparison === 'location' ? p.postcode : null;
}
