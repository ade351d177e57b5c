// Cleaning functions as DuckDB macros, so 10M-row ingests normalise money, dates and ids inside the engine.
// The rules are the clean/ rules (docs/clean.md); test/clean.test.ts pins them value by value.
import type { SqlStep } from '../sql.js';

const FULL = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0xff01 + i)).join('') + '\u3000\u00a0\u202f\u2009';
const HALF = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('') + '    ';

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** French month names and abbreviations (eBay France, "05-oct.-26", "13-févr.-26") → English month names for
 *  strptime: the abbreviated (%b) and the full (%B) name; "mars", "mai", "juin", "août" are both in French */
export const FRENCH_MONTHS: readonly (readonly [string, string, string])[] = [
  ['janv(?:ier|\\.)?', 'Jan', 'January'], ['f[ée]vr(?:ier|\\.)?', 'Feb', 'February'], ['mars', 'Mar', 'March'], ['avr(?:il|\\.)?', 'Apr', 'April'],
  ['mai', 'May', 'May'], ['juin', 'Jun', 'June'], ['juil(?:let|\\.)?', 'Jul', 'July'], ['ao[uû]t', 'Aug', 'August'],
  ['sept(?:embre|\\.)?', 'Sep', 'September'], ['oct(?:obre|\\.)?', 'Oct', 'October'], ['nov(?:embre|\\.)?', 'Nov', 'November'],
  ['d[ée]c(?:embre|\\.)?', 'Dec', 'December'],
];

/** Currency symbols and words, longest first, mapped to ISO 4217. `¥` means CNY unless the default says JPY. */
export const CURRENCY_WORDS: readonly (readonly [string, string])[] = [
  ['US$', 'USD'], ['C$', 'CAD'], ['CA$', 'CAD'], ['A$', 'AUD'], ['AU$', 'AUD'], ['HK$', 'HKD'], ['NT$', 'TWD'], ['R$', 'BRL'],
  ['RMB', 'CNY'], ['元', 'CNY'], ['￥', 'CNY'], ['¥', 'CNY'], ['€', 'EUR'], ['£', 'GBP'], ['₹', 'INR'], ['₩', 'KRW'], ['$', 'USD'],
];
export const ISO_CURRENCIES = ['USD', 'EUR', 'GBP', 'CNY', 'JPY', 'CAD', 'AUD', 'HKD', 'TWD', 'BRL', 'INR', 'KRW', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'MXN', 'SGD', 'NZD'];

