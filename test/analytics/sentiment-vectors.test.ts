// The shipped GloVe subset and the word-vector features: the asset's format and meaning (neighbours make sense), the
// build script on a small package-shaped file, pooling and negation, and a model with a vector member that scores
// the same after a round trip through the registry.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addRow, parseWordVectors, WORD_VECTORS_FILE, wordRows, wordVectors, wordVectorsPath } from '../../src/analytics/sentiment/word-vectors.js';
import { vectorFeatures, vectorWidth, type VectorSpec } from '../../src/analytics/sentiment/vector-features.js';
import { binaryScores, DEFAULT_CONFIG, fitSentiment, sentimentScorer, storeSentiment, type SentimentConfig } from '../../src/analytics/sentiment/train.js';
import { loadModel } from '../../src/store/model-registry.js';
import { tempStore } from '../support/db.js';

const SPEC: VectorSpec = { file: WORD_VECTORS_FILE, weighting: 'sif', fields: 'split', pools: [], negation: 'none', weight: 1 };

function vec(word: string): Float64Array {
  const v = wordVectors();
  const acc = new Float64Array(v.dims);
  for (const r of wordRows(v, word)) addRow(v, r, 1, acc);
  return acc;
}
const cos = (a: Float64Array, b: Float64Array) => {
  let d = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => ((d += x * b[i]!), (na += x * x), (nb += b[i]! * b[i]!)));
  return d / Math.sqrt(na * nb);
};

describe('word vectors asset', () => {
  it('holds 20k frequency-ordered words × 100 dims, under 2.5 MB, and loads once', () => {
    expect(statSync(wordVectorsPath()).size).toBeLessThan(2.5e6);
    const v = wordVectors();
    expect(v.dims).toBe(100);
    expect(v.index.size).toBe(20000);
    expect(v.index.get('the')).toBe(0);
    expect(v.index.get('good')!).toBeLessThan(v.index.get('excellent')!);
    expect(wordVectors()).toBe(v);
  });
  it('neighbours make sense: sentiment words sit near their kind; contractions split into pieces', () => {
    expect(cos(vec('terrible'), vec('awful'))).toBeGreaterThan(0.7);
    expect(cos(vec('terrible'), vec('awful'))).toBeGreaterThan(cos(vec('terrible'), vec('wonderful')) + 0.05);
    expect(cos(vec('disappointed'), vec('unhappy'))).toBeGreaterThan(cos(vec('disappointed'), vec('comfortable')) + 0.1);
    const v = wordVectors();
    expect(wordRows(v, "don't")).toEqual([v.index.get('do'), v.index.get('not')]);
    expect(wordRows(v, "can't")).toEqual([v.index.get('can'), v.index.get('not')]);
    expect(wordRows(v, "it's")).toEqual([v.index.get('it')]);
    expect(wordRows(v, 'zzzqqq')).toEqual([]);
  });
  it('refuses a file that is not a word-vector asset, naming the fix', () => {
    expect(() => parseWordVectors(Buffer.from('not vectors at all'), 'x.bin')).toThrow(/not an omnifuse word-vector file/);
  });
});

describe('build script', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omnifuse-wv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('keeps the first N letter words in GloVe order and quantises each row to int8 with its scale', () => {
    const head = ['the', ',', '.', 'of', 'to', 'and', 'in', '"', 'for', '-', 'that', 'on', 'is', 'was', 'said'];
    const words = [...head, '1990', 'good', "'", 'bad', 'cat'];
    const vectors = Object.fromEntries(words.map((w, i) => [w, [i / 10, -i / 20, 0.5, 1, i, i]]));
    writeFileSync(join(dir, 'e.json'), JSON.stringify({ size: words.length, dimensions: 4, wordIndex: 5, words, vectors }));
    const out = join(dir, 'v.bin');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-word-vectors.ts', '--json', join(dir, 'e.json'), '--top', '14', '--out', out], { stdio: 'pipe' });
    const v = parseWordVectors(readFileSync(out), 'v.bin');
    // punctuation, quotes and numbers are skipped; order kept
    expect([...v.index.keys()]).toEqual(['the', 'of', 'to', 'and', 'in', 'for', 'that', 'on', 'is', 'was', 'said', 'good', 'bad', 'cat']);
    const acc = new Float64Array(4);
    addRow(v, v.index.get('bad')!, 1, acc);
    const want = vectors['bad']!.slice(0, 4);
    // within half a quantisation step (max |component| / 127) of the float vector
    const step = Math.max(...want.map(Math.abs)) / 127;
    acc.forEach((x, j) => expect(Math.abs(x - want[j]!)).toBeLessThanOrEqual(step / 2 + 1e-6));
    expect(acc[3]).not.toBe(acc[2]);
  }, 30_000);
});

