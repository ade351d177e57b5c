// Row structure of a sample, from values alone: which column groups consecutive records (an order id repeated on its
// line rows, a product handle on its variant rows), which columns are written once per group (filled down or taken
// from the group's first row), and which column identifies orders when no header says so.
// Every function takes sample columns aligned by record (index i of each column is record i; '' where empty).

import { profileColumn } from './profile.js';

const filled = (v: string | undefined): boolean => v !== undefined && v.trim() !== '';

/** Every distinct filled value sits in one run of consecutive records (blanks inside a run are allowed). */
export function contiguous(vals: readonly string[]): boolean {
  const closed = new Set<string>();
  let cur: string | undefined;
  for (const raw of vals) {
    if (!filled(raw)) continue;
    const v = raw.trim();
    if (v === cur) continue;
    if (closed.has(v)) return false;
    if (cur !== undefined) closed.add(cur);
    cur = v;
  }
  return true;
}

/** Filled values are all different (a key column). */
export function distinctFilled(vals: readonly string[]): boolean {
  const f = vals.filter(filled).map((v) => v.trim());
  return f.length > 0 && new Set(f).size === f.length;
}

/** A grouping column: filled on (nearly) every record, contiguous, and some value repeats. */
export function isGroupColumn(vals: readonly string[]): boolean {
  const f = vals.filter(filled);
  return vals.length > 1 && f.length >= 0.95 * vals.length && contiguous(vals) && new Set(f.map((v) => v.trim())).size < f.length;
}

/**
 * A column written once per group: blank on some later record of a group while the group's first record has it.
 * Such a column needs `fill_down: <group column>` in a target with one row per record.
 */
export function writtenOncePerGroup(vals: readonly string[], group: readonly string[]): boolean {
  let blankLater = false;
  let firstFilled = 0;
  let groups = 0;
  for (let i = 0; i < vals.length; i++) {
    const g = group[i]?.trim() ?? '';
    if (g === '') continue;
    const first = i === 0 || (group[i - 1]?.trim() ?? '') !== g;
    if (first) {
      groups++;
      if (filled(vals[i])) firstFilled++;
    } else if (!filled(vals[i]) && filled(vals[i - 1] ?? '')) blankLater = true;
  }
  return blankLater && groups > 0 && firstFilled >= 0.8 * groups;
}

const ID_RE = /^#?[A-Za-z0-9][A-Za-z0-9_\-/.#]{2,39}$/u;

/** Share of filled values that look like record identifiers: short, no blanks, with a digit, not an amount or a date. */
export function idLike(vals: readonly string[]): number {
  const f = vals.filter(filled).map((v) => v.trim());
  if (f.length === 0) return 0;
  return f.filter((v) => ID_RE.test(v) && /\d/u.test(v) && !/^-?\d+[.,]\d{1,2}$/u.test(v) && !/^\d{1,4}$/u.test(v)).length / f.length;
}

/**
 * The order id of a line-per-row export whose header names it in no known way (Shopify's "Name": #1001): an id-like
 * column that groups consecutive records, where other columns (the order's totals, dates, addresses) are written
 * only on each group's first record. The column with the most such companions wins.
 */
export function orderIdByValue(names: readonly string[], values: Map<string, string[]>, exclude: ReadonlySet<string>): string | undefined {
  let best: { col: string; companions: number } | undefined;
  for (const col of names) {
    if (exclude.has(col)) continue;
    const vals = values.get(col) ?? [];
    if (!isGroupColumn(vals) || idLike(vals) < 0.95 || profileColumn(vals).date > 0.5 || profileColumn(vals).email > 0) continue;
    const companions = names.filter((o) => o !== col && writtenOncePerGroup(values.get(o) ?? [], vals)).length;
    if (companions >= 2 && (!best || companions > best.companions)) best = { col, companions };
  }
  return best?.col;
}

/**
 * The order time when no header names it: the leftmost column whose values are all dates or times and that is filled
 * on at least half the records (footer lines are blank) — exports list the order's creation or payment first, shipping and delivery later.
 */
export function firstDateColumn(names: readonly string[], values: Map<string, string[]>, exclude: ReadonlySet<string>): string | undefined {
  return names.find((c) => {
    if (exclude.has(c)) return false;
    const vals = values.get(c) ?? [];
    const p = profileColumn(vals);
    return vals.length > 0 && p.filled >= 0.5 && p.date >= 0.95 && /\d{1,2}:\d{2}|\d{4}|[A-Za-z]{3}/u.test(vals.find(filled) ?? '');
  });
}

/** A UTC twin of a local-time column ("date_created" → "date_created_gmt"), which exports add beside it. */
export function utcTwin(column: string, names: readonly string[]): string | undefined {
  const base = column.toLowerCase();
  return names.find((n) => {
    const x = n.toLowerCase();
    return x !== base && x.startsWith(base) && /^[\s_.-]*(gmt|utc)$/u.test(x.slice(base.length));
  });
}

/** The column's values have a blank somewhere in the sample. */
export const hasBlanks = (vals: readonly string[]): boolean => vals.some((v) => !filled(v));

