// CLK encodings: keyed, no plain PII in the file, similar people score high (across 张伟 / Zhang Wei), the file
// round-trips, and blocked linkage finds the true pairs of a small partner file pair.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clkEncoder, parseClk, writeClkLines } from '../../src/privacy/clk-file.js';
import { dice, popcount } from '../../src/privacy/clk.js';
import { linkClks } from '../../src/privacy/pprl-link.js';
import { linkScore, partnerData } from './partner-data.js';

const KEY = Buffer.alloc(32, 3);

describe('CLK encoding', () => {
  const enc = clkEncoder(KEY);
  const zh = enc({ id: '1', name: '张伟', phone: '13812345678', postcode: '100020', city: '北京市' });
  const en = enc({ id: '2', name: 'Wei Zhang', phone: '+86 138 1234 5678', postcode: '100020', city: '北京市' });
  const other = enc({ id: '3', name: 'Li Na', phone: '13998765432', postcode: '200030', city: '上海市' });

  it('is a 1024-bit filter, about half full at most', () => {
    expect(zh.clk.length * 32).toBe(1024);
    expect(popcount(zh.clk)).toBeGreaterThan(50);
    expect(popcount(zh.clk)).toBeLessThan(600);
  });
  it('scores the same person high across scripts and name order, others low', () => {
    expect(dice(zh.clk, en.clk)).toBeGreaterThan(0.95);
    expect(dice(zh.clk, other.clk)).toBeLessThan(0.5);
    expect(zh.blocks.some((b) => en.blocks.includes(b))).toBe(true);
  });
  it('depends on the key', () => {
    const z2 = clkEncoder(Buffer.alloc(32, 4))({ id: '1', name: '张伟', phone: '13812345678', postcode: '100020', city: '北京市' });
    expect(dice(zh.clk, z2.clk)).toBeLessThan(0.5);
  });
  it('writes a file without plain PII that reads back bit for bit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifuse-clk-'));
    try {
      const path = join(dir, 'a.clk');
      writeFileSync(path, writeClkLines([zh, en]).join('\n') + '\n');
      const text = readFileSync(path, 'utf8');
      for (const v of ['张伟', 'Zhang', '13812345678', '5678', '100020', '北京']) expect(text).not.toContain(v);
      const back = parseClk(text);
      expect(back.records.map((r) => r.id)).toEqual(['1', '2']);
      expect([...back.records[1]!.clk]).toEqual([...en.clk]);
      expect(back.records[0]!.blocks).toEqual(zh.blocks);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLK linkage', () => {
  it('links a 1,000-person partner pair with F1 ≥ 0.9', () => {
    const d = partnerData(5, 1000);
    const enc = clkEncoder(KEY);
    const a = d.a.map(enc);
    const b = d.b.map(enc);
    const r = linkClks(a, b, { threshold: 0.75, maxBlockPairs: 250_000 });
    const s = linkScore(d, r.matches.map((m) => ({ a: a[m.a]!.id, b: b[m.b]!.id })));
    expect(r.candidates).toBeLessThan(a.length * b.length * 0.05);
    expect(s.f1).toBeGreaterThan(0.9);
    // a wrong key on one side links (almost) nothing: the test can fail
    const bWrong = d.b.map(clkEncoder(Buffer.alloc(32, 9)));
    expect(linkClks(a, bWrong, { threshold: 0.75, maxBlockPairs: 250_000 }).matches.length).toBeLessThan(10);
  });
});
