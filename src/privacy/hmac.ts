// Keyed hashes of personal identifiers: HMAC-SHA256 with the project key, as ingest's of_hmac macro computes them.
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { hmacPads } from './key.js';
import { normaliseEmail, type EmailOptions } from './email.js';
import { phoneE164, phoneFragment } from './phone.js';
import { storedNameTokens } from './name-tokens.js';

/** Lower-case hex HMAC-SHA256 of a UTF-8 string, or null for null. Equal to SQL `of_hmac(pads, msg)`. */
export function hmacHex(key: Buffer, msg: string | null): string | null {
  return msg === null ? null : createHmac('sha256', key).update(msg, 'utf8').digest('hex');
}

export const emailHash = (key: Buffer, email: string | null | undefined, opts?: EmailOptions) => hmacHex(key, normaliseEmail(email, opts));
export const phoneHash = (key: Buffer, phone: string | null | undefined, defaultCountry?: string | null) => hmacHex(key, phoneE164(phone, defaultCountry));

export const phoneFragmentHash = (key: Buffer, phone: string | null | undefined, defaultCountry?: string | null) => hmacHex(key, phoneFragment(phone, defaultCountry));

/** One name token's keyed hash as ingest stores it: 16 hex digits of SHA-256((key ⊕ ipad) || `name:<token>`), HMAC's
 *  inner hash (one SHA-256 per token: the full HMAC per token made ingest's macro ten times slower). Equality is all
 *  it is used for; without the key a dictionary of names cannot be hashed. */
export const nameTokenHash = (key: Buffer, token: string): string =>
  createHash('sha256').update(Buffer.from(hmacPads(key).ipad, 'hex')).update(`name:${token}`, 'utf8').digest('hex').slice(0, 16);

/** customer_account.name_tokens as ingest's of_name_tokens computes it: sorted, distinct token hashes, space-separated. */
export function nameTokenHashes(key: Buffer, name: string | null | undefined): string | null {
  const hashes = [...new Set(storedNameTokens(name).map((t) => nameTokenHash(key, t)))].sort();
  return hashes.length === 0 ? null : hashes.join(' ');
}

/** A sub-key for one purpose (encryption, CLK n-gram hashing, ...), so one key file never serves two uses directly. */
export function subKey(key: Buffer, purpose: string, bytes = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `omnifuse:${purpose}`, bytes));
}
