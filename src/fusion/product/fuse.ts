// fuseProducts: block → weak-supervised scoring → guarded clustering → stable ids → golden records, written to
// product / product_member / product_attribute so listing_product and line_product resolve to fused products.
import type { GbdtParams } from '../../ai/builtin/gbdt.js';
import { createRng } from '../../ai/builtin/rng.js';
import type { Backend } from '../../store/backend.js';
import { fingerprint } from '../../store/model-registry.js';
import { step } from '../../store/sql.js';
import type { PairRecord } from '../pairs/types.js';
import { blockCandidates, DEFAULT_BLOCK, type BlockOptions, type Candidates } from './block.js';
import { clusterListings, emptyPairTable, HUMAN, IDENTIFIER, MODEL, type ClusterOptions, type Method, type PairTable } from './cluster.js';
import { listDecisions } from './decisions.js';
import { DEFAULT_GOLDEN, DEFAULT_TRUST, goldenRecordSteps, MEMBER_WORK, productTableSteps, type GoldenAttribute } from './golden-record.js';
import { boilerplateOf, createTranslator } from './lexicon.js';
import { identifierGroups } from './identifier-groups.js';
import { learnAliases } from './learn-aliases.js';
import { pairRecordOf } from './matching-text.js';
import { prepareTextParallel, startProfiles } from './listing-workers.js';
import { embedListings, memberMean, pairCosines, storedProductMatcher, trainProductMatcher, weakTrainingData, type ListingEmbeddings, type MatcherViews, type TrainedProductMatcher, type WeakTrainingData } from './model.js';
import type { EncoderWeights } from '../../ai/encoder/model.js';
import { createProfileContext, fitListingStats } from './listing-profiles.js';
import { N_PAIR_FEATURES } from './pair-features.js';
import { DEFAULT_DENSE, denseNeighbourPairs, type DenseNeighbourOptions } from './dense-neighbours.js';
import { flattenForest, predictRows, withColumn } from './pair-scoring.js';
import { scoreRows, startFeatures } from './pair-workers.js';
import { collapseListingsStep, dropJunkGtins, LISTING_WORK, loadListingRecords, type ListingRecord } from './records.js';
import { borrowOrderTitlesStep } from './order-titles.js';
import { assignStableIds, type IdChange } from './stable-ids.js';
import { DEFAULT_WEAK, identifierVerdict, weakLabels, type WeakLabelOptions, type WeakLabels } from './weak-labels.js';
import { productMemberTable, recreated } from '../../store/fused-schema.js';
import { productAttributeTable } from './schema.js';
import { kthSmallest } from '../../util/select.js';

export interface FuseOptions {
  /** Train a new matcher even when the stored one was trained on the same listings. */
  readonly retrain?: boolean;
  readonly block?: Partial<BlockOptions>;
  readonly weak?: Partial<WeakLabelOptions>;
  readonly cluster?: Partial<ClusterOptions>;
  readonly gbdt?: Partial<GbdtParams>;
  /** Platform trust order for the "trusted" survivorship rule. */
  readonly trust?: readonly string[];
  readonly golden?: readonly GoldenAttribute[];
  /** Records the IDF statistics are fitted on (a seeded sample beyond this). */
  readonly statsSample?: number;
  /** Candidate pairs kept for the review queue (closest to the threshold). */
  readonly reviewPairs?: number;
  /** Self-training rounds after the first clustering (default 1; 0 = identifier labels only). */
  readonly selfTraining?: number;
  /**
   * A title encoder (the registry's title-encoder, its version): the matcher becomes the mean of the pair-feature model
   * and a model that also reads the encoder cosine of the two titles (docs/encoder.md, "In product fusion").
   */
  readonly encoder?: {
    readonly weights: EncoderWeights;
    readonly version: number;
    /** Nearest listings by embedding as extra blocking candidates (default DEFAULT_DENSE; false: the matcher only). */
    readonly blocking?: false | Partial<DenseNeighbourOptions>;
  };
  /** Threads for the per-listing text and profiles, neighbour queries and pair features on large runs (default: the machine's cores; 1 = this thread only). */
  readonly threads?: number;
  readonly onProgress?: (stage: string, detail: string) => void;
}

