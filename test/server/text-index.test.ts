// The product search's token index answers exactly as a scan of every text does (random queries, seeded).
import { describe, expect, it } from 'vitest';
import { buildTextIndex } from '../../src/server/text-index.js';
import { matcher } from '../../src/server/read-model.js';
import { createRng } from '../../src/ai/builtin/rng.js';

const WORDS = ['tefal', 'pan', 'non-stick', '28cm', 'usb-c', 'cable', 'black', 'blue', 'sony', 'wh-1000xm4', 'headphones', '索尼', '无线降噪耳机',
  '黑色', 'ssd', '1tb', 'nvme', 'm.2', 'kitchen', 'aid', 'kitchenaid', 'mixer', '5qt', 'x', 'ab', 'Ünïcode', 'café'];

function corpus(n: number, rnd: () => number): (string | null)[] {
  const pick = () => WORDS[Math.floor(rnd() * WORDS.length)]!;
  return Array.from({ length: n }, (_, i) => (i % 97 === 0 ? null
    : Array.from({ length: 2 + Math.floor(rnd() * 8) }, pick).join(rnd() < 0.1 ? '  ' : ' ').toLowerCase() + (rnd() < 0.2 ? '无线' : '')));
}

function queries(texts: (string | null)[], rnd: () => number): string[] {
  const out = ['a', 'ab', 'x', 'zz', 'tefal pan', 'n pan', 'cm usb', '降噪', '色 s', 'nope-nothing', 'café', 'ü', ' '];
  for (let k = 0; k < 300; k++) {
    const t = texts[Math.floor(rnd() * texts.length)];
    if (!t) continue;
    const a = Math.floor(rnd() * t.length);
    out.push(t.slice(a, a + 1 + Math.floor(rnd() * 14)));
  }
  return out;
}

describe('text index', () => {
  it('finds exactly the texts a scan finds, in order', () => {
    const r11 = createRng(11);
    const rnd = () => r11.next();
    const texts = corpus(3000, rnd);
    const index = buildTextIndex(texts);
    for (const q of queries(texts, rnd)) {
      const scan = texts.flatMap((t, i) => (t !== null && t.includes(q) ? [i] : []));
      expect({ q, hits: index.find(q) }).toEqual({ q, hits: scan });
    }
  });

  it('the product matcher gives the same answer with and without the index, codes included', () => {
    const r5 = createRng(5);
    const rnd = () => r5.next();
    const texts = corpus(2000, rnd);
    const products = texts.map((text, i) => ({ text, codes: [`SKU-${i % 50}`, `p-${i}`] }));
    const scan = matcher(products, Infinity);
    const indexed = matcher(products, 0);
    for (const q of [...queries(texts, rnd), 'SKU-7', 'p-1999', 'TEFAL', 'sku-7']) expect({ q, hits: indexed(q) }).toEqual({ q, hits: scan(q) });
  });
});