const CODE_RE = /^[A-Z0-9]+(?:[-_./][A-Z0-9]+)*$/u;

/**
 * The seller's SKU when no header names it: a column of upper-case codes ("RUN-BLK-10", "TT-LIN-NAT", "85123A") with
 * letters in a good part of them, not the grouping (order) column. The most code-like column wins, then the leftmost.
 */
export function skuByValue(names: readonly string[], values: Map<string, string[]>, exclude: ReadonlySet<string>): string | undefined {
  let best: { col: string; share: number } | undefined;
  for (const col of names) {
    if (exclude.has(col)) continue;
    const vals = values.get(col) ?? [];
    const f = vals.filter(filled).map((v) => v.trim());
    if (f.length < 0.3 * vals.length || f.length === 0 || isGroupColumn(vals)) continue;
    // a code: 4–40 characters, upper case letters and digits joined by - _ . /, with a digit or a joint (not "GBP")
    const code = f.filter((v) => CODE_RE.test(v) && v.length >= 4 && v.length <= 40 && /[\d\-_./]/u.test(v)).length / f.length;
    const letters = f.filter((v) => /[A-Z]/u.test(v)).length / f.length;
    if (code >= 0.8 && letters >= 0.3 && (!best || code > best.share)) best = { col, share: code };
  }
  return best?.col;
}

/** The money column next to the quantity (exports put the unit price beside it: "Quantity, Sold For"). */
export function priceBesideQuantity(names: readonly string[], values: Map<string, string[]>, quantity: string, exclude: ReadonlySet<string>): string | undefined {
  const i = names.indexOf(quantity);
  if (i < 0) return undefined;
  for (const j of [i + 1, i - 1]) {
    const c = names[j];
    if (c === undefined || exclude.has(c)) continue;
    const p = profileColumn(values.get(c) ?? []);
    if (p.filled > 0 && p.money >= 0.95 && p.integer < 0.5) return c;
  }
  return undefined;
}

/**
 * The column that groups records by values alone (a product handle on its variant rows): filled on nearly every
 * record, contiguous with repeats, and with columns written only on each group's first record. Most companions wins.
 */
export function groupByValue(names: readonly string[], values: Map<string, string[]>, exclude: ReadonlySet<string>): string | undefined {
  let best: { col: string; companions: number } | undefined;
  for (const col of names) {
    if (exclude.has(col)) continue;
    const vals = values.get(col) ?? [];
    if (!isGroupColumn(vals) || profileColumn(vals).date > 0.5) continue;
    const companions = names.filter((o) => o !== col && writtenOncePerGroup(values.get(o) ?? [], vals)).length;
    if (companions >= 2 && (!best || companions > best.companions)) best = { col, companions };
  }
  return best?.col;
}

/** A listing id column of codes with letters in some of them ("85123A", "71053"): a stock code, i.e. the SKU too. */
export function isStockCode(vals: readonly string[]): boolean {
  const f = vals.filter(filled).map((v) => v.trim());
  if (f.length === 0) return false;
  return f.filter((v) => CODE_RE.test(v)).length >= 0.8 * f.length && f.filter((v) => /[A-Z]/u.test(v)).length >= 0.1 * f.length;
}

/**
 * The record's own id when no header names it (a JSON order holding its line items): a column filled on every
 * record, different on each, short and without blanks, not a date, amount or e-mail. A column called id / number /
 * no comes first, then the leftmost.
 */
export function recordIdByValue(names: readonly string[], values: Map<string, string[]>, exclude: ReadonlySet<string>): string | undefined {
  const ok = names.filter((c) => {
    if (exclude.has(c) || c.includes('.')) return false;
    const vals = values.get(c) ?? [];
    const p = profileColumn(vals);
    return vals.length > 0 && p.filled === 1 && distinctFilled(vals) && p.date === 0 && p.email === 0 && vals.every((v) => /^#?[\w-]{1,40}$/u.test(v.trim())) && !vals.every((v) => /^(true|false)$/iu.test(v.trim()));
  });
  return ok.find((c) => /^(id|number|no)$/iu.test(c)) ?? ok[0];
}

/** Some id value comes with two different SKUs: the id names a product, not a variant. */
export function sharedBySkus(ids: readonly string[], skus: readonly string[]): boolean {
  const seen = new Map<string, string>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]?.trim() ?? '';
    const sku = skus[i]?.trim() ?? '';
    if (id === '' || sku === '') continue;
    const prev = seen.get(id);
    if (prev !== undefined && prev !== sku) return true;
    seen.set(id, sku);
  }
  return false;
}

/** On some record both are filled and `finer` extends `coarse` ("MUG-CER-BLU" of "MUG-CER"), and never contradicts it. */
export function extendsValues(finer: readonly string[], coarse: readonly string[]): boolean {
  let extended = false;
  for (let i = 0; i < Math.min(finer.length, coarse.length); i++) {
    const f = finer[i]?.trim() ?? '';
    const c = coarse[i]?.trim() ?? '';
    if (f === '' || c === '') continue;
    if (!f.startsWith(c)) return false;
    if (f.length > c.length) extended = true;
  }
  return extended;
}
