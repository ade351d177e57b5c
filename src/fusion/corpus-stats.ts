// Corpus statistics (word, character-trigram and code document frequencies) that make rare evidence count more than common words.

import { fitIdf, type IdfTable } from './text/tfidf.js';
import type { RecordSchema } from './attribute-types.js';
import type { PairRecord } from './pairs/types.js';
import { recordText, textTokens } from './record-text.js';
import { charNgrams } from './text/tokenize.js';
import { extractModelCodes } from './text/model-code.js';

export interface CorpusStats {
  readonly word: IdfTable;
  readonly char: IdfTable;
  readonly code: IdfTable;
}

/** Fits on whole-record texts; unsupervised, so it may include unlabelled and test records. */
export function fitCorpusStats(records: Iterable<PairRecord>, schema: RecordSchema): CorpusStats {
  const texts = [...records].map((r) => recordText(r, schema));
  return {
    word: fitIdf(texts.map(textTokens)),
    char: fitIdf(texts.map((t) => charNgrams(t))),
    code: fitIdf(texts.map(extractModelCodes)),
  };
}

/** IDF lookup backed by a Map (safe for tokens such as "constructor"); unseen tokens count as df = 0. */
export function idfLookup(table: IdfTable): (t: string) => number {
  const df = new Map(Object.entries(table.df));
  const n = table.nDocs;
  const cache = new Map<string, number>();
  return (t) => {
    let v = cache.get(t);
    if (v === undefined) {
      v = Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
      cache.set(t, v);
    }
    return v;
  };
}
