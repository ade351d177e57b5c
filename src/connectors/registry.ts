// All platform connectors, found by listing connectors/platforms/: adding one touches no shared list.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Connector } from './connector.js';
import type { Sniffed } from '../sources/sniff.js';

let cache: Promise<Connector[]> | undefined;

async function load(): Promise<Connector[]> {
  const dir = fileURLToPath(new URL('./platforms/', import.meta.url));
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.map')).sort();
  } catch {
    return [];
  }
  const out: Connector[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { connectors?: Connector[] };
    out.push(...(mod.connectors ?? []));
  }
  return out;
}

export function platformConnectors(): Promise<Connector[]> {
  cache ??= load();
  return cache;
}

export interface Detection {
  connector: Connector;
  score: number;
}

export async function rankConnectors(file: Sniffed, platform?: string): Promise<Detection[]> {
  const all = await platformConnectors();
  return all
    .filter((c) => platform === undefined || c.platform === platform)
    .map((connector) => ({ connector, score: connector.detect(file) }))
    .sort((a, b) => b.score - a.score || a.connector.name.localeCompare(b.connector.name));
}

export const DETECT_THRESHOLD = 0.6;
