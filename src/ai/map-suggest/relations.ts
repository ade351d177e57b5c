// Relations between columns read from the sample values alone, for what no header says: a "price" that grows with the
// quantity is the line's amount, the order total is where goods + shipping − discounts ends, a second id column fills
// the order id's blanks, the order number as printed (#1001) is preferred to its bare digits, and a title that the
// line's name extends is the product's. Every function takes sample columns aligned by record ('' where empty).

import { profileColumn } from './profile.js';

const filled = (v: string | undefined): boolean => v !== undefined && v.trim() !== '';

/** An amount as written in exports ("$1,433.66", "￥306.00", "90,00 €", "(12.50)"); NaN when it is none. */
export function amount(raw: string | undefined): number {
  let v = (raw ?? '').trim();
  if (v === '') return NaN;
  const negative = /^\(.*\)$/u.test(v) || v.startsWith('-');
  v = v.replace(/[^\d.,]/gu, '');
  // a comma followed by one or two digits at the end, with no point, is a decimal comma
  v = /,\d{1,2}$/u.test(v) && !v.includes('.') ? v.replace(/[.\s]/gu, '').replace(',', '.') : v.replace(/,/gu, '');
  if (!/^\d+(\.\d+)?$/u.test(v)) return NaN;
  return negative ? -Number(v) : Number(v);
}

const CENT = 0.011;

/**
 * Whether a line's price column is the unit price or the line's amount, from records of the same item with different
 * quantities: a unit price stays the same, a line amount divided by the quantity does (Amazon's item-price: 45.99 for
 * one, 137.97 for three). 'line' only when that evidence outweighs the unit-price evidence; undefined without any.
 */
export function priceScaling(price: readonly string[], quantity: readonly string[], item: readonly string[]): 'line' | 'unit' | undefined {
  const seen = new Map<string, { q: number; p: number }[]>();
  let line = 0;
  let unit = 0;
  for (let i = 0; i < price.length; i++) {
    const k = item[i]?.trim() ?? '';
    const q = Number(quantity[i]?.trim() ?? '');
    const p = amount(price[i]);
    if (k === '' || !(q > 0) || !(p > 0)) continue;
    const prev = seen.get(k) ?? [];
    for (const o of prev) {
      if (o.q === q) continue;
      if (Math.abs(o.p - p) < CENT) unit++;
      else if (Math.abs(o.p / o.q - p / q) < CENT) line++;
    }
    prev.push({ q, p });
    seen.set(k, prev);
  }
  return line > unit ? 'line' : unit > line ? 'unit' : undefined;
}

/** Money columns of the sample: amounts on most records (zeros count), not whole-number counts or dates. */
function moneyColumns(names: readonly string[], values: Map<string, string[]>): string[] {
  return names.filter((c) => {
    const vals = values.get(c) ?? [];
    const p = profileColumn(vals);
    const f = vals.filter(filled);
    return p.filled >= 0.5 && p.money >= 0.95 && p.date === 0 && f.some((v) => /[.,]\d{2}\b|^[$€£¥￥]/u.test(v.trim()));
  });
}

/**
 * The order total of a line-per-row export no header names: the money column that the other amounts add up to on every
 * record, starting from the goods value (unit price × quantity, or the line amount) — goods + shipping (+ tax) −
 * discounts or amounts paid otherwise. The identity with the most terms wins (the amount after every adjustment),
 * then the leftmost column. The total must be non-zero on most records (a balance paid on one order is no total).
 */
export function totalByIdentity(names: readonly string[], values: Map<string, string[]>, goods: readonly number[], exclude: ReadonlySet<string>): string | undefined {
  const n = goods.length;
  if (n === 0) return undefined;
  const money = moneyColumns(names, values);
  const cols = new Map<string, number[]>(money.map((c) => [c, (values.get(c) ?? []).map((v) => (filled(v) ? amount(v) : 0))]));
  const same = (a: readonly number[], b: readonly number[]): boolean => a.every((x, i) => !Number.isFinite(b[i] as number) || Math.abs(x - (b[i] as number)) < CENT);
  // Columns equal to the goods value are the goods value (a subtotal column), and terms must vary the sum somewhere.
  const terms = money.filter((c) => !same(cols.get(c) as number[], goods) && (cols.get(c) as number[]).some((x) => Math.abs(x) >= CENT));
  let best: { col: string; k: number } | undefined;
  for (const t of money) {
    if (exclude.has(t) || same(cols.get(t) as number[], goods)) continue;
    const tv = cols.get(t) as number[];
    const rows = [...tv.keys()].filter((i) => filled(values.get(t)?.[i]) && Number.isFinite(goods[i] as number));
    if (rows.length < 3 || rows.filter((i) => Math.abs(tv[i] as number) >= CENT).length < 0.8 * rows.length) continue;
    const others = terms.filter((c) => c !== t).slice(0, 12);
    // goods + Σ ±term over subsets of up to three other columns
    const search = (from: number, sum: number[], k: number): void => {
      if (k > 1 && (!best || k > best.k) && rows.every((i) => Math.abs((sum[i] as number) - (tv[i] as number)) < CENT)) best = { col: t, k };
      if (k >= 4) return;
      for (let j = from; j < others.length; j++) {
        const x = cols.get(others[j] as string) as number[];
        for (const s of [1, -1]) search(j + 1, sum.map((v, i) => v + s * (x[i] as number)), k + 1);
      }
    };
    search(0, [...goods], 1);
  }
  return best?.col;
}

