// Resampled splits for the encoder evaluation (round 4): train + valid + test pooled and re-split 60/20/20, grouped by
// left record, deterministic per seed; without a seed the dataset's own splits are used unchanged.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationSplits, resplitPairs, splitCount } from '../../src/ai/encoder/eval.js';
import { readPairSplits } from '../../src/fusion/pairs/discover.js';
import { recordKey, type LabeledPair } from '../../src/fusion/pairs/types.js';

// 120 left records with 1–4 pairs each (uneven groups), one positive per left record.
function pairs(from: number, to: number): LabeledPair[] {
  const out: LabeledPair[] = [];
  for (let i = from; i < to; i++) {
    const n = 1 + (i % 4);
    for (let j = 0; j < n; j++) out.push({ left: { attrs: { title: `left ${i}` } }, right: { attrs: { title: `right ${i} ${j}` } }, label: j === 0 ? 1 : 0 });
  }
  return out;
}
const own = { train: pairs(0, 72), valid: pairs(72, 96), test: pairs(96, 120) };
const pooled = [...own.train, ...own.valid, ...own.test];
const leftsOf = (xs: readonly LabeledPair[]): Set<string> => new Set(xs.map((p) => recordKey(p.left)));

describe('resplitPairs', () => {
  it('puts all pairs of one left record in one split', () => {
    for (const seed of [1, 101, 102]) {
      const r = resplitPairs(own, seed);
      const [a, b, c] = [leftsOf(r.train), leftsOf(r.valid), leftsOf(r.test)];
      for (const k of a) expect(b.has(k) || c.has(k)).toBe(false);
      for (const k of b) expect(c.has(k)).toBe(false);
      expect(a.size + b.size + c.size).toBe(120);
    }
  });

  it('covers every pooled pair exactly once, in about 60/20/20 of the pairs', () => {
    const r = resplitPairs(own, 101);
    const seen = [...r.train, ...r.valid, ...r.test];
    expect(seen.length).toBe(pooled.length);
    expect(new Set(seen).size).toBe(pooled.length);
    for (const p of pooled) expect(seen.includes(p)).toBe(true);
    // each cut overshoots its target by less than one group (≤ 4 pairs)
    expect(r.train.length).toBeGreaterThanOrEqual(0.6 * pooled.length);
    expect(r.train.length).toBeLessThan(0.6 * pooled.length + 4);
    expect(r.train.length + r.valid.length).toBeGreaterThanOrEqual(0.8 * pooled.length);
    expect(r.train.length + r.valid.length).toBeLessThan(0.8 * pooled.length + 4);
    expect(splitCount(r.train).positives + splitCount(r.valid).positives + splitCount(r.test).positives).toBe(120);
  });

  it('is deterministic per seed, differs between seeds, and does not depend on the order of the input splits', () => {
    const a = resplitPairs(own, 101);
    const b = resplitPairs(own, 101);
    expect(a.test.map((p) => recordKey(p.right))).toEqual(b.test.map((p) => recordKey(p.right)));
    expect(a.train.map((p) => recordKey(p.right))).toEqual(b.train.map((p) => recordKey(p.right)));
    const c = resplitPairs(own, 102);
    expect([...leftsOf(c.test)].sort()).not.toEqual([...leftsOf(a.test)].sort());
    const swapped = resplitPairs({ train: own.test, valid: own.train, test: own.valid }, 101);
    expect([...leftsOf(swapped.test)].sort()).toEqual([...leftsOf(a.test)].sort());
    // not the standard split: the resampled test holds records of the standard train
    expect([...leftsOf(a.test)].some((k) => leftsOf(own.train).has(k))).toBe(true);
  });
});

describe('evaluationSplits', () => {
  let dir = '';
  const line = (p: LabeledPair): string => `COL title VAL ${p.left.attrs.title}\tCOL title VAL ${p.right.attrs.title}\t${p.label}`;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'omnifuse-resplit-'));
    for (const [name, xs] of Object.entries(own)) await writeFile(join(dir, `${name}.txt`), xs.map(line).join('\n') + '\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('without a resplit seed is the dataset’s own split; with one, the resampled split of the same pairs', async () => {
    const std = await readPairSplits(dir);
    const plain = await evaluationSplits(dir, undefined, undefined);
    expect(plain.train).toEqual(std.train);
    expect(plain.valid).toEqual(std.valid);
    expect(plain.test).toEqual(std.test);
    expect(plain.test.length).toBe(own.test.length);
    const re = await evaluationSplits(dir, undefined, 101);
    const want = resplitPairs(std, 101);
    expect(re.test).toEqual(want.test);
    expect(re.test).not.toEqual(std.test);
  });
});
