// Model codes ("DAV-IS50/B", "lds4821ww", "WD20EFRX") are the strongest identity evidence in product titles; extract and normalise them.

import { squash } from './normalize.js';
import { isQuantityToken } from './units.js';

/** Normalised code: letters and digits only, lower case ("DAV-IS50/B" → "davis50b"). */
export function normalizeModelCode(s: string): string {
  return squash(s.normalize('NFKC').toLowerCase());
}

function looksLikeCode(code: string): boolean {
  if (code.length < 3 || code.length > 30) return false;
  const hasDigit = /\p{N}/u.test(code);
  const hasLetter = /\p{L}/u.test(code);
  if (hasDigit && hasLetter) return !isQuantityToken(code);
  // Long pure digit strings are part numbers or GTINs; short ones are counts or sizes.
  return hasDigit && code.length >= 5;
}

/**
 * Codes in normalised text: whitespace-delimited chunks that mix letters and digits (after dropping "-", "/", ".")
 * plus their alphanumeric parts that do on their own, so "xta-3510-73gb-10k" yields "xta351073gb10k".
 */
export function extractModelCodes(normalized: string): string[] {
  const out = new Set<string>();
  for (const chunk of normalized.split(/[\s,;|()[\]{}"'+*!?:]+/u)) {
    if (!chunk) continue;
    const whole = squash(chunk);
    if (looksLikeCode(whole)) out.add(whole);
    const parts = chunk.split(/[^\p{L}\p{N}]+/u).filter((p) => p.length > 0);
    if (parts.length > 1) for (const p of parts) if (looksLikeCode(p)) out.add(p);
  }
  return [...out];
}

/** Digit runs of a code ("d7000" → "7000"), to see conflicts such as d7000 vs d7100 even when letters differ in spelling. */
export function codeDigits(code: string): string {
  return code.replace(/\D+/g, '');
}
