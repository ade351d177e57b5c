// A user's exchange-rate file (currency, base, rate, as_of[, source]) read and validated row by row, so a bad
// rate never reaches fx_rate: every problem names the file, row, field, value and the fix.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { decode, detectEncoding } from './encoding.js';
import { sniffDelimited, splitLine } from './delimited.js';
import { inputError } from '../util/errors.js';

export interface RateRow {
  /** ISO 4217 code of the quoted currency */
  currency: string;
  /** ISO 4217 code the rate converts into */
  base: string;
  /** units of base per 1 unit of currency, as decimal text (kept exact for DECIMAL(18,8)) */
  rate: string;
  /** YYYY-MM-DD */
  as_of: string;
  source: string;
  /** 1-based line of the file */
  line: number;
}

const REQUIRED = ['currency', 'base', 'rate', 'as_of'] as const;
const ALIASES: Record<string, string> = { 'as of': 'as_of', date: 'as_of', asof: 'as_of', 'base currency': 'base', quote: 'currency', from: 'currency', to: 'base' };
const MAX_ERRORS = 20;

const fold = (h: string) => h.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_-]+/g, ' ').trim();

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Read a rates CSV/TSV; throws one input error listing every bad row (up to 20) and how to fix it. */
export async function readRatesCsv(path: string): Promise<RateRow[]> {
  const name = basename(path);
  const bytes = await readFile(path);
  const text = decode(bytes, detectEncoding(bytes.subarray(0, 64 * 1024)));
  const lines = text.split(/\r?\n/);
  const shape = sniffDelimited(lines);
  const hint = 'write a header `currency,base,rate,as_of,source` and one row per rate, e.g. `EUR,USD,1.0825,2026-06-30,ECB` (1 EUR = 1.0825 USD)';
  if (!shape) throw inputError(`${name}: no header line found`, hint);
  const cols = shape.header.map((h) => { const f = fold(h); return ALIASES[f] ?? f.replace(/ /g, '_'); });
  const missing = REQUIRED.filter((r) => !cols.includes(r));
  if (missing.length) throw inputError(`${name}: the header (${shape.header.join(', ')}) has no ${missing.map((m) => `"${m}"`).join(', ')} column`, hint);
  const at = (cells: string[], c: string) => { const i = cols.indexOf(c); return i < 0 ? '' : (cells[i] ?? '').trim(); };

  const errors: string[] = [];
  const out: RateRow[] = [];
  const seen = new Map<string, number>();
  for (let i = shape.headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = splitLine(raw, shape.delimiter);
    const bad = (field: string, value: string, why: string) => errors.push(`row ${line}: "${field}" is "${value}", ${why}`);
    const currency = at(cells, 'currency').toUpperCase();
    const base = at(cells, 'base').toUpperCase();
    const rate = at(cells, 'rate');
    const asOf = at(cells, 'as_of');
    const before = errors.length;
    if (!/^[A-Z]{3}$/.test(currency)) bad('currency', at(cells, 'currency'), 'not a 3-letter ISO 4217 code (e.g. EUR)');
    if (!/^[A-Z]{3}$/.test(base)) bad('base', at(cells, 'base'), 'not a 3-letter ISO 4217 code (e.g. USD)');
    if (!/^\d{1,10}(\.\d{1,8})?$/.test(rate) || Number(rate) <= 0) bad('rate', rate, 'not a positive decimal with at most 10 integer and 8 fraction digits (units of base per 1 currency)');
    else if (currency === base && Number(rate) !== 1) bad('rate', rate, `not 1, but ${currency} is its own base`);
    if (!isDate(asOf)) bad('as_of', asOf, 'not a date written YYYY-MM-DD');
    if (errors.length === before) {
      const key = `${currency}/${base}/${asOf}`;
      const first = seen.get(key);
      if (first !== undefined) errors.push(`row ${line}: ${currency}→${base} on ${asOf} is already given on row ${first}`);
      else {
        seen.set(key, line);
        out.push({ currency, base, rate, as_of: asOf, source: at(cells, 'source') || name, line });
      }
    }
    if (errors.length >= MAX_ERRORS) break;
  }
  if (errors.length) {
    throw inputError(`${name}: ${errors.length}${errors.length >= MAX_ERRORS ? '+' : ''} bad row(s), nothing imported:\n  ${errors.join('\n  ')}`, hint);
  }
  if (out.length === 0) throw inputError(`${name}: no rates below the header`, hint);
  return out;
}
