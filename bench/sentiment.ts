// `npm run bench -- sentiment [--first 1] [--seeds 5] [--json]`: the review-sentiment model on the Amazon review files
// (de-duplicated; ≤2 stars negative, ≥4 positive; 3-star reviews only as extra training text). For each split seed:
// the procedure fitted on train scored on valid, and fitted on train + valid scored once on test.
// `--select` scores the candidate configurations on valid only (never test): how DEFAULT_CONFIG was chosen.
// `--priors` scores each prior-knowledge feature (AFINN, VADER, wink-nlp) alone by ROC AUC, without fitting.
// Only the 20k-word GloVe subset ships; the 30k / 50k candidates need theirs built first
// (`npx tsx scripts/build-word-vectors.ts --top 30000`, see its header).
import { auc } from '../src/analytics/churn/metrics.js';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { meanSd } from '../src/util/stats.js';
import { readAmazonReviews } from '../src/analytics/sentiment/amazon-reviews.js';
import { bestThreshold, binaryScores, DEFAULT_CONFIG, fitSentiment, LEXICON_STACK_CONFIG, sentimentScorer, stratifiedSplit, trainSentiment, WORDS_ONLY_CONFIG, type MemberConfig, type SentimentConfig } from '../src/analytics/sentiment/train.js';
import type { FeatureSpec } from '../src/analytics/sentiment/features.js';
import type { VectorSpec } from '../src/analytics/sentiment/vector-features.js';
import { wordVectorsPath } from '../src/analytics/sentiment/word-vectors.js';
import type { LabelledText } from '../src/analytics/sentiment/amazon-reviews.js';
import { LEXICON_FEATURES, lexiconFeatures } from '../src/analytics/sentiment/lexicon.js';
import { PRIOR_FEATURES, priorFeatures } from '../src/analytics/sentiment/prior.js';
import { WINK_FEATURES, winkFeatures } from '../src/analytics/sentiment/wink.js';

const FILES = ['../shared/data/amazon-reviews/All_Beauty_5.json.gz', '../shared/data/amazon-reviews/AMAZON_FASHION_5.json.gz'];
const { values } = parseArgs({ options: { first: { type: 'string', default: '1' }, seeds: { type: 'string', default: '5' }, select: { type: 'boolean', default: false }, priors: { type: 'boolean', default: false }, only: { type: 'string' }, json: { type: 'boolean', default: false } } });
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + Number(values.first));
const out = (s: string) => process.stdout.write(s + '\n');
const f3 = (v: number) => v.toFixed(3);
const d = readAmazonReviews(FILES);

