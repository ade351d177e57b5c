// Turns a product title into hashed sub-word feature ids (words, character trigrams, unit-normalised quantities), the encoder's input.

import { normalizeText } from '../../fusion/text/normalize.js';
import { tokenize } from '../../fusion/text/tokenize.js';
import { extractQuantities } from '../../fusion/text/units.js';

/** Titles longer than this many word tokens are cut: the head of a title carries its identity. */
export const MAX_WORDS = 48;

/** FNV-1a, 32 bit: stable across runs and platforms, so stored weights keep meaning the same buckets. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HAS_CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;

/** The string features of a title: `w:` words, `c:` trigrams of each Latin word, `q:` quantities ("16GB" = "16 g"). */
export function titleFeatures(title: string): string[] {
  const norm = normalizeText(title);
  const words = tokenize(norm).slice(0, MAX_WORDS);
  const out: string[] = [];
  for (const w of words) {
    out.push(`w:${w}`);
    if (HAS_CJK.test(w) || w.length > 24) continue;
    const padded = `<${w}>`;
    for (let i = 0; i + 3 <= padded.length; i++) out.push(`c:${padded.slice(i, i + 3)}`);
  }
  for (const q of extractQuantities(norm)) out.push(`q:${q.key}`);
  return out;
}

/** Bucket ids of a title's features (duplicates kept: a repeated word weighs more). */
export function titleBuckets(title: string, buckets: number): Uint32Array {
  const f = titleFeatures(title);
  const ids = new Uint32Array(f.length);
  for (let i = 0; i < f.length; i++) ids[i] = hash32(f[i] as string) % buckets;
  return ids;
}
