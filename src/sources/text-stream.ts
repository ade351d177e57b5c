// Stream a file as decoded text chunks in any supported encoding, never holding the whole file.
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { codecName, type Encoding } from './encoding.js';

export async function* textChunks(path: string, encoding: Encoding): AsyncGenerator<string> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder = iconv.getDecoder(codecName(encoding), { stripBOM: true });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const s = decoder.write(chunk);
    if (s) yield s;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/** Lines of a text stream (\n or \r\n), with their 1-based numbers. */
export async function* textLines(path: string, encoding: Encoding): AsyncGenerator<{ line: number; text: string }> {
  let rest = '';
  let n = 0;
  for await (const chunk of textChunks(path, encoding)) {
    rest += chunk;
    let i: number;
    while ((i = rest.indexOf('\n')) >= 0) {
      const l = rest.slice(0, i);
      rest = rest.slice(i + 1);
      yield { line: ++n, text: l.endsWith('\r') ? l.slice(0, -1) : l };
    }
  }
  if (rest.length > 0) yield { line: n + 1, text: rest };
}
