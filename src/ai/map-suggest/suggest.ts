// `omnifuse map suggest`: proposes a mapping file (docs/mapping.md) for an unknown export from its header and sample
// values — header aliases confirmed by value profiling — for the user to review. An LLM provider can refine it (llm.ts).

import { basename } from 'node:path';
import { readFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { foldHeader } from '../../connectors/header.js';
import { TRANSFORMS, type FieldMapping, type MappingInput, type TargetMapping, type Transform } from '../../connectors/mapping.js';
import { canonicalTables, type CanonicalTable } from '../../model/canonical.js';
import { xmlParser, xmlRecords } from '../../sources/xml-records.js';
import { decode } from '../../sources/encoding.js';
import { sniffFile, type Sniffed } from '../../sources/sniff.js';
import { parseCsv } from '../../util/csv.js';
import { aliasTable, type FieldRef } from './aliases.js';
import { profileColumn, valueFit, type ColumnProfile } from './profile.js';
import { amount, keyFallback, priceScaling, printedKey, productTitle, totalByIdentity } from './relations.js';
import { distinctFilled, extendsValues, firstDateColumn, groupByValue, hasBlanks, isGroupColumn, isStockCode, orderIdByValue, recordIdByValue, sharedBySkus, priceBesideQuantity, skuByValue, utcTwin, writtenOncePerGroup } from './structure.js';

export interface SuggestOptions {
  /** Platform label written into the mapping (default "own-shop"). */
  readonly platform?: string;
  /** Leave this platform's connector column names out of the alias table (for evaluation). */
  readonly excludePlatform?: string;
  readonly sampleRows?: number;
  /** What the user knows about the shop: zone of dates written without an offset, currency of bare amounts. */
  readonly timezone?: string;
  readonly currency?: string;
}

export interface Assignment {
  readonly table: CanonicalTable;
  readonly field: string;
  readonly column: string;
  readonly score: number;
  /** Further columns for the same field, taken where `column` is empty (`title` beside `g:title`). */
  readonly fallback?: readonly string[];
}

export interface Suggestion {
  readonly mapping: MappingInput;
  readonly yaml: string;
  readonly kind: 'orders' | 'listings' | 'customers' | 'reviews';
  readonly assignments: Assignment[];
  readonly unmapped: string[];
  /** A few sample values per column (for review and for an LLM refinement). */
  readonly samples: Record<string, string[]>;
}

interface Columns {
  readonly names: string[];
  /** Sample values per column, aligned: index i of every column is sample record i ('' where absent). */
  readonly values: Map<string, string[]>;
  /** JSON/XML: array of line-item objects inside each record, with its element keys. */
  readonly each?: { path: string; names: string[]; values: Map<string, string[]>; owner: number[] };
}

function jsonPath(rec: unknown, path: string): unknown {
  let cur = rec;
  for (const k of path.split('.')) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

/** Scalar leaves of a record by dotted path (arrays are left out: they become `each` targets). */
function flatRecord(rec: unknown, prefix = '', out = new Map<string, string>(), depth = 0): Map<string, string> {
  if (rec === null || rec === undefined) return out;
  if (typeof rec === 'string' || typeof rec === 'number' || typeof rec === 'boolean' || typeof rec === 'bigint') {
    if (prefix) out.set(prefix, String(rec));
    return out;
  }
  if (typeof rec !== 'object' || Array.isArray(rec) || depth > 4) return out;
  for (const [k, v] of Object.entries(rec as Record<string, unknown>)) flatRecord(v, prefix ? `${prefix}.${k}` : k, out, depth + 1);
  return out;
}

/** Columns of flattened records, every column aligned to the records (names in first-seen order). */
function alignedColumns(recs: readonly unknown[]): { names: string[]; values: Map<string, string[]> } {
  const flats = recs.map((r) => flatRecord(r));
  const names: string[] = [];
  const seen = new Set<string>();
  for (const f of flats) for (const k of f.keys()) if (!seen.has(k)) { seen.add(k); names.push(k); }
  return { names, values: new Map(names.map((n) => [n, flats.map((f) => f.get(n) ?? '')])) };
}

/** Elements under a path: an array's objects, or one object (XML writes a single repeated element as an object). */
function elementsAt(rec: unknown, path: string): unknown[] {
  const v = jsonPath(rec, path);
  if (Array.isArray(v)) return v.filter((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
  return v !== null && typeof v === 'object' ? [v] : [];
}

/** Fields that make an array of objects look like line items. */
const LINE_FIELDS = ['title', 'sku', 'quantity', 'unit_price', 'platform_listing_id', 'line_total'];

/** Paths (depth ≤ 3) holding an array of objects in some record, shallowest first. */
function findEach(recs: readonly unknown[]): string[] {
  const found = new Map<string, number>();
  const walk = (v: unknown, prefix: string, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > 3) return;
    if (Array.isArray(v)) {
      if (prefix && v.some((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) found.set(prefix, (found.get(prefix) ?? 0) + v.length);
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, prefix ? `${prefix}.${k}` : k, depth + 1);
  };
  for (const r of recs) walk(r, '', 0);
  return [...found.entries()].sort((a, b) => a[0].split('.').length - b[0].split('.').length || b[1] - a[1]).map((e) => e[0]);
}

/** Records of a delimited text, quote-aware (a quoted cell may hold the delimiter, quotes and line breaks). */
export const delimitedRows = (text: string, delim: string): string[][] => parseCsv(text, delim);

async function readRecords(file: Sniffed, rows: number): Promise<unknown[]> {
  if ((file.format === 'json' || file.format === 'ndjson') && file.size < 64 * 1024 * 1024) {
    const text = decode(await readFile(file.path), file.encoding);
    if (file.format === 'ndjson') return text.split('\n').filter((l) => l.trim()).slice(0, rows).map((l) => JSON.parse(l) as unknown);
    const doc = JSON.parse(text) as unknown;
    return ([] as unknown[]).concat(file.recordsKey ? jsonPath(doc, file.recordsKey) : doc).slice(0, rows);
  }
  if (file.format === 'xml' && file.recordTag) {
    const parser = xmlParser();
    const out: unknown[] = [];
    for await (const r of xmlRecords(file.path, file.encoding, file.recordTag)) {
      if (r.error) break;
      out.push((parser.parse(r.text) as Record<string, unknown>)[file.recordTag]);
      if (out.length >= rows) break;
    }
    return out;
  }
  return [];
}

async function readColumns(file: Sniffed, rows: number, aliases: Map<FieldRef, Set<string>>): Promise<Columns> {
  if (file.format === 'csv' && file.delimiter !== undefined) {
    // Skip the preamble and header lines, then read quote-aware; a last record cut off by the end of the sample is dropped.
    let at = 0;
    for (let i = 0; i <= (file.headerIndex ?? 0); i++) {
      const nl = file.sample.indexOf('\n', at);
      at = nl < 0 ? file.sample.length : nl + 1;
    }
    const body = file.sample.slice(at);
    let recs = delimitedRows(body, file.delimiter).filter((r) => r.some((c) => c.trim() !== ''));
    if (Buffer.byteLength(file.sample) < file.size && recs.length > 1) recs = recs.slice(0, -1);
    recs = recs.slice(0, rows);
    const values = new Map<string, string[]>(file.header.map((h, i) => [h, recs.map((r) => r[i] ?? '')]));
    return { names: file.header, values };
  }
  const recs = await readRecords(file, rows);
  if (recs.length === 0) return { names: file.header, values: new Map(file.header.map((h) => [h, []])) };
  const top = alignedColumns(recs);
  // The line items: of the arrays of objects, the one whose element keys name the most line fields, at least two
  // (line_items, not tax_lines or a product's attributes); ties go to the shallower path.
  let each: Columns['each'];
  let best = 0;
  for (const path of findEach(recs)) {
    const els = recs.map((r) => elementsAt(r, path));
    const lines = alignedColumns(els.flat());
    const n = assign('order_line', lines.names, lines.values, aliases, new Set(['platform_order_id'])).filter((a) => LINE_FIELDS.includes(a.field)).length;
    if (n > best && n >= 2) { best = n; each = { path, names: lines.names, values: lines.values, owner: els.flatMap((e, i) => e.map(() => i)) }; }
  }
  return each ? { ...top, each } : top;
}

const GENERIC = new Set(['id', 'name', 'date', 'type', 'no', 'number', 'code', 'value', 'amount', 'status', 'state', 'order', 'item', 'product', 'time', 'total', 'price', 'title']);

/** "AmazonOrderId" → "Amazon Order Id", "SellerSKU" → "Seller SKU": JSON and XML keys written in camel case. */
const splitCamel = (s: string): string => s.replace(/([a-z\d])([A-Z])/gu, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/gu, '$1 $2');

/** Prepositions and articles of French, Spanish and Portuguese headers ("Titre de l'objet": l, objet). */
const ROMANCE = new Set(['de', 'du', 'des', 'do', 'da', 'del', 'dos', 'das', 'l', 'la', 'le', 'el', 'o', 'a', 'd']);

/** Words that only say a column belongs to the line item or product ("Lineitem name", "Item price", "Product title"). */
const QUALIFIERS = new Set(['lineitem', 'line', 'item', 'product', 'article', 'variant', 'goods']);

/** The folded last path segment without an XML namespace ("g:shipping.g:price" → "price"). */
const leafName = (column: string): string => foldHeader((column.split('.').pop() ?? column).replace(/^[A-Za-z][\w-]*:/u, ''));

/** Leaves that only hold an object's value ("OrderTotal.Amount", "Total.#text"): the object names the field. */
const VALUE_LEAVES = new Set(['amount', '#text', 'value', 'text']);

/** itemField: the field is the line item's or listing's, so a qualifier ("Item price") confirms it rather than naming another thing. */
function aliasScore(column: string, aliases: Set<string> | undefined, itemField = true): number {
  if (!aliases) return 0;
  const dot = column.lastIndexOf('.');
  if (dot > 0 && VALUE_LEAVES.has(column.slice(dot + 1).toLowerCase())) return aliasScore(column.slice(0, dot), aliases, itemField);
  // XML namespaces ("g:price" in a Google feed) say nothing about the field.
  if (/(^|\.)[A-Za-z][\w-]*:/u.test(column)) return aliasScore(column.replace(/(^|\.)[A-Za-z][\w-]*:/gu, '$1'), aliases, itemField);
  const f = foldHeader(column);
  const c = foldHeader(splitCamel(column));
  if (aliases.has(f) || aliases.has(c)) return 1;
  const parts = column.split('.');
  const last = parts.at(-1) ?? column;
  if (aliases.has(foldHeader(last)) || aliases.has(foldHeader(splitCamel(last)))) {
    // A generic leaf under an object that is not the item's ("ShippingAddress.Name") is that object's, not the field's.
    const parent = foldHeader(splitCamel(parts.at(-2) ?? '')).split(' ').at(-1) ?? '';
    return GENERIC.has(foldHeader(last)) && parent !== '' && !QUALIFIERS.has(parent) ? 0.45 : 0.9;
  }
  const words = new Set(c.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  let best = 0;
  for (const a of aliases) {
    if (a.startsWith('~')) {
      const bare = f.replace(/[(（][^)）]*[)）]$/u, '');
      if (bare.endsWith(a.slice(1)) && !bare.endsWith(`总${a.slice(1)}`)) best = Math.max(best, 0.6);
      continue;
    }
    const aw = a.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    // A single generic word ("id", "date", "name") inside a longer header says little about which id or date it is,
    // unless the only other word says the column is the line item's or product's ("Lineitem name", "Item price").
    if (aw.length === 1 && GENERIC.has(aw[0] as string)) {
      // ("Item Number" is the item's number, never the order's or the buyer's.)
      if (itemField && words.size === 2 && words.has(aw[0] as string) && [...words].some((w) => QUALIFIERS.has(w))) best = Math.max(best, 0.7);
      continue;
    }
    // The alias's words inside a longer header count when the header ends in one of them (its head noun: "Buyer City"
    // is a city, not a buyer) and adds at most one word ("order_estimated_delivery_date" is no order date).
    // ("Quantity Ordered": a trailing participle qualifies the noun before it.)
    // French, Spanish and Portuguese put the head first ("Titre de l'objet", "Date de vente"); their prepositions
    // are not counted as extra words.
    const romance = [...words].some((w) => ROMANCE.has(w));
    const ws = [...words].filter((w) => !ROMANCE.has(w));
    const head = romance ? (ws[0] ?? '') : ws.length > 1 && /[a-z]ed$/u.test(ws.at(-1) ?? '') ? (ws.at(-2) ?? '') : (ws.at(-1) ?? '');
    if (aw.length > 0 && aw.every((w) => words.has(w)) && aw.includes(head) && ws.length - aw.length <= 1) best = Math.max(best, 0.5 + 0.3 * (aw.length / Math.max(1, words.size)));
    else if (/[\u4e00-\u9fff]/u.test(a) && f.includes(a)) best = Math.max(best, f.startsWith('子') && !a.startsWith('子') ? 0.6 : 0.7);
  }
  // (子 "sub-": 子订单编号 is the line's number inside the order 主订单编号, so it loses to the order's own.)
  return best;
}

function fieldType(table: CanonicalTable, field: string): string {
  const spec = (canonicalTables[table].fields as Record<string, { sqlType: string }>)[field];
  const t = spec?.sqlType ?? 'VARCHAR';
  return t === 'BIGINT' ? 'int' : t.startsWith('DECIMAL(18,4)') ? 'money' : t.startsWith('DECIMAL') ? 'rate' : t === 'TIMESTAMPTZ' ? 'ts' : t === 'DATE' ? 'date' : 'text';
}

const SHARED_OK = new Set(['platform_listing_id|sku', 'sku|platform_listing_id', 'platform_customer_id|email_hash', 'email_hash|platform_customer_id', 'platform_order_id|platform_line_id']);

function assign(table: CanonicalTable, cols: Columns['names'], values: Map<string, string[]>, aliases: Map<FieldRef, Set<string>>, exclude: ReadonlySet<string> = new Set()): Assignment[] {
  const profiles = new Map<string, ColumnProfile>(cols.map((c) => [c, profileColumn(values.get(c) ?? [])]));
  const cands: Assignment[] = [];
  for (const field of Object.keys(canonicalTables[table].fields)) {
    if (field === 'platform' || exclude.has(field)) continue;
    const type = fieldType(table, field);
    for (const column of cols) {
      const a = aliasScore(column, aliases.get(`${table}.${field}`), table === 'order_line' || table === 'listing' || table === 'inventory_snapshot');
      if (a === 0) continue;
      const prof = profiles.get(column) as ColumnProfile;
      // A mostly empty column (a sale price beside the price) loses to a filled one with the same alias.
      // A generic column name ("id", "number") loses a tie to a specific one ("order_number").
      const specific = GENERIC.has(leafName(column)) ? 0.95 : 1;
      const score = a * specific * (0.3 + 0.7 * valueFit(type, field, prof)) * (0.7 + 0.3 * prof.filled);
      if (score >= 0.4) cands.push({ table, field, column, score });
    }
  }
  cands.sort((x, y) => y.score - x.score || x.field.localeCompare(y.field) || x.column.localeCompare(y.column));
  const byField = new Map<string, Assignment>();
  const byColumn = new Map<string, string[]>();
  for (const c of cands) {
    if (byField.has(c.field)) continue;
    const users = byColumn.get(c.column) ?? [];
    if (users.some((u) => !SHARED_OK.has(`${u}|${c.field}`))) continue;
    byField.set(c.field, c);
    byColumn.set(c.column, [...users, c.field]);
  }
  // A chosen column with blanks gets the field's other candidates, unused elsewhere, that are filled where it is empty.
  const usedCols = new Set([...byField.values()].map((a) => a.column));
  return [...byField.values()].map((a) => {
    const mine = values.get(a.column) ?? [];
    if (a.field === 'sku') {
      // A variant's SKU extends its product's (MUG-CER-BLU of MUG-CER): the more specific column comes first.
      const finer = cands.find((c) => c.field === 'sku' && c.column !== a.column && !usedCols.has(c.column) && extendsValues(values.get(c.column) ?? [], mine));
      if (finer) return { ...a, column: finer.column, fallback: [a.column] };
    }
    if (!mine.some((v) => v.trim() === '')) return a;
    const more = cands.filter((c) => c.field === a.field && c.column !== a.column && !usedCols.has(c.column) && mine.some((v, i) => v.trim() === '' && (values.get(c.column)?.[i] ?? '').trim() !== ''));
    return more.length > 0 ? { ...a, fallback: [...new Set(more.map((c) => c.column))] } : a;
  });
}

const DATE_FORMATS = ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y', '%d.%m.%Y %H:%M:%S', '%d.%m.%Y', '%d-%b-%y', '%b-%d-%y', '%d %b %Y', '%b %d, %Y', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M'];

/** Date formats compatible with the samples: day-first when a first number exceeds 12, month-first when a second does. */
function dateFormats(samples: readonly string[]): string[] {
  const dm = samples.map((s) => /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/u.exec(s.trim())).filter((m): m is RegExpExecArray => m !== null);
  const dayFirst = dm.some((m) => Number(m[1]) > 12);
  const monthFirst = dm.some((m) => Number(m[2]) > 12);
  return DATE_FORMATS.filter((f) => !(dayFirst && f.startsWith('%m/')) && !(monthFirst && (f.startsWith('%d/') || f.startsWith('%d.'))));
}

function fieldSpec(a: Assignment, values: Map<string, string[]>): TargetMapping[string] {
  const spec = baseSpec(a, values);
  if (!a.fallback || a.fallback.length === 0) return spec;
  const column = [a.column, ...a.fallback];
  return typeof spec === 'string' ? { column } : { ...(spec as FieldMapping), column };
}

function baseSpec(a: Assignment, values: Map<string, string[]>): TargetMapping[string] {
  const type = fieldType(a.table, a.field);
  if (type === 'ts' || type === 'date') return { column: a.column, format: dateFormats(values.get(a.column) ?? []), on_error: 'null' };
  if (a.field === 'platform_customer_id' && profileColumn(values.get(a.column) ?? []).email > 0.8) return { column: a.column, transform: 'email_hash' };
  // Personal data is only stored hashed or masked: a field named after its transform (email_hash, phone_hash,
  // phone_fragment_hash, name_tokens) gets that transform, the masked name gets mask_name.
  if ((TRANSFORMS as readonly string[]).includes(a.field)) return { column: a.column, transform: a.field as Transform };
  if (a.field === 'name_masked') return { column: a.column, transform: 'mask_name' };
  if (a.field.endsWith('postcode') || (a.field.startsWith('platform_') && a.field.endsWith('_id'))) return { column: a.column, transform: 'id' };
  if (a.field.endsWith('country')) return { column: a.column, transform: 'country', on_error: 'null' };
  if (a.table === 'orders' && a.field === 'total' && a.score === 0.5) return { column: a.column, agg: 'sum', on_error: 'null' };
  if (type === 'money' || type === 'int') return { column: a.column, on_error: 'null' };
  return a.column;
}

function target(as: readonly Assignment[], values: Map<string, string[]>, key?: string[]): TargetMapping {
  const t: TargetMapping = key ? { key } : {};
  for (const a of [...as].sort((x, y) => x.field.localeCompare(y.field))) t[a.field] = fieldSpec(a, values);
  return t;
}

const has = (as: readonly Assignment[], ...fields: string[]): boolean => fields.some((f) => as.some((a) => a.field === f));

/** The mapping as YAML with a review note and the columns left unmapped. */
export function suggestionYaml(mapping: MappingInput, unmapped: readonly string[], fileName: string): string {
  return [
    `# Suggested by \`omnifuse map suggest\` from the header and sample values of ${fileName}.`,
    '# Review every line before ingesting: field <- column choices are guesses (scores in --json).',
    ...(unmapped.length > 0 ? [`# Columns not mapped: ${unmapped.join(', ')}`] : []),
    stringify(mapping, { lineWidth: 0 }),
  ].join('\n');
}

/** Assignments with `column` moved to the UTC twin of a local-time column where the file has one. */
function preferUtc(as: Assignment[], names: readonly string[]): Assignment[] {
  return as.map((a) => {
    const t = fieldType(a.table, a.field);
    const twin = t === 'ts' || t === 'date' ? utcTwin(a.column, names) : undefined;
    return twin ? { ...a, column: twin } : a;
  });
}

/** The e-mail by its values when no header names it (an account column holding e-mails, hashed as e-mails). */
function withEmail(as: Assignment[], names: readonly string[], values: Map<string, string[]>): Assignment[] {
  const email = as.find((a) => a.field === 'email_hash');
  // An account without an id column is keyed by its e-mail (hashed).
  if (email) return has(as, 'platform_customer_id') ? as : [...as, { ...email, field: 'platform_customer_id' }];
  const col = names.find((c) => { const p = profileColumn(values.get(c) ?? []); return p.filled > 0 && (p.email >= 0.8 || (p.email >= 0.3 && p.email * p.filled >= 0.3)); });
  if (!col) return as;
  const out: Assignment[] = [...as, { table: 'customer_account', field: 'email_hash', column: col, score: 0.5 }];
  return has(as, 'platform_customer_id') ? out : [...out, { table: 'customer_account', field: 'platform_customer_id', column: col, score: 0.5 }];
}

/**
 * A line "price" that is the line's amount (price × quantity already: Amazon's ItemPrice): checked against the order
 * totals of the sample — when price × quantity summed over an order's lines exceeds its total on some order while
 * the plain sum never does, the column is the line total (the unit price is then derived from it).
 */
function priceIsLineTotal(line: Assignment[], orders: readonly Assignment[], cols: Columns): Assignment[] {
  const price = line.find((a) => a.field === 'unit_price');
  const qty = line.find((a) => a.field === 'quantity');
  const total = orders.find((a) => a.field === 'total');
  if (!price || !qty || !total || !cols.each || has(line, 'line_total')) return line;
  const num = (v: string | undefined): number => Number((v ?? '').replace(/[^\d.-]/gu, '') || NaN);
  const p = cols.each.values.get(price.column) ?? [];
  const q = cols.each.values.get(qty.column) ?? [];
  const sums = new Map<number, { times: number; plain: number }>();
  cols.each.owner.forEach((o, i) => {
    const s = sums.get(o) ?? { times: 0, plain: 0 };
    s.times += num(p[i]) * num(q[i]);
    s.plain += num(p[i]);
    sums.set(o, s);
  });
  const totals = cols.values.get(total.column) ?? [];
  let timesOver = false;
  let plainOver = false;
  for (const [o, s] of sums) {
    const t = num(totals[o]);
    if (!Number.isFinite(t) || !Number.isFinite(s.times)) continue;
    if (s.times > t + 0.005) timesOver = true;
    if (s.plain > t + 0.005) plainOver = true;
  }
  return timesOver && !plainOver ? line.map((a) => (a === price ? { ...a, field: 'line_total' } : a)) : line;
}

/** Order time from values when no header named it (leftmost fully dated column). */
function withPlacedAt(table: CanonicalTable, as: Assignment[], names: readonly string[], values: Map<string, string[]>): Assignment[] {
  if (has(as, 'placed_at')) return as;
  const used = new Set(as.map((a) => a.column));
  const col = firstDateColumn(names, values, used);
  return col ? [...as, { table, field: 'placed_at', column: col, score: 0.5 }] : as;
}

/** `fill_down: group` on the fields whose columns are written once per group (product fields on variant rows). */
function fillDown(t: TargetMapping, as: readonly Assignment[], values: Map<string, string[]>, group: string | undefined, keyCol: string): TargetMapping {
  if (!group) return t;
  const g = values.get(group) ?? [];
  if (!isGroupColumn(g)) return t;
  for (const a of as) {
    if (a.column === group || a.column === keyCol) continue;
    if (!writtenOncePerGroup(values.get(a.column) ?? [], g)) continue;
    const spec = t[a.field];
    t[a.field] = typeof spec === 'string' ? { column: spec, fill_down: group } : { ...(spec as FieldMapping), fill_down: group };
  }
  return t;
}

export async function suggestMapping(path: string, opts: SuggestOptions = {}): Promise<Suggestion> {
  const file = await sniffFile(path);
  const aliases = await aliasTable(opts.excludePlatform);
  const cols = await readColumns(file, opts.sampleRows ?? 200, aliases);
  const platform = opts.platform ?? 'own-shop';
  const targets: Partial<Record<CanonicalTable, TargetMapping>> = {};
  const assignments: Assignment[] = [];
  let kind: Suggestion['kind'];
  const blanks = (c: string): boolean => hasBlanks(cols.values.get(c) ?? []);

  let orders = assign('orders', cols.names, cols.values, aliases);
  let line = cols.each ? assign('order_line', cols.each.names, cols.each.values, aliases, new Set(['platform_order_id'])) : assign('order_line', cols.names, cols.values, aliases);
  {
    // Line fields no header names, found by their values: the SKU column and the unit price beside the quantity.
    const lc = cols.each ?? { names: cols.names, values: cols.values };
    const used = new Set([...line, ...orders].map((a) => a.column));
    const lid = line.find((a) => a.field === 'platform_listing_id');
    if (!has(line, 'sku') && lid && isStockCode(lc.values.get(lid.column) ?? [])) line.push({ ...lid, field: 'sku' });
    if (!has(line, 'sku')) {
      // The listing id may be the SKU itself (a stock code): it stays a candidate.
      const sku = skuByValue(lc.names, lc.values, new Set([...used].filter((c) => !line.some((a) => a.field === 'platform_listing_id' && a.column === c))));
      if (sku) line.push({ table: 'order_line', field: 'sku', column: sku, score: 0.5 });
    }
    const qty = line.find((a) => a.field === 'quantity');
    if (qty && !has(line, 'unit_price', 'line_total')) {
      const price = priceBesideQuantity(lc.names, lc.values, qty.column, used);
      if (price) line.push({ table: 'order_line', field: 'unit_price', column: price, score: 0.5 });
    }
    // A price that grows with the quantity on records of one item is the line's amount, not the unit price.
    const up = line.find((a) => a.field === 'unit_price');
    const item = ['sku', 'platform_listing_id', 'title'].map((f) => line.find((a) => a.field === f)).find((a) => a !== undefined);
    if (qty && up && item && !has(line, 'line_total') && priceScaling(lc.values.get(up.column) ?? [], lc.values.get(qty.column) ?? [], lc.values.get(item.column) ?? []) === 'line') {
      line = line.map((a) => (a === up ? { ...a, field: 'line_total' } : a));
    }
  }
  let orderId = orders.find((a) => a.field === 'platform_order_id');
  // An order id alone is weak evidence (many exports call every id "id"); an orders file also has order-ish columns.
  let orderish = orderId !== undefined && orderId.score >= 0.6 && (/order|invoice|订单|pedido|commande|bestell|交易/iu.test(splitCamel(orderId.column)) || (orderId.score >= 0.9 && !GENERIC.has(leafName(orderId.column))));
  const lineUseful = (): boolean => has(line, 'title', 'sku', 'quantity', 'unit_price', 'platform_listing_id');
  // A review file names an order too (the order reviewed): a rating beside a review id or text decides.
  const review = assign('review', cols.names, cols.values, aliases);
  const isReview = has(review, 'rating') && has(review, 'platform_review_id', 'body') && !has(line, 'quantity', 'unit_price');
  // Records that hold an array of line items are orders, whatever their id is called ("id", "number").
  if (cols.each && has(line, 'quantity') && has(line, 'title', 'sku', 'platform_listing_id', 'unit_price') && !orderish) {
    const id = recordIdByValue(cols.names, cols.values, new Set());
    if (id) {
      orderId = { table: 'orders', field: 'platform_order_id', column: id, score: 0.6 };
      orders = [orderId, ...orders.filter((a) => a.field !== 'platform_order_id' && a.column !== id)];
      orderish = true;
    }
  }
  if (isReview) orderish = false;
  if (!orderish && !isReview && !cols.each && lineUseful()) {
    // No header names the order id: a line-per-row export still shows it by its values (see structure.ts).
    const byValue = orderIdByValue(cols.names, cols.values, new Set(line.filter((a) => a.field !== 'title').map((a) => a.column)));
    if (byValue) {
      orderId = { table: 'orders', field: 'platform_order_id', column: byValue, score: 0.6 };
      orders = [orderId, ...orders.filter((a) => a.field !== 'platform_order_id' && a.column !== byValue)];
      line = line.filter((a) => a.column !== byValue);
      orderish = true;
    }
  }
  if (orderId && orderish) {
    kind = 'orders';
    {
      // The order id as printed (#1007 beside 1007), and a second id column where the order id is blank.
      const others = new Set([...orders, ...(cols.each ? [] : line)].filter((a) => a.field !== 'platform_order_id').map((a) => a.column));
      const printed = printedKey(orderId.column, cols.names, cols.values, others);
      const fallback = keyFallback(printed ?? orderId.column, cols.names, cols.values, others);
      if (printed || fallback) {
        const was = orderId.column;
        const moved = (a: Assignment): Assignment => (a.field === 'platform_order_id' && a.column === was ? { ...a, column: printed ?? was, ...(fallback ? { fallback: [...(a.fallback ?? []), fallback] } : {}) } : a);
        orders = orders.map(moved);
        line = line.map(moved);
        orderId = moved(orderId);
      }
    }
    orders = preferUtc(withPlacedAt('orders', orders, cols.names, cols.values), cols.names);
    if (!has(orders, 'total') && !cols.each) {
      // The only amount of a per-order file (a payments export) is the order's total, summed over its rows.
      const used = new Set([...orders, ...line].map((a) => a.column));
      const money = cols.names.filter((c) => { const p = profileColumn(cols.values.get(c) ?? []); return !used.has(c) && p.filled > 0.5 && p.money >= 0.95 && p.integer < 0.5; });
      if (money.length === 1 && !lineUseful()) orders.push({ table: 'orders', field: 'total', column: money[0] as string, score: 0.5 });
    }
    if (!has(orders, 'total') && !cols.each && lineUseful()) {
      // The total by arithmetic: the amount that goods + shipping − discounts add up to on every record.
      const col = (f: string): string[] | undefined => { const a = line.find((x) => x.field === f); return a ? cols.values.get(a.column) : undefined; };
      const [up, q, lt] = [col('unit_price'), col('quantity'), col('line_total')];
      const goods = up && q ? up.map((v, i) => amount(v) * Number(q[i]?.trim() || NaN)) : lt ? lt.map(amount) : [];
      const lineTotal = line.find((a) => a.field === 'line_total');
      const taken = new Set([...orders, ...line].filter((a) => !(a === lineTotal && up && q)).map((a) => a.column));
      const total = totalByIdentity(cols.names, cols.values, goods, taken);
      if (total) {
        // (score 0.45: a total scored 0.5 is a payments file's column summed per order, see baseSpec)
        orders.push({ table: 'orders', field: 'total', column: total, score: 0.45 });
        // a column first taken for the line's amount is the order's; the line's amount follows from price × quantity
        if (lineTotal?.column === total) line = line.filter((a) => a !== lineTotal);
      }
    }
    targets.orders = target(orders, cols.values, ['platform_order_id']);
    assignments.push(...orders);
    if (lineUseful()) {
      if (cols.each) {
        line = withPlacedAt('order_line', preferUtc(line, cols.each.names), cols.each.names, cols.each.values);
        line = priceIsLineTotal(line, orders, cols);
        const t = target(line, cols.each.values);
        const placed = orders.find((a) => a.field === 'placed_at');
        if (!has(line, 'placed_at') && placed) t.placed_at = { ...(fieldSpec(placed, cols.values) as FieldMapping), column: `$.${placed.column}` };
        targets.order_line = { each: cols.each.path, platform_order_id: { column: `$.${orderId.column}`, transform: 'id' }, ...t };
      } else {
        line = preferUtc(line, cols.names);
        // Without a unit price the line's amount is the goods value before order-level discounts: the order's subtotal.
        const sub = orders.find((a) => a.field === 'subtotal');
        if (sub && !has(line, 'unit_price')) line = [...line.filter((a) => a.field !== 'line_total'), { ...sub, table: 'order_line', field: 'line_total' }];
        if (!has(line, 'placed_at')) { const placed = orders.find((a) => a.field === 'placed_at'); if (placed) line.push({ ...placed, table: 'order_line' }); }
        // The line's order id is the order's: an order_line target without one cannot be keyed.
        const withOrder = line.some((a) => a.field === 'platform_order_id') ? line : [...line, { ...orderId, table: 'order_line' as const }];
        const t = target(withOrder, cols.values);
        // A line-per-row export without a quantity column sells one unit per row.
        if (!has(line, 'quantity')) t.quantity = { const: 1 };
        // Summary rows of an order (eBay) carry no item: only records with the line's item feed order_line.
        const ident = ['platform_listing_id', 'sku', 'title'].map((f) => line.find((a) => a.field === f)).find((a) => a !== undefined);
        if (ident && blanks(ident.column)) t.when_present = ident.column;
        targets.order_line = t;
      }
      assignments.push(...line);
    }
    // The lines also describe the listings sold: id, SKU, title and the unit price as the listing price.
    const lines = cols.each ?? { names: cols.names, values: cols.values };
    let lid = line.find((x) => x.field === 'platform_listing_id') ?? line.find((x) => x.field === 'sku');
    // Listings are per variant: an item id shared by several SKUs (a goods id) gives way to the SKU.
    const lineSku = line.find((x) => x.field === 'sku');
    if (lid && lineSku && lid.column !== lineSku.column && sharedBySkus(lines.values.get(lid.column) ?? [], lines.values.get(lineSku.column) ?? [])) lid = lineSku;
    if (lineUseful() && lid) {
      const pick = (f: string, as: string): Assignment[] => line.filter((x) => x.field === f).map((x) => ({ ...x, table: 'listing' as const, field: as }));
      // A title the line's name extends is the product's: the listing takes it, the line keeps the name.
      const name = line.find((x) => x.field === 'title');
      const product = name ? productTitle(name.column, lines.names, lines.values, new Set(line.map((x) => x.column))) : undefined;
      const title = name && product ? [{ ...name, table: 'listing' as const, field: 'title', column: product, fallback: [name.column] }] : pick('title', 'title');
      const listing = [{ ...lid, table: 'listing' as const, field: 'platform_listing_id' }, ...pick('sku', 'sku'), ...title, ...pick('unit_price', 'price'), ...pick('currency', 'currency')];
      const t = target(listing, lines.values, ['platform_listing_id']);
      if (cols.each) t.each = cols.each.path;
      t.when_present = lid.column;
      targets.listing = t;
    }
    const cust = withEmail(assign('customer_account', cols.names, cols.values, aliases).filter((a) => a.column !== orderId?.column), cols.names, cols.values);
    const cid = cust.find((a) => a.field === 'platform_customer_id');
    if (cid) {
      const t = target(cust, cols.values, ['platform_customer_id']);
      t.when_present = cid.column;
      targets.customer_account = t;
      assignments.push(...cust);
    }
  } else {
    const listing = assign('listing', cols.names, cols.values, aliases);
    const cust = assign('customer_account', cols.names, cols.values, aliases);
    if (isReview) {
      kind = 'reviews';
      targets.review = target(review, cols.values);
      assignments.push(...review);
    } else if (has(listing, 'title', 'price', 'gtin', 'category_path') || !has(cust, 'platform_customer_id')) {
      kind = 'listings';
      let id = listing.find((x) => x.field === 'platform_listing_id');
      const sku = listing.find((x) => x.field === 'sku');
      let group: string | undefined;
      // Without an id column the SKU is the listing's id; the product those SKUs belong to may still group the rows.
      if (!id && sku) {
        id = { ...sku, field: 'platform_listing_id' };
        listing.push(id);
        group = groupByValue(cols.names, cols.values, new Set(listing.map((a) => a.column)));
      }
      // An id repeated on several records (a product handle on its variant rows) is the group, not the listing:
      // the SKU, different on every record, keys the listings then.
      if (id && sku && id.column !== sku.column && !distinctFilled(cols.values.get(id.column) ?? []) && distinctFilled(cols.values.get(sku.column) ?? [])) {
        group = id.column;
        const i = listing.indexOf(id);
        id = { ...id, column: sku.column };
        listing[i] = id;
      }
      // Without a seller SKU column the listing id is the seller's handle for the item.
      if (id && !sku) listing.push({ ...id, field: 'sku' });
      const t = target(listing, cols.values, id ? ['platform_listing_id'] : undefined);
      if (id && blanks(id.column)) t.when_present = id.column;
      // One listing per record keyed by a per-record id may still sit in product groups (variant rows of a handle).
      if (!group && id && distinctFilled(cols.values.get(id.column) ?? [])) group = groupByValue(cols.names, cols.values, new Set([id.column]));
      targets.listing = fillDown(t, listing, cols.values, group, id?.column ?? '');
      assignments.push(...listing);
    } else {
      kind = 'customers';
      targets.customer_account = target(cust, cols.values, ['platform_customer_id']);
      assignments.push(...cust);
    }
  }
  const read: MappingInput['read'] = {};
  // Delimited files: format, delimiter and header line are left to the sniffer, as for the platform connectors
  // (stating `format`/`delimiter` makes the reader take the first line as the header, which a preamble breaks).
  if (file.format !== 'csv') read.format = file.format;
  if (file.encoding === 'gb18030') read.encoding = 'gb18030';
  if (opts.timezone) read.timezone = opts.timezone;
  if (opts.currency) read.currency = opts.currency;
  if (file.recordsKey) read.records = file.recordsKey;
  if (file.recordTag) read.records = file.recordTag;
  const mapping: MappingInput = { name: `${basename(path).replace(/\.[^.]+$/u, '')}-suggested`, platform, kind, read, targets };
  const used = new Set(assignments.map((a) => a.column));
  const unmapped = cols.names.filter((c) => !used.has(c));
  const yaml = suggestionYaml(mapping, unmapped, basename(path));
  const samples = Object.fromEntries([...cols.values].map(([c, v]) => [c, v.filter((x) => x.trim() !== '').slice(0, 3)]));
  return { mapping, yaml, kind, assignments, unmapped, samples };
}
