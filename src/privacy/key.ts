// The project secret: a key file outside the database, used to hash personal identifiers (HMAC-SHA256).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { configError } from '../util/errors.js';

export const DEFAULT_KEY_FILE = './.omnifuse/secret.key';

export function createKey(path: string): Buffer {
  if (existsSync(path)) return loadKey(path);
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString('hex') + '\n', { mode: 0o600 });
  chmodSync(path, 0o600);
  return key;
}

export function loadKey(path: string): Buffer {
  if (!existsSync(path)) throw configError(`No project key at ${path}`, 'run `omnifuse init` first, or pass --key-file with the path of your key');
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw configError(`The key file ${path} is not a 64-hex-digit key`, 'restore it from your backup; a new key would change every hash');
  return Buffer.from(hex, 'hex');
}

/** HMAC's inner and outer padded keys (RFC 2104, 64-byte blocks), hex-encoded for the SQL macro. */
export function hmacPads(key: Buffer): { ipad: string; opad: string } {
  const block = Buffer.alloc(64);
  key.copy(block);
  const ipad = Buffer.from(block.map((b) => b ^ 0x36));
  const opad = Buffer.from(block.map((b) => b ^ 0x5c));
  return { ipad: ipad.toString('hex'), opad: opad.toString('hex') };
}
