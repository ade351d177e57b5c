// The typed-array and multi-thread paths that make fusion scale give exactly what the plain ones give: key pairs
// against brute force, neighbour queries and listing profiles split across worker threads against one thread, and
// re-scoring a chosen set of rows against scoring them all.
import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../../src/ai/builtin/gbdt.js';
import type { PairRecord } from '../../../src/fusion/pairs/types.js';
import { blockCandidates, keyPairs, sortedUniquePairs } from '../../../src/fusion/product/block.js';
import { buildProfiles, createProfileContext, fitListingStats } from '../../../src/fusion/product/listing-profiles.js';
import { prepareTextParallel, startProfiles } from '../../../src/fusion/product/listing-workers.js';
import { prepareText } from '../../../src/fusion/product/listing-prep.js';
import { buildNeighbourIndex, queryNeighbours } from '../../../src/fusion/product/neighbours.js';
import { N_PAIR_FEATURES, PAIR_FEATURES, pairFeatures } from '../../../src/fusion/product/pair-features.js';
import { featurizePairs, flattenForest, predictRows, rowsOf, type PairJob } from '../../../src/fusion/product/pair-scoring.js';
import { runTask } from '../../../src/fusion/product/worker-task.js';
import { scoreRows, startFeatures } from '../../../src/fusion/product/pair-workers.js';
import type { ListingRecord } from '../../../src/fusion/product/records.js';

const BRANDS = ['Sony', 'Anker', 'Midea', 'JBL', 'Adidas', '索尼（SONY）', 'Kingston'];
const KINDS = ['Wireless Headphones', 'Power Bank 20000mAh', 'Bed Sheet Set Queen', 'Speaker', 'Down Jacket', 'USB Flash Drive 64GB'];
const COLOURS = ['Black', 'White', '黑色', 'Blue', ''];

/** A few hundred listings of related products, deterministic, with codes, sizes, Chinese words and SKUs. */
function listings(n: number): ListingRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const p = (i * 7) % 97;
    const title = `${BRANDS[p % BRANDS.length]} ${['WH', 'A', 'CT', 'FLIP', 'DT'][p % 5]}-${100 + p}${i % 3 === 0 ? 'X' : ''} ${KINDS[p % KINDS.length]} ${COLOURS[i % COLOURS.length]}`;
    return {
      rid: i, platform: ['shopify', 'amazon', 'ebay', 'taobao', 'jd'][i % 5] as string, id: `L${i}`, sku: i % 4 === 0 ? `SKU-${p}-${i % 2}` : `X${i}`,
      gtin: i % 6 === 0 ? String(4_000_000_000_000 + p).padStart(14, '0') : '', mpn: '', asin: '', brand: '', title, category: '', variant: '',
      attributes: '', price: 10 + p, variantParent: false,
    };
  });
}

const pairRecords = (rs: readonly ListingRecord[]): PairRecord[] =>
  rs.map((r) => ({ attrs: { title: r.title, brand: r.brand, mpn: r.mpn, sku: r.sku.toLowerCase(), category: '', price: String(r.price) } }));

