// Global options shared by every command, and opening the project (database + key file) from them.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { openStore } from '../store/open.js';
import type { Backend } from '../store/backend.js';
import { createKey, DEFAULT_KEY_FILE, hmacPads, loadKey } from '../privacy/key.js';

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
  /** true when this call created the key file */
  createdKey: boolean;
}

export async function openProject(g: GlobalOptions, opts: { createKey?: boolean } = {}): Promise<Project> {
  const had = existsSync(g.keyFile);
  const key = had ? loadKey(g.keyFile) : opts.createKey ? createKey(g.keyFile) : loadKey(g.keyFile);
  const db = await openStore(g.db);
  return { db, hmac: hmacPads(key), createdKey: !had };
}

export const isTty = () => process.stderr.isTTY === true;

export { DEFAULT_KEY_FILE };