export interface StageTime {
  readonly stage: string;
  readonly seconds: number;
  /** CPU seconds of the whole process (JS and DuckDB threads) in the stage: steadier than wall time on a busy machine. */
  readonly cpuSeconds: number;
}

export interface FuseResult {
  readonly runId: number;
  readonly listings: number;
  readonly products: number;
  readonly multiListingProducts: number;
  readonly candidates: { readonly total: number; readonly fromKeys: number; readonly fromNeighbours: number; readonly fromEncoder: number; readonly reductionRatio: number };
  readonly weakLabels: { readonly train: number; readonly valid: number; readonly positives: number; readonly hardNegatives: number; readonly farNegatives: number } | null;
  readonly model: {
    readonly name: string; readonly version: number; readonly threshold: number; readonly trained: boolean; readonly validF1: number | null;
    /** With `encoder`: whether the encoder member is in the matcher (left out when it lowered held-out F1; encoderMemberChoice). */
    readonly encoderMember?: 'kept' | 'left out';
  };
  readonly accepted: Record<Method, number>;
  readonly refusedMerges: number;
  readonly ids: { readonly kept: number; readonly new: number; readonly merges: number; readonly splits: number; readonly retired: number };
  readonly stages: StageTime[];
}

/** linkage is relative: the mean score between two clusters must reach linkage × the matcher's threshold. */
/**
 * Fewer, faster-learning trees than the benchmark matcher: weak labels are plentiful, training runs every fuse and
 * every candidate pair walks every tree (120 trees at 0.25 matched or beat 300 at 0.1 on the medium sample, 95.3 vs
 * 94.5 pairwise F1, in half the training and scoring time).
 */
export const PRODUCT_GBDT: Partial<GbdtParams> = { nTrees: 120, learningRate: 0.25, earlyStoppingRounds: 40 };

/** Self-training re-scores only the model pairs whose first score reached this. */
export const RESCORE_MIN = 0.001;

export const DEFAULT_CLUSTER: ClusterOptions = { linkage: 1, onePerPlatform: false };

/** Candidate pairs as rid pairs, for evaluation (pair completeness) by callers that hold truth. */
export interface FuseInternals {
  readonly records: readonly ListingRecord[];
  readonly candidates: Candidates;
}

