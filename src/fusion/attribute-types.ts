// Detects what each attribute holds (free text, long text, code, number) from its values, so features need no attribute names.

import { tokenize } from './text/tokenize.js';
import { normalizeText } from './text/normalize.js';
import type { PairRecord } from './pairs/types.js';

export type AttributeKind = 'text' | 'longtext' | 'code' | 'numeric';

export interface AttributeSpec {
  readonly name: string;
  readonly kind: AttributeKind;
  /** Share of records where the attribute is non-empty. */
  readonly filled: number;
}

export interface RecordSchema {
  readonly attributes: readonly AttributeSpec[];
}

/** Parses prices and plain numbers ("1,299.00", "$ 45", "45.0"); undefined when the value is not one number. */
export function parseNumber(raw: string): number | undefined {
  const s = raw.replace(/[$€£¥\s]|usd|eur|gbp/gi, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Attribute order follows first appearance; kinds come from the share of numeric values, digits and token counts. */
export function detectSchema(records: Iterable<PairRecord>): RecordSchema {
  const values = new Map<string, string[]>();
  let n = 0;
  for (const r of records) {
    n++;
    for (const [k, v] of Object.entries(r.attrs)) {
      let list = values.get(k);
      if (!list) values.set(k, (list = []));
      if (v.trim()) list.push(v);
    }
  }
  const attributes: AttributeSpec[] = [];
  for (const [name, vals] of values) {
    const filled = n === 0 ? 0 : vals.length / n;
    if (vals.length === 0) {
      attributes.push({ name, kind: 'text', filled });
      continue;
    }
    const numeric = vals.filter((v) => parseNumber(v) !== undefined).length / vals.length;
    const lengths = vals.map((v) => tokenize(normalizeText(v)).length);
    const withDigit = vals.filter((v) => /\d/.test(v)).length / vals.length;
    const med = median(lengths);
    let kind: AttributeKind;
    if (numeric >= 0.9) kind = 'numeric';
    else if (med <= 3 && withDigit >= 0.5) kind = 'code';
    else if (med > 25) kind = 'longtext';
    else kind = 'text';
    attributes.push({ name, kind, filled });
  }
  return { attributes };
}