describe('blocking on typed arrays', () => {
  it('deduplicates and orders packed pairs as a sort does (counting sort by the first listing)', () => {
    // n = 50: most listings pair with > 32 others (the sorted-in-place path); n = 5000: a few each (insertion sort)
    for (const n of [50, 5000]) {
      const v: number[] = [];
      for (let k = 0; k < 3000; k++) {
        const a = (k * 7919) % (n - 1);
        const b = a + 1 + ((k * 104729) % (k % 9 === 0 ? n - 1 - a : Math.min(3, n - 1 - a)));
        v.push(a * n + b);
      }
      v.push(0 * n + 1, 0 * n + 1, (n - 2) * n + (n - 1));
      const want = [...new Set(v)].sort((x, y) => x - y);
      expect(Array.from(sortedUniquePairs(Float64Array.from(v), v.length, n))).toEqual(want);
      expect(Array.from(sortedUniquePairs(new Float64Array(4), 0, n))).toEqual([]);
    }
  });

  it('pairs every two listings that share a key used by 2..max listings, once, ascending', () => {
    const keys = [['a', 'b'], ['a'], ['b', 'c'], ['a', 'c'], [], ['d'], ['d'], ['d']];
    const n = keys.length;
    const brute = (max: number): number[] => {
      const usable = (k: string) => {
        const c = keys.filter((ks) => ks.includes(k)).length;
        return c >= 2 && c <= max;
      };
      const out: number[] = [];
      for (let x = 0; x < n; x++) for (let y = x + 1; y < n; y++) if (keys[x]!.some((k) => keys[y]!.includes(k) && usable(k))) out.push(x * n + y);
      return out;
    };
    const want = brute(3);
    expect(Array.from(keyPairs(keys, 3))).toEqual(want);
    // 'a' (3 listings) is dropped at max 2; 'b', 'c' remain
    expect(Array.from(keyPairs(keys, 2))).toEqual(brute(2));
    expect(brute(2)).toEqual([0 * n + 2, 2 * n + 3]);
    expect(want.length).toBeGreaterThan(brute(2).length);
  });

  it('gives the same neighbours from two threads as from one, and flags where each candidate came from', async () => {
    const texts = listings(600).map((r) => r.title);
    const keys = texts.map((t) => [t.split(' ')[1] as string]);
    const serial = await blockCandidates(texts, keys, { maxKeyFrequency: 40, neighbours: {} }, { threads: 1 });
    const parallel = await blockCandidates(texts, keys, { maxKeyFrequency: 40, neighbours: {} }, { threads: 2, minItems: 10 });
    expect(Array.from(parallel.a)).toEqual(Array.from(serial.a));
    expect(Array.from(parallel.b)).toEqual(Array.from(serial.b));
    expect(Array.from(parallel.source)).toEqual(Array.from(serial.source));
    expect(serial.fromKeys).toBeGreaterThan(0);
    expect(serial.fromNeighbours).toBeGreaterThan(0);
    for (let i = 1; i < serial.a.length; i++) expect(serial.a[i - 1]! * 600 + serial.b[i - 1]!).toBeLessThan(serial.a[i]! * 600 + serial.b[i]!);
    // every listing's best neighbour (itself excluded) is among its candidates
    const idx = buildNeighbourIndex(texts);
    let checked = 0;
    queryNeighbours(idx, { k: 1 }, 0, 600, (a, b) => {
      checked++;
      const at = Array.from(serial.a).findIndex((x, i) => x === a && serial.b[i] === b);
      expect(at).toBeGreaterThanOrEqual(0);
    });
    expect(checked).toBeGreaterThan(500);
  });

  it('merges the encoder neighbour pairs in: the union, still sorted and distinct, with bit 4 on exactly those pairs', async () => {
    const texts = listings(600).map((r) => r.title);
    const keys = texts.map((t) => [t.split(' ')[1] as string]);
    const plain = await blockCandidates(texts, keys, { maxKeyFrequency: 40, neighbours: {} }, { threads: 1 });
    // encoder pairs: some already candidates (every 7th), some new
    const have = Array.from(plain.a, (a, i) => a * 600 + (plain.b[i] as number));
    const extra = [...have.filter((_, i) => i % 7 === 0), ...Array.from({ length: 50 }, (_, i) => i * 600 + 599 - i)];
    const enc = Float64Array.from(new Set(extra)).sort();
    const merged = await blockCandidates(texts, keys, { maxKeyFrequency: 40, neighbours: {} }, { threads: 1 }, enc);
    const got = Array.from(merged.a, (a, i) => a * 600 + (merged.b[i] as number));
    expect(got).toEqual([...new Set([...have, ...enc])].sort((x, y) => x - y));
    const encSet = new Set(enc);
    const plainSource = new Map(have.map((p, i) => [p, plain.source[i] as number]));
    got.forEach((p, i) => {
      expect((merged.source[i] as number) & 4).toBe(encSet.has(p) ? 4 : 0);
      expect((merged.source[i] as number) & 3).toBe(plainSource.get(p) ?? 0);
    });
    expect([merged.fromKeys, merged.fromNeighbours, merged.fromEncoder]).toEqual([plain.fromKeys, plain.fromNeighbours, enc.length]);
  });
});