export async function fuseProducts(db: Backend, opts: FuseOptions = {}, internals?: (x: FuseInternals) => void): Promise<FuseResult> {
  const stages: StageTime[] = [];
  let t = performance.now();
  const say = opts.onProgress ?? (() => undefined);
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  let c = cpu();
  const lap = (stage: string, detail = ''): void => {
    const now = performance.now();
    const cNow = cpu();
    stages.push({ stage, seconds: (now - t) / 1000, cpuSeconds: cNow - c });
    say(stage, `${detail}${detail ? ', ' : ''}${((now - t) / 1000).toFixed(1)} s (${(cNow - c).toFixed(1)} s CPU)`);
    [t, c] = [now, cNow];
  };
  const startedAt = new Date().toISOString();

  await db.run(collapseListingsStep());
  await db.run(borrowOrderTitlesStep());
  const { records, dropped: junkGtins } = dropJunkGtins(await loadListingRecords(db));
  const n = records.length;
  const fp = await db.one<{ n: number; s: number | bigint }>(step(`SELECT count(*) AS n, sum(ord % 1000003) AS s FROM ${LISTING_WORK}`));
  lap('load', `${n} listings, ${junkGtins} placeholder barcodes ignored`);

  // Identifier groups (GTIN / ASIN / vouched-for SKU) teach the translator and, later, label the training pairs.
  const groups = identifierGroups(records);
  const aliases = learnAliases(records, groups);
  const translator = createTranslator(aliases);
  const parallel = {
    threads: opts.threads,
    onWorkerError: (e: unknown) => say('worker', `a worker thread failed (${e instanceof Error ? e.message : String(e)}); this thread did its share`),
  };
  const prepared = await prepareTextParallel(records, [...aliases], parallel);
  const codes = prepared.codes;
  const boilerplate = boilerplateOf(prepared.tokens);
  const pairRecords: PairRecord[] = records.map((r, i) => pairRecordOf(r, translator, boilerplate, prepared.latin[i]));
  prepared.latin.length = 0;
  // Neighbours are found on the matcher's view (Latin words, boilerplate dropped) plus squashed model codes, so a
  // Chinese title meets its English twins rather than other products of the same type.
  const blockTexts = records.map((r, i) => (r.variantParent ? '' : `${(pairRecords[i] as PairRecord).attrs.title ?? ''} ${(codes[i] as string[]).join(' ')}`));
  const decisions = await listDecisions(db);
  const dataFp = fingerprint('product-matcher/1', Number(fp?.n ?? 0), String(fp?.s ?? 0), opts.weak ?? {}, { ...PRODUCT_GBDT, ...opts.gbdt }, opts.selfTraining ?? 1,
    ...(opts.encoder ? [`title-encoder:${opts.encoder.version}`] : []));
  let matcher: TrainedProductMatcher | undefined = opts.retrain ? undefined : await storedProductMatcher(db, dataFp);
  // Every listing's comparison data once, as typed arrays; IDF from a seeded sample (stored with the model). Other
  // threads build their shares while this one blocks: blocking's key grouping and neighbour index leave the other
  // cores idle.
  const ctx = createProfileContext(matcher?.artefact.stats ?? fitListingStats(pairRecords, opts.statsSample ?? 50_000, 1));
  const profilesDone = startProfiles(ctx, pairRecords, parallel);
  let emb: ListingEmbeddings | undefined;
  let encoderPairs: Float64Array | undefined;
  if (opts.encoder) {
    emb = embedListings(opts.encoder.weights, opts.encoder.version, pairRecords);
    if (opts.encoder.blocking !== false) {
      const skip = Uint8Array.from(records, (r, i) => (r.variantParent || !(pairRecords[i] as PairRecord).attrs.title?.trim() ? 1 : 0));
      encoderPairs = await denseNeighbourPairs(emb.e, emb.weights.dim, skip, { ...DEFAULT_DENSE, ...opts.encoder.blocking }, parallel);
    }
    lap('embed', `${n} titles, title-encoder v${opts.encoder.version}${encoderPairs ? `, ${encoderPairs.length} neighbour pairs` : ''}`);
  }
  const candidates = await blockCandidates(blockTexts, prepared.keys, { ...DEFAULT_BLOCK, ...opts.block }, parallel, encoderPairs);
  const total = candidates.a.length;
  lap('block', `${total} candidate pairs`);
  internals?.({ records, candidates });
  // Done with: at a million listings these are worth handing back before the pair matrix is built.
  prepared.keys.length = 0;
  blockTexts.length = 0;

  const views: MatcherViews = { aliases: [...aliases], boilerplate: [...boilerplate].map(([p, set]) => [p, [...set].sort()]) };
  const profiles = await profilesDone();
  lap('profile', `${n} listings`);
  const ridOf = new Map<string, number>();
  for (const r of records) ridOf.set(`${r.platform}\u0000${r.id}`, r.rid);
  const human = new Map<number, 'accept' | 'reject'>();
  for (const d of decisions) {
    const a = ridOf.get(`${d.a.platform}\u0000${d.a.id}`);
    const b = ridOf.get(`${d.b.platform}\u0000${d.b.id}`);
    if (a === undefined || b === undefined) continue;
    const [x, y] = a < b ? [a, b] : [b, a];
    human.set(x * n + y, d.decision);
  }
  const accepted: Record<Method, number> = { human: 0, identifier: 0, model: 0 };
  // One table of scored pairs: the pairs only the model can decide first (rows 0..nModel-1, also the rows of the
  // feature matrix, computed once and reused by self-training), then identifier verdicts, then human decisions.
  const verdict = new Int8Array(total);
  let nModel = 0;
  let nIdentifier = 0;
  for (let i = 0; i < total; i++) {
    const a = candidates.a[i] as number;
    const b = candidates.b[i] as number;
    const v = human.size > 0 && human.has(a * n + b) ? -2 : identifierVerdict(records[a] as ListingRecord, records[b] as ListingRecord) ?? -1;
    verdict[i] = v;
    if (v === -1) nModel++;
    else if (v >= 0) nIdentifier++;
  }
  const pairs = emptyPairTable(nModel + nIdentifier + human.size);
  {
    let m = 0;
    let id = nModel;
    for (let i = 0; i < total; i++) {
      const v = verdict[i] as number;
      if (v === -2) continue;
      const k = v === -1 ? m++ : id++;
      pairs.a[k] = candidates.a[i] as number;
      pairs.b[k] = candidates.b[i] as number;
      if (v === -1) {
        pairs.method[k] = MODEL;
        continue;
      }
      pairs.method[k] = IDENTIFIER;
      pairs.score[k] = v;
      pairs.accepted[k] = v;
      accepted.identifier += v;
    }
    for (const [key, d] of [...human].sort((x, y) => x[0] - y[0])) {
      const k = id++;
      [pairs.a[k], pairs.b[k], pairs.method[k]] = [Math.floor(key / n), key % n, HUMAN];
      pairs.score[k] = d === 'accept' ? 1 : 0;
      pairs.accepted[k] = d === 'accept' ? 1 : 0;
      pairs.cannot[k] = d === 'reject' ? 1 : 0;
      if (d === 'accept') accepted.human++;
    }
  }
  // The model pairs' features do not depend on the model: other threads compute them while this one trains.
  const featuresDone = startFeatures(ctx, profiles, pairs.a.subarray(0, nModel), pairs.b.subarray(0, nModel), parallel);
  let weakStats: FuseResult['weakLabels'] = null;
  let weak: WeakLabels | undefined;
  let weakData: WeakTrainingData | undefined;
  if (!matcher) {
    weak = weakLabels(records, candidates, { ...DEFAULT_WEAK, ...opts.weak }, opts.weak?.groups ? undefined : groups);
    weakStats = { train: weak.train.length, valid: weak.valid.length, positives: weak.positives, hardNegatives: weak.hardNegatives, farNegatives: weak.farNegatives };
    weakData = weakTrainingData(ctx, profiles, pairRecords, weak, 1, emb);
    matcher = await trainProductMatcher(db, ctx.stats, weakData, weak, views, dataFp, { ...PRODUCT_GBDT, ...opts.gbdt }, undefined, emb?.version);
    lap('train', `${weak.train.length} weak-labelled pairs, ${weak.positives} identifier positives`);
  } else lap('train', 'stored model reused');
  pairRecords.length = 0;

  const modelX = await featuresDone();
  // With an encoder member: its rows are the pair features plus the encoder cosine, its score averaged in.
  const modelCos = emb && pairCosines(emb, pairs.a.subarray(0, nModel), pairs.b.subarray(0, nModel));
  // The member's matrix (a copy of the pair features, one column wider) only once a matcher with a member scores.
  let encoderX: Float32Array | undefined;
  const score = async (m: TrainedProductMatcher, rows?: Uint32Array): Promise<Float32Array> => {
    const s = await scoreRows(modelX, flattenForest(m.artefact.model), parallel, rows);
    if (!m.artefact.encoder) return s;
    if (!modelCos) throw new Error('the stored matcher has an encoder member but no encoder was given');
    encoderX ??= withColumn(modelX, N_PAIR_FEATURES, modelCos);
    const e = predictRows(flattenForest(m.artefact.encoder.model), encoderX, N_PAIR_FEATURES + 1, rows);
    for (let k = 0; k < s.length; k++) s[k] = memberMean(s[k] as number, e[k] as number);
    return s;
  };
  const firstPass = { x: modelX, scores: await score(matcher) };
  const applyScores = (scores: Float32Array, thr: number): void => {
    pairs.score.set(scores, 0);
    for (let j = 0; j < nModel; j++) pairs.accepted[j] = (scores[j] as number) >= thr ? 1 : 0;
  };
  const clusterOpts = (thr: number): ClusterOptions => ({ ...DEFAULT_CLUSTER, ...opts.cluster, linkage: (opts.cluster?.linkage ?? DEFAULT_CLUSTER.linkage) * thr });
  const keysOf = { gtin: (i: number) => (records[i] as ListingRecord).gtin, platform: (i: number) => (records[i] as ListingRecord).platform };
  applyScores(firstPass.scores, matcher.artefact.threshold);
  if (weak && weakData && (opts.selfTraining ?? 1) > 0) {
    lap('score', `${nModel} pairs for the model`);
    // Self-training: the first clustering labels the model-decided pairs (same product → 1, apart and scored low → 0),
    // which carries the identifier evidence over to listings without identifiers; the threshold stays tuned on the
    // held-out identifier labels.
    for (let round = 0; round < (opts.selfTraining ?? 1); round++) {
      const thr = matcher.artefact.threshold;
      const first = clusterListings(n, pairs, keysOf, clusterOpts(thr));
      const pickedJ = new Uint32Array(nModel);
      const pickedY = new Uint8Array(nModel);
      let nPicked = 0;
      const rng = createRng(7 + round);
      for (let j = 0; j < nModel; j++) {
        if (first.cluster[pairs.a[j] as number] === first.cluster[pairs.b[j] as number]) [pickedJ[nPicked], pickedY[nPicked++]] = [j, 1];
        else if ((pairs.score[j] as number) < thr / 2 && rng.next() < 0.5) [pickedJ[nPicked], pickedY[nPicked++]] = [j, 0];
      }
      const cap = (opts.weak?.maxPairs ?? DEFAULT_WEAK.maxPairs) / 2;
      if (nPicked > cap) {
        const keep = cap / nPicked;
        let kept = 0;
        for (let p = 0; p < nPicked; p++) if (rng.next() < keep) [pickedJ[kept], pickedY[kept++]] = [pickedJ[p] as number, pickedY[p] as number];
        nPicked = kept;
      }
      const extra = { x: new Float32Array(nPicked * N_PAIR_FEATURES), y: pickedY.slice(0, nPicked), ...(modelCos ? { enc: new Float32Array(nPicked) } : {}) };
      for (let k = 0; k < nPicked; k++) {
        const j = pickedJ[k] as number;
        extra.x.set(modelX.subarray(j * N_PAIR_FEATURES, (j + 1) * N_PAIR_FEATURES), k * N_PAIR_FEATURES);
        if (extra.enc) extra.enc[k] = modelCos?.[j] as number;
      }
      matcher = await trainProductMatcher(db, ctx.stats, weakData, weak, views, dataFp, { ...PRODUCT_GBDT, ...opts.gbdt }, extra, emb?.version);
      // Only pairs the first model gave a real chance are scored again: on the 200k bench none of the 72 % below
      // RESCORE_MIN crossed the new threshold (the highest new score among them was 0.23), so they keep their score
      // and are judged against the new threshold as they are counted.
      const thrNew = matcher.artefact.threshold;
      let nRescore = 0;
      for (let j = 0; j < nModel; j++) {
        const s = pairs.score[j] as number;
        if (s >= RESCORE_MIN) nRescore++;
        else pairs.accepted[j] = s >= thrNew ? 1 : 0;
      }
      const rescore = new Uint32Array(nRescore);
      for (let j = 0, r = 0; j < nModel; j++) if ((pairs.score[j] as number) >= RESCORE_MIN) rescore[r++] = j;
      const fresh = await score(matcher, rescore);
      rescore.forEach((j, r) => {
        const s = fresh[r] as number;
        pairs.score[j] = s;
        pairs.accepted[j] = s >= thrNew ? 1 : 0;
      });
    }
  }
  for (let j = 0; j < nModel; j++) accepted.model += pairs.accepted[j] as number;
  const threshold = matcher.artefact.threshold;
  lap(weak && (opts.selfTraining ?? 1) > 0 ? 'self-train' : 'score', `${accepted.model} model matches, ${accepted.identifier} identifier matches, ${accepted.human} human`);

  const cl = clusterListings(n, pairs, keysOf, clusterOpts(threshold));
  lap('cluster', `${cl.nClusters} products, ${cl.refusedMerges} merges refused by the guard`);

  const old = new Map<string, string>();
  for (const r of await db.all<{ platform: string; platform_listing_id: string; product_id: string }>(step('SELECT platform, platform_listing_id, product_id FROM product_member'))) {
    old.set(`${r.platform}\u0000${r.platform_listing_id}`, r.product_id);
  }
  const keyOf = (i: number) => `${(records[i] as ListingRecord).platform}:${(records[i] as ListingRecord).id}`;
  const ids = assignStableIds(cl.cluster, cl.nClusters, keyOf, (i) => old.get(`${(records[i] as ListingRecord).platform}\u0000${(records[i] as ListingRecord).id}`));
  const runRow = await db.one<{ r: number | null }>(step('SELECT max(run_id) AS r FROM product_run'));
  const runId = Number(runRow?.r ?? 0) + 1;
  lap('ids', `${ids.kept} ids kept`);

  const sizes = new Int32Array(cl.nClusters);
  for (let i = 0; i < n; i++) sizes[cl.cluster[i] as number] = (sizes[cl.cluster[i] as number] as number) + 1;
  await writeResults(db, { records, codes, cl, ids: ids.ids, changes: ids.changes, pairs, threshold, runId, startedAt, opts, modelVersion: matcher.info.version, nCandidates: total });
  lap('write', `${cl.nClusters} products`);

  const count = (k: IdChange['kind']) => ids.changes.filter((c) => c.kind === k).length;
  return {
    runId, listings: n, products: cl.nClusters, multiListingProducts: sizes.filter((s) => s > 1).length,
    candidates: { total, fromKeys: candidates.fromKeys, fromNeighbours: candidates.fromNeighbours, fromEncoder: candidates.fromEncoder, reductionRatio: n > 1 ? 1 - total / ((n * (n - 1)) / 2) : 1 },
    weakLabels: weakStats,
    model: { name: matcher.info.name, version: matcher.info.version, threshold, trained: matcher.trained, validF1: typeof matcher.info.metrics.validF1 === 'number' ? matcher.info.metrics.validF1 : null,
      ...(opts.encoder ? { encoderMember: matcher.artefact.encoder ? 'kept' as const : 'left out' as const } : {}) },
    accepted, refusedMerges: cl.refusedMerges,
    ids: { kept: ids.kept, new: count('new'), merges: count('merge'), splits: count('split'), retired: count('retired') },
    stages,
  };
}

