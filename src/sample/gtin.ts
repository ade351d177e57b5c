// GTIN check digits: sample barcodes must be valid so matchers can trust (and test) check-digit validation.

/** GS1 mod-10 check digit for the digits that precede it (works for GTIN-8/12/13/14). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Appends the check digit: 11 digits → UPC-A (GTIN-12), 12 digits → EAN-13. */
export function withCheckDigit(body: string): string {
  return body + String(gtinCheckDigit(body));
}

export function isValidGtin(code: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}
