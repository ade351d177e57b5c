// How the encoder enters the matcher beyond one cosine: the differing-token cosine (enc.diff) and the averaging
// ensemble of the matchers with and without the encoder, scored from per-seed / per-fold probabilities.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/ai/builtin/rng.js';
import { cvF1, cvF1OfScores, cvScores, f1OfScores, meanScores } from '../../src/ai/encoder/eval.js';
import { differingTokens, ENCODER_DIFF_FEATURE, ENCODER_FEATURE, withEncoderDiffFeatures } from '../../src/ai/encoder/feature.js';
import { initEncoder } from '../../src/ai/encoder/train.js';
import { createFeaturizer, fitFeaturizer } from '../../src/fusion/features.js';
import type { LabeledPair, PairRecord } from '../../src/fusion/pairs/types.js';

describe('differing tokens', () => {
  it('keeps each side’s own tokens in order and drops the shared ones', () => {
    expect(differingTokens('Sony WH-1000XM4 black headphones', 'sony wh-1000xm4 headphones silver')).toEqual(['black', 'silver']);
    expect(differingTokens('a b c', 'c b a')).toEqual(['', '']);
  });
});

describe('enc.diff feature', () => {
  const w = initEncoder({ buckets: 1 << 12, dim: 16, hidden: 32 }, 3);
  const rec = (title: string): PairRecord => ({ attrs: { title } });
  const records = ['canon eos 80d body black', 'canon eos 80d body', 'nikon d750 kit 24-120mm', 'nikon d750 body only'].map(rec);
  const base = createFeaturizer(fitFeaturizer(records));
  const f = withEncoderDiffFeatures(base, w, (r) => String(r.attrs.title));

  it('appends enc.cos then enc.diff to the base vector, leaving the base features as they were', () => {
    expect(f.names.slice(-2)).toEqual([ENCODER_FEATURE, ENCODER_DIFF_FEATURE]);
    const x = f.features(records[2] as PairRecord, records[3] as PairRecord);
    expect(x.length).toBe(base.names.length + 2);
    expect(Array.from(x.slice(0, base.names.length))).toEqual(Array.from(base.features(records[2] as PairRecord, records[3] as PairRecord)));
    const d = x[x.length - 1] as number;
    expect(d).toBeGreaterThanOrEqual(-1.0001);
    expect(d).toBeLessThan(0.9999); // 'kit 24-120mm' vs 'only': different texts, not the no-difference value
  });

  it('is 1 when no token differs and missing (NaN) when only one side has tokens of its own', () => {
    const same = f.features(rec('eos 80d canon'), rec('canon eos 80d'));
    expect(same[same.length - 1]).toBe(1);
    const oneSided = f.features(records[0] as PairRecord, records[1] as PairRecord);
    expect(Number.isNaN(oneSided[oneSided.length - 1])).toBe(true);
  });
});

describe('scoring designs from probabilities', () => {
  it('reads each seed’s test F1 at its best valid threshold; a valid-only run leaves test NaN', () => {
    const validY = Uint8Array.from([1, 1, 0, 0]);
    const testY = Uint8Array.from([1, 0, 1, 0]);
    const s = { valid: [Float64Array.from([0.9, 0.8, 0.3, 0.1])], test: [Float64Array.from([0.95, 0.6, 0.5, 0.2])] };
    const r = f1OfScores(s, validY, testY);
    expect(r.validF1).toBe(1);
    // the valid cut sits between 0.8 and 0.3 (0.55): test predicts 0.95 and 0.6 → tp 1, fp 1, fn 1
    expect(r.f1).toBeCloseTo(0.5, 9);
    const v = f1OfScores({ valid: s.valid }, validY, undefined);
    expect(v.validF1).toBe(1);
    expect(Number.isNaN(v.f1)).toBe(true);
    expect(v.perSeed).toEqual([]);
  });

  it('averages member scores element-wise, and an ensemble of a good and a noisy scorer beats the noisy one in CV', () => {
    expect(Array.from(meanScores(Float64Array.from([0, 1]), Float64Array.from([1, 0.5])))).toEqual([0.5, 0.75]);
    const rng = createRng(11);
    const pairs: LabeledPair[] = Array.from({ length: 500 }, (_, i) => ({ left: { attrs: { t: `L${i % 125}` } }, right: { attrs: { t: `R${i}` } }, label: i % 3 === 0 ? 1 : 0 }));
    const y = Uint8Array.from(pairs.map((p) => p.label));
    const f = { names: ['a', 'b'] } as unknown as Parameters<typeof cvScores>[0];
    const good = { x: pairs.map((p) => Float64Array.from([p.label + 0.9 * rng.next(), rng.next()])), y };
    const noisy = { x: pairs.map((p) => Float64Array.from([p.label + 3 * rng.next(), rng.next()])), y };
    const g = cvScores(f, pairs, good, 4);
    const n = cvScores(f, pairs, noisy, 4);
    // the fold scores reproduce cvF1 exactly
    expect(cvF1OfScores(g)).toBeCloseTo(cvF1(f, pairs, good, 4), 12);
    const ens = cvF1OfScores(g.map((fs, i) => ({ scores: meanScores(fs.scores, n[i]?.scores as Float64Array), y: fs.y })));
    expect(ens).toBeGreaterThan(cvF1OfScores(n));
  });
});

describe('hard negatives for the self-supervised encoder', () => {
  it('pairs a title with its most similar title whose model codes conflict, never with a same-code or code-less one', async () => {
    const { codesConflict, hardNegatives } = await import('../../src/ai/encoder/hard-negatives.js');
    expect(codesConflict(['lds4821ww'], ['ldf6920bb'])).toBe(true);
    expect(codesConflict(['d7000'], ['nikond7000'])).toBe(false); // same digit run
    expect(codesConflict([], ['ldf6920bb'])).toBe(false);
    const titles = [
      'lg lds4821ww semi integrated dishwasher white', // 0
      'lg lds4821ww semi integrated dishwasher', // 1: same code as 0
      'lg ldf6920bb semi integrated dishwasher white', // 2: conflicting code, very similar to 0
      'lg ldx9810st semi integrated dishwasher stainless', // 3: conflicting code, less similar to 0
      'white semi integrated dishwasher', // 4: no code
      'sony kdl40v4100 lcd tv', // 5: conflicting code, shares nothing
    ];
    const neg = hardNegatives(titles);
    const of = (i: number): number | undefined => neg.find(([a]) => a === i)?.[1];
    expect(of(0)).toBe(2);
    expect(of(4)).toBeUndefined(); // no code, no hard negative of its own
    for (const [a, b] of neg) {
      expect(b).not.toBe(a);
      expect([a, b].sort().join()).not.toBe('0,1');
      expect(b).not.toBe(4);
    }
    expect(hardNegatives(titles, { perTitle: 2 }).filter(([a]) => a === 0).map(([, b]) => b)).toEqual([2, 3]);
  });
});
