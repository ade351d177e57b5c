// Guess a file's text encoding from its first bytes: BOMs, UTF-8 validity, then GB18030 vs windows-1252.
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export const ENCODINGS: readonly Encoding[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030', 'windows-1252'];

/** Count well-formed multi-byte UTF-8 sequences and invalid bytes (a truncated tail is not counted). */
function utf8Stats(b: Uint8Array): { multi: number; invalid: number } {
  let multi = 0;
  let invalid = 0;
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    const need = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c <= 0xdf ? 1 : -1;
    if (need < 0) { invalid++; i++; continue; }
    if (i + need >= b.length) break;
    let ok = true;
    for (let k = 1; k <= need; k++) if ((b[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok) { multi++; i += need + 1; } else { invalid++; i++; }
  }
  return { multi, invalid };
}

function cjkShare(text: string): number {
  let cjk = 0;
  let high = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    high++;
    if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xffef)) cjk++;
  }
  return high === 0 ? 0 : cjk / high;
}

export function detectEncoding(head: Uint8Array): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // UTF-16 without a BOM: ASCII text leaves every other byte NUL
  const n = Math.min(head.length, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) evenNul++;
    else oddNul++;
  }
  if (n > 16 && oddNul > n / 4 && evenNul < n / 50) return 'utf-16le';
  if (n > 16 && evenNul > n / 4 && oddNul < n / 50) return 'utf-16be';
  const { multi, invalid } = utf8Stats(head);
  // GBK text makes a valid UTF-8 pair for ~1 char in 10, windows-1252 almost never: more valid than invalid
  // sequences means UTF-8 with a few bad lines (DuckDB then rejects just those lines)
  if (invalid === 0 || multi >= invalid) return 'utf-8';
  const gb = iconv.decode(Buffer.from(head), 'gb18030');
  return cjkShare(gb) > 0.6 ? 'gb18030' : 'windows-1252';
}

/** Decode a whole buffer (for samples and small files). */
export function decode(bytes: Uint8Array, enc: Encoding): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (enc) {
    case 'utf-8':
      return buf.toString('utf8');
    case 'utf-8-bom':
      return buf.toString('utf8').replace(/^\uFEFF/, '');
    default:
      return iconv.decode(buf, enc).replace(/^\uFEFF/, '');
  }
}

/** iconv-lite codec name for a streaming decoder. */
export function codecName(enc: Encoding): string {
  return enc === 'utf-8-bom' ? 'utf-8' : enc;
}
