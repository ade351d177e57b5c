// `npm run bench -- sentiment [--seed 1] [--json]`: the review-sentiment model on the Amazon review files
// (de-duplicated; ≤2 stars negative, ≥4 positive), tuned on valid, macro-F1 on the held-out test split.
import { parseArgs } from 'node:util';
import { readAmazonReviews } from '../src/analytics/sentiment/amazon-reviews.js';
import { trainSentiment } from '../src/analytics/sentiment/train.js';

const FILES = ['../shared/data/amazon-reviews/All_Beauty_5.json.gz', '../shared/data/amazon-reviews/AMAZON_FASHION_5.json.gz'];
const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, seeds: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } } });
const t0 = performance.now();
const d = readAmazonReviews(FILES);
const { evaluation: e } = trainSentiment(d.rows, { seed: Number(values.seed) });
const ms = performance.now() - t0;
// the test split holds 18 negative reviews, so one split is noisy: also score split seeds 1..--seeds, each tuned on its own valid
const bySeed = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1).map((seed) => ({ seed, test: trainSentiment(d.rows, { seed }).evaluation.test.macroF1 }));
const mean = bySeed.reduce((a, b) => a + b.test, 0) / Math.max(1, bySeed.length);
const sd = Math.sqrt(bySeed.reduce((a, b) => a + (b.test - mean) ** 2, 0) / Math.max(1, bySeed.length - 1));
if (values.json) {
  process.stdout.write(JSON.stringify({ read: d.read, duplicates: d.duplicates, neutral: d.neutral, labelled: d.rows.length, ...e, bySeed, meanTestMacroF1: mean, sdTestMacroF1: sd, ms: Math.round(ms) }, null, 2) + '\n');
} else {
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`${d.read} reviews, ${d.duplicates} duplicates and ${d.neutral} three-star left out: ${d.rows.length} labelled (${d.rows.filter((r) => r.y === 0).length} negative); split ${JSON.stringify(e.split)}, ${e.terms} terms`);
  out(`chosen on valid: L2 ${e.chosen.l2}, threshold ${e.chosen.threshold}; valid macro-F1 ${e.valid.macroF1.toFixed(3)}`);
  out(`split seed ${values.seed}: test macro-F1 ${e.test.macroF1.toFixed(3)} (F1 positive ${e.test.f1Positive.toFixed(3)}, negative ${e.test.f1Negative.toFixed(3)}, ${e.test.negatives} negatives of ${e.test.n}); accuracy ${e.test.accuracy.toFixed(3)}; ${(ms / 1000).toFixed(1)} s`);
  out(`split seeds 1-${bySeed.length}: test macro-F1 ${bySeed.map((b) => b.test.toFixed(3)).join(' ')}; mean ${mean.toFixed(3)} ± ${sd.toFixed(3)}`);
}
