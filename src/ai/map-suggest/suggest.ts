// `omnifuse map suggest`: proposes a mapping file (docs/mapping.md) for an unknown export from its header and sample
// values — header aliases confirmed by value profiling — for the user to review. An LLM provider can refine it (llm.ts).

import { basename } from 'node:path';
import { readFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { foldHeader } from '../../connectors/header.js';
import type { MappingInput, TargetMapping } from '../../connectors/mapping.js';
import { canonicalTables, type CanonicalTable } from '../../model/canonical.js';
import { splitLine } from '../../sources/delimited.js';
import { decode } from '../../sources/encoding.js';
import { sniffFile, type Sniffed } from '../../sources/sniff.js';
import { aliasTable, type FieldRef } from './aliases.js';
import { profileColumn, valueFit, type ColumnProfile } from './profile.js';

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
  readonly values: Map<string, string[]>;
  /** JSON: array of line-item objects inside each record, with its element keys. */
  readonly each?: { path: string; names: string[]; values: Map<string, string[]> };
}

function jsonPath(rec: unknown, path: string): unknown {
  let cur = rec;
  for (const k of path.split('.')) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

function flatValues(rec: unknown, prefix: string, out: Map<string, string[]>, depth = 0): void {
  if (rec === null || rec === undefined) return;
  if (typeof rec === 'string' || typeof rec === 'number' || typeof rec === 'boolean' || typeof rec === 'bigint') {
    const l = out.get(prefix) ?? out.set(prefix, []).get(prefix);
    l?.push(String(rec));
    return;
  }
  if (typeof rec !== 'object') return;
  if (Array.isArray(rec) || depth > 4) return;
  for (const [k, v] of Object.entries(rec as Record<string, unknown>)) flatValues(v, prefix ? `${prefix}.${k}` : k, out, depth + 1);
}

async function readColumns(file: Sniffed, rows: number): Promise<Columns> {
  const values = new Map<string, string[]>(file.header.map((h) => [h, []]));
  if (file.format === 'csv' && file.delimiter !== undefined) {
    const lines = file.sample.split(/\r?\n/u).slice((file.headerIndex ?? 0) + 1, (file.headerIndex ?? 0) + 1 + rows);
    for (const line of lines) {
      if (line.trim() === '') continue;
      const cells = splitLine(line, file.delimiter);
      file.header.forEach((h, i) => values.get(h)?.push(cells[i] ?? ''));
    }
    return { names: file.header, values };
  }
  if ((file.format === 'json' || file.format === 'ndjson') && file.size < 64 * 1024 * 1024) {
    const text = decode(await readFile(file.path), file.encoding);
    const docs: unknown[] = file.format === 'ndjson' ? text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown) : [JSON.parse(text) as unknown];
    const recs = (file.format === 'ndjson' ? docs : ([] as unknown[]).concat(file.recordsKey ? jsonPath(docs[0], file.recordsKey) : docs[0])).slice(0, rows);
    const flat = new Map<string, string[]>();
    for (const r of recs) flatValues(r, '', flat);
    // The first array of objects in a record is taken as its line items.
    const first = recs[0];
    let each: Columns['each'];
    if (first && typeof first === 'object') {
      for (const [k, v] of Object.entries(first as Record<string, unknown>)) {
        if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null) {
          const ev = new Map<string, string[]>();
          for (const r of recs) for (const el of ((r as Record<string, unknown>)[k] as unknown[] | undefined) ?? []) flatValues(el, '', ev);
          each = { path: k, names: [...ev.keys()], values: ev };
          break;
        }
      }
    }
    return { names: [...flat.keys()], values: flat, ...(each ? { each } : {}) };
  }
  return { names: file.header, values };
}

const GENERIC = new Set(['id', 'name', 'date', 'type', 'no', 'number', 'code', 'value', 'amount', 'status', 'state', 'order', 'item', 'product', 'time', 'total', 'price', 'title']);

