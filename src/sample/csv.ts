// Delimited-text encoding shared by every CSV/TSV export writer (RFC 4180 quoting, or eBay's quote-everything).

export type Cell = string | number | null | undefined;

const NEEDS_QUOTES = /[",;\r\n\t]/;

function text(value: Cell): string {
  return value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : value;
}

/** One CSV line; fields are quoted only when they contain the delimiter, a quote or a line break. */
export function csvLine(values: readonly Cell[], delimiter = ','): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = text(values[i]);
    if (i > 0) out += delimiter;
    out += NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }
  return out;
}

/** Every field double-quoted, as eBay Seller Hub downloads are. */
export function csvLineQuoted(values: readonly Cell[], delimiter = ','): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += delimiter;
    out += `"${text(values[i]).replace(/"/g, '""')}"`;
  }
  return out;
}

/** Amazon/Google flat files: tab-separated, no quoting, so tabs and line breaks inside values become spaces. */
export function tsvLine(values: readonly Cell[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += '\t';
    out += text(values[i]).replace(/[\t\r\n]+/g, ' ');
  }
  return out;
}

/** Builds a row from a header list and a partial record, so writers name columns instead of counting them. */
export function rowOf(header: readonly string[], record: Readonly<Record<string, Cell>>): Cell[] {
  return header.map((name) => record[name]);
}
