// The per-listing text work before blocking — the matcher's text, model codes, blocking keys and the token counts
// boilerplate is learnt from — as one function over a slice of the listings, so a worker thread can do a share.
import { textTokens } from '../record-text.js';
import { normalizeText } from '../text/normalize.js';
import { blockingKeys, modelCodes } from './keys.js';
import { countPlatformTokens, createTranslator, type PlatformTokens } from './lexicon.js';
import { latinView, listingText } from './matching-text.js';
import type { ListingRecord } from './records.js';

export interface PreparedText {
  /** listingText without Han characters (what pairRecordOf takes). */
  readonly latin: string[];
  readonly codes: string[][];
  readonly keys: string[][];
  readonly tokens: PlatformTokens;
}

export function prepareText(records: readonly ListingRecord[], aliases: readonly (readonly [string, string])[]): PreparedText {
  const translator = createTranslator(new Map(aliases));
  const n = records.length;
  const latin = new Array<string>(n);
  const codes = new Array<string[]>(n);
  const keys = new Array<string[]>(n);
  const tokens: PlatformTokens = new Map();
  for (let i = 0; i < n; i++) {
    const r = records[i] as ListingRecord;
    const text = listingText(r, translator);
    const c = modelCodes(text);
    codes[i] = c;
    // A parent listing that offers several variants would chain its variants together: it stays a product of its own.
    keys[i] = r.variantParent ? [] : blockingKeys(r, text, c);
    const l = latinView(text);
    latin[i] = l;
    countPlatformTokens(tokens, r.platform, textTokens(normalizeText(l)));
  }
  return { latin, codes, keys, tokens };
}