interface WriteInput {
  records: readonly ListingRecord[];
  codes: readonly string[][];
  cl: ReturnType<typeof clusterListings>;
  ids: readonly string[];
  changes: readonly IdChange[];
  pairs: PairTable;
  threshold: number;
  runId: number;
  startedAt: string;
  opts: FuseOptions;
  modelVersion: number;
  nCandidates: number;
}

function mostFrequentCode(members: readonly number[], codes: readonly string[][]): string | null {
  const c = new Map<string, number>();
  for (const m of members) for (const code of codes[m] ?? []) c.set(code, (c.get(code) ?? 0) + 1);
  let best: string | null = null;
  let bestN = 0;
  for (const [code, k] of c) if (k > bestN || (k === bestN && best !== null && (code.length > best.length || (code.length === best.length && code < best)))) [best, bestN] = [code, k];
  return best;
}

/** The k model-scored pairs nearest the threshold (ties by listing), as pair rows, without sorting millions of pairs. */
function nearestThreshold(pairs: PairTable, threshold: number, k: number): number[] {
  if (k <= 0) return [];
  const dist = (j: number) => Math.abs((pairs.score[j] as number) - threshold);
  let nModel = 0;
  for (let j = 0; j < pairs.length; j++) if (pairs.method[j] === MODEL) nModel++;
  const d = new Float64Array(nModel);
  for (let j = 0, m = 0; j < pairs.length; j++) if (pairs.method[j] === MODEL) d[m++] = dist(j);
  const cut = nModel > k ? kthSmallest(d, k - 1) : Infinity;
  const near: number[] = [];
  for (let j = 0; j < pairs.length; j++) if (pairs.method[j] === MODEL && dist(j) <= cut) near.push(j);
  return near.sort((p, q) => dist(p) - dist(q) || (pairs.a[p] as number) - (pairs.a[q] as number) || (pairs.b[p] as number) - (pairs.b[q] as number)).slice(0, k);
}

