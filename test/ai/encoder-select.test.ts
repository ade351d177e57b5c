// Model selection for the encoder feature: the matcher with `enc.cos` is kept only when its VALID F1 beats the
// baseline's by more than the margin; test F1 never takes part in the choice.
import { describe, expect, it } from 'vitest';
import { MIN_VALID_GAIN, selectOnValid, type F1Row } from '../../src/ai/encoder/eval.js';
import type { LabeledPair } from '../../src/fusion/pairs/types.js';

const row = (validF1: number, f1: number): F1Row => ({ validF1, f1, sd: 0, perSeed: [f1] });

describe('selectOnValid', () => {
  it('keeps the encoder feature when valid F1 improves by more than the margin', () => {
    const s = selectOnValid(row(0.9, 0.8), row(0.91, 0.7));
    expect(s.useEncoder).toBe(true);
    // the chosen model's test F1 is reported as it is, even when it is lower
    expect(s.f1).toBe(0.7);
  });

  it('keeps the baseline on a tie, a valid gain within the margin, or a valid loss — whatever test says', () => {
    expect(selectOnValid(row(0.9, 0.8), row(0.9, 0.95)).useEncoder).toBe(false);
    expect(selectOnValid(row(0.9, 0.8), row(0.9 + MIN_VALID_GAIN / 2, 0.95)).useEncoder).toBe(false);
    const s = selectOnValid(row(0.9, 0.8), row(0.85, 0.99));
    expect(s.useEncoder).toBe(false);
    expect(s.f1).toBe(0.8);
  });

  it('takes the margin as a parameter', () => {
    expect(selectOnValid(row(0.9, 0.8), row(0.92, 0.81), 0.05).useEncoder).toBe(false);
    expect(selectOnValid(row(0.9, 0.8), row(0.96, 0.81), 0.05).useEncoder).toBe(true);
  });
});

describe('cross-validated choice over train+valid', () => {
  it('chooses by cvF1 with the same margin rule, whatever test says', async () => {
    const { selectOnCv } = await import('../../src/ai/encoder/eval.js');
    const cvRow = (cvF1: number, f1: number): F1Row => ({ validF1: 0.5, f1, sd: 0, perSeed: [f1], cvF1 });
    expect(selectOnCv(cvRow(0.9, 0.8), cvRow(0.92, 0.7)).useEncoder).toBe(true);
    expect(selectOnCv(cvRow(0.9, 0.8), cvRow(0.9, 0.99)).useEncoder).toBe(false);
  });

  it('holds out all pairs of one left record together, and scores a separating feature above noise', async () => {
    const { cvF1, foldOf } = await import('../../src/ai/encoder/eval.js');
    const { createRng } = await import('../../src/ai/builtin/rng.js');
    const rng = createRng(5);
    const pairs: LabeledPair[] = Array.from({ length: 600 }, (_, i) => ({ left: { attrs: { t: `L${i % 150}` } }, right: { attrs: { t: `R${i}` } }, label: (i % 4 === 0 ? 1 : 0) }));
    const k = 5;
    const byLeft = new Map<string, Set<number>>();
    for (const p of pairs) byLeft.set(String(p.left.attrs.t), (byLeft.get(String(p.left.attrs.t)) ?? new Set()).add(foldOf(p.left, k)));
    expect([...byLeft.values()].every((s) => s.size === 1)).toBe(true);
    const f = { names: ['signal', 'noise'] } as unknown as Parameters<typeof cvF1>[0];
    const y = Uint8Array.from(pairs.map((p) => p.label));
    const good = { x: pairs.map((p) => Float64Array.from([p.label + 0.3 * rng.next(), rng.next()])), y };
    const bad = { x: pairs.map(() => Float64Array.from([rng.next(), rng.next()])), y };
    expect(cvF1(f, pairs, good, k)).toBeGreaterThan(0.95);
    expect(cvF1(f, pairs, bad, k)).toBeLessThan(0.6);
  });
});
