// Blocking keys of a listing: identifiers (GTIN-14, ASIN, MPN, seller SKU stem) and model codes found in its text.
import { extractModelCodes } from '../text/model-code.js';
import { normalizeText, squash } from '../text/normalize.js';
import { normalizeSku } from './matching-text.js';
import type { ListingRecord } from './records.js';

/** Keys prefixed by kind: g: GTIN, a: ASIN, m: MPN, s: SKU stem, c: model code. */
export function blockingKeys(r: ListingRecord, text: string, codes = modelCodes(text)): string[] {
  const keys = new Set<string>();
  if (r.gtin) keys.add(`g:${r.gtin}`);
  if (r.asin) keys.add(`a:${r.asin}`);
  const mpn = squash(r.mpn.toLowerCase());
  if (mpn.length >= 4) keys.add(`c:${mpn}`);
  const sku = normalizeSku(r.sku);
  if (sku.length >= 6 && /\d/.test(sku) && /\p{L}/u.test(sku)) keys.add(`s:${sku}`);
  for (const c of codes) keys.add(`c:${c}`);
  return [...keys];
}

/** Model codes of a text, at least four characters (shorter ones are sizes and counts). */
export function modelCodes(text: string): string[] {
  return extractModelCodes(normalizeText(text)).filter((c) => c.length >= 4);
}