export function duckdbMacros(): SqlStep[] {
  const currencyCase = CURRENCY_WORDS.map(([w, c]) =>
    c === 'CNY' && (w === '¥' || w === '￥')
      ? `WHEN contains(s, ${sqlString(w)}) THEN (CASE WHEN def = 'JPY' THEN 'JPY' ELSE 'CNY' END)`
      : `WHEN contains(s, ${sqlString(w)}) THEN ${sqlString(c)}`,
  ).join(' ');
  const frenchMonths = (full: boolean) => FRENCH_MONTHS.reduce(
    (acc, [re, abbr, name]) => `regexp_replace(${acc}, ${sqlString(`\\b${re}(\\W|$)`)}, ${sqlString(`${full ? name : abbr}\\1`)}, 'gi')`, 's');
  const macros = [
    // text: full-width → half-width, NBSP → space, trim, collapse blanks, empty → NULL
    // (ASCII text without runs of blanks takes the fast path: translate() over every row costs seconds per million)
    `of_fold(s) AS nullif(CASE WHEN strlen(s) = length(s) AND NOT contains(s, '  ') AND NOT contains(s, chr(9)) AND NOT contains(s, chr(10)) AND NOT contains(s, chr(13)) THEN trim(s)
        ELSE trim(regexp_replace(translate(s::VARCHAR, ${sqlString(FULL)}, ${sqlString(HALF)}), '\\s+', ' ', 'g')) END, '')`,
    // ids as exports mangle them: ="00123", '00123 (Excel guard), 17850.0, tab prefixes
    `of_clean_id_slow(s) AS nullif(regexp_replace(regexp_replace(regexp_replace(of_fold(s), '^="?(.*?)"?$', '\\1'), '^''', ''), '^(\\d+)\\.0+$', '\\1'), '')`,
    `of_clean_id(s) AS CASE WHEN regexp_full_match(s, '[A-Za-z0-9_/-]+') THEN s ELSE of_clean_id_slow(s) END`,
    // money: keep digits, separators and sign; the last of , and . is the decimal mark; a lone comma before exactly 3 digits groups thousands
    `of_money_digits(s) AS regexp_replace(of_fold(s), '[^0-9,.\\-()]', '', 'g')`,
    `of_money_norm(d) AS CASE
        WHEN d IS NULL OR d = '' THEN NULL
        WHEN contains(d, ',') AND contains(d, '.') THEN
          CASE WHEN strpos(reverse(d), ',') < strpos(reverse(d), '.') THEN replace(replace(d, '.', ''), ',', '.') ELSE replace(d, ',', '') END
        WHEN regexp_matches(d, '^[-(]?\\d{1,3}(,\\d{3})+\\)?-?$') AND NOT regexp_matches(d, '^[-(]?0,') THEN replace(d, ',', '')
        WHEN contains(d, ',') THEN replace(d, ',', '.')
        WHEN regexp_matches(d, '^[-(]?\\d{1,3}(\\.\\d{3}){2,}\\)?-?$') THEN replace(d, '.', '')
        ELSE d END`,
    `of_money_signed(n) AS CASE
        WHEN n IS NULL THEN NULL
        WHEN regexp_matches(n, '^\\(.*\\)$') THEN '-' || trim(n, '()')
        WHEN regexp_matches(n, '^[0-9.]+-$') THEN '-' || rtrim(n, '-')
        ELSE n END`,
    `of_money(s) AS CASE WHEN TRY_CAST(s AS DECIMAL(18,4)) IS NOT NULL THEN TRY_CAST(s AS DECIMAL(18,4)) ELSE TRY_CAST(of_money_signed(of_money_norm(of_money_digits(s))) AS DECIMAL(18,4)) END`,
    `of_money_currency(s, def) AS CASE
        WHEN s IS NULL THEN NULL
        WHEN regexp_full_match(s, '[A-Z]{3}') THEN s
        WHEN TRY_CAST(s AS DECIMAL(18,4)) IS NOT NULL THEN def
        WHEN regexp_matches(upper(s), '(^|[^A-Z])(${ISO_CURRENCIES.join('|')})([^A-Z]|$)') THEN regexp_extract(upper(s), '(^|[^A-Z])(${ISO_CURRENCIES.join('|')})([^A-Z]|$)', 2)
        ${currencyCase}
        ELSE def END`,
    `of_int(s) AS CASE WHEN TRY_CAST(s AS BIGINT) IS NOT NULL THEN TRY_CAST(s AS BIGINT) ELSE TRY_CAST(regexp_replace(of_fold(s), '(?:[,\\s_]|\\.0+$)', '', 'g') AS BIGINT) END`,
    `of_num(s) AS CASE WHEN TRY_CAST(s AS DOUBLE) IS NOT NULL THEN TRY_CAST(s AS DOUBLE) ELSE TRY_CAST(replace(of_fold(s), ',', '.') AS DOUBLE) END`,
    `of_bool(s) AS CASE WHEN lower(of_fold(s)) IN ('true','t','yes','y','1','是','on') THEN true WHEN lower(of_fold(s)) IN ('false','f','no','n','0','否','off') THEN false ELSE NULL END`,
    // instants: epoch s/ms, ISO with offset, ISO or formats without offset in the given zone
    // a wall-clock time in a zone as an instant (UTC without the calendar lookup: a third of the cost per row)
    `of_local(tz, ts) AS CASE WHEN tz = 'UTC' THEN make_timestamptz(epoch_us(ts)) ELSE timezone(tz, ts) END`,
    `of_has_offset(s) AS regexp_matches(s, '(Z|[+-]\\d{2}:?\\d{2})$') AND regexp_matches(s, '^\\d{4}-\\d{2}-\\d{2}[T ]')`,
    `of_ts(s, tz, fmts) AS CASE
        WHEN s IS NULL THEN NULL
        WHEN length(s) IN (10, 16, 19) AND TRY_CAST(s AS TIMESTAMP) IS NOT NULL AND NOT regexp_matches(s, '^\\d+$') THEN of_local(tz, TRY_CAST(s AS TIMESTAMP))
        WHEN regexp_matches(s, '^\\d{13}$') THEN to_timestamp(s::BIGINT / 1000.0)
        WHEN regexp_matches(s, '^\\d{10}$') THEN to_timestamp(s::BIGINT)
        WHEN of_has_offset(s) THEN TRY_CAST(regexp_replace(replace(s, 'T', ' '), '\\s+([+-]\\d{2}:?\\d{2})$', '\\1') AS TIMESTAMPTZ)
        WHEN TRY_CAST(s AS TIMESTAMP) IS NOT NULL THEN of_local(tz, TRY_CAST(s AS TIMESTAMP))
        ELSE timezone(tz, coalesce(try_strptime(s, fmts), CASE WHEN regexp_matches(s, '[^\\x00-\\x40]{3}') THEN coalesce(try_strptime(of_month_en(s), fmts), try_strptime(of_month_en_full(s), fmts)) END)) END`,
    // month names of other languages as the English names strptime's %b/%B read (tried only when the formats failed)
    `of_month_en(s) AS ${frenchMonths(false)}`,
    `of_month_en_full(s) AS ${frenchMonths(true)}`,
    `of_ts_offset(s, tz) AS CASE WHEN s IS NULL THEN NULL WHEN length(s) IN (10, 16, 19) THEN 'assumed ' || tz WHEN of_has_offset(s) THEN regexp_extract(s, '(Z|[+-]\\d{2}:?\\d{2})$', 1)
        WHEN regexp_matches(s, '^\\d{10}(\\d{3})?$') THEN 'Z' ELSE 'assumed ' || tz END`,
    `of_gtin14(s) AS CASE WHEN regexp_matches(regexp_replace(coalesce(of_clean_id(s), ''), '[\\s-]', '', 'g'), '^(\\d{8}|\\d{12,14})$') THEN
        (SELECT CASE WHEN (10 - list_sum(list_transform(range(13), i -> TRY_CAST(substr(g, i + 1, 1) AS INT) * (CASE WHEN i % 2 = 0 THEN 3 ELSE 1 END))) % 10) % 10 = TRY_CAST(substr(g, 14, 1) AS INT) THEN g ELSE NULL END
         FROM (SELECT lpad(regexp_replace(of_clean_id(s), '[\\s-]', '', 'g'), 14, '0') AS g))
      ELSE NULL END`,
    // keyed hash: HMAC-SHA256 with the project key (ipad/opad blocks bound as hex by the caller)
    `of_hmac(ipad_hex, opad_hex, msg) AS CASE WHEN msg IS NULL THEN NULL ELSE sha256(unhex(opad_hex) || unhex(sha256(unhex(ipad_hex) || msg::BLOB))) END`,
    `of_email_norm(s) AS CASE WHEN regexp_matches(lower(of_fold(s)), '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$') THEN lower(of_fold(s)) ELSE NULL END`,
  ];
  return macros.map((m) => ({ sql: `CREATE OR REPLACE TEMP MACRO ${m}` }));
}

