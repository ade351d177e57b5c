// Quantities with units ("16GB", "16 gb", "1 TB", "2.4 GHz") reduced to one comparable key, because size conflicts decide product identity.

interface UnitDef {
  readonly family: string;
  readonly factor: number;
}

/** Unit spellings → family and factor to the family's base unit. "g" is read as gigabytes, as product titles use it. */
const UNITS: Record<string, UnitDef> = {
  tb: { family: 'bytes', factor: 1000 },
  gb: { family: 'bytes', factor: 1 },
  g: { family: 'bytes', factor: 1 },
  mb: { family: 'bytes', factor: 0.001 },
  gig: { family: 'bytes', factor: 1 },
  ghz: { family: 'hz', factor: 1000 },
  mhz: { family: 'hz', factor: 1 },
  mp: { family: 'mp', factor: 1 },
  megapixel: { family: 'mp', factor: 1 },
  megapixels: { family: 'mp', factor: 1 },
  mm: { family: 'mm', factor: 1 },
  cm: { family: 'mm', factor: 10 },
  inch: { family: 'inch', factor: 1 },
  in: { family: 'inch', factor: 1 },
  '"': { family: 'inch', factor: 1 },
  "'": { family: 'inch', factor: 1 },
  w: { family: 'w', factor: 1 },
  watt: { family: 'w', factor: 1 },
  watts: { family: 'w', factor: 1 },
  mah: { family: 'mah', factor: 1 },
  v: { family: 'v', factor: 1 },
  rpm: { family: 'rpm', factor: 1 },
  x: { family: 'x', factor: 1 },
  gbps: { family: 'bps', factor: 1000 },
  mbps: { family: 'bps', factor: 1 },
  kg: { family: 'kg', factor: 1 },
  lb: { family: 'lb', factor: 1 },
  lbs: { family: 'lb', factor: 1 },
  oz: { family: 'oz', factor: 1 },
  ml: { family: 'ml', factor: 1 },
  l: { family: 'ml', factor: 1000 },
};

const QUANTITY = /(?<![\p{L}\p{N}.])(\d+(?:[.,]\d+)?)\s*(tb|gb|mb|gig|ghz|mhz|megapixels?|mp|mm|cm|inch|in|watts?|w|mah|v|rpm|gbps|mbps|kg|lbs?|oz|ml|l|g|x|"|')(?![\p{L}\p{N}])/gu;

export interface Quantity {
  readonly family: string;
  readonly value: number;
  /** `family:value` with the value rounded to 3 significant digits, the key to compare on. */
  readonly key: string;
}

function roundSig(v: number): number {
  if (v === 0) return 0;
  const p = 10 ** (2 - Math.floor(Math.log10(Math.abs(v))));
  return Math.round(v * p) / p;
}

/** Quantities found in normalised text, e.g. "16gb" and "16 g" both give key "bytes:16". */
export function extractQuantities(normalized: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of normalized.matchAll(QUANTITY)) {
    const unit = UNITS[m[2] ?? ''];
    if (!unit) continue;
    const value = roundSig(Number((m[1] ?? '').replace(',', '.')) * unit.factor);
    if (!Number.isFinite(value)) continue;
    out.push({ family: unit.family, value, key: `${unit.family}:${value}` });
  }
  return out;
}

/** True when the token is a number glued to a unit ("500gb"), which is a quantity, not a model code. */
export function isQuantityToken(token: string): boolean {
  return /^\d+(?:[.,]\d+)?(tb|gb|mb|gig|ghz|mhz|megapixels?|mp|mm|cm|inch|in|watts?|w|mah|v|rpm|gbps|mbps|kg|lbs?|oz|ml|l|g|x)$/u.test(token);
}

/** Roman numerals that name generations ("mark iii"); i, v and x are left out as they are usually letters or units. */
const ROMAN: Record<string, string> = { ii: '2', iii: '3', iv: '4', vi: '6', vii: '7', viii: '8', ix: '9' };

/** Bare numbers in the text (not part of a code), as strings, e.g. "7200", "3.5"; roman generation numerals as digits. */
export function extractNumbers(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(/(?<![\p{L}\p{N}.])\d+(?:\.\d+)?(?![\p{L}\p{N}])/gu)) out.push(m[0]);
  for (const m of normalized.matchAll(/(?<![\p{L}\p{N}])(?:ii|iii|iv|vi|vii|viii|ix)(?![\p{L}\p{N}])/gu)) out.push(ROMAN[m[0]] ?? m[0]);
  return out;
}
