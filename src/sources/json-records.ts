// Records of a JSON document streamed one at a time: the root array, or the array at a key path (payload.Orders).
import { textChunks } from './text-stream.js';
import type { Encoding } from './encoding.js';

export interface RawRecord {
  /** 1-based record number */
  n: number;
  /** the record's text */
  text: string;
}

/**
 * The dotted key path of the records array when the root is an object: "orders" for {"orders": [...]},
 * "payload.Orders" for SP-API's {"payload": {"Orders": [...]}}. Undefined when the root is the array (or there
 * is no array of objects). The sample may be cut anywhere: the array with most object elements seen wins, the
 * first one in the document on a tie.
 */
export function jsonRecordsKey(sample: string): string | undefined {
  if (sample.trimStart().startsWith('[')) return undefined;
  let best: { path: string; n: number } | undefined;
  for (const c of objectArrays(sample)) if (!best || c.n > best.n) best = c;
  return best?.path;
}

const MAX_PATH_DEPTH = 4;

/** Arrays reached through object keys only (depth ≤ 4), with the number of objects each holds in the sample. */
function objectArrays(text: string): { path: string; n: number }[] {
  const found = new Map<string, number>();
  // one frame per open container: its kind, the path of object keys to it (null once inside an array), last key
  const stack: { kind: 'o' | 'a'; path: string[] | null; key: string }[] = [];
  let lastString = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      let s = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\') { s += text[j + 1] ?? ''; j++; } else s += text[j];
      }
      lastString = s;
      i = j;
      continue;
    }
    const top = stack.at(-1);
    if (c === ':' && top?.kind === 'o') top.key = lastString;
    else if (c === '{' || c === '[') {
      let path: string[] | null = null;
      if (!top) path = [];
      else if (top.kind === 'o' && top.path && top.path.length < MAX_PATH_DEPTH) path = [...top.path, top.key];
      if (top?.kind === 'a' && top.path && c === '{') {
        const k = top.path.join('.');
        found.set(k, (found.get(k) ?? 0) + 1);
      }
      if (c === '[' && path && path.length > 0 && !found.has(path.join('.'))) found.set(path.join('.'), 0);
      stack.push({ kind: c === '{' ? 'o' : 'a', path, key: '' });
    } else if (c === '}' || c === ']') stack.pop();
  }
  return [...found.entries()].filter(([, n]) => n > 0).map(([path, n]) => ({ path, n }));
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
 * A character-level scanner that emits the text of each element of the records array (the root array, or the
 * array at a dotted key path). It tracks strings, escapes, nesting and the object keys on the way down only;
 * each element is then parsed by JSON.parse on its own.
 */
export class JsonArraySplitter {
  private readonly path: string[];
  private depth = 0;
  /** keys[d]: the last key read in the object open at depth d (only kept above the records array) */
  private readonly keys: string[] = [];
  private inString = false;
  private escape = false;
  private inArray = false;
  private done = false;
  private elemStart = -1;
  private buf = '';
  private str = '';
  private lastString = '';
  constructor(recordsKey: string | undefined) {
    this.path = recordsKey === undefined || recordsKey === '' ? [] : recordsKey.split('.');
  }

  push(chunk: string): string[] {
    const out: string[] = [];
    const base = this.buf.length;
    this.buf += chunk;
    const targetDepth = this.path.length + 1;
    // keys matter only on the way down to the records array
    const tracking = () => !this.inArray && !this.done && this.depth <= this.path.length;
    for (let i = base; i < this.buf.length; i++) {
      const c = this.buf[i]!;
      if (this.inString) {
        if (this.escape) { this.escape = false; if (tracking()) this.str += c; }
        else if (c === '\\') this.escape = true;
        else if (c === '"') { this.inString = false; this.lastString = this.str; }
        else if (tracking()) this.str += c;
        continue;
      }
      if (c === '"') {
        this.inString = true;
        this.str = '';
        if (this.inArray && this.depth === targetDepth && this.elemStart < 0) this.elemStart = i;
        continue;
      }
      if (c === ':' && tracking()) { this.keys[this.depth] = this.lastString; continue; }
      if (c === '{' || c === '[') {
        this.depth++;
        // an array on the way down never matches a key (and a stale key of a closed object must not)
        if (tracking()) this.keys[this.depth] = c === '[' ? '\u0000' : '';
        if (!this.inArray && !this.done && c === '[' && this.depth === targetDepth && this.onPath()) {
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
          this.done = true;
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

  /** every object on the way down was entered through the wanted key */
  private onPath(): boolean {
    for (let d = 1; d < this.depth; d++) if (this.keys[d] !== this.path[d - 1]) return false;
    return true;
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
