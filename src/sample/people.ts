// Persons (the customer truth) and the platform accounts each one uses, with the spelling drift between them.
import type { Platform } from './platforms.js';
import { WeightedTable, type Rng } from './rng.js';
import {
  CN_COMMUNITIES, CN_GIVEN, CN_MOBILE_PREFIXES, CN_PLACES, CN_ROADS, CN_SURNAMES, EMAIL_DOMAINS_CN, EMAIL_DOMAINS_FR,
  EMAIL_DOMAINS_US, FR_PLACES, FR_STREETS, NICK_WORDS_ZH, STREET_TYPES, US_PLACES, US_STREETS, WEST_FIRST, WEST_LAST,
} from './vocab-people.js';

export type Region = 'US' | 'FR' | 'CN';

export interface Address {
  /** Western: number + street name, street type chosen per account (long or short form). */
  line1Long: string;
  line1Short: string;
  line2: string;
  city: string;
  province: string;
  zip: string;
  country: 'US' | 'FR' | 'CN';
}

export interface Person {
  key: string;
  region: Region;
  first: string;
  last: string;
  /** Chinese characters (CN persons only). */
  hanzi: string;
  email: string;
  /** Digits only: 10 digits for US (555 area), 11 for CN mobiles, 9 for FR. */
  phone: string;
  address: Address;
  activity: number;
  /** Own-site member id used by events and reviews. */
  ownId: string;
  accounts: Partial<Record<Platform, Account>>;
}

export interface Account {
  platform: Platform;
  /** platform_customer_id, per the column documented in docs/sample-generator.md. */
  id: string;
  person: Person;
  email: string;
  displayName: string;
  phoneText: string;
  shortStreet: boolean;
  /** Woo: registered customer id, 0 for guest checkout. */
  numericId: number;
  /** eBay: site the buyer uses. */
  site: 'US' | 'FR' | 'CN';
}

const p2 = (n: number): string => String(n).padStart(2, '0');

function emailLocal(first: string, last: string, rng: Rng): string {
  const f = first.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  const l = last.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  const forms = [`${f}.${l}`, `${f}${l}`, `${f[0] ?? 'x'}${l}`, `${f}.${l}${rng.int(1, 99)}`, `${l}${f}${rng.int(70, 99)}`];
  return rng.pick(forms);
}

