// Review sentiment: clause-scoped terms, NB ratios, the linear solvers, threshold choice, the Amazon loader
// (duplicates removed before the split, 3-star reviews kept apart), a quality floor on the real files, the model
// stored in the registry and used by the reviews report, complaint terms.
import { auc } from '../../src/analytics/churn/metrics.js';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRatingTitle, terms, words } from '../../src/analytics/sentiment/tokens.js';
import { scopedTerms } from '../../src/analytics/sentiment/clauses.js';
import { fitFeatures, prepareReview, type FeatureSpec } from '../../src/analytics/sentiment/features.js';
import { linearScore, trainLinear } from '../../src/analytics/sentiment/linear.js';
import { readAmazonReviews } from '../../src/analytics/sentiment/amazon-reviews.js';
import { baggedThreshold, bestThreshold, binaryScores, DEFAULT_CONFIG, fastBestThreshold, fitPlatt, fitSentiment, prevalenceThreshold, LEXICON_STACK_CONFIG, sentimentScorer, storeSentiment, trainSentiment, type SentimentConfig } from '../../src/analytics/sentiment/train.js';
import { PRIOR_FEATURES, priorFeatures, valenceTerms } from '../../src/analytics/sentiment/prior.js';
import { stackInputs } from '../../src/analytics/sentiment/stack.js';
import { WINK_FEATURES, winkFeatures } from '../../src/analytics/sentiment/wink.js';
import { loadModel } from '../../src/store/model-registry.js';
import { complaintTerms, reviewsReport } from '../../src/analytics/sentiment/reviews.js';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';

const FILES = ['../shared/data/amazon-reviews/All_Beauty_5.json.gz', '../shared/data/amazon-reviews/AMAZON_FASHION_5.json.gz'];
const SPEC: FeatureSpec = { negation: 'clause', contrast: true, chars: false, titleBlock: true, weighting: 'nb', lexicon: 1, minDf: 1 };

describe('tokens', () => {
  it('marks negation, adds bigrams and Chinese character bigrams', () => {
    expect(terms("Don't like it")).toEqual(["don't", "don't like", 'not_like', 'like it', 'it']);
    expect(words('质量很差')).toEqual(['质', '质量', '量', '量很', '很', '很差', '差']);
    expect(isRatingTitle('Five Stars')).toBe(true);
    expect(isRatingTitle('Five stars for fit')).toBe(false);
  });
  it('negation reaches the end of its clause; the clause after "but" counts twice', () => {
    const t = scopedTerms('Not worth the money, great color. Pretty but broke', { negation: 'clause', contrast: true });
    expect(t).toContain('not_worth');
    expect(t).toContain('not_money');
    expect(t).toContain('great');
    expect(t).not.toContain('not_great');
    expect(t.filter((x) => x === 'broke')).toHaveLength(2);
    expect(t.filter((x) => x === 'pretty')).toHaveLength(1);
    const next = scopedTerms('Not worth the money', { negation: 'next', contrast: false });
    expect(next).toContain('not_worth');
    expect(next).toContain('money');
  });
});

