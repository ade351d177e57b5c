// Look at a file's first bytes and say what it is: format, encoding, delimiter, header.
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { decode, detectEncoding, type Encoding } from './encoding.js';
import { sniffDelimited, splitLine, type Delimiter } from './delimited.js';
import { firstJsonRecord, jsonRecordsKey } from './json-records.js';
import { guessXmlRecordTag } from './xml-records.js';
import { flattenKeys } from './flatten.js';
import { inputError } from '../util/errors.js';

export type Format = 'csv' | 'json' | 'ndjson' | 'xml' | 'parquet';

export interface Sniffed {
  path: string;
  size: number;
  format: Format;
  encoding: Encoding;
  delimiter?: Delimiter;
  /** 0-based line index of the header (delimited formats) */
  headerIndex?: number;
  /** column names (delimited) or dotted key paths of the first record (JSON/XML) */
  header: string[];
  /** JSON: dotted key path of the records array ("orders", "payload.Orders"; undefined: the root is the array) */
  recordsKey?: string;
  /** XML: element name of one record */
  recordTag?: string;
  /** decoded text of the first bytes, for detectors that look at values */
  sample: string;
}

const HEAD_BYTES = 256 * 1024;

export async function readHead(path: string, bytes = HEAD_BYTES): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function sniffFile(path: string, hint: { encoding?: Encoding; format?: Format; delimiter?: Delimiter } = {}): Promise<Sniffed> {
  const size = (await stat(path)).size;
  const head = await readHead(path);
  const name = basename(path);
  if (hint.format === 'parquet' || /\.parquet$/i.test(name) || (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31)) {
    return { path, size, format: 'parquet', encoding: 'utf-8', header: [], sample: '' };
  }
  const encoding = hint.encoding ?? detectEncoding(head);
  // drop a possibly cut last line / character
  const text = decode(head, encoding);
  // (a minified one-line document has no line to cut at: keep the head, its parsers tolerate a cut tail)
  const cut = text.lastIndexOf('\n');
  const sample = size > head.length && cut > 0 ? text.slice(0, cut) : text;
  const trimmed = sample.replace(/^\uFEFF/, '').trimStart();
  const fmt = hint.format ?? guessFormat(trimmed, name);
  if (fmt === 'ndjson' || fmt === 'json') {
    const recordsKey = fmt === 'json' ? jsonRecordsKey(trimmed) : undefined;
    const first = firstJsonRecord(trimmed, fmt, recordsKey);
    return { path, size, format: fmt, encoding, header: first ? flattenKeys(first) : [], sample, ...(recordsKey ? { recordsKey } : {}) };
  }
  if (fmt === 'xml') {
    const recordTag = guessXmlRecordTag(trimmed);
    return { path, size, format: 'xml', encoding, header: [], sample, ...(recordTag ? { recordTag } : {}) };
  }
  const lines = sample.split(/\r?\n/);
  const shape = hint.delimiter
    ? { delimiter: hint.delimiter, ...headerFor(lines, hint.delimiter) }
    : (sniffDelimited(lines) ?? singleColumn(lines));
  if (!shape) {
    throw inputError(`${name}: no header line found (the file is empty or blank)`, 'export the file again with its header row, or check you picked the right file');
  }
  return { path, size, format: 'csv', encoding, delimiter: shape.delimiter, headerIndex: shape.headerIndex, header: shape.header, sample };
}

function headerFor(lines: string[], d: Delimiter) {
  const headerIndex = Math.max(0, lines.findIndex((l) => l.trim() !== ''));
  return { headerIndex, header: splitLine(lines[headerIndex] ?? '', d).map((h) => h.trim()) };
}

function singleColumn(lines: string[]) {
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return undefined;
  return { delimiter: ',' as const, headerIndex, header: [lines[headerIndex]!.trim().replace(/^"|"$/g, '')] };
}

function guessFormat(text: string, name: string): Format {
  if (/\.ndjson$|\.jsonl$/i.test(name)) return 'ndjson';
  if (text.startsWith('<')) return 'xml';
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) {
    const lines = text.split('\n', 3).filter((l) => l.trim() !== '');
    try {
      JSON.parse(lines[0]!.trim());
    } catch {
      return 'json';
    }
    // a whole document on one line ({"orders":[...]}) is JSON when a .json file holds a records array
    return lines.length === 1 && /\.json$/i.test(name) && jsonRecordsKey(text) !== undefined ? 'json' : 'ndjson';
  }
  return 'csv';
}