// what was compared (mean valid macro-F1 over split seeds 1-5); the chosen one is DEFAULT_CONFIG in train.ts
const BASE: FeatureSpec = { negation: 'next', contrast: false, chars: true, titleBlock: false, weighting: 'tfidf', lexicon: 1, minDf: 2 };
const member = (name: string, f: Partial<FeatureSpec>, loss: MemberConfig['loss'], l2Grid: number[]): MemberConfig => ({ name, features: { ...BASE, ...f }, loss, l2Grid });
const SOFT = { target: 0.5, weight: 1 };
const TF = [1e-5, 1e-4, 1e-3];
const NB = [1e-5, 1e-4, 1e-3];
const NB_OLD = [1e-4, 1e-3, 1e-2];
const STACK_L2 = [1e-3, 1e-2, 1e-1];
const cfg = (members: MemberConfig[], neutral: SentimentConfig['neutral'] = null, threshold: SentimentConfig['threshold'] = 'cv'): SentimentConfig => ({ members, neutral, folds: 5, threshold });
// GloVe word-vector candidates: a logistic member over the pooled vectors, stacked beside the words model, or the
// vectors appended to the words model's rows
const GLOVE = (v: Partial<VectorSpec> = {}): VectorSpec => ({ file: 'glove-100d-top30k.bin', weighting: 'mean', fields: 'split', pools: [], negation: 'none', weight: 1, ...v });
const GLOVE_L2 = [1e-3, 1e-2, 1e-1, 1];
const gloveMember = (v: Partial<VectorSpec> = {}, l2Grid = GLOVE_L2): MemberConfig => ({ name: 'glove-logistic', features: { ...BASE, chars: false, terms: false, lexicon: 0, vectors: GLOVE(v) }, loss: 'logistic', l2Grid });
const withGlove = (v: Partial<VectorSpec> = {}, base: SentimentConfig = LEXICON_STACK_CONFIG): SentimentConfig => ({ ...base, members: [...base.members, gloveMember(v)] });
const nbWith = (v: Partial<VectorSpec>): MemberConfig => ({ ...LEXICON_STACK_CONFIG.members[0]!, features: { ...LEXICON_STACK_CONFIG.members[0]!.features, vectors: GLOVE(v) } });
const CANDIDATES: Record<string, SentimentConfig> = {
  'tfidf-logistic': cfg([member('tfidf-logistic', {}, 'logistic', TF)]),
  'tfidf-svm': cfg([member('tfidf-svm', {}, 'svm', [1e-4, 1e-3, 1e-2])]),
  'nb-logistic': cfg([member('nb-logistic', { weighting: 'nb' }, 'logistic', NB_OLD)]),
  'nb-svm': cfg([member('nb-svm', { weighting: 'nb' }, 'svm', [1e-3, 1e-2, 1e-1])]),
  'nb-binary-logistic': cfg([member('nb-logistic', { weighting: 'nb-binary' }, 'logistic', NB_OLD)]),
  'nb-logistic, clause negation': cfg([member('nb-logistic', { weighting: 'nb', negation: 'clause' }, 'logistic', NB_OLD)]),
  'nb-logistic, contrast': cfg([member('nb-logistic', { weighting: 'nb', contrast: true }, 'logistic', NB_OLD)]),
  'nb-logistic, title block': cfg([member('nb-logistic', { weighting: 'nb', titleBlock: true }, 'logistic', NB_OLD)]),
  'nb-logistic, no char grams': cfg([member('nb-logistic', { weighting: 'nb', chars: false }, 'logistic', NB_OLD)]),
  'nb-logistic, no lexicon': cfg([member('nb-logistic', { weighting: 'nb', lexicon: 0 }, 'logistic', NB_OLD)]),
  'nb-logistic, lexicon x3': cfg([member('nb-logistic', { weighting: 'nb', lexicon: 3 }, 'logistic', NB_OLD)]),
  'nb-logistic +3★ as negatives (w 0.5)': cfg([member('nb-logistic', { weighting: 'nb' }, 'logistic', NB_OLD)], { target: 0, weight: 0.5 }),
  'tfidf-logistic +3★': cfg([member('tfidf-logistic', {}, 'logistic', [1e-6, 1e-5, 1e-4])], SOFT),
  'ensemble tfidf + nb +3★': cfg([member('tfidf-logistic', {}, 'logistic', [1e-6, 1e-5, 1e-4]), member('nb-logistic', { weighting: 'nb' }, 'logistic', NB)], SOFT),
  'nb-logistic +3★': cfg([member('nb-logistic', { weighting: 'nb' }, 'logistic', NB)], SOFT),
  'nb-logistic +3★, balanced threshold': cfg([member('nb-logistic', { weighting: 'nb' }, 'logistic', NB)], SOFT, 'balanced'),
  'nb-logistic +3★, clause negation + contrast': cfg([member('nb-logistic', { weighting: 'nb', negation: 'clause', contrast: true }, 'logistic', NB)], SOFT),
  'nb-logistic +3★, title block (before the stack)': WORDS_ONLY_CONFIG,
  'nb-logistic +3★, title block, VADER x1': cfg([member('nb-logistic', { weighting: 'nb', titleBlock: true, prior: 1 }, 'logistic', NB)], SOFT),
  'nb-logistic +3★, title block, VADER x3': cfg([member('nb-logistic', { weighting: 'nb', titleBlock: true, prior: 3 }, 'logistic', NB)], SOFT),
  'ensemble nb title +3★ + VADER/AFINN-only logistic': cfg([member('nb-logistic', { weighting: 'nb', titleBlock: true }, 'logistic', NB), member('prior-logistic', { weighting: 'tfidf', terms: false, prior: 1 }, 'logistic', [1e-4, 1e-3, 1e-2])], SOFT),
  'VADER/AFINN-only logistic +3★': cfg([member('prior-logistic', { weighting: 'tfidf', terms: false, prior: 1 }, 'logistic', [1e-4, 1e-3, 1e-2])], SOFT),
  'nb-logistic +3★, title block, valence terms': cfg([member('nb-logistic', { weighting: 'nb', titleBlock: true, valenceTerms: true }, 'logistic', NB)], SOFT),
  'nb-logistic +3★, title block, valence terms, clause negation': cfg([member('nb-logistic', { weighting: 'nb', titleBlock: true, valenceTerms: true, negation: 'clause' }, 'logistic', NB)], SOFT),
  'stack: nb title valence terms +3★ + AFINN + VADER': { ...cfg([member('nb-logistic', { weighting: 'nb', titleBlock: true, valenceTerms: true }, 'logistic', NB)], SOFT), stack: { lexicon: true, prior: true, l2Grid: STACK_L2 } },
  'repeats 3: nb-logistic +3★, title block': { ...WORDS_ONLY_CONFIG, repeats: 3 },
  'repeats 3: stack nb title +3★ + AFINN': { ...WORDS_ONLY_CONFIG, repeats: 3, stack: { lexicon: true, prior: false, l2Grid: STACK_L2 } },
  'repeats 3: stack nb title +3★ + AFINN + VADER': { ...WORDS_ONLY_CONFIG, repeats: 3, stack: { lexicon: true, prior: true, l2Grid: STACK_L2 } },
  'L2 by AUC: nb-logistic +3★, title block': { ...WORDS_ONLY_CONFIG, selectBy: 'auc' },
  'L2 by AUC: stack nb title +3★ + AFINN + VADER': { ...WORDS_ONLY_CONFIG, selectBy: 'auc', stack: { lexicon: true, prior: true, l2Grid: STACK_L2 } },
  'bagged threshold: nb-logistic +3★, title block': { ...WORDS_ONLY_CONFIG, threshold: 'bagged' },
  'bagged threshold: stack nb title +3★ + AFINN + VADER': { ...WORDS_ONLY_CONFIG, threshold: 'bagged', stack: { lexicon: true, prior: true, l2Grid: STACK_L2 } },
  'bagged threshold, L2 by AUC: stack nb title +3★ + AFINN + VADER': { ...WORDS_ONLY_CONFIG, threshold: 'bagged', selectBy: 'auc', stack: { lexicon: true, prior: true, l2Grid: STACK_L2 } },
  'fold models: nb-logistic +3★, title block': { ...WORDS_ONLY_CONFIG, apply: 'folds' },
  'fold models: stack nb title +3★ + AFINN + VADER': { ...WORDS_ONLY_CONFIG, apply: 'folds', stack: { lexicon: true, prior: true, l2Grid: STACK_L2 } },
  'stack: nb title +3★ + wink': { ...WORDS_ONLY_CONFIG, stack: { lexicon: false, prior: false, wink: true, l2Grid: STACK_L2 } },
  'stack: nb title +3★ + AFINN + VADER + wink': { ...WORDS_ONLY_CONFIG, stack: { lexicon: true, prior: true, wink: true, l2Grid: STACK_L2 } },
  'stack: nb title +3★ + AFINN + wink (before the word vectors)': LEXICON_STACK_CONFIG,
  'stack: nb title +3★ + VADER + wink': { ...WORDS_ONLY_CONFIG, stack: { lexicon: false, prior: true, wink: true, l2Grid: STACK_L2 } },
  'stack, bagged threshold: nb title +3★ + wink': { ...WORDS_ONLY_CONFIG, threshold: 'bagged', stack: { lexicon: false, prior: false, wink: true, l2Grid: STACK_L2 } },
  'stack, L2 by AUC: nb title +3★ + wink': { ...WORDS_ONLY_CONFIG, selectBy: 'auc', stack: { lexicon: false, prior: false, wink: true, l2Grid: STACK_L2 } },
  'stack, fold models: nb title +3★ + wink': { ...WORDS_ONLY_CONFIG, apply: 'folds', stack: { lexicon: false, prior: false, wink: true, l2Grid: STACK_L2 } },
  'stack: nb title +3★ alone': { ...WORDS_ONLY_CONFIG, stack: { lexicon: false, prior: false, l2Grid: STACK_L2 } },
  'stack: nb title +3★ + AFINN': { ...WORDS_ONLY_CONFIG, stack: { lexicon: true, prior: false, l2Grid: STACK_L2 } },
  'stack: nb title +3★ + VADER': { ...WORDS_ONLY_CONFIG, stack: { lexicon: false, prior: true, l2Grid: STACK_L2 } },
  'stack: nb title +3★ + AFINN + VADER': { ...WORDS_ONLY_CONFIG, stack: { lexicon: true, prior: true, l2Grid: STACK_L2 } },
  'stack: nb title + tfidf +3★ + AFINN + VADER': { ...cfg([member('nb-logistic', { weighting: 'nb', titleBlock: true }, 'logistic', NB), member('tfidf-logistic', {}, 'logistic', [1e-6, 1e-5, 1e-4])], SOFT), stack: { lexicon: true, prior: true, l2Grid: STACK_L2 } },
  'glove alone: mean, title and body': cfg([gloveMember()], SOFT),
  'glove alone: sif, title and body': cfg([gloveMember({ weighting: 'sif' })], SOFT),
  'glove member: stack + AFINN + wink + glove mean': withGlove(),
  'glove member: stack + AFINN + wink + glove sif': withGlove({ weighting: 'sif' }),
  'glove member: stack + AFINN + wink + glove sif, joined': withGlove({ weighting: 'sif', fields: 'joined' }),
  'glove member: stack + AFINN + wink + glove sif, negation flip': withGlove({ weighting: 'sif', negation: 'flip' }),
  'glove member: stack + AFINN + wink + glove sif, negation bucket': withGlove({ weighting: 'sif', negation: 'bucket' }),
  'glove member: stack + AFINN + wink + glove sif, max + min': withGlove({ weighting: 'sif', pools: ['max', 'min'] }),
  'glove member: stack + AFINN + wink + glove sif, 20k words': withGlove({ weighting: 'sif', file: 'glove-100d-top20k.bin' }),
  'glove member: stack + AFINN + wink + glove sif, 50k words': withGlove({ weighting: 'sif', file: 'glove-100d-top50k.bin' }),
  'glove member: stack + AFINN + wink + glove sif, 20k words, negation bucket': withGlove({ weighting: 'sif', file: 'glove-100d-top20k.bin', negation: 'bucket' }),
  'glove member: stack + AFINN + wink + glove sif, 20k words, joined': withGlove({ weighting: 'sif', file: 'glove-100d-top20k.bin', fields: 'joined' }),
  'glove member: stack + AFINN + wink + glove mean, 20k words': withGlove({ file: 'glove-100d-top20k.bin' }),
  'glove member, bagged threshold: stack + AFINN + wink + glove sif, 20k words': { ...withGlove({ weighting: 'sif', file: 'glove-100d-top20k.bin' }), threshold: 'bagged' },
  'glove member, fold models: stack + AFINN + wink + glove sif, 20k words': { ...withGlove({ weighting: 'sif', file: 'glove-100d-top20k.bin' }), apply: 'folds' },
  'glove member: stack + AFINN + wink + glove sif, 20k words, sentence min': withGlove({ weighting: 'sif', file: 'glove-100d-top20k.bin', pools: ['sentence-min'] }),
  'glove member: stack + AFINN + wink + glove sif, 20k words, sentence min + max, best-F1 threshold': { ...DEFAULT_CONFIG, threshold: 'cv' },
  'prevalence threshold: the above (DEFAULT_CONFIG)': DEFAULT_CONFIG,
  'glove member: stack words + glove sif (no lexicons)': withGlove({ weighting: 'sif' }, { ...WORDS_ONLY_CONFIG, stack: { lexicon: false, prior: false, l2Grid: STACK_L2 } }),
  'glove appended: stack + AFINN + wink, nb rows + glove sif x1': { ...LEXICON_STACK_CONFIG, members: [nbWith({ weighting: 'sif' })] },
  'glove appended: stack + AFINN + wink, nb rows + glove sif x0.1': { ...LEXICON_STACK_CONFIG, members: [nbWith({ weighting: 'sif', weight: 0.1 })] },
};

