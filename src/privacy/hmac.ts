// Keyed hashes of personal identifiers: HMAC-SHA256 with the project key, as ingest's of_hmac macro computes them.
import { createHmac, hkdfSync } from 'node:crypto';
import { normaliseEmail, type EmailOptions } from './email.js';
import { phoneE164 } from './phone.js';

/** Lower-case hex HMAC-SHA256 of a UTF-8 string, or null for null. Equal to SQL `of_hmac(pads, msg)`. */
export function hmacHex(key: Buffer, msg: string | null): string | null {
  return msg === null ? null : createHmac('sha256', key).update(msg, 'utf8').digest('hex');
}

export const emailHash = (key: Buffer, email: string | null | undefined, opts?: EmailOptions) => hmacHex(key, normaliseEmail(email, opts));
export const phoneHash = (key: Buffer, phone: string | null | undefined, defaultCountry?: string) => hmacHex(key, phoneE164(phone, defaultCountry));

/** A sub-key for one purpose (encryption, CLK n-gram hashing, ...), so one key file never serves two uses directly. */
export function subKey(key: Buffer, purpose: string, bytes = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `omnifuse:${purpose}`, bytes));
}
