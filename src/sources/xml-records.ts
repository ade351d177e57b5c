// Records of an XML document streamed one element at a time (eBay <Order>, RSS <item>), each parsed alone.
import { XMLParser } from 'fast-xml-parser';
import { textChunks } from './text-stream.js';
import type { Encoding } from './encoding.js';
import type { RawRecord } from './json-records.js';

/**
 * Pick the record element: `item` for RSS feeds, else the shallowest element that repeats and has children
 * (GetOrders: <Order> under <OrderArray>, not the more numerous <Transaction> inside each order).
 */
export function guessXmlRecordTag(sample: string): string | undefined {
  if (/<item[\s>]/.test(sample)) return 'item';
  const seen = new Map<string, { n: number; depth: number; parent: boolean }>();
  let depth = 0;
  let open: string | undefined;
  for (const m of sample.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, closing, tag, selfClosing] = m as unknown as [string, string, string, string];
    if (closing) { depth--; open = undefined; continue; }
    const s = seen.get(tag) ?? { n: 0, depth, parent: false };
    s.n++;
    s.depth = Math.min(s.depth, depth);
    seen.set(tag, s);
    if (open !== undefined) seen.get(open)!.parent = true;
    if (selfClosing) { open = undefined; continue; }
    open = tag;
    depth++;
  }
  const parents = [...seen.entries()].filter(([, s]) => s.parent);
  parents.sort((a, b) => (b[1].n >= 2 ? 1 : 0) - (a[1].n >= 2 ? 1 : 0) || a[1].depth - b[1].depth || b[1].n - a[1].n);
  const top = parents[0];
  return top && top[1].n >= 2 ? top[0] : parents.at(-1)?.[0];
}

export function xmlParser(): XMLParser {
  // parseTagValue:false keeps SKUs like 00123 as text; htmlEntities decodes numeric references (Pok&#233;mon),
  // which the parser otherwise leaves as written, and the HTML names eBay titles carry (&eacute;, &ndash;)
  return new XMLParser({ htmlEntities: true, ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, trimValues: true, textNodeName: '#text' });
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
