// GTIN/UPC/EAN identifiers compared as GTIN-14 with a valid check digit, so "012345678905" equals "0012345678905".

import { gtinCheckDigit } from '../../util/gtin-check-digit.js';

export { gtinCheckDigit };

/** GTIN-8/12/13/14 → GTIN-14 string, or undefined when the length or check digit is wrong. */
export function toGtin14(raw: string): string | undefined {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return undefined;
  if (![8, 12, 13, 14].includes(digits.length)) return undefined;
  const check = Number(digits[digits.length - 1]);
  if (gtinCheckDigit(digits.slice(0, -1)) !== check) return undefined;
  if (/^0+$/.test(digits)) return undefined;
  return digits.padStart(14, '0');
}

/** Valid GTINs among the digit runs of normalised text. */
export function extractGtins(normalized: string): string[] {
  const out = new Set<string>();
  for (const m of normalized.matchAll(/(?<!\d)\d[\d -]{6,16}\d(?!\d)/g)) {
    const g = toGtin14(m[0]);
    if (g) out.add(g);
  }
  return [...out];
}