describe('features and linear models', () => {
  const docs = [
    { title: 'Broke', body: 'it broke, waste of money' },
    { title: 'Junk', body: 'waste, returned it' },
    { title: 'Great', body: 'love it, works' },
    { title: 'Love', body: 'great value, love the color' },
    { title: '', body: 'works great' },
  ];
  const y = [0, 0, 1, 1, 1];
  it('NB log-count ratios are negative for negative words, positive for positive ones; titles form their own block', () => {
    const f = fitFeatures(docs.map((d) => prepareReview(d, SPEC)), y, SPEC);
    const r = (t: string) => f.ratio[f.terms.indexOf(t)]!;
    expect(r('waste')).toBeLessThan(0);
    expect(r('love')).toBeGreaterThan(0);
    expect(f.terms).toContain('t:broke');
  });
  it('logistic (L-BFGS) and SVM (dual CD) separate a separable set, class-balanced', () => {
    const x = [[1, 0], [0.9, 0.1], [0.1, 0.9], [0, 1], [0.2, 1], [0.1, 0.8]].map((v) => ({ idx: Int32Array.from([0, 1]), val: Float32Array.from(v) }));
    const yy = [0, 0, 1, 1, 1, 1];
    for (const loss of ['logistic', 'svm'] as const) {
      const m = trainLinear(x, yy, 2, { loss, l2: 1e-3 });
      x.forEach((r, i) => expect(linearScore(m, r) > 0 ? 1 : 0, `${loss} row ${i}`).toBe(yy[i]));
    }
  });
  it('the threshold is the middle of the best run of cut points; macro-F1 averages both classes', () => {
    expect(bestThreshold([0, 0, 1, 1], [0.1, 0.2, 0.6, 0.9]).threshold).toBeCloseTo(0.4, 10);
    expect(bestThreshold([0, 0, 1, 1], [0.1, 0.2, 0.6, 0.9]).macroF1).toBe(1);
    expect(binaryScores([1, 1, 0, 0], [0.9, 0.2, 0.1, 0.1], 0.5).macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });
  it('the sorted-sweep threshold scores what bestThreshold scores; AUC by ranks counts ties half', () => {
    const y = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1];
    const p = [0.9, 0.2, 0.8, 0.4, 0.4, 0.7, 0.95, 0.6, 0.1, 0.85, 0.3, 0.99];
    expect(binaryScores(y, p, fastBestThreshold(y, p)).macroF1).toBeCloseTo(bestThreshold(y, p).macroF1, 12);
    expect(auc([0, 1], [0.1, 0.9])).toBe(1);
    expect(auc([0, 1, 0, 1], [0.5, 0.5, 0.1, 0.9])).toBe(0.875);
    // the bagged threshold lies between the classes' scores here (any resample's best cut does)
    const t = baggedThreshold([0, 0, 0, 1, 1, 1, 1, 1], [0.1, 0.2, 0.3, 0.7, 0.8, 0.85, 0.9, 0.95], 1);
    expect(t).toBeGreaterThan(0.1);
    expect(t).toBeLessThan(0.95);
  });
  it('the prevalence threshold calls as many rows negative as there are negatives, wherever the labels fall', () => {
    // 3 negatives; the third-lowest score is a positive's: the cut still falls after the third-lowest score
    const y = [0, 1, 0, 1, 1, 0, 1, 1];
    const p = [0.05, 0.2, 0.1, 0.9, 0.6, 0.7, 0.8, 0.95];
    const t = prevalenceThreshold(y, p);
    expect(t).toBeCloseTo((0.2 + 0.6) / 2, 12);
    expect(p.filter((v) => v < t).length).toBe(3);
    // unsorted input is left as it was; no negatives / all negatives cut outside the scores
    expect(p[0]).toBe(0.05);
    expect(prevalenceThreshold([1, 1], [0.3, 0.4])).toBeLessThan(0.3);
    expect(prevalenceThreshold([0, 0], [0.3, 0.4])).toBeGreaterThan(0.4);
  });
  it('Platt scaling stays finite on scores of a large scale (a full Newton step from a = 1 overshoots there)', () => {
    const s = [-2000, -1500, -500, 300, 800, 1200, 1800, 2500, -900, 100];
    const y = [0, 0, 1, 0, 1, 1, 1, 1, 0, 1];
    const { a, b } = fitPlatt(s, y);
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(0.05);
    const p = (x: number) => 1 / (1 + Math.exp(-(a * x + b)));
    expect(p(-2000)).toBeLessThan(0.5);
    expect(p(2500)).toBeGreaterThan(0.5);
  });
  it('VADER priors: negative text scores below positive text on every compound feature; lexicon-class terms', () => {
    const neg = priorFeatures('Worst shampoo ever', 'It is awful. My hair felt terrible and dirty. Will not buy again!');
    const pos = priorFeatures('Love it', 'Wonderful smell. My hair feels great and clean.');
    expect(neg).toHaveLength(PRIOR_FEATURES.length);
    for (const name of ['vader_all', 'vader_body', 'vader_title', 'vader_min', 'vader_mean', 'vader_last'] as const) {
      const j = PRIOR_FEATURES.indexOf(name);
      expect(neg[j], name).toBeLessThan(pos[j]!);
    }
    expect(neg[PRIOR_FEATURES.indexOf('vader_share_neg')]).toBeGreaterThan(0.5);
    expect(priorFeatures('', 'plain words')[PRIOR_FEATURES.indexOf('vader_title')]).toBe(0.5);
    const wNeg = winkFeatures('Worst shampoo ever', 'It is awful. My hair felt terrible and dirty. Will not buy again!');
    const wPos = winkFeatures('Love it', 'Wonderful smell. My hair feels great and clean.');
    expect(wNeg).toHaveLength(WINK_FEATURES.length);
    for (const name of ['wink_doc', 'wink_title', 'wink_min', 'wink_mean'] as const) expect(wNeg[WINK_FEATURES.indexOf(name)], name).toBeLessThan(wPos[WINK_FEATURES.indexOf(name)]!);
    expect(wNeg[WINK_FEATURES.indexOf('wink_share_neg')]).toBeGreaterThan(wPos[WINK_FEATURES.indexOf('wink_share_neg')]!);
    const v = valenceTerms(['awful', 'not_good', 'good day', 'shampoo']);
    expect(v).toContain('not_vader:2');
    expect(v.some((t) => t.startsWith('vader:-'))).toBe(true);
    expect(v.some((t) => t.startsWith('afinn:-'))).toBe(true);
    expect(v.filter((t) => t.includes('shampoo') || t.includes(' '))).toEqual([]);
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
  const d = FILES.every(existsSync) ? readAmazonReviews(FILES) : undefined;
  it('de-duplicates before the split and keeps 3-star reviews apart, none equal to a labelled text', () => {
    expect(d!.read).toBe(8445);
    expect(d!.rows.length).toBe(1680);
    expect(d!.rows.filter((r) => r.y === 0).length).toBe(88);
    expect(d!.neutralRows.length).toBe(114);
    const labelled = new Set(d!.rows.map((r) => r.text.toLowerCase()));
    expect(d!.neutralRows.filter((r) => labelled.has(r.text.toLowerCase()))).toEqual([]);
    expect(d!.rows.every((r) => !isRatingTitle(r.title))).toBe(true);
  });
  it('trains on train + valid and keeps the held-out test macro-F1 above its floor', () => {
    const { artefact, evaluation } = trainSentiment(d!.rows, { seed: 1, neutral: d!.neutralRows, skipValid: true });
    // measured 0.873 on split seed 1 (seeds 1-5: 0.817 ± 0.053, 6-10: 0.841 ± 0.033; the bar 0.85 is not met on
    // average — 18 test negatives); the words model and the GloVe member stacked with AFINN + wink-nlp is what
    // DEFAULT_CONFIG fits
    expect(artefact.stack?.spec).toMatchObject({ lexicon: true, wink: true });
    expect(artefact.members.map((m) => m.name)).toEqual(['nb-logistic', 'glove-logistic']);
    expect(evaluation.test.negatives).toBe(18);
    expect(evaluation.test.macroF1).toBeGreaterThan(0.82);
    const score = sentimentScorer(artefact);
    expect(score('Terrible, broke after two days. Waste of money.')).toBeLessThan(artefact.threshold);
    expect(score('Love it, works great and smells wonderful.')).toBeGreaterThan(artefact.threshold);
  }, 60_000);
});

describe('stored model and the reviews report', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  beforeAll(async () => {
    store = await tempStore();
  });
  afterAll(async () => store.done());
  it('stores the model with its metrics and scores unrated reviews with it', async () => {
    const pos = ['Love it, works great', 'Great value, love the color', 'Smells wonderful, works', 'Perfect fit, great quality', 'Works great, love it'];
    const neg = ['Broke after a week, waste of money', 'Terrible, returned it', 'Waste of money, broke', 'Cheap junk, returned', 'Terrible quality, broke'];
    const rows = [...pos, ...pos, ...neg, ...neg].map((t, i) => ({ text: t, title: '', body: t, y: i < 10 ? 1 : 0 }));
    const cfg = { ...DEFAULT_CONFIG, folds: 2 };
    const fitted = fitSentiment(rows, [], cfg, 1);
    const info = await storeSentiment(store.db, fitted.artefact, { split: { train: 20, valid: 0, test: 0, neutral: 0 }, chosen: { members: [], threshold: fitted.artefact.threshold, cvMacroF1: fitted.cvMacroF1 }, valid: binaryScores([], [], 0.5), test: binaryScores([], [], 0.5), terms: 1 }, ['toy']);
    expect(info.metrics).toMatchObject({ cvMacroF1: fitted.cvMacroF1 });
    await store.db.run(step(`INSERT INTO review (platform, platform_review_id, platform_listing_id, rating, title, body, reviewed_at)
      VALUES ('own', 'r1', 'L1', NULL, 'Waste of money', 'broke after a week', TIMESTAMPTZ '2026-01-05 00:00:00+00'),
             ('own', 'r2', 'L1', NULL, 'Love it', 'works great', TIMESTAMPTZ '2026-01-06 00:00:00+00')`));
    const r = await reviewsReport(store.db);
    expect(r.model).toBe(`${info.name} v${info.version}`);
    expect(r.products[0]).toMatchObject({ product_id: 'u:own:L1', reviews: 2, positive_share: 50 });
  });
  it('a stacked model (word model log-odds + AFINN + VADER) is fitted on out-of-fold scores, stored and scores alike after loading', async () => {
    const pos = ['Love it, works great', 'Great value, love the color', 'Smells wonderful, works', 'Perfect fit, great quality', 'Works great, love it', 'Beautiful and soft'];
    const neg = ['Broke after a week, waste of money', 'Terrible, returned it', 'Awful smell, broke', 'Cheap junk, returned', 'Terrible quality, broke', 'Worst purchase ever'];
    const rows = [...pos, ...pos, ...neg, ...neg].map((t, i) => ({ text: t, title: '', body: t, y: i < 12 ? 1 : 0 }));
    const cfg: SentimentConfig = { ...LEXICON_STACK_CONFIG, folds: 3, stack: { lexicon: true, prior: true, l2Grid: [1e-2, 1e-1] } };
    const { artefact } = fitSentiment(rows, [], cfg, 1);
    expect(artefact.stack!.model.w).toHaveLength(stackInputs(['nb-logistic'], cfg.stack!).length);
    const score = sentimentScorer(artefact);
    expect(score('Awful, terrible, broke')).toBeLessThan(artefact.threshold);
    expect(score('Love it, great quality')).toBeGreaterThan(artefact.threshold);
    const e = { split: { train: 24, valid: 0, test: 0, neutral: 0 }, chosen: { members: [], threshold: artefact.threshold, cvMacroF1: 1 }, valid: binaryScores([], [], 0.5), test: binaryScores([], [], 0.5), terms: 1 };
    const info = await storeSentiment(store.db, artefact, e, ['toy-stack']);
    const loaded = await loadModel<typeof artefact>(store.db, info.name, info.version);
    expect(sentimentScorer(loaded.artefact)('Worst, awful smell')).toBeCloseTo(score('Worst, awful smell'), 12);
    // the variants --select compares: repeated CV, fold models at use, bagged threshold, L2 by AUC, wink inputs
    const variant = fitSentiment(rows, [], { ...cfg, repeats: 2, apply: 'folds', threshold: 'bagged', selectBy: 'auc', stack: { lexicon: false, prior: false, wink: true, l2Grid: [1e-2] } }, 1).artefact;
    expect(variant.members[0]!.folds).toHaveLength(3);
    expect(variant.stack!.model.w).toHaveLength(1 + WINK_FEATURES.length);
    const vs = sentimentScorer(variant);
    expect(vs('Awful, terrible, broke')).toBeLessThan(variant.threshold);
    expect(vs('Love it, great quality')).toBeGreaterThan(variant.threshold);
  });
});
