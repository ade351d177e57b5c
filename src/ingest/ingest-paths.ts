// Ingest many files: directories expanded, a sibling NAME.mapping.yaml used for generic sources, one failure
// recorded without stopping the rest.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Backend } from '../store/backend.js';
import { loadMapping } from '../connectors/generic.js';
import { OmnifuseError, errorMessage } from '../util/errors.js';
import { emptyResult, expandPaths, ingestFile, type FileResult, type IngestOptions } from './ingest.js';

export function siblingMapping(path: string): string | undefined {
  const stem = basename(path).replace(/\.[^.]+$/, '');
  for (const ext of ['.mapping.yaml', '.mapping.yml', '.mapping.json']) {
    const p = join(dirname(path), stem + ext);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export async function ingestPaths(
  db: Backend,
  paths: readonly string[],
  opts: IngestOptions & { onFile?: (done: number, total: number, r: FileResult) => void },
): Promise<FileResult[]> {
  const files = expandPaths(paths); // throws on a missing path before anything is written
  const out: FileResult[] = [];
  for (const f of files) {
    let r: FileResult;
    try {
      const sib = opts.mapping ? undefined : siblingMapping(f);
      r = await ingestFile(db, f, sib ? { ...opts, mapping: loadMapping(sib) } : opts);
    } catch (e) {
      r = { ...emptyResult(f), error: { message: errorMessage(e), ...(e instanceof OmnifuseError && e.hint ? { hint: e.hint } : {}) } };
    }
    out.push(r);
    opts.onFile?.(out.length, files.length, r);
  }
  return out;
}
