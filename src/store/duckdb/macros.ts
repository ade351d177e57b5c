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
    // (ASCII text without runs of blanks takes the fast path: translate() over every row costs seconds per million;
    // so does trim() — 0.12 s a million rows, six times the two edge tests that spare it on text without edge blanks)
    `of_fold(s) AS nullif(CASE WHEN strlen(s) = length(s) AND NOT contains(s, '  ') AND NOT contains(s, chr(9)) AND NOT contains(s, chr(10)) AND NOT contains(s, chr(13))
        THEN (CASE WHEN starts_with(s, ' ') OR suffix(s, ' ') THEN trim(s) ELSE s END)
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
    // a raw value that is already an ISO code needs no folding (see of_ts_raw)
    `of_currency_raw(r, def) AS CASE WHEN regexp_full_match(r, '[A-Z]{3}') THEN r ELSE of_money_currency(of_fold(r), def) END`,
    `of_int(s) AS CASE WHEN TRY_CAST(s AS BIGINT) IS NOT NULL THEN TRY_CAST(s AS BIGINT) ELSE TRY_CAST(regexp_replace(of_fold(s), '(?:[,\\s_]|\\.0+$)', '', 'g') AS BIGINT) END`,
    `of_num(s) AS CASE WHEN TRY_CAST(s AS DOUBLE) IS NOT NULL THEN TRY_CAST(s AS DOUBLE) ELSE TRY_CAST(replace(of_fold(s), ',', '.') AS DOUBLE) END`,
    `of_bool(s) AS CASE WHEN lower(of_fold(s)) IN ('true','t','yes','y','1','是','on') THEN true WHEN lower(of_fold(s)) IN ('false','f','no','n','0','否','off') THEN false ELSE NULL END`,
    // instants: epoch s/ms, ISO with offset, ISO or formats without offset in the given zone
    // a wall-clock time in a zone as an instant (UTC without the calendar lookup: a third of the cost per row)
    `of_local(tz, ts) AS CASE WHEN tz = 'UTC' THEN make_timestamptz(epoch_us(ts)) ELSE timezone(tz, ts) END`,
    `of_has_offset(s) AS regexp_matches(s, '(Z|[+-]\\d{2}:?\\d{2})$') AND regexp_matches(s, '^\\d{4}-\\d{2}-\\d{2}[T ]')`,
    `of_ts(s, tz, fmts) AS CASE
        WHEN s IS NULL THEN NULL
        WHEN length(s) IN (10, 16, 19) AND TRY_CAST(s AS TIMESTAMP) IS NOT NULL AND (contains(s, '-') OR NOT regexp_matches(s, '^\\d+$')) THEN of_local(tz, TRY_CAST(s AS TIMESTAMP))
        WHEN regexp_matches(s, '^\\d{13}$') THEN to_timestamp(s::BIGINT / 1000.0)
        WHEN regexp_matches(s, '^\\d{10}$') THEN to_timestamp(s::BIGINT)
        WHEN of_has_offset(s) THEN TRY_CAST(regexp_replace(replace(s, 'T', ' '), '\\s+([+-]\\d{2}:?\\d{2})$', '\\1') AS TIMESTAMPTZ)
        WHEN TRY_CAST(s AS TIMESTAMP) IS NOT NULL THEN of_local(tz, TRY_CAST(s AS TIMESTAMP))
        ELSE timezone(tz, coalesce(try_strptime(s, fmts), CASE WHEN regexp_matches(s, '[^\\x00-\\x40]{3}') THEN coalesce(try_strptime(of_month_en(s), fmts), try_strptime(of_month_en_full(s), fmts)) END)) END`,
    // the same on a raw (unfolded) value: a plain timestamp needs no folding, and of_ts(of_fold(s)) would fold it once
    // for every mention of s in of_ts (macros expand textually): 0.12 s a million rows
    `of_ts_raw(r, tz, fmts) AS CASE
        WHEN length(r) IN (10, 16, 19) AND NOT starts_with(r, ' ') AND NOT suffix(r, ' ') AND TRY_CAST(r AS TIMESTAMP) IS NOT NULL
          AND (contains(r, '-') OR NOT regexp_matches(r, '^\\d+$')) THEN of_local(tz, TRY_CAST(r AS TIMESTAMP))
        ELSE of_ts(of_fold(r), tz, fmts) END`,
    // month names of other languages as the English names strptime's %b/%B read (tried only when the formats failed)
    `of_month_en(s) AS ${frenchMonths(false)}`,
    `of_month_en_full(s) AS ${frenchMonths(true)}`,
    `of_ts_offset(s, tz) AS CASE WHEN s IS NULL THEN NULL WHEN length(s) IN (10, 16, 19) THEN 'assumed ' || tz WHEN of_has_offset(s) THEN regexp_extract(s, '(Z|[+-]\\d{2}:?\\d{2})$', 1)
        WHEN regexp_matches(s, '^\\d{10}(\\d{3})?$') THEN 'Z' ELSE 'assumed ' || tz END`,
    `of_gtin14(s) AS CASE WHEN regexp_matches(regexp_replace(coalesce(of_clean_id(s), ''), '[\\s-]', '', 'g'), '^(\\d{8}|\\d{12,14})$') THEN
        (SELECT CASE WHEN (10 - list_sum(list_transform(range(13), i -> TRY_CAST(substr(g, i + 1, 1) AS INT) * (CASE WHEN i % 2 = 0 THEN 3 ELSE 1 END))) % 10) % 10 = TRY_CAST(substr(g, 14, 1) AS INT) THEN g ELSE NULL END
         FROM (SELECT lpad(regexp_replace(of_clean_id(s), '[\\s-]', '', 'g'), 14, '0') AS g))
      ELSE NULL END`,
    // keyed hash: HMAC-SHA256 with the project key (ipad/opad blocks bound as hex by the caller); encode() hashes the
    // UTF-8 bytes (a ::BLOB cast refuses non-ASCII text and reads \\x escapes)
    `of_hmac(ipad_hex, opad_hex, msg) AS CASE WHEN msg IS NULL THEN NULL ELSE sha256(unhex(opad_hex) || unhex(sha256(unhex(ipad_hex) || encode(msg)))) END`,
    `of_email_norm(s) AS CASE WHEN regexp_matches(lower(of_fold(s)), '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$') THEN lower(of_fold(s)) ELSE NULL END`,
  ];
  return macros.map((m) => ({ sql: `CREATE OR REPLACE TEMP MACRO ${m}` }));
}

/** What a phone field may carry besides the number, removed before its digits are read: an optional trunk "(0)"
 *  (+44 (0)20 7946 0958) and a trailing extension (x89, ext. 12, #12, 转123). The one rule for phones lives in
 *  these macros; privacy/phone.ts ports it to JS value for value (test/privacy/phone-agreement.test.ts).
 *  Blanks are spelled [\t\n\f\r ] (RE2's \s) so that the JS RegExp of the same text matches alike. */
export const PHONE_NOISE = '\\(0\\)|[\\t\\n\\f\\r ]*(?:ext(?:ension)?\\.?:?|x|#|转|分机)[\\t\\n\\f\\r ]*\\d{1,6}[\\t\\n\\f\\r ]*$';

/** Macros for personal data: E.164 phones (CN mobiles and NANP numbers recognised), masked names. */
export function duckdbPiiMacros(): SqlStep[] {
  const ccs = PHONE_REGIONS.map((r) => r[1]).join('|');
  return [
    // the digits, '+' and '*' of a phone as written (folded, without trunk "(0)" and extension)
    `of_phone_digits(s) AS regexp_replace(regexp_replace(of_fold(s), ${sqlString(PHONE_NOISE)}, '', 'gi'), '[^0-9+*]', '', 'g')`,
    `of_mask_name(s) AS CASE
        WHEN of_fold(s) IS NULL THEN NULL
        WHEN regexp_matches(of_fold(s), '^\\p{Han}') THEN substr(of_fold(s), 1, 1) || repeat('*', length(of_fold(s)) - 1)
        ELSE regexp_replace(of_fold(s), '([\\p{L}\\p{N}])[\\p{L}\\p{N}]*', '\\1***', 'g') END`,
    ...phoneRegionMacros(),
    `of_phone_national(d, cc, trunk, lens) AS list_transform([{d: d, cc: cc, trunk: trunk, lens: lens}], x -> CASE
        WHEN x.cc IS NULL OR x.d = '' THEN NULL
        WHEN x.trunk AND starts_with(x.d, '0') THEN (CASE WHEN list_contains(x.lens, length(x.d) - 1) THEN '+' || x.cc || substr(x.d, 2) END)
        WHEN list_contains(x.lens, length(x.d)) THEN '+' || x.cc || x.d END)[1]`,
    // the digits after '+' or 00: NANP needs exactly 10 after the 1; a calling code of PHONE_REGIONS needs a possible
    // national length there (a written trunk 0 after it is dropped: +33 06…); other codes take 8–15 digits in all
    `of_phone_intl(n) AS CASE
        WHEN NOT regexp_full_match(n, '[1-9]\\d{7,14}') THEN NULL
        WHEN starts_with(n, '1') THEN (CASE WHEN length(n) = 11 THEN '+' || n END)
        WHEN regexp_matches(n, '^(?:${ccs})') THEN list_transform([regexp_extract(n, '^(${ccs})', 1)],
          cc -> of_phone_national(substr(n, length(cc) + 1), cc, of_phone_cc_trunk(cc), of_phone_cc_lens(cc)))[1]
        ELSE '+' || n END`,
    // E.164 with the record's country for national numbers (privacy/phone.ts phoneE164 is the same rule in JS):
    // '+' or 00 → international (of_phone_intl); an 11-digit 1[3-9]… is a CN mobile in any record country (a Chinese
    // buyer's billing country is often the shop's: US), also as bare 86 + mobile; no country, US or CA: 10 digits
    // [2-9]… (or 1 + them) are NANP; other countries
    // of PHONE_REGIONS drop the trunk 0 and prefix the calling code when the length is possible there; unknown
    // countries give NULL. A value used several times is bound once through a one-element list_transform, else the
    // nested macro expansions make a tree DuckDB takes seconds to plan and evaluates the regexps again per mention.
    `of_phone_e164_in(s, c) AS list_transform([{d: of_phone_digits(s), c: nullif(upper(trim(c)), '')}], x -> CASE
        WHEN x.d IS NULL OR x.d = '' OR contains(x.d, '*') THEN NULL
        WHEN starts_with(x.d, '+') OR starts_with(x.d, '00') THEN of_phone_intl(regexp_replace(x.d, '^(\\+|00)', ''))
        WHEN regexp_full_match(x.d, '1[3-9]\\d{9}') THEN '+86' || x.d
        WHEN regexp_full_match(x.d, '861[3-9]\\d{9}') THEN '+' || x.d
        WHEN x.c IS NULL OR x.c IN ('US', 'CA') THEN (CASE WHEN regexp_full_match(x.d, '1?[2-9]\\d{9}') THEN '+1' || right(x.d, 10) END)
        ELSE of_phone_national(replace(x.d, '+', ''), of_phone_cc(x.c), of_phone_trunk(x.c), of_phone_lens(x.c)) END)[1]`,
    `of_phone_e164(s) AS of_phone_e164_in(s, NULL)`,
    // the fragment masked exports keep (138****5678: first 3 + last 4 digits of the national number), from a
    // masked or a full number (privacy/phone.ts phoneFragment); the national number follows the calling code, whose
    // length (+351, +44) comes from PHONE_REGIONS (two digits for other codes)
    `of_phone_fragment(s, c) AS CASE
        WHEN s IS NULL THEN NULL
        WHEN regexp_matches(regexp_replace(of_fold(s), '\\s', '', 'g'), '^(?:\\+?86)?\\d{3}\\*{4}\\d{4}$') THEN regexp_extract(regexp_replace(of_fold(s), '\\s', '', 'g'), '(\\d{3}\\*{4}\\d{4})$', 1)
        ELSE list_transform([of_phone_e164_in(s, c)], e -> list_transform([CASE WHEN starts_with(e, '+86') THEN substr(e, 4) WHEN starts_with(e, '+1') THEN substr(e, 3)
          ELSE regexp_replace(e, '^\\+(?:${ccs}|\\d{2})', '') END], n -> CASE WHEN length(n) >= 7 THEN left(n, 3) || '****' || right(n, 4) END)[1])[1] END`,
    // name tokens (privacy/name-tokens.ts storedNameTokens): Latin names as lower-case accent-free words, Han names as
    // surname + given name (two-character surname for names of four or more); each token as 16 hex of the keyed
    // SHA-256 sha256((key ⊕ ipad) || 'name:' || token) — HMAC's inner hash: one SHA-256 per token instead of two,
    // 10x cheaper inside a lambda (privacy/hmac.ts nameTokenHash) — sorted and space-separated. A masked input
    // (王**) gives none.
    `of_name_tokens(ipad_hex, opad_hex, s) AS CASE WHEN s IS NULL OR contains(s, '*') THEN NULL
        ELSE nullif(array_to_string(list_sort(list_distinct(
          list_transform(of_name_token_list(of_fold(s)), t -> left(sha256(unhex(ipad_hex) || encode('name:' || t)), 16)))), ' '), '') END`,
    `of_name_token_list(f) AS CASE
        WHEN f IS NULL THEN NULL
        WHEN regexp_matches(f, '\\p{Han}') THEN list_transform([regexp_replace(f, '[^\\p{Han}]', '', 'g')], h -> list_filter([left(h, CASE WHEN length(h) >= 4 THEN 2 ELSE 1 END), substr(h, CASE WHEN length(h) >= 4 THEN 3 ELSE 2 END)], t -> t <> ''))[1]
        ELSE list_filter(regexp_split_to_array(lower(strip_accents(f)), '[^a-z0-9]+'), t -> t <> '') END`,
  ].map((m) => ({ sql: `CREATE OR REPLACE TEMP MACRO ${m}` }));
}

/** Countries whose national phone numbers ingest turns into E.164 (with the country given by the mapping):
 *  calling code, whether a leading trunk 0 is dropped, and the possible lengths of the national number
 *  (libphonenumber's metadata; test/privacy/normalise.test.ts checks each against libphonenumber-js). NANP and CN mobiles
 *  have their own rules in of_phone_e164_in. Italy is left out: its numbers keep the leading 0. */
export const PHONE_REGIONS: readonly (readonly [string, string, boolean, readonly number[]])[] = [
  ['FR', '33', true, [9]], ['GB', '44', true, [7, 9, 10]], ['DE', '49', true, [6, 7, 8, 9, 10, 11, 12, 13]],
  ['ES', '34', false, [9]], ['PT', '351', false, [9]], ['NL', '31', true, [9]], ['BE', '32', true, [8, 9]],
  ['CH', '41', true, [9]], ['AT', '43', true, [7, 8, 9, 10, 11, 12, 13]], ['IE', '353', true, [7, 8, 9]],
  ['AU', '61', true, [9]], ['NZ', '64', true, [8, 9, 10]], ['SE', '46', true, [7, 8, 9]], ['PL', '48', false, [9]],
  ['CN', '86', true, [7, 8, 9, 10, 11, 12]], ['HK', '852', false, [8]], ['SG', '65', false, [8]], ['JP', '81', true, [9, 10]],
];

function phoneRegionMacros(): string[] {
  // WHEN arms keyed by the country (key 0) or the calling code (key 1)
  const cases = (key: 0 | 1, f: (r: (typeof PHONE_REGIONS)[number]) => string) => PHONE_REGIONS.map((r) => `WHEN ${sqlString(r[key])} THEN ${f(r)}`).join(' ');
  return [
    `of_phone_cc(c) AS CASE c ${cases(0, (r) => sqlString(r[1]))} END`,
    `of_phone_trunk(c) AS CASE c ${cases(0, (r) => String(r[2]))} ELSE false END`,
    `of_phone_lens(c) AS CASE c ${cases(0, (r) => `[${r[3].join(', ')}]`)} END`,
    `of_phone_cc_trunk(cc) AS CASE cc ${cases(1, (r) => String(r[2]))} ELSE false END`,
    `of_phone_cc_lens(cc) AS CASE cc ${cases(1, (r) => `[${r[3].join(', ')}]`)} END`,
  ];
}