/**
 * A second id column that fills the key's blanks (a record number where the order number is missing): filled on every
 * record that has the key, one value per key value and one key value per value (over three keys at least), and on
 * records without the key a value no other key has. undefined when the key has no blanks or nothing fits.
 */
export function keyFallback(key: string, names: readonly string[], values: Map<string, string[]>, exclude: ReadonlySet<string>): string | undefined {
  const kv = values.get(key) ?? [];
  if (!kv.some((v) => !filled(v)) || !kv.some(filled)) return undefined;
  // footer lines ("5 record(s) downloaded") are no records: a record fills three columns at least
  const records = kv.map((_, i) => names.filter((c) => filled(values.get(c)?.[i])).length >= 3);
  return names.find((c) => {
    if (c === key || exclude.has(c)) return false;
    const cv = (values.get(c) ?? []).map((v, i) => (records[i] ? v : ''));
    const p = profileColumn(cv);
    // identifiers: no blanks inside, a digit, not an amount with cents or a date
    if (p.date > 0 || p.email > 0 || !cv.filter(filled).every((v) => /^#?[A-Za-z0-9][\w\-/.#]{0,39}$/u.test(v.trim()) && /\d/u.test(v) && !/^\d+[.,]\d{1,2}$/u.test(v.trim()))) return false;
    const toC = new Map<string, string>();
    const toK = new Map<string, string>();
    for (let i = 0; i < kv.length; i++) {
      const k = kv[i]?.trim() ?? '';
      const x = cv[i]?.trim() ?? '';
      if (k === '') continue;
      if (x === '' || (toC.get(k) ?? x) !== x || (toK.get(x) ?? k) !== k) return false;
      toC.set(k, x);
      toK.set(x, k);
    }
    if (toC.size < 3) return false;
    // where the key is blank (footer lines aside) the fallback is filled with a value no other key has
    const blanks = [...kv.keys()].filter((i) => !filled(kv[i]) && filled(cv[i]));
    return blanks.length > 0 && blanks.every((i) => !toK.has(cv[i]?.trim() ?? ''));
  });
}

/**
 * The key as printed when the file also has it: a column equal on every record to the key's value behind one fixed
 * prefix of signs ("#1007" beside order_number 1007). Documents, e-mails and the same shop's other exports show that
 * form, so the rows of both exports land on one order.
 */
export function printedKey(key: string, names: readonly string[], values: Map<string, string[]>, exclude: ReadonlySet<string>): string | undefined {
  const kv = values.get(key) ?? [];
  if (kv.length === 0 || !kv.every(filled)) return undefined;
  return names.find((c) => {
    if (c === key || exclude.has(c)) return false;
    const cv = values.get(c) ?? [];
    let prefix: string | undefined;
    for (let i = 0; i < kv.length; i++) {
      const k = kv[i]?.trim() ?? '';
      const x = cv[i]?.trim() ?? '';
      if (!x.endsWith(k) || x.length === k.length) return false;
      const p = x.slice(0, x.length - k.length);
      if (!/^[#№\-_/]+$/u.test(p) || (prefix !== undefined && p !== prefix)) return false;
      prefix = p;
    }
    return true;
  });
}

/**
 * The product's title beside a line's name that extends it ("Running Shoe" of "Running Shoe - 10 / Black"): a text
 * column that starts every filled name, shorter than it on some records. Listings take it; the line keeps the name.
 */
export function productTitle(lineTitle: string, names: readonly string[], values: Map<string, string[]>, exclude: ReadonlySet<string>): string | undefined {
  const lv = values.get(lineTitle) ?? [];
  return names.find((c) => {
    if (c === lineTitle || exclude.has(c)) return false;
    const cv = values.get(c) ?? [];
    let shorter = 0;
    let both = 0;
    for (let i = 0; i < lv.length; i++) {
      const l = lv[i]?.trim() ?? '';
      const x = cv[i]?.trim() ?? '';
      if (l === '' || x === '') continue;
      if (!l.startsWith(x)) return false;
      both++;
      // the rest is a separate part (" - 10 / Black"), not a word cut in two
      if (l.length > x.length) {
        if (!/^[\s\-–—/|,:(]/u.test(l.slice(x.length))) return false;
        shorter++;
      }
    }
    return both >= 2 && shorter > 0 && profileColumn(cv).words >= 0.9;
  });
}
