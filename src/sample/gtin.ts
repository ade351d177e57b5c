// GTIN check digits: sample barcodes must be valid so matchers can trust (and test) check-digit validation.

import { gtinCheckDigit } from '../util/gtin-check-digit.js';

export { gtinCheckDigit };

/** Appends the check digit: 11 digits → UPC-A (GTIN-12), 12 digits → EAN-13. */
export function withCheckDigit(body: string): string {
  return body + String(gtinCheckDigit(body));
}

export function isValidGtin(code: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}
