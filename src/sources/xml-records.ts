// Records of an XML document streamed one element at a time (eBay <Order>, RSS <item>), each parsed alone.
import { XMLParser } from 'fast-xml-parser';
import { textChunks } from './text-stream.js';
import type { Encoding } from './encoding.js';
import type { RawRecord } from './json-records.js';

/** Pick the record element: `item` for RSS feeds, else the most repeated element that has children. */
export function guessXmlRecordTag(sample: string): string | undefined {
  if (/<item[\s>]/.test(sample)) return 'item';
  const counts = new Map<string, number>();
  for (const m of sample.matchAll(/<([A-Za-z_][\w:.-]*)[\s>]/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  const withChildren = [...counts.entries()].filter(([tag, n]) => n >= 1 && new RegExp(`<${tag}[^>]*>\\s*<`).test(sample));
  withChildren.sort((a, b) => b[1] - a[1]);
  const top = withChildren.find(([, n]) => n >= 2) ?? withChildren.at(-1);
  return top?.[0];
}

export function xmlParser(): XMLParser {
  // parseTagValue:false keeps SKUs like 00123 as text
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, trimValues: true, textNodeName: '#text' });
}

export async function* xmlRecords(path: string, encoding: Encoding, tag: string): AsyncGenerator<RawRecord & { error?: string }> {
  const open = new RegExp(`<${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s>/])`, 'g');
  const close = `</${tag}>`;
  let buf = '';
  let n = 0;
  for await (const chunk of textChunks(path, encoding)) {
    buf += chunk;
    for (;;) {
      open.lastIndex = 0;
      const m = open.exec(buf);
      if (!m) { buf = buf.slice(Math.max(0, buf.length - tag.length - 2)); break; }
      const end = buf.indexOf(close, m.index);
      if (end < 0) { buf = buf.slice(m.index); break; }
      yield { n: ++n, text: buf.slice(m.index, end + close.length) };
      buf = buf.slice(end + close.length);
    }
  }
  open.lastIndex = 0;
  const m = open.exec(buf);
  if (m) yield { n: n + 1, text: buf.slice(m.index), error: `the file ends inside a <${tag}> record (truncated XML)` };
}