/** Macros for personal data: E.164 phones (CN mobiles and NANP numbers recognised), masked names. */
export function duckdbPiiMacros(): SqlStep[] {
  return [
    `of_phone_digits(s) AS regexp_replace(of_fold(s), '[^0-9+*]', '', 'g')`,
    `of_phone_e164(s) AS CASE
        WHEN s IS NULL OR contains(of_phone_digits(s), '*') THEN NULL
        WHEN regexp_matches(of_phone_digits(s), '^\\+\\d{8,15}$') THEN of_phone_digits(s)
        WHEN regexp_matches(of_phone_digits(s), '^00\\d{8,15}$') THEN '+' || substr(of_phone_digits(s), 3)
        WHEN regexp_matches(of_phone_digits(s), '^1[3-9]\\d{9}$') THEN '+86' || of_phone_digits(s)
        WHEN regexp_matches(of_phone_digits(s), '^86(1[3-9]\\d{9})$') THEN '+' || of_phone_digits(s)
        WHEN regexp_matches(of_phone_digits(s), '^[2-9]\\d{9}$') THEN '+1' || of_phone_digits(s)
        WHEN regexp_matches(of_phone_digits(s), '^1[2-9]\\d{9}$') THEN '+' || of_phone_digits(s)
        ELSE NULL END`,
    `of_mask_name(s) AS CASE
        WHEN of_fold(s) IS NULL THEN NULL
        WHEN regexp_matches(of_fold(s), '^\\p{Han}') THEN substr(of_fold(s), 1, 1) || repeat('*', length(of_fold(s)) - 1)
        ELSE regexp_replace(of_fold(s), '([\\p{L}\\p{N}])[\\p{L}\\p{N}]*', '\\1***', 'g') END`,
  ].map((m) => ({ sql: `CREATE OR REPLACE TEMP MACRO ${m}` }));
}
