// Delimited-text encoding shared by every CSV/TSV export writer (RFC 4180 quoting, or eBay's quote-everything).

export type Cell = string | number | null | undefined;

/** True when a field holds the delimiter, a quote or a line break (a char loop: a regex per cell cost more). */
function needsQuotes(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    // '"' 34, ',' 44, ';' 59, '\r' 13, '\n' 10, '\t' 9
    if (c === 34 || c === 44 || c === 59 || c === 13 || c === 10 || c === 9) return true;
  }
  return false;
}

/** Tabs and line breaks inside a flat-file value become one space per run. */
function hasBreak(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) return true;
  }
  return false;
}

function text(value: Cell): string {
  return value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : value;
}

/** One CSV line; fields are quoted only when they contain the delimiter, a quote or a line break. */
export function csvLine(values: readonly Cell[], delimiter = ','): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = text(values[i]);
    if (i > 0) out += delimiter;
    out += needsQuotes(v) ? `"${v.replace(/"/g, '""')}"` : v;
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
    const v = text(values[i]);
    out += hasBreak(v) ? v.replace(/[\t\r\n]+/g, ' ') : v;
  }
  return out;
}

/** Builds a row from a header list and a partial record, so writers name columns instead of counting them. */
export function rowOf(header: readonly string[], record: Readonly<Record<string, Cell>>): Cell[] {
  return header.map((name) => record[name]);
}
