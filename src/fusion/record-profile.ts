// Everything a pair comparison needs from one record, computed once per distinct record (records repeat across pairs).

import type { RecordSchema } from './attribute-types.js';
import { parseNumber } from './attribute-types.js';
import type { PairRecord } from './pairs/types.js';
import { recordText, textTokens } from './record-text.js';
import { extractGtins } from './text/gtin.js';
import { extractModelCodes } from './text/model-code.js';
import { normalizeText, squash } from './text/normalize.js';
import { tfidfVector, type SparseVector } from './text/tfidf.js';
import { charNgrams } from './text/tokenize.js';
import { extractNumbers, extractQuantities, type Quantity } from './text/units.js';

export interface Idfs {
  readonly word: (t: string) => number;
  readonly char: (t: string) => number;
  readonly code: (t: string) => number;
}

export interface FieldProfile {
  readonly empty: boolean;
  readonly norm: string;
  readonly squashed: string;
  readonly tokens: readonly string[];
  readonly tokenSet: ReadonlySet<string>;
  readonly wordVec: SparseVector;
  readonly charVec: SparseVector;
  readonly codes: ReadonlySet<string>;
  readonly number: number | undefined;
}

export interface RecordProfile {
  readonly fields: ReadonlyMap<string, FieldProfile>;
  readonly all: FieldProfile;
  readonly quantities: readonly Quantity[];
  readonly numbers: ReadonlySet<string>;
  readonly gtins: ReadonlySet<string>;
}

function fieldProfile(raw: string, idfs: Idfs, withVectors: boolean): FieldProfile {
  const norm = normalizeText(raw);
  const tokens = textTokens(norm);
  return {
    empty: norm.length === 0,
    norm,
    squashed: squash(norm),
    tokens,
    tokenSet: new Set(tokens),
    wordVec: withVectors ? tfidfVector(tokens, idfs.word) : new Map(),
    charVec: withVectors ? tfidfVector(charNgrams(norm), idfs.char) : new Map(),
    codes: new Set(extractModelCodes(norm)),
    number: parseNumber(raw.trim()),
  };
}

export function profileRecord(r: PairRecord, schema: RecordSchema, idfs: Idfs): RecordProfile {
  const fields = new Map<string, FieldProfile>();
  for (const a of schema.attributes) fields.set(a.name, fieldProfile(r.attrs[a.name] ?? '', idfs, a.kind !== 'numeric'));
  const allText = recordText(r, schema);
  return {
    fields,
    all: fieldProfile(allText, idfs, true),
    quantities: extractQuantities(allText),
    numbers: new Set(extractNumbers(allText)),
    gtins: new Set(extractGtins(allText)),
  };
}
