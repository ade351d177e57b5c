// The one reader for small comma-separated files held in memory (benchmark tables, truth files, partner PII
// files): RFC 4180 — quoted fields with doubled quotes, CRLF or LF, line breaks inside quotes; a BOM is dropped.
// Exports ingest reads go through DuckDB's read_csv instead (src/ingest/staging.ts).

/** Rows of fields; a trailing empty line is dropped. A quote opens a quoted field only at the field's start
 *  (blanks before it are dropped). Any one-character delimiter (tab, semicolon, pipe) instead of the comma. */
export function parseCsv(text: string, delim = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delim) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const blank = (r: readonly string[]) => r.every((v) => v === '');

/** Data rows (blank lines skipped) as records keyed by the header; `lowerHeader` trims and lower-cases its names. */
export function csvRecords(text: string, opts: { lowerHeader?: boolean } = {}): Record<string, string>[] {
  const [head, ...body] = parseCsv(text);
  if (!head) return [];
  const cols = opts.lowerHeader ? head.map((h) => h.trim().toLowerCase()) : head;
  return body.filter((r) => !blank(r)).map((r) => Object.fromEntries(cols.map((c, j) => [c, r[j] ?? ''])));
}

/** Data rows (header and blank lines skipped) as arrays of fields. */
export function csvBody(text: string): string[][] {
  return parseCsv(text).slice(1).filter((r) => !blank(r));
}