function aliasScore(column: string, aliases: Set<string> | undefined): number {
  if (!aliases) return 0;
  const f = foldHeader(column);
  if (aliases.has(f)) return 1;
  const last = foldHeader(column.split('.').pop() ?? column);
  if (aliases.has(last)) return 0.9;
  const words = new Set(f.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  let best = 0;
  for (const a of aliases) {
    const aw = a.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    // A single generic word ("id", "date", "name") inside a longer header says little about which id or date it is.
    if (aw.length === 1 && GENERIC.has(aw[0] as string)) continue;
    if (aw.length > 0 && aw.every((w) => words.has(w))) best = Math.max(best, 0.5 + 0.3 * (aw.length / Math.max(1, words.size)));
    else if (/[\u4e00-\u9fff]/u.test(a) && f.includes(a)) best = Math.max(best, 0.7);
  }
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
      const a = aliasScore(column, aliases.get(`${table}.${field}`));
      if (a === 0) continue;
      const prof = profiles.get(column) as ColumnProfile;
      // A mostly empty column (a sale price beside the price) loses to a filled one with the same alias.
      const score = a * (0.3 + 0.7 * valueFit(type, field, prof)) * (0.7 + 0.3 * prof.filled);
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
  return [...byField.values()];
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
  const type = fieldType(a.table, a.field);
  if (type === 'ts' || type === 'date') return { column: a.column, format: dateFormats(values.get(a.column) ?? []), on_error: 'null' };
  if (a.field === 'platform_customer_id' && profileColumn(values.get(a.column) ?? []).email > 0.8) return { column: a.column, transform: 'email_hash' };
  if (a.field.endsWith('postcode') || (a.field.startsWith('platform_') && a.field.endsWith('_id'))) return { column: a.column, transform: 'id' };
  if (a.field.endsWith('country')) return { column: a.column, transform: 'country', on_error: 'null' };
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

export async function suggestMapping(path: string, opts: SuggestOptions = {}): Promise<Suggestion> {
  const file = await sniffFile(path);
  const cols = await readColumns(file, opts.sampleRows ?? 200);
  const aliases = await aliasTable(opts.excludePlatform);
  const platform = opts.platform ?? 'own-shop';
  const targets: Partial<Record<CanonicalTable, TargetMapping>> = {};
  const assignments: Assignment[] = [];
  let kind: Suggestion['kind'];

  const orders = assign('orders', cols.names, cols.values, aliases);
  const line = cols.each ? assign('order_line', cols.each.names, cols.each.values, aliases, new Set(['platform_order_id'])) : assign('order_line', cols.names, cols.values, aliases);
  const orderId = orders.find((a) => a.field === 'platform_order_id');
  // An order id alone is weak evidence (many exports call every id "id"); an orders file also has order-ish columns.
  const orderish = orderId !== undefined && (/order|invoice|订单|pedido|commande|bestell|sales record|交易/iu.test(orderId.column) || (orderId.score >= 0.9 && !GENERIC.has(foldHeader(orderId.column))));
  if (orderId && orderId.score >= 0.6 && orderish) {
    kind = 'orders';
    const lineUseful = has(line, 'title', 'sku', 'quantity', 'unit_price', 'platform_listing_id');
    targets.orders = target(orders, cols.values, ['platform_order_id']);
    assignments.push(...orders);
    if (lineUseful) {
      if (cols.each) {
        const t = target(line, cols.each.values);
        targets.order_line = { each: cols.each.path, platform_order_id: { column: `$.${orderId.column}`, transform: 'id' }, ...t };
      } else {
        // The line's order id is the order's: an order_line target without one cannot be keyed.
        const withOrder = line.some((a) => a.field === 'platform_order_id') ? line : [...line, { ...orderId, table: 'order_line' as const }];
        targets.order_line = target(withOrder, cols.values);
      }
      assignments.push(...line);
    }
    // The lines also describe the listings sold: id, SKU, title and the unit price as the listing price.
    const lid = line.find((x) => x.field === 'platform_listing_id') ?? line.find((x) => x.field === 'sku');
    if (lineUseful && lid && !cols.each) {
      const pick = (f: string, as: string): Assignment[] => line.filter((x) => x.field === f).map((x) => ({ ...x, table: 'listing' as const, field: as }));
      const listing = [{ ...lid, table: 'listing' as const, field: 'platform_listing_id' }, ...pick('sku', 'sku'), ...pick('title', 'title'), ...pick('unit_price', 'price'), ...pick('currency', 'currency')];
      targets.listing = target(listing, cols.values, ['platform_listing_id']);
    }
    const cust = assign('customer_account', cols.names, cols.values, aliases);
    if (has(cust, 'platform_customer_id')) {
      targets.customer_account = target(cust, cols.values, ['platform_customer_id']);
      assignments.push(...cust);
    }
  } else {
    const review = assign('review', cols.names, cols.values, aliases);
    const listing = assign('listing', cols.names, cols.values, aliases);
    const cust = assign('customer_account', cols.names, cols.values, aliases);
    if (has(review, 'rating') && has(review, 'platform_review_id', 'body')) {
      kind = 'reviews';
      targets.review = target(review, cols.values);
      assignments.push(...review);
    } else if (has(listing, 'title', 'price', 'gtin', 'category_path') || !has(cust, 'platform_customer_id')) {
      kind = 'listings';
      // Without a seller SKU column the listing id is the seller's handle for the item.
      const id = listing.find((x) => x.field === 'platform_listing_id');
      if (id && !has(listing, 'sku')) listing.push({ ...id, field: 'sku' });
      targets.listing = target(listing, cols.values, id ? ['platform_listing_id'] : undefined);
      assignments.push(...listing);
    } else {
      kind = 'customers';
      targets.customer_account = target(cust, cols.values, ['platform_customer_id']);
      assignments.push(...cust);
    }
  }
  const read: MappingInput['read'] = {};
  if (file.format === 'csv' && file.delimiter) {
    read.format = file.delimiter === '\t' ? 'tsv' : 'csv';
    if (file.delimiter !== '\t') read.delimiter = file.delimiter;
  } else {
    read.format = file.format;
  }
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
