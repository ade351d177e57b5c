// Each mapping transform as an SQL expression over the raw text value (DuckDB macros in store/duckdb/macros.ts).
import type { Transform } from '../connectors/mapping.js';
import { STATUS_WORDS } from './status.js';

export interface TransformContext {
  /** IANA zone for instants written without an offset */
  timezone: string;
  /** currency for money written without a symbol or code */
  currency: string;
  /** strptime formats tried after ISO 8601 and epoch */
  formats: readonly string[];
  /** bind a value, returning its placeholder */
  param(v: string | number | boolean): string;
  /** HMAC key pads (hex) for personal identifiers */
  hmac: { ipad: string; opad: string };
  /** SQL for the record's country (ISO code), where the field names one: how national phone numbers are read */
  country?: string;
}

export const DEFAULT_DATE_FORMATS = [
  '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y',
  '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d',
  '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y.%m.%d %H:%M:%S', '%Y.%m.%d',
  '%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%d.%m.%Y',
  '%b-%d-%y', '%b-%d-%Y', '%d-%b-%y', '%d-%b-%Y', '%b %d, %Y', '%b %d, %Y %H:%M:%S', '%d %b %Y', '%d %B %Y', '%B %d, %Y',
  '%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日',
];

/** transforms whose failure on a non-empty value rejects the record unless the field says on_error: null */
export const STRICT: ReadonlySet<Transform> = new Set(['int', 'num', 'decimal', 'money', 'datetime', 'date', 'bool']);

/** why a value failed, for the reject reason */
export const FAILURE_REASON: Partial<Record<Transform, string>> = {
  int: 'not a whole number',
  num: 'not a number',
  decimal: 'not a number',
  money: 'not a money amount (expected e.g. 1433.66, "$1,433.66", "EUR 90,00", "99元")',
  datetime: 'not a date/time (expected ISO 8601, epoch, dd/mm/yyyy or a format given in the mapping)',
  date: 'not a date (expected ISO 8601, dd/mm/yyyy or a format given in the mapping)',
  bool: 'not a yes/no value',
};

function list(ctx: TransformContext, xs: readonly string[]): string {
  return `[${xs.map((x) => ctx.param(x)).join(', ')}]::VARCHAR[]`;
}

/** value rules of text/status fields: prefixes (longest first), then whole values, then a fallback */
export interface ValueRules {
  map?: Record<string, string>;
  prefix?: Record<string, string>;
  otherwise?: string;
}

function ruled(raw: string, rules: ValueRules, ctx: TransformContext, fallback: string): string {
  const entries = Object.entries(rules.map ?? {});
  const prefixes = Object.entries(rules.prefix ?? {}).sort((x, y) => y[0].length - x[0].length);
  const byValue = entries.length === 0
    ? fallback
    : `(CASE lower(of_fold(${raw})) ${entries.map(([k, v]) => `WHEN ${ctx.param(k.toLowerCase())} THEN ${ctx.param(v)}`).join(' ')} ELSE ${fallback} END)`;
  if (prefixes.length === 0) return byValue;
  const byPrefix = prefixes.map(([p, v]) => `WHEN starts_with(lower(of_fold(${raw})), ${ctx.param(p.toLowerCase())}) THEN ${ctx.param(v)}`).join(' ');
  return `(CASE ${byPrefix} ELSE ${byValue} END)`;
}

export function transformSql(t: Transform, raw: string, ctx: TransformContext, rules: ValueRules = {}): string {
  const tz = () => ctx.param(ctx.timezone);
  const otherwise = (fallback: string) =>
    rules.otherwise === undefined ? fallback : `CASE WHEN of_fold(${raw}) IS NULL THEN NULL ELSE ${ctx.param(rules.otherwise)} END`;
  switch (t) {
    case 'text': return ruled(raw, rules, ctx, otherwise(`of_fold(${raw})`));
    case 'id': return `of_clean_id(${raw})`;
    case 'lower': return `lower(of_fold(${raw}))`;
    case 'upper': return `upper(of_fold(${raw}))`;
    case 'int': return `of_int(${raw})`;
    case 'num': return `of_num(${raw})`;
    case 'decimal':
    case 'money': return `of_money(${raw})`;
    case 'currency': return `of_currency_raw(${raw}, ${ctx.param(ctx.currency)})`;
    case 'datetime': return `of_ts_raw(${raw}, ${tz()}, ${list(ctx, ctx.formats)})`;
    case 'date': return `CAST(of_ts_raw(${raw}, ${tz()}, ${list(ctx, ctx.formats)}) AS DATE)`;
    case 'bool': return `of_bool(${raw})`;
    case 'gtin': return `of_gtin14(${raw})`;
    case 'email_hash': return `of_hmac(${ctx.param(ctx.hmac.ipad)}, ${ctx.param(ctx.hmac.opad)}, of_email_norm(${raw}))`;
    case 'phone_hash': return `of_hmac(${ctx.param(ctx.hmac.ipad)}, ${ctx.param(ctx.hmac.opad)}, ${ctx.country === undefined ? `of_phone_e164(${raw})` : `of_phone_e164_in(${raw}, ${ctx.country})`})`;
    case 'phone_fragment_hash': return `of_hmac(${ctx.param(ctx.hmac.ipad)}, ${ctx.param(ctx.hmac.opad)}, of_phone_fragment(${raw}, ${ctx.country ?? 'NULL'}))`;
    case 'name_tokens': return `of_name_tokens(${ctx.param(ctx.hmac.ipad)}, ${ctx.param(ctx.hmac.opad)}, ${raw})`;
    case 'mask_name': return `of_mask_name(${raw})`;
    case 'status':
      return ruled(raw, { ...rules, map: { ...STATUS_WORDS, ...(rules.map ?? {}) } }, ctx, otherwise(`CASE WHEN of_fold(${raw}) IS NULL THEN NULL ELSE 'unknown' END`));
    case 'country': return `upper(of_fold(${raw}))`;
    case 'json': return `CAST(${raw} AS JSON)`;
    case 'tz_offset': return `of_ts_offset(of_fold(${raw}), ${tz()})`;
  }
}

/** Which transform a canonical column gets when the mapping names none. */
export function defaultTransform(sqlType: string, column: string): Transform {
  if (column === 'currency') return 'currency';
  if (column === 'gtin') return 'gtin';
  if (column === 'status') return 'status';
  if (column === 'event_type') return 'lower';
  if (column.startsWith('platform_') && column.endsWith('_id')) return 'id';
  if (column === 'sku' || column === 'asin' || column === 'mpn') return 'id';
  switch (sqlType) {
    case 'BIGINT': return 'int';
    case 'DOUBLE': return 'num';
    case 'DECIMAL(18,4)': return 'money';
    case 'DECIMAL(18,8)': return 'decimal';
    case 'TIMESTAMPTZ': return 'datetime';
    case 'DATE': return 'date';
    case 'BOOLEAN': return 'bool';
    case 'JSON': return 'json';
    default: return 'text';
  }
}
