// The GS1 mod-10 check digit, shared by the matcher (validating GTINs) and the sample generator (making them).

/** GS1 mod-10 check digit for the digits that precede it (works for GTIN-8/12/13/14). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}
