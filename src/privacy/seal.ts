// `--keep-pii`: names and street addresses stored encrypted (AES-256-GCM) with a sub-key of the project key file.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { subKey } from './hmac.js';
import { inputError } from '../util/errors.js';

const VERSION = 'v1';

/** `v1:<iv hex>:<tag hex>:<ciphertext base64>`; a fresh 96-bit IV per value, so equal names do not encrypt alike. */
export function seal(key: Buffer, plain: string | null): string | null {
  if (plain === null) return null;
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', subKey(key, 'seal'), iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `${VERSION}:${iv.toString('hex')}:${c.getAuthTag().toString('hex')}:${body.toString('base64')}`;
}

/** Decrypt what seal() wrote; a wrong key or an edited value fails loudly (GCM authenticates). */
export function unseal(key: Buffer, sealed: string | null): string | null {
  if (sealed === null) return null;
  const [v, ivHex, tagHex, body] = sealed.split(':');
  if (v !== VERSION || ivHex === undefined || tagHex === undefined || body === undefined) {
    throw inputError(`not an omnifuse sealed value: ${sealed.slice(0, 12)}…`, 'sealed values start with v1: and were written by --keep-pii');
  }
  try {
    const d = createDecipheriv('aes-256-gcm', subKey(key, 'seal'), Buffer.from(ivHex, 'hex'));
    d.setAuthTag(Buffer.from(tagHex, 'hex'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
  } catch (e) {
    throw inputError('a sealed value does not decrypt with this key file (wrong key, or the value was altered)', 'pass the --key-file the data was ingested with', e);
  }
}