/** Same mailbox, different spelling: case changes, gmail dot games, plus tags. */
export function emailVariant(email: string, rng: Rng): string {
  const [local = '', domain = ''] = email.split('@');
  const r = rng.next();
  if (r < 0.45) return email;
  if (r < 0.6) return `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
  if (domain === 'gmail.com' && r < 0.8) return `${local.includes('.') ? local.replace(/\./g, '') : local.slice(0, 2) + '.' + local.slice(2)}@${domain}`;
  if (domain === 'gmail.com' || domain === 'outlook.com') return `${local}+${rng.pick(['shop', 'deals', 'amz', 'orders'])}@${domain}`;
  return email.toUpperCase();
}

/** `+1 (555) 010-1234`, `555.010.1234`, `(555) 010-1234`, `5550101234`; CN `13812345678` / `+86 138 1234 5678`. */
export function phoneText(person: Person, rng: Rng): string {
  const d = person.phone;
  if (person.region === 'US') {
    const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
    return rng.pick([`+1 (${a}) ${b}-${c}`, `${a}.${b}.${c}`, `(${a}) ${b}-${c}`, d, `+1${d}`, `${a}-${b}-${c}`]);
  }
  if (person.region === 'CN') return rng.pick([d, d, d, `+86 ${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`, `+86${d}`]);
  return rng.pick([`0${d}`, `+33 ${d[0]} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`, `0${d[0]} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`]);
}

export function maskPhone(digits: string): string {
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** 张伟 / Zhang Wei / Wei Zhang / ZHANG WEI for CN persons on Western platforms; plain names otherwise. */
export function latinName(person: Person, rng: Rng): string {
  if (person.region !== 'CN') return `${person.first} ${person.last}`;
  return rng.pick([`${person.last} ${person.first}`, `${person.first} ${person.last}`, `${person.last.toUpperCase()} ${person.first}`]);
}

function makeAddress(region: Region, rng: Rng): Address {
  if (region === 'US') {
    const [city, state, zip3] = rng.pick(US_PLACES);
    const [long, short] = rng.pick(STREET_TYPES);
    const street = `${rng.int(10, 9999)} ${rng.pick(US_STREETS)}`;
    return { line1Long: `${street} ${long}`, line1Short: `${street} ${short}`, line2: rng.chance(0.2) ? `Apt ${rng.int(1, 40)}${rng.letters(1, 'ABCD')}` : '', city, province: state, zip: zip3 + rng.digits(2), country: 'US' };
  }
  if (region === 'FR') {
    const [city, zip] = rng.pick(FR_PLACES);
    const street = `${rng.int(1, 120)} ${rng.pick(FR_STREETS)}`;
    return { line1Long: street, line1Short: street.replace('avenue', 'av.').replace('boulevard', 'bd'), line2: '', city, province: '', zip, country: 'FR' };
  }
  const [prov, city, district, zip] = rng.pick(CN_PLACES);
  const detail = `${rng.pick(CN_ROADS)}${rng.int(1, 999)}号${rng.pick(CN_COMMUNITIES)}${rng.int(1, 30)}栋${rng.int(1, 30)}0${rng.int(1, 4)}室`;
  return { line1Long: `${district}${detail}`, line1Short: `${district} ${detail}`, line2: '', city, province: prov, zip, country: 'CN' };
}

/** Which platforms a person of a region may use, with how likely each is. */
const PLATFORM_ODDS: Record<Region, [Platform, number][]> = {
  US: [['shopify', 0.45], ['amazon', 0.7], ['ebay', 0.35], ['woocommerce', 0.3]],
  FR: [['ebay', 0.7], ['shopify', 0.45], ['woocommerce', 0.35]],
  CN: [['taobao', 0.75], ['jd', 0.55], ['pinduoduo', 0.5], ['amazon', 0.08], ['shopify', 0.08]],
};

export interface People {
  persons: Person[];
  /** Accounts per platform with sampling weights (activity). */
  byPlatform: Map<Platform, WeightedTable<Account>>;
  /** Person pairs that share one phone number (family phones), for the doc and tests. */
  sharedPhones: [string, string][];
}

export function buildPeople(rng: Rng, count: number): People {
  const persons: Person[] = [];
  const usedPhones = new Set<string>();
  const usedMasks = new Set<string>();
  const usedIds = new Set<string>();
  const sharedPhones: [string, string][] = [];
  /** Draws until unused; after a few tries a growing random suffix goes before any `@`, so it always ends. */
  const unique = (make: () => string): string => {
    let id = make();
    for (let tries = 0; usedIds.has(id); tries++) {
      const fresh = make();
      const suffix = tries < 3 ? '' : String(rng.int(1, 10 ** Math.min(9, 1 + (tries >> 2))));
      const at = fresh.indexOf('@');
      id = at < 0 ? fresh + suffix : fresh.slice(0, at) + suffix + fresh.slice(at);
    }
    usedIds.add(id);
    return id;
  };
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    const region: Region = r < 0.48 ? 'US' : r < 0.58 ? 'FR' : 'CN';
    const previous = persons[persons.length - 1];
    const family = previous !== undefined && previous.region === region && rng.chance(0.012);
    let first: string, last: string, hanzi = '';
    if (region === 'CN') {
      const [sz, sp] = family && previous ? [previous.hanzi.slice(0, 1), previous.last] : rng.pick(CN_SURNAMES);
      const [gz, gp] = rng.pick(CN_GIVEN);
      hanzi = sz + gz; first = gp; last = sp;
    } else {
      first = rng.pick(WEST_FIRST);
      last = family && previous ? previous.last : rng.pick(WEST_LAST);
    }
    let phone: string;
    if (family && previous) {
      phone = previous.phone;
      sharedPhones.push([previous.key, `C${String(i).padStart(6, '0')}`]);
    } else {
      do {
        phone = region === 'US' ? `5550${rng.digits(2)}${rng.digits(4)}` : region === 'CN' ? rng.pick(CN_MOBILE_PREFIXES) + rng.digits(8) : `${rng.pick(['6', '7'])}${rng.digits(8)}`;
      } while (usedPhones.has(phone) || (region === 'CN' && usedMasks.has(maskPhone(phone))));
    }
    usedPhones.add(phone);
    if (region === 'CN') usedMasks.add(maskPhone(phone));
    const domains = region === 'US' ? EMAIL_DOMAINS_US : region === 'FR' ? EMAIL_DOMAINS_FR : EMAIL_DOMAINS_CN;
    const domain = rng.pick(domains);
    const local = region === 'CN' && (domain === 'qq.com' || rng.chance(0.3)) ? (domain === 'qq.com' ? String(rng.int(10_000_000, 2_999_999_999)) : `${last.toLowerCase()}${first.toLowerCase()}${rng.int(1, 999)}`) : emailLocal(first, last, rng);
    const person: Person = {
      key: `C${String(i).padStart(6, '0')}`, region, first, last, hanzi,
      email: unique(() => `${local}@${domain}`),
      phone,
      address: family && previous ? previous.address : makeAddress(region, rng),
      activity: Math.pow(rng.next(), 2.2) * 6 + 0.2,
      ownId: `U${String(1_000_000 + i * 7 + rng.int(0, 6))}`,
      accounts: {},
    };
    for (const [platform, odds] of PLATFORM_ODDS[region]) {
      if (!rng.chance(odds)) continue;
      // A shared family phone must not make two PDD accounts (PDD is keyed by the buyer phone).
      if (platform === 'pinduoduo' && family) continue;
      person.accounts[platform] = makeAccount(platform, person, rng, unique);
    }
    if (Object.keys(person.accounts).length === 0) {
      const platform = PLATFORM_ODDS[region][0]?.[0] as Platform;
      person.accounts[platform] = makeAccount(platform, person, rng, unique);
    }
    persons.push(person);
  }
  numberWooCustomers(persons, rng);
  const byPlatform = new Map<Platform, WeightedTable<Account>>();
  for (const platform of ['shopify', 'amazon', 'ebay', 'woocommerce', 'taobao', 'jd', 'pinduoduo'] as Platform[]) {
    const accounts = persons.map((p) => p.accounts[platform]).filter((a): a is Account => a !== undefined);
    byPlatform.set(platform, new WeightedTable(accounts, accounts.map((a) => a.person.activity)));
  }
  return { persons, byPlatform, sharedPhones };
}

function makeAccount(platform: Platform, person: Person, rng: Rng, unique: (make: () => string) => string): Account {
  const email = emailVariant(person.email, rng);
  const base: Account = {
    platform, id: '', person, email, displayName: latinName(person, rng), phoneText: phoneText(person, rng),
    shortStreet: rng.chance(0.5), numericId: 0, site: person.region,
  };
  const handle = `${person.first}${person.last}`.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  switch (platform) {
    case 'shopify':
      return { ...base, id: email };
    case 'amazon':
      // Relay address: stable per buyer, unrelated to the real mailbox.
      return { ...base, id: unique(() => `${rng.letters(15, 'abcdefghijklmnopqrstuvwxyz0123456789')}@marketplace.amazon.com`) };
    case 'ebay':
      return { ...base, id: unique(() => rng.pick([`${handle.slice(0, 10)}_${rng.int(1, 999)}`, `${handle.slice(0, 12)}${p2(rng.int(0, 99))}`, `${person.last.toLowerCase().replace(/[^a-z]/g, '')}-${rng.letters(4, 'abcdefghijklmnopqrstuvwxyz')}`])) };
    case 'woocommerce': {
      const registered = rng.chance(0.65);
      return { ...base, id: registered ? '' : email, displayName: `${person.first} ${person.last}` };
    }
    case 'taobao':
      return { ...base, displayName: person.hanzi || latinName(person, rng), id: unique(() => rng.pick([`${rng.pick(NICK_WORDS_ZH)}${rng.pick(NICK_WORDS_ZH)}${rng.int(1, 9999)}`, `tb${rng.digits(9)}`, `${handle.slice(0, 10)}_${rng.int(1, 99)}`])) };
    case 'jd':
      return { ...base, displayName: person.hanzi || latinName(person, rng), id: unique(() => rng.pick([`jd_${rng.letters(10, 'abcdef0123456789')}`, `${handle.slice(0, 12)}${rng.int(1, 999)}`])) };
    case 'pinduoduo':
      return { ...base, displayName: person.hanzi || latinName(person, rng), id: maskPhone(person.phone) };
    default:
      return base;
  }
}

/** Registered Woo customers get sequential ids in person order, once all accounts exist. */
function numberWooCustomers(persons: Person[], rng: Rng): void {
  let next = 12;
  for (const p of persons) {
    const a = p.accounts.woocommerce;
    if (a && a.id === '') {
      next += rng.int(1, 5);
      a.numericId = next;
      a.id = String(next);
    }
  }
}
