// Find the delimiter, the header line and a quote-aware column count in the first lines of a text file.

export const DELIMITERS = [',', '\t', ';', '|', '~'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Split one line on a delimiter, honouring double quotes (RFC 4180). */
export function splitLine(line: string, delim: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '"') {
        if (line[i + 1] === '"') { cur += '"'; i++; } else q = false;
      } else cur += c;
    } else if (c === '"' && cur.trim() === '') { q = true; cur = ''; }
    else if (c === delim) { out.push(cur); cur = ''; }
    else cur += c;
  }
  out.push(cur);
  return out;
}

export interface DelimitedShape {
  delimiter: Delimiter;
  /** 0-based index of the header line among the file's lines (preamble lines before it are skipped) */
  headerIndex: number;
  header: string[];
}

/**
 * The delimiter is the one that splits most lines into the same number (>1) of fields; the header is the
 * first non-blank line with that many fields (eBay exports begin with a blank line).
 */
export function sniffDelimited(lines: readonly string[]): DelimitedShape | undefined {
  const body = lines.slice(0, 60);
  let best: { d: Delimiter; score: number; width: number } | undefined;
  for (const d of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const l of body) {
      if (l.trim() === '') continue;
      const w = splitLine(l, d).length;
      if (w > 1) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    for (const [width, n] of counts) {
      const score = n * Math.log2(width + 1);
      if (!best || score > best.score) best = { d, score, width };
    }
  }
  if (!best) return undefined;
  const headerIndex = lines.findIndex((l) => l.trim() !== '' && splitLine(l, best.d).length === best.width);
  if (headerIndex < 0) return undefined;
  return { delimiter: best.d, headerIndex, header: splitLine(lines[headerIndex]!, best.d).map((h) => h.trim()) };
}
