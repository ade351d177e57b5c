// Split a byte stream into NDJSON lines without ever holding more than one record's worth of text.
import { StringDecoder } from 'node:string_decoder';

export interface Line {
  /** 1-based line number in the stream */
  n: number;
  text: string;
  receivedAt: number;
}

export class RecordTooLarge extends Error {
  constructor(readonly line: number, readonly limit: number) {
    super(`the record at line ${line} is larger than ${limit} bytes`);
  }
}

export async function* ndjsonLines(input: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let buf = '';
  let n = 0;
  for await (const chunk of input) {
    const now = performance.now();
    buf += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const text = buf.slice(0, nl).replace(/\r$/, '');
      buf = buf.slice(nl + 1);
      n++;
      if (Buffer.byteLength(text) > maxBytes) throw new RecordTooLarge(n, maxBytes);
      if (text.trim() !== '') yield { n, text, receivedAt: now };
    }
    if (Buffer.byteLength(buf) > maxBytes) throw new RecordTooLarge(n + 1, maxBytes);
  }
  buf += decoder.end();
  if (buf.trim() !== '') {
    n++;
    if (Buffer.byteLength(buf) > maxBytes) throw new RecordTooLarge(n, maxBytes);
    yield { n, text: buf.replace(/\r$/, ''), receivedAt: performance.now() };
  }
}
