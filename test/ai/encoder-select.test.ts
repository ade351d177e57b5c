// Model selection for the encoder feature: the matcher with `enc.cos` is kept only when its VALID F1 beats the
// baseline's by more than the margin; test F1 never takes part in the choice.
import { describe, expect, it } from 'vitest';
import { MIN_VALID_GAIN, selectOnValid, type F1Row } from '../../src/ai/encoder/eval.js';

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
