// Global options shared by every command, and opening the project (database + key file) from them.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { openStore } from '../store/open.js';
import type { Backend } from '../store/backend.js';
import { createKey, DEFAULT_KEY_FILE, hmacPads } from '../privacy/key.js';
import { usageError } from '../util/errors.js';

export interface GlobalOptions {
  db: string;
  keyFile: string;
  json: boolean;
}

export function globals(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals<{ db: string; keyFile: string; json?: boolean }>();
  return { db: o.db, keyFile: o.keyFile, json: o.json === true || process.env.OMNIFUSE_JSON === '1' };
}

export interface Project {
  db: Backend;
  hmac: { ipad: string; opad: string };
  /** the project key itself (HMAC pads above; redaction of rejected records) */
  key: Buffer;
  /** true when this call created the key file */
  createdKey: boolean;
}

/** Open the database and the key file (created on first use: createKey loads an existing one). */
export async function openProject(g: GlobalOptions): Promise<Project> {
  const had = existsSync(g.keyFile);
  const key = createKey(g.keyFile);
  const db = await openStore(g.db);
  return { db, hmac: hmacPads(key), key, createdKey: !had };
}

/** Run a command body with the project open, closing the database however the body ends. */
export async function withProject<T>(g: GlobalOptions, fn: (p: Project) => Promise<T>): Promise<T> {
  const p = await openProject(g);
  try {
    return await fn(p);
  } finally {
    await p.db.close();
  }
}

export const isTty = () => process.stderr.isTTY === true;

export { DEFAULT_KEY_FILE };

/** a flag's value as a whole number ≥ min (default 1), else a usage error naming the flag (`--top`, `-k`) and the value */
export function intFlag(flag: string, raw: string, min = 1): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw usageError(`${flag} must be ${min === 1 ? 'a positive integer' : `an integer ≥ ${min}`}, got ${JSON.stringify(raw)}`);
  }
  return n;
}
