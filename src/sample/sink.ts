// Buffered file writer with stream backpressure and GBK/BOM output, so large scale never holds a file in memory.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';

export interface SinkOptions {
  encoding?: 'utf8' | 'gbk';
  bom?: boolean;
  eol?: '\n' | '\r\n';
}

const FLUSH_AT = 1 << 20;

export class FileSink {
  /** Data records written (headers, footers and JSON punctuation excluded). */
  rows = 0;
  private parts: string[] = [];
  private size = 0;
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
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  /** Resolves once the OS stream has room again; callers await it between batches. */
  relieve(): Promise<void> {
    return this.waiting ?? Promise.resolve();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    const bytes = this.encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
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
