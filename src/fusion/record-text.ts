// The whole-record text (all non-numeric attributes joined), the view used for blocking and record-level features.

import type { RecordSchema } from './attribute-types.js';
import type { PairRecord } from './pairs/types.js';
import { normalizeText } from './text/normalize.js';
import { tokenize } from './text/tokenize.js';

export function recordText(r: PairRecord, schema: RecordSchema): string {
  const parts: string[] = [];
  for (const a of schema.attributes) {
    if (a.kind === 'numeric') continue;
    const v = r.attrs[a.name];
    if (v && v.trim()) parts.push(v);
  }
  return normalizeText(parts.join(' '));
}

export function textTokens(normalized: string): string[] {
  return tokenize(normalized);
}
