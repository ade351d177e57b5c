// Feature-selection scores against values worked out by hand (and as scikit-learn's f_classif gives them).
import { describe, expect, it } from 'vitest';
import { anovaF, mutualInfo, scoreFeatures, selectKBest } from '../../src/analytics/features/select.js';
import { createRng } from '../../src/ai/builtin/rng.js';

describe('ANOVA F (f_classif)', () => {
  it('matches the hand computation and its p-value', () => {
    // means 2 and 5; SSB = 13.5 (df 1), SSW = 4 (df 4) → F = 13.5, P(F(1,4) > 13.5) = 0.02131
    const { f, p } = anovaF([1, 2, 3, 4, 5, 6], [0, 0, 0, 1, 1, 1]);
    expect(f).toBeCloseTo(13.5, 10);
    expect(p).toBeCloseTo(0.02131, 4);
  });
  it('is 0 with p = 1 for a feature with equal class means', () => {
    expect(anovaF([1, 3, 1, 3], [0, 0, 1, 1])).toEqual({ f: 0, p: 1 });
  });
});

describe('mutual information (kNN estimator)', () => {
  const rng = createRng(3);
  const n = 2000;
  const y = Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
  it('recovers a known MI: x ~ U[y, y + 1.5] has MI = (2/3) ln 2', () => {
    const x = y.map((v) => v + rng.next() * 1.5);
    expect(mutualInfo(x, y)).toBeCloseTo((2 / 3) * Math.log(2), 1);
  });
  it('is near zero for an independent feature', () => {
    expect(mutualInfo(y.map(() => rng.next()), y)).toBeLessThan(0.03);
  });
  it('sees signal in integer-valued (tied) features', () => {
    const x = y.map((v) => Math.round((v * 0.5 + rng.next()) * 10));
    expect(mutualInfo(x, y)).toBeGreaterThan(0.2);
  });
  it('ranks the informative feature first', () => {
    const rows = y.map((v) => [rng.next(), v * 2 + rng.next()]);
    const scores = scoreFeatures(['noise', 'signal'], rows, y);
    expect(selectKBest(scores, 1, 'mi')).toEqual(['signal']);
    expect(selectKBest(scores, 1, 'f')).toEqual(['signal']);
  });
});
