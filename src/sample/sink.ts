// Buffered file writer with stream backpressure and GBK/BOM output, so large scale never holds a file in memory.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';

export interface SinkOptions {
  encoding?: 'utf8' | 'gbk';
  bom?: boolean;
  eol?: '\n' | '\r\n';
}

const CHUNK = 1 << 20;
/**
 * BMP code unit → GBK bytes (< 0x100: one byte, else lead << 8 | trail), read off one iconv-lite encoding of every
 * character, so that output stays byte-identical to iconv-lite's while each character costs one array lookup.
 * Characters are separated by "\n" in that pass: 0x0A is never a GBK trail byte (those are 0x40..0xFE).
 */
function gbkTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x80; c++) table[c] = c;
  const chars: string[] = [];
  for (let c = 0x80; c < 0xd800; c++) chars.push(String.fromCharCode(c));
  for (let c = 0xe000; c < 0x10000; c++) chars.push(String.fromCharCode(c));
  const bytes = iconv.encode(chars.join('\n'), 'gbk');
  let p = 0;
  for (const ch of chars) {
    const start = p;
    while (p < bytes.length && bytes[p] !== 0x0a) p++;
    table[ch.charCodeAt(0)] = p - start === 1 ? bytes[start]! : (bytes[start]! << 8) | bytes[start + 1]!;
    p++;
  }
  return table;
}

/**
 * Text goes straight into a byte buffer: a line built by `+=` is a tree of string pieces many times its size,
 * and holding a megabyte of those per file until a flush made them survive into the old generation (GC was a
 * third of the run at large scale).
 */
export class FileSink {
  /** Data records written (headers, footers and JSON punctuation excluded). */
  rows = 0;
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private readonly gbk: Uint16Array | undefined;
  private readonly stream: WriteStream;
  private readonly encoding: 'utf8' | 'gbk';
  private readonly eol: string;
  private waiting: Promise<void> | null = null;
  private closed = false;

  constructor(outDir: string, readonly path: string, options: SinkOptions = {}) {
    const full = join(outDir, path);
    mkdirSync(dirname(full), { recursive: true });
    this.stream = createWriteStream(full);
    this.encoding = options.encoding ?? 'utf8';
    this.eol = options.eol ?? '\n';
    this.gbk = this.encoding === 'gbk' ? gbkTable() : undefined;
    if (options.bom) this.stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
  }

  /** A line that is not a data record (header, blank line, footer). */
  line(text: string): void {
    this.raw(text + this.eol);
  }

  /** A data record; returns its 1-based record number. */
  record(text: string): number {
    this.raw(text + this.eol);
    return ++this.rows;
  }

  raw(text: string): void {
    // a UTF-16 unit is at most 3 UTF-8 bytes, 2 GBK bytes
    if (this.pos + text.length * 3 > CHUNK) {
      this.flush();
      if (text.length * 3 > CHUNK) {
        this.send(this.gbk ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'));
        return;
      }
    }
    if (this.gbk) this.writeGbk(text, this.gbk);
    else this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  private writeGbk(text: string, table: Uint16Array): void {
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) { buf[pos++] = c; continue; }
      if (c >= 0xd800 && c < 0xe000) {
        // surrogates (emoji): iconv-lite's own rules, for the whole text
        pos = this.pos + iconv.encode(text, 'gbk').copy(buf, this.pos);
        break;
      }
      const v = table[c]!;
      if (v < 0x100) buf[pos++] = v;
      else { buf[pos++] = v >> 8; buf[pos++] = v & 0xff; }
    }
    this.pos = pos;
  }

  /** Resolves once the OS stream has room again; callers await it between batches. */
  relieve(): Promise<void> {
    return this.waiting ?? Promise.resolve();
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.send(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
  }

  private send(bytes: Buffer): void {
    if (!this.stream.write(bytes) && !this.waiting) {
      this.waiting = new Promise((resolve) => {
        this.stream.once('drain', () => {
          this.waiting = null;
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    await this.relieve();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
  }
}
