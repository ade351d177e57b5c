// Value profiling of a column's sample values: what kind of values it holds, to confirm or reject a header alias.

export interface ColumnProfile {
  readonly filled: number;
  readonly distinctShare: number;
  readonly integer: number;
  readonly money: number;
  readonly date: number;
  readonly email: number;
  readonly gtin: number;
  readonly currency: number;
  readonly country: number;
  readonly url: number;
  readonly longText: number;
  readonly words: number;
  /** phone numbers, also masked ones (138****5678) */
  readonly phone: number;
  /** product codes with a letter (RUN-BLK-10, 85123A): what SKUs look like */
  readonly code: number;
}

const share = (vals: readonly string[], re: RegExp): number => (vals.length === 0 ? 0 : vals.filter((v) => re.test(v)).length / vals.length);

export function profileColumn(raw: readonly string[]): ColumnProfile {
  const vals = raw.map((v) => v.trim().replace(/^="?|"$/g, '')).filter((v) => v !== '');
  return {
    filled: raw.length === 0 ? 0 : vals.length / raw.length,
    distinctShare: vals.length === 0 ? 0 : new Set(vals).size / vals.length,
    integer: share(vals, /^-?\d{1,7}$/u),
    money: share(vals, /^[-(]?\s*(?:[A-Z]{3}\s*|[$€£¥￥R]\$?\s*)?\d{1,3}(?:[ ,.]?\d{3})*(?:[.,]\d{1,2})?\s*(?:€|元|[A-Z]{3})?\)?$/u),
    date: share(vals, /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[- ][A-Za-zéû]{3,5}\.?[- ]\d{2,4}|[A-Za-z]{3}[- ]\d{1,2}[-, ]+\d{2,4})/u),
    email: share(vals, /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/iu),
    gtin: share(vals, /^\d{8}$|^\d{12,14}$/u),
    currency: share(vals, /^[A-Z]{3}$/u),
    country: share(vals, /^[A-Z]{2}$/u),
    url: share(vals, /^https?:\/\//iu),
    longText: share(vals, /\S+\s+\S+\s+\S+\s+\S+\s+\S+/u),
    words: share(vals, /[\p{L}]{2,}/u),
    code: share(vals, /^(?=.*[A-Za-z])(?=.*\d|.*[-_])[A-Za-z0-9]+(?:[-_./][A-Za-z0-9]+)*$/u),
    phone: vals.length === 0 ? 0 : vals.filter((v) => /^'?[+(]?[\d\s()*\-.]{7,22}$/u.test(v) && (v.match(/\d/gu) ?? []).length >= 7).length / vals.length,
  };
}

/** How well a column's values suit a canonical field's type: 1 good, 0 impossible; fields without a check get 0.6. */
export function valueFit(type: string, field: string, p: ColumnProfile): number {
  if (p.filled === 0) return 0.3;
  if (field.endsWith('email_hash')) return p.email;
  if (field.startsWith('phone')) return p.phone;
  if (field === 'sku') return 0.5 + 0.5 * p.code;
  if (field === 'gtin') return p.gtin;
  if (field === 'url' || field === 'image_url') return p.url;
  if (field === 'currency') return p.currency;
  if (field.endsWith('country')) return Math.max(p.country, 0.5 * p.words);
  if (type === 'int') return p.integer;
  // (whole numbers only — points, counts — fit an amount less than values with cents)
  if (type === 'money') return p.money * (1 - 0.4 * p.integer);
  if (type === 'rate') return p.money;
  if (type === 'ts' || type === 'date') return p.date;
  if (field === 'title' || field === 'description') return p.words * (0.5 + 0.5 * Math.min(1, p.longText * 2 + 0.3)) * (1 - 0.8 * p.integer);
  if (field.startsWith('platform_') && field.endsWith('_id')) return (1 - 0.7 * p.longText) * (0.4 + 0.6 * p.distinctShare);
  return 0.6;
}
