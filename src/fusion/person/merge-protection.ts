// Merge protection in the manner of Segment's identity resolution: per-identifier limits, priorities and blocked
// values, so one shared phone or a placeholder e-mail cannot merge a hundred people.
import { emailHash, hmacHex, phoneHash } from '../../privacy/hmac.js';
import { PHONE_COUNTRIES } from '../../privacy/phone.js';

export interface MergeRules {
  /** most accounts one person may hold on one platform */
  accountsPerPlatform: number;
  /** most distinct e-mail hashes / phone hashes one person may hold */
  emails: number;
  phones: number;
  /** an identifier shared by more accounts than this is treated as blocked (a shop phone, a placeholder) */
  maxAccountsPerIdentifier: number;
  /** identifiers are applied in this order: the first kind wins where two would conflict */
  priority: readonly ('email' | 'phone')[];
  /** platforms whose e-mails are marketplace relays (one per buyer per shop): never used to link */
  relayPlatforms: readonly string[];
  blockedEmails: readonly string[];
  blockedPhones: readonly string[];
}

export const DEFAULT_MERGE_RULES: MergeRules = {
  accountsPerPlatform: 1,
  emails: 3,
  phones: 2,
  maxAccountsPerIdentifier: 8,
  priority: ['email', 'phone'],
  relayPlatforms: ['amazon'],
  blockedEmails: ['test@test.com', 'test@example.com', 'example@example.com', 'null@null.com', 'none@none.com', 'noemail@noemail.com',
    'no@email.com', 'a@a.com', 'abc@abc.com', 'noreply@noreply.com', 'na@na.com', 'email@email.com', 'customer@example.com'],
  blockedPhones: ['0000000000', '1111111111', '1234567890', '9999999999', '+10000000000', '+11111111111', '+11234567890', '13800000000',
    '13000000000', '+8613800000000', '00000000000', '+33000000000'],
};

/** Blocked values as the keyed hashes ingest stores (its phone rule in every country, and the raw forms stores
 *  ingested before that rule may hold). */
export function blockedHashes(key: Buffer, rules: MergeRules): Set<string> {
  const out = new Set<string>();
  for (const e of rules.blockedEmails) {
    for (const h of [emailHash(key, e), emailHash(key, e, { providerRules: true })]) if (h) out.add(h);
  }
  for (const p of rules.blockedPhones) {
    // every form ingest's rule may have stored (phoneHash is that rule): no country, and each country it reads
    for (const c of [undefined, ...PHONE_COUNTRIES]) { const h = phoneHash(key, p, c); if (h) out.add(h); }
    const digits = p.replace(/\D/g, '');
    for (const raw of [`+${digits}`, `+1${digits}`, `+86${digits}`]) out.add(phoneHashRaw(key, raw));
  }
  return out;
}

const phoneHashRaw = (key: Buffer, e164: string): string => hmacHex(key, e164) ?? '';
