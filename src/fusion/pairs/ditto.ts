// Reader for Ditto's serialised pair files ("COL a VAL v ... \t COL a VAL w ... \t label"), the benchmark distribution format.

import { readFile } from 'node:fs/promises';
import { PairFileError } from './errors.js';
import type { LabeledPair, PairRecord } from './types.js';

/** Parses one side: "COL name VAL lg tv COL price VAL 9.5" → { name: "lg tv", price: "9.5" }. */
export function parseDittoRecord(text: string): PairRecord {
  const attrs: Record<string, string> = {};
  const parts = text.split(/(?:^|\s)COL\s+/);
  for (const part of parts) {
    if (!part.trim()) continue;
    const at = part.search(/\sVAL(?:\s|$)/);
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 4).trim();
    attrs[name] = attrs[name] ? `${attrs[name]} ${value}` : value;
  }
  return { attrs };
}

export function parseDittoLines(content: string, file: string): LabeledPair[] {
  const out: LabeledPair[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.trim()) continue;
    const cols = line.split('\t');
    const label = cols[cols.length - 1]?.trim();
    if (cols.length < 3 || (label !== '0' && label !== '1')) {
      throw new PairFileError(
        `Line ${i + 1} of ${file}: expected "LEFT<TAB>RIGHT<TAB>0|1", got ${cols.length} tab-separated fields ending in ${JSON.stringify(label)} (check the file is a Ditto pair file)`,
      );
    }
    out.push({ left: parseDittoRecord(cols[0] ?? ''), right: parseDittoRecord(cols[1] ?? ''), label: label === '1' ? 1 : 0 });
  }
  return out;
}

export async function readDittoFile(file: string): Promise<LabeledPair[]> {
  return parseDittoLines(await readFile(file, 'utf8'), file);
}