async function writeResults(db: Backend, w: WriteInput): Promise<void> {
  const n = w.records.length;
  const members: number[][] = Array.from({ length: w.cl.nClusters }, () => []);
  for (let i = 0; i < n; i++) (members[w.cl.cluster[i] as number] as number[]).push(i);
  const clusterCode = members.map((m) => (m.length > 1 ? mostFrequentCode(m, w.codes) : (w.codes[m[0] as number]?.[0] ?? null)));
  await db.run(step(`CREATE OR REPLACE TABLE ${MEMBER_WORK} (rid INTEGER, product_id VARCHAR, score DOUBLE, method VARCHAR, model_code VARCHAR)`));
  function* memberRows(): Generator<[number, string, number | null, string, string | null]> {
    for (let i = 0; i < n; i++) {
      const c = w.cl.cluster[i] as number;
      const s = w.cl.memberScore[i] as number;
      const own = (w.codes[i] ?? []).includes(clusterCode[c] ?? '') ? clusterCode[c] ?? null : null;
      yield [i, w.ids[c] as string, Number.isNaN(s) ? null : s, w.cl.memberMethod[i] ?? 'singleton', own];
    }
  }
  await db.append(MEMBER_WORK, ['rid', 'product_id', 'score', 'method', 'model_code'], memberRows());
  const reviewN = w.opts.reviewPairs ?? 5000;
  const review = nearestThreshold(w.pairs, w.threshold, reviewN);
  const at = new Date().toISOString();
  await db.transaction(async () => {
    await db.runAll(recreated('product_member', productMemberTable()));
    await db.run(step(`INSERT INTO product_member SELECT m.product_id, l.platform, l.platform_listing_id, m.score, m.method, CAST($1 AS TIMESTAMPTZ)
      FROM ${MEMBER_WORK} m JOIN ${LISTING_WORK} l USING (rid)`, [at]));
    await db.runAll(recreated('product_attribute', productAttributeTable()));
    await db.runAll(goldenRecordSteps(w.opts.golden ?? DEFAULT_GOLDEN, w.opts.trust ?? DEFAULT_TRUST));
    await db.runAll(productTableSteps());
    for (const c of w.changes) {
      if (c.kind === 'new') continue;
      await db.run(step('INSERT INTO product_merge_log VALUES ($1, $2, $3, $4, $5, NULL, CAST($6 AS TIMESTAMPTZ))', [w.runId, c.kind, c.productId, c.otherIds.join(','), c.nListings, at]));
    }
    await db.run(step('DELETE FROM product_candidate'));
    const key = (i: number) => w.records[i] as ListingRecord;
    await db.append('product_candidate', ['platform_a', 'listing_a', 'platform_b', 'listing_b', 'score', 'threshold', 'accepted', 'run_id'],
      review.map((p) => {
        const [x, y] = [key(w.pairs.a[p] as number), key(w.pairs.b[p] as number)];
        const [a, b] = x.platform < y.platform || (x.platform === y.platform && x.id <= y.id) ? [x, y] : [y, x];
        return [a.platform, a.id, b.platform, b.id, w.pairs.score[p] as number, w.threshold, w.pairs.accepted[p] === 1, w.runId];
      }));
    await db.run(step(`INSERT INTO product_run VALUES ($1, CAST($2 AS TIMESTAMPTZ), CAST($3 AS TIMESTAMPTZ), $4, $5, $6, $7, $8)`, [
      w.runId, w.startedAt, at, w.modelVersion, n, w.cl.nClusters, w.nCandidates,
      JSON.stringify({ changes: w.changes.filter((c) => c.kind !== 'new').length, refusedMerges: w.cl.refusedMerges }),
    ]));
  });
  await db.run(step(`DROP TABLE IF EXISTS ${MEMBER_WORK}`));
}
