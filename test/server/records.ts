// NDJSON records for stream tests and the bench: rows of a bundled tab-separated export as JSON objects keyed
// by its header (a connector's column names are the record's keys).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES } from './harness.js';

export function tsvRecords(file: string): Record<string, string>[] {
  const lines = readFileSync(join(EXAMPLES, file), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const header = lines[0]!.split('\t');
  return lines.slice(1).map((l) => {
    const v = l.split('\t');
    return Object.fromEntries(header.map((k, i) => [k, v[i] ?? '']));
  });
}

/** A request body that yields lines at a fixed rate (records per second), as a real feed would. */
export function pacedBody(lines: string[], perSecond: number): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const t0 = performance.now();
  let i = 0;
  return new ReadableStream({
    async pull(controller) {
      if (i >= lines.length) {
        controller.close();
        return;
      }
      const due = t0 + (i / perSecond) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // everything that is due by now goes out in one chunk
      const upTo = Math.min(lines.length, Math.max(i + 1, Math.floor(((performance.now() - t0) / 1000) * perSecond)));
      controller.enqueue(enc.encode(lines.slice(i, upTo).join('\n') + '\n'));
      i = upTo;
    },
  });
}