describe('listing work split across threads', () => {
  it('prepares the same text, codes, keys and token counts from two threads as from one', async () => {
    const rs = listings(300);
    const aliases: [string, string][] = [['索尼', 'sony']];
    const one = prepareText(rs, aliases);
    const two = await prepareTextParallel(rs, aliases, { threads: 2, minItems: 10 });
    expect(two.latin).toEqual(one.latin);
    expect(two.codes).toEqual(one.codes);
    expect(two.keys).toEqual(one.keys);
    expect(two.tokens.get('taobao')?.df).toEqual(one.tokens.get('taobao')?.df);
    expect(one.latin.some((t, i) => rs[i]!.title.includes('黑色') && t.includes('black') && !/\p{Script=Han}/u.test(t))).toBe(true);
  });

  it('builds the same profiles (ids, weights, features) from two threads as from one', async () => {
    const recs = pairRecords(listings(500));
    const stats = fitListingStats(recs, 200, 1);
    const c1 = createProfileContext(stats);
    const P1 = buildProfiles(c1, recs);
    const c2 = createProfileContext(stats);
    const P2 = await startProfiles(c2, recs, { threads: 2, minItems: 10, onWorkerError: (e) => { throw e; } })();
    for (const k of ['wordOff', 'wordId', 'wordW', 'charId', 'charW', 'codeId', 'digitId', 'numId', 'mixedId', 'qtyFam', 'qtyVal', 'firstToken', 'brand', 'price'] as const) {
      expect(Array.from(P2[k] as ArrayLike<number>), k).toEqual(Array.from(P1[k] as ArrayLike<number>));
    }
    expect(P2.squashed).toEqual(P1.squashed);
    expect(c2.word.strings).toEqual(c1.word.strings);
    // workers that cannot start (a record that cannot be copied to a thread): this thread does their work, same result
    const uncopyable = recs.map((r) => ({ attrs: { ...r.attrs, note: (() => 1) as unknown as string } }));
    const errors: unknown[] = [];
    const c3 = createProfileContext(stats);
    const P3 = await startProfiles(c3, uncopyable, { threads: 2, minItems: 10, onWorkerError: (e) => errors.push(e) })();
    expect(errors.length).toBe(1);
    expect(Array.from(P3.wordId)).toEqual(Array.from(P1.wordId));
    expect(Array.from(P3.charW)).toEqual(Array.from(P1.charW));
    expect(c3.word.strings).toEqual(c1.word.strings);
    const x1 = new Float64Array(N_PAIR_FEATURES);
    const x2 = new Float64Array(N_PAIR_FEATURES);
    for (let t = 0; t < 300; t++) {
      const [i, j] = [(t * 17) % 500, (t * 31 + 5) % 500];
      pairFeatures(c1, P1, i, P1, j, x1, 0);
      pairFeatures(c2, P2, i, P2, j, x2, 0);
      expect(Array.from(x2)).toEqual(Array.from(x1));
    }
  });
});

describe('re-scoring chosen rows', () => {
  it('scores just the given rows, on this thread and on workers, as scoring all rows does', async () => {
    const recs = pairRecords(listings(200));
    const ctx = createProfileContext(fitListingStats(recs, 200, 1));
    const P = buildProfiles(ctx, recs);
    const a = Array.from({ length: 600 }, (_, k) => k % 200);
    const b = Array.from({ length: 600 }, (_, k) => (k * 13 + 7) % 200);
    const x = featurizePairs(ctx, P, a, b);
    const y = Uint8Array.from(a, (v, k) => (recs[v]!.attrs.title!.split(' ')[1] === recs[b[k]!]!.attrs.title!.split(' ')[1] ? 1 : 0));
    const forest = flattenForest(trainGbdt(PAIR_FEATURES, { x: rowsOf(x), y }, undefined, { nTrees: 15 }));
    const all = predictRows(forest, x);
    const rows = Uint32Array.from({ length: 100 }, (_, k) => k * 6 + 1);
    expect(Array.from(predictRows(forest, x, N_PAIR_FEATURES, rows))).toEqual(Array.from(rows, (r) => all[r]!));
    const shared = await startFeatures(ctx, P, a, b, { threads: 2, minPairs: 10, chunk: 8 })();
    expect(Array.from(await scoreRows(shared, forest, { threads: 2, minPairs: 10, chunk: 8 }, rows))).toEqual(Array.from(rows, (r) => all[r]!));
  });

  it('a worker alone claims every chunk of a shared job and writes the same features and scores', async () => {
    const recs = pairRecords(listings(120));
    const ctx = createProfileContext(fitListingStats(recs, 200, 1));
    const P = buildProfiles(ctx, recs);
    const n = 300;
    const sab = (bytes: number) => new SharedArrayBuffer(bytes);
    const a = new Int32Array(sab(n * 4));
    const b = new Int32Array(sab(n * 4));
    for (let k = 0; k < n; k++) [a[k], b[k]] = [k % 120, (k * 7 + 3) % 120];
    const serial = featurizePairs(ctx, P, a, b);
    const y = Uint8Array.from(a, (v, k) => (k % 2 === 0 ? 1 : 0));
    const forest = flattenForest(trainGbdt(PAIR_FEATURES, { x: rowsOf(serial), y }, undefined, { nTrees: 8 }));
    const chunk = 32;
    const job: PairJob = {
      n, chunk, next: new Int32Array(sab(4)), done: new Uint8Array(sab(Math.ceil(n / chunk))), x: new Float32Array(sab(n * N_PAIR_FEATURES * 4)),
      scores: new Float32Array(sab(n * 4)), features: { vocab: { word: ctx.word, code: ctx.code, rareCut: ctx.rareCut }, profiles: P, a, b }, forest,
    };
    expect(await runTask<string>('pair-worker', job)).toBe('done');
    expect(Array.from(job.done)).toEqual(new Array(job.done.length).fill(1));
    expect(Array.from(job.x)).toEqual(Array.from(serial));
    expect(Array.from(job.scores)).toEqual(Array.from(predictRows(forest, serial)));
  });
});
