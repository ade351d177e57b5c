// Product fusion with the title encoder (`fuse products --encoder`): its nearest titles join the candidates, and the
// matcher is the mean of the pair-feature model and a model that also reads the encoder cosine; stored with the
// encoder's version, reused only with that encoder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../../support/db.js';
import type { Backend } from '../../../src/store/backend.js';
import { step } from '../../../src/store/sql.js';
import { fuseProducts, type FuseResult } from '../../../src/fusion/product/fuse.js';
import { evaluateFusion } from '../../../src/fusion/product/evaluate.js';
import { explainPair } from '../../../src/fusion/product/explain.js';
import { encoderMemberChoice, storedProductMatcher } from '../../../src/fusion/product/model.js';
import { trainStoreEncoder, type StoredEncoder } from '../../../src/ai/encoder/store-train.js';
import { EXAMPLES_TRUTH, loadExampleListings } from './support.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Backend;
let enc: StoredEncoder;
let first: FuseResult;

beforeAll(async () => {
  store = await tempStore();
  db = store.db;
  await loadExampleListings(db);
  enc = await trainStoreEncoder(db, { training: { steps: 150, seed: 1 } });
  first = await fuseProducts(db, { encoder: { weights: enc.weights, version: enc.info.version } });
}, 600_000);
afterAll(async () => store.done());

describe('fuseProducts with the title encoder', () => {
  it('stores an encoder member with the encoder version and keeps the quality floor', async () => {
    expect(first.model.trained).toBe(true);
    // the encoder's nearest titles were candidates too
    expect(first.candidates.fromEncoder).toBeGreaterThan(100);
    expect(first.stages.map((s) => s.stage)).toContain('embed');
    const m = await storedProductMatcher(db);
    expect(m?.artefact.encoder?.encoderVersion).toBe(enc.info.version);
    expect(m?.info.params.titleEncoder).toBe(enc.info.version);
    expect(m?.info.metrics.validF1Encoder).toBeGreaterThan(0.8);
    expect(first.model.encoderMember).toBe('kept');
    expect(m?.info.metrics.encoderMemberKept).toBe(1);
    expect(m?.info.metrics.validF1Ensemble).toBeGreaterThanOrEqual(m?.info.metrics.validF1Base as number);
    const q = await evaluateFusion(db, EXAMPLES_TRUTH);
    // the same floors as without the encoder (fuse.test.ts)
    expect(q.all.f1).toBeGreaterThan(0.95);
    expect(q.withoutIdentifier.f1).toBeGreaterThan(0.94);
  });

  it('scores a pair as the mean of the two members, as explain computes it one pair at a time', async () => {
    const pairs = await db.all<{ pa: string; la: string; pb: string; lb: string; score: number }>(step(
      'SELECT platform_a AS pa, listing_a AS la, platform_b AS pb, listing_b AS lb, score FROM product_candidate ORDER BY score DESC LIMIT 5'));
    expect(pairs.length).toBe(5);
    let differ = 0;
    for (const p of pairs) {
      const e = await explainPair(db, { platform: p.pa, id: p.la }, { platform: p.pb, id: p.lb });
      expect(e.encoder).toBeDefined();
      expect(e.probability).toBeCloseTo(((e.encoder?.baseProbability ?? NaN) + (e.encoder?.probability ?? NaN)) / 2, 12);
      // fusion scored the matrix in float32 through the flattened trees: the same probability to float32 precision
      expect(Math.abs(e.probability - Number(p.score))).toBeLessThan(1e-5);
      if (Math.abs((e.encoder?.baseProbability ?? 0) - (e.encoder?.probability ?? 0)) > 1e-6) differ++;
      expect(e.encoder?.cosine).toBeGreaterThan(-1.0001);
      expect(e.encoder?.cosine).toBeLessThan(1.0001);
    }
    // the encoder member is a different model, not a copy of the first
    expect(differ).toBeGreaterThan(0);
  });

  it('reuses the stored matcher only with the same encoder, and retrains without one', async () => {
    const again = await fuseProducts(db, { encoder: { weights: enc.weights, version: enc.info.version } });
    expect(again.model.trained).toBe(false);
    expect(again.products).toBe(first.products);
    const plain = await fuseProducts(db);
    expect(plain.model.trained).toBe(true);
    expect(plain.candidates.fromEncoder).toBe(0);
    expect((await storedProductMatcher(db))?.artefact.encoder).toBeUndefined();
  });
});

describe('encoderMemberChoice', () => {
  const y = Uint8Array.from([1, 1, 1, 0, 0, 0, 1, 0]);
  const good = [0.9, 0.8, 0.7, 0.2, 0.1, 0.3, 0.6, 0.4];
  it('leaves the member out when averaging it in lowers held-out F1', () => {
    // a member that ranks the held-out pairs backwards pulls the mean below the pair-feature model's best cut
    const backwards = good.map((p) => 1 - p);
    const c = encoderMemberChoice(good, backwards, y);
    expect(c.baseF1).toBe(1);
    expect(c.ensembleF1).toBeLessThan(1);
    expect(c.keep).toBe(false);
  });
  it('keeps it when the mean is at least as good, and returns the mean', () => {
    const c = encoderMemberChoice(good, [0.7, 0.9, 0.8, 0.1, 0.3, 0.2, 0.9, 0.1], y);
    expect(c.keep).toBe(true);
    expect(c.ensembleF1).toBe(1);
    expect(c.scores[0]).toBeCloseTo(0.8, 12);
  });
});
