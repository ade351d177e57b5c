// The sample's file sink writes exactly the bytes iconv-lite would (GBK through its own table, UTF-8 directly),
// including records larger than its buffer and text with emoji.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSink } from '../../src/sample/sink.js';

const dir = mkdtempSync(join(tmpdir(), 'omnifuse-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LINES = [
  '订单编号,买家会员名,总金额', '="240701000123",张伟88,598.00元', 'Pokémon € 5 – “quoted”', '索尼（SONY）WH-1000XM4 无线降噪耳机 黑色',
  'emoji 😀 here', 'lone \ud800 surrogate', 'ｆｕｌｌ－ｗｉｄｔｈ　ＡＢＣ', '⺀⿕〇ぁ가힣', 'x'.repeat(700_000) + '中'.repeat(200_000),
];

describe('FileSink', () => {
  for (const encoding of ['gbk', 'utf8'] as const) {
    it(`writes ${encoding} byte-identical to a one-shot encoding, CRLF and records counted`, async () => {
      const sink = new FileSink(dir, `${encoding}.csv`, { encoding, eol: '\r\n' });
      sink.line(LINES[0]!);
      for (let k = 0; k < 300; k++) for (const l of LINES.slice(1, -1)) sink.record(l);
      sink.record(LINES.at(-1)!);
      await sink.close();
      const text = [LINES[0], ...Array.from({ length: 300 }, () => LINES.slice(1, -1)).flat(), LINES.at(-1)].join('\r\n') + '\r\n';
      const want = encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
      const got = readFileSync(join(dir, `${encoding}.csv`));
      expect(got.length).toBe(want.length);
      expect(got.equals(want)).toBe(true);
      expect(sink.rows).toBe(300 * (LINES.length - 2) + 1);
    });
  }
});