if (values.priors) {
  // each prior-knowledge score alone, no fitting: ROC AUC over all labelled reviews (how much it knows by itself)
  const y = d.rows.map((r) => r.y);
  const blocks: [readonly string[], (r: LabelledText) => number[]][] = [
    [LEXICON_FEATURES, (r) => lexiconFeatures(`${r.title}\n${r.body}`)],
    [PRIOR_FEATURES, (r) => priorFeatures(r.title, r.body)],
    [WINK_FEATURES, (r) => winkFeatures(r.title, r.body)],
  ];
  const rows = blocks.flatMap(([names, f]) => {
    const x = d.rows.map(f);
    return names.map((name, j) => ({ feature: name, auc: auc(y, x.map((v) => v[j]!)) }));
  });
  if (values.json) out(JSON.stringify(rows, null, 2));
  else for (const r of rows) out(`${r.feature.padEnd(20)} AUC ${f3(r.auc)}${r.auc < 0.5 ? ` (${f3(1 - r.auc)} reversed: high = negative)` : ''}`);
} else if (values.select) {
  const rows: { config: string; valid: number[]; mean: number; sd: number; oracleMean: number; aucMean: number }[] = [];
  for (const [name, cfg] of Object.entries(CANDIDATES)) {
    if (values.only && !name.includes(values.only)) continue;
    const missing = cfg.members.map((m) => m.features.vectors?.file).filter((f): f is string => !!f && !existsSync(wordVectorsPath(f)));
    if (missing.length) {
      if (!values.json) out(`${name.padEnd(46)} skipped: ${missing.join(', ')} not built (npx tsx scripts/build-word-vectors.ts --top N)`);
      continue;
    }
    // oracle: the best macro-F1 any threshold would give on valid (a diagnostic of ranking vs threshold, not used to choose)
    const oracle: number[] = [];
    const aucs: number[] = [];
    const valid = seeds.map((seed) => {
      const s = stratifiedSplit(d.rows, seed);
      const { artefact } = fitSentiment(s.train, cfg.neutral ? d.neutralRows : [], cfg, seed);
      const score = sentimentScorer(artefact);
      const p = s.valid.map((r) => score(r));
      oracle.push(bestThreshold(s.valid.map((r) => r.y), p).macroF1);
      aucs.push(auc(s.valid.map((r) => r.y), p));
      return binaryScores(s.valid.map((r) => r.y), p, artefact.threshold).macroF1;
    });
    rows.push({ config: name, valid, ...meanSd(valid), oracleMean: meanSd(oracle).mean, aucMean: meanSd(aucs).mean });
    if (!values.json) out(`${name.padEnd(46)} valid macro-F1 ${f3(meanSd(valid).mean)} ± ${f3(meanSd(valid).sd)}  [${valid.map(f3).join(' ')}]  (best threshold on valid: ${f3(meanSd(oracle).mean)}; valid AUC ${f3(meanSd(aucs).mean)})`);
  }
  if (values.json) out(JSON.stringify(rows, null, 2));
} else {
  const t0 = performance.now();
  const bySeed = seeds.map((seed) => {
    const { evaluation: e } = trainSentiment(d.rows, { seed, neutral: d.neutralRows });
    return { seed, valid: e.valid, test: e.test, chosen: e.chosen, terms: e.terms };
  });
  const ms = performance.now() - t0;
  const test = meanSd(bySeed.map((b) => b.test.macroF1));
  const valid = meanSd(bySeed.map((b) => b.valid.macroF1));
  const split = stratifiedSplit(d.rows, 1);
  if (values.json) {
    out(JSON.stringify({ read: d.read, duplicates: d.duplicates, neutral: d.neutral, neutralDistinct: d.neutralRows.length, labelled: d.rows.length, config: DEFAULT_CONFIG, bySeed, meanValidMacroF1: valid.mean, sdValidMacroF1: valid.sd, meanTestMacroF1: test.mean, sdTestMacroF1: test.sd, ms: Math.round(ms) }, null, 2));
  } else {
    out(`${d.read} reviews, ${d.duplicates} duplicates left out: ${d.rows.length} labelled (${d.rows.filter((r) => r.y === 0).length} negative); ${d.neutral} three-star lines, ${d.neutralRows.length} distinct, as training-only text`);
    out(`split train ${split.train.length} / valid ${split.valid.length} / test ${split.test.length} (${split.test.filter((r) => r.y === 0).length} negatives in test); config ${DEFAULT_CONFIG.members.map((m) => `${m.name} (${m.features.vectors ? `${m.features.vectors.weighting} ${m.features.vectors.file}${m.features.vectors.pools.length ? ` + ${m.features.vectors.pools.join(' / ')}` : ''}` : `${m.features.weighting}${m.features.titleBlock ? ', title block' : ''}`})`).join(' + ')}${DEFAULT_CONFIG.neutral ? ' + 3-star soft targets' : ''}${DEFAULT_CONFIG.stack ? `, stacked with ${[DEFAULT_CONFIG.stack.lexicon && 'AFINN', DEFAULT_CONFIG.stack.prior && 'VADER', DEFAULT_CONFIG.stack.wink && 'wink-nlp'].filter(Boolean).join(' + ')}` : ''}`);
    for (const b of bySeed) {
      out(`split seed ${b.seed}: valid ${f3(b.valid.macroF1)}; test macro-F1 ${f3(b.test.macroF1)} (F1 positive ${f3(b.test.f1Positive)}, negative ${f3(b.test.f1Negative)}); L2 ${b.chosen.members.map((m) => m.l2).join('/')}, threshold ${b.chosen.threshold.toFixed(3)}`);
    }
    out(`split seeds ${seeds[0]}-${seeds[seeds.length - 1]}: valid macro-F1 ${f3(valid.mean)} ± ${f3(valid.sd)}; test macro-F1 ${bySeed.map((b) => f3(b.test.macroF1)).join(' ')}; mean ${f3(test.mean)} ± ${f3(test.sd)} (bar 0.85: ${test.mean >= 0.85 ? 'met' : 'not met'}); ${(ms / 1000).toFixed(0)} s`);
  }
}