describe('vector features', () => {
  it('pools title and body apart (zeros for no title); negation can flip or bucket the negated words', () => {
    expect(vectorWidth(SPEC)).toBe(200);
    expect(vectorWidth({ ...SPEC, fields: 'joined', pools: ['max', 'min'], negation: 'bucket' })).toBe(400);
    const f = vectorFeatures('', 'works great', SPEC);
    expect(f).toHaveLength(200);
    expect(f.slice(0, 100).every((x) => x === 0)).toBe(true);
    expect(f.slice(100).some((x) => x !== 0)).toBe(true);
    const plain = vectorFeatures('', 'not good', { ...SPEC, fields: 'joined' });
    const flip = vectorFeatures('', 'not good', { ...SPEC, fields: 'joined', negation: 'flip' });
    const bucket = vectorFeatures('', 'not good', { ...SPEC, fields: 'joined', negation: 'bucket' });
    const good = vec('good');
    // "not" itself is not negated; "good" after it is: flipped, its vector enters with the other sign
    expect(cos(Float64Array.from(flip), good)).toBeLessThan(cos(Float64Array.from(plain), good));
    expect(cos(Float64Array.from(bucket.slice(100)), good)).toBeGreaterThan(0.99);
  });
  it('sentence pools: the review mean lies between the per-dimension min and max of its sentences\' means', () => {
    const spec: VectorSpec = { ...SPEC, fields: 'joined', pools: ['sentence-min', 'sentence-max'] };
    expect(vectorWidth(spec)).toBe(300);
    const f = vectorFeatures('', 'Great color and soft. Broke after a week, returned it.', spec);
    expect(f).toHaveLength(300);
    for (let j = 0; j < 100; j++) {
      expect(f[100 + j]!).toBeLessThanOrEqual(f[j]! + 1e-9);
      expect(f[200 + j]!).toBeGreaterThanOrEqual(f[j]! - 1e-9);
    }
    expect(f.slice(100, 200)).not.toEqual(f.slice(200, 300));
  });
  it('a model with a word-vector member is fitted, stored and scores alike after loading', async () => {
    const pos = ['Love it, works great', 'Great value, love the color', 'Smells wonderful, works', 'Perfect fit, great quality', 'Works great, love it', 'Beautiful and soft'];
    const neg = ['Broke after a week, waste of money', 'Terrible, returned it', 'Awful smell, broke', 'Cheap junk, returned', 'Terrible quality, broke', 'Worst purchase ever'];
    const rows = [...pos, ...pos, ...neg, ...neg].map((t, i) => ({ text: t, title: '', body: t, y: i < 12 ? 1 : 0 }));
    const glove = { name: 'glove-logistic', features: { ...DEFAULT_CONFIG.members[0]!.features, terms: false, chars: false, titleBlock: false, lexicon: 0, vectors: SPEC }, loss: 'logistic' as const, l2Grid: [1e-2, 1e-1] };
    const cfg: SentimentConfig = { ...DEFAULT_CONFIG, folds: 3, members: [DEFAULT_CONFIG.members[0]!, glove], stack: { lexicon: true, prior: false, l2Grid: [1e-2, 1e-1] } };
    const { artefact } = fitSentiment(rows, [], cfg, 1);
    expect(artefact.members.map((m) => m.name)).toEqual(['nb-logistic', 'glove-logistic']);
    expect(artefact.members[1]!.features.vectorSd).toHaveLength(200);
    const score = sentimentScorer(artefact);
    // words the toy set never saw, understood through their vectors
    expect(score('Horrible, disgusting, defective')).toBeLessThan(score('Excellent, gorgeous, comfortable'));
    const store = await tempStore();
    try {
      const e = { split: { train: 24, valid: 0, test: 0, neutral: 0 }, chosen: { members: [], threshold: artefact.threshold, cvMacroF1: 1 }, valid: binaryScores([], [], 0.5), test: binaryScores([], [], 0.5), terms: 1 };
      const info = await storeSentiment(store.db, artefact, e, ['toy-glove']);
      const loaded = await loadModel<typeof artefact>(store.db, info.name, info.version);
      expect(sentimentScorer(loaded.artefact)('Flimsy and itchy')).toBeCloseTo(score('Flimsy and itchy'), 12);
    } finally {
      await store.done();
    }
  }, 30_000);
});
