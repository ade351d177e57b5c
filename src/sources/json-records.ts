// Records of a JSON document streamed one at a time: the root array, or the array under one top-level key.
import { textChunks } from './text-stream.js';
import type { Encoding } from './encoding.js';

export interface RawRecord {
  /** 1-based record number */
  n: number;
  /** the record's text */
  text: string;
}

/** The key of the records array when the root is an object such as {"orders": [...]}. */
export function jsonRecordsKey(sample: string): string | undefined {
  if (sample.trimStart().startsWith('[')) return undefined;
  const m = /^\s*\{\s*"([^"]+)"\s*:\s*\[/.exec(sample);
  if (m) return m[1];
  try {
    const o = JSON.parse(sample) as unknown;
    if (o && typeof o === 'object' && !Array.isArray(o)) {
      const arrays = Object.entries(o as Record<string, unknown>).filter(([, v]) => Array.isArray(v));
      return arrays.length > 0 ? arrays.sort((a, b) => (b[1] as unknown[]).length - (a[1] as unknown[]).length)[0]![0] : undefined;
    }
  } catch {
    // a partial sample: look for the first key whose value opens an array
    const any = /"([^"]+)"\s*:\s*\[\s*\{/.exec(sample);
    return any?.[1];
  }
  return undefined;
}

export function firstJsonRecord(sample: string, format: 'json' | 'ndjson', recordsKey?: string): unknown {
  if (format === 'ndjson') {
    const line = sample.split('\n').find((l) => l.trim() !== '');
    try {
      return line ? (JSON.parse(line) as unknown) : undefined;
    } catch {
      return undefined;
    }
  }
  const splitter = new JsonArraySplitter(recordsKey);
  const recs = splitter.push(sample);
  const first = recs[0];
  if (first === undefined) {
    try {
      const whole = JSON.parse(sample) as unknown;
      return Array.isArray(whole) ? (whole[0] as unknown) : whole;
    } catch {
      return undefined;
    }
  }
  try {
    return JSON.parse(first) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A character-level scanner that emits the text of each element of the records array. It tracks strings,
 * escapes and nesting depth only; each element is then parsed by JSON.parse on its own.
 */
export class JsonArraySplitter {
  private depth = 0;
  private inString = false;
  private escape = false;
  private inArray = false;
  private elemStart = -1;
  private buf = '';
  private pendingKey = '';
  private lastKey = '';
  private readingKey = false;
  constructor(private readonly recordsKey: string | undefined) {}

  push(chunk: string): string[] {
    const out: string[] = [];
    const base = this.buf.length;
    this.buf += chunk;
    const targetDepth = this.recordsKey === undefined ? 1 : 2;
    for (let i = base; i < this.buf.length; i++) {
      const c = this.buf[i]!;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === '\\') this.escape = true;
        else if (c === '"') {
          this.inString = false;
          if (this.readingKey) { this.readingKey = false; this.lastKey = this.pendingKey; }
        } else if (this.readingKey) this.pendingKey += c;
        continue;
      }
      if (c === '"') {
        this.inString = true;
        if (this.depth === 1 && this.recordsKey !== undefined && !this.inArray) { this.readingKey = true; this.pendingKey = ''; }
        if (this.inArray && this.depth === targetDepth && this.elemStart < 0) this.elemStart = i;
        continue;
      }
      if (c === '{' || c === '[') {
        this.depth++;
        if (!this.inArray && c === '[' && this.depth === targetDepth && (this.recordsKey === undefined || this.lastKey === this.recordsKey)) {
          this.inArray = true;
          continue;
        }
        if (this.inArray && this.depth === targetDepth + 1 && this.elemStart < 0) this.elemStart = i;
        continue;
      }
      if (c === '}' || c === ']') {
        if (this.inArray && this.depth === targetDepth && c === ']') {
          this.flush(i, out);
          this.inArray = false;
        }
        this.depth--;
        continue;
      }
      if (this.inArray && this.depth === targetDepth) {
        if (c === ',') this.flush(i, out);
        else if (this.elemStart < 0 && !/\s/.test(c)) this.elemStart = i;
      }
    }
    // keep only the unfinished element
    const keep = this.elemStart >= 0 ? this.elemStart : this.buf.length;
    this.buf = this.buf.slice(keep);
    if (this.elemStart >= 0) this.elemStart = 0;
    return out;
  }

  private flush(end: number, out: string[]): void {
    if (this.elemStart >= 0) {
      const t = this.buf.slice(this.elemStart, end).trim();
      if (t) out.push(t);
    }
    this.elemStart = -1;
  }

  /** whatever was left unfinished at end of input (a truncated file) */
  leftover(): string {
    return this.elemStart >= 0 || this.buf.trim() ? this.buf.trim() : '';
  }
}

export async function* jsonRecords(path: string, encoding: Encoding, recordsKey: string | undefined): AsyncGenerator<RawRecord & { error?: string }> {
  const splitter = new JsonArraySplitter(recordsKey);
  let n = 0;
  for await (const chunk of textChunks(path, encoding)) {
    for (const text of splitter.push(chunk)) yield { n: ++n, text };
  }
  const rest = splitter.leftover();
  if (rest && !/^[\]}\s]*$/.test(rest)) yield { n: n + 1, text: rest, error: 'the file ends inside this record (truncated JSON)' };
}
