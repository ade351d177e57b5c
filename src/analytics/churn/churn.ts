// Churn model: will a buyer make no purchase in the next 90 days? Time split: train on the cutoff one horizon
// before the test cutoff (a seeded fifth of those buyers is the validation set for early stopping and for how
// many features to keep), test once on the last cutoff whose horizon is fully observed.
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { fingerprint, findModel, saveModel, type ModelInfo } from '../../store/model-registry.js';
import { usageError } from '../../util/errors.js';
import { gbdtImportance, gbdtPredict, trainGbdt, type GbdtModel } from '../../ai/builtin/gbdt.js';
import { createRng } from '../../ai/builtin/rng.js';
import { scoreFeatures, selectKBest, type FeatureScore } from '../features/select.js';
import { purchaseSql } from '../recommend/interactions.js';
import { CHURN_FEATURES, churnRows } from './features.js';
import { auc, precisionAtFraction } from './metrics.js';

export const CHURN_MODEL = 'churn-gbdt';

export interface ChurnEval {
  horizonDays: number;
  trainCutoff: string;
  testCutoff: string;
  trainCustomers: number;
  testCustomers: number;
  churnRateTest: number;
  featureScores: FeatureScore[];
  selected: string[];
  tuning: { k: number; validAuc: number }[];
  validAuc: number;
  testAuc: number;
  precisionAtDecile: number;
  liftAtDecile: number;
  importance: { feature: string; gain: number }[];
}

export interface ChurnArtefact {
  features: string[];
  horizonDays: number;
  gbdt: GbdtModel;
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function lastPurchase(db: Backend): Promise<number> {
  const { sql } = await purchaseSql(db);
  const r = await db.one<{ t: number | null }>(step(`SELECT epoch_ms(max(placed_at)) AS t FROM (${sql})`));
  if (r?.t === null || r?.t === undefined) throw usageError('no purchases with a known buyer in the store', 'ingest order exports first (`omnifuse ingest <files>`)');
  return Number(r.t);
}

const pick = (x: number[][], cols: number[]) => x.map((r) => cols.map((c) => r[c]!));

/** Time-split evaluation, then a final model fitted at the test cutoff (its labels are observed) and stored. */
export async function trainChurn(db: Backend, opts: { horizonDays?: number; seed?: number; store?: boolean } = {}): Promise<{ evaluation: ChurnEval; model?: ModelInfo }> {
  const h = opts.horizonDays ?? 90;
  const end = (await lastPurchase(db)) + 1000;
  const testCut = iso(end - h * DAY_MS);
  const trainCut = iso(end - 2 * h * DAY_MS);
  const tr = await churnRows(db, trainCut, h, true);
  const te = await churnRows(db, testCut, h, true);
  if (tr.x.length < 20 || te.x.length < 20) throw usageError(`too few buyers for a churn model (${tr.x.length} at ${trainCut}, ${te.x.length} at ${testCut})`, `the store needs purchases spanning at least ${2 * h} days`);
  const rng = createRng(opts.seed ?? 1);
  const isValid = tr.x.map(() => rng.next() < 0.2);
  const fitX = tr.x.filter((_, i) => !isValid[i]);
  const fitY = tr.y!.filter((_, i) => !isValid[i]);
  const valX = tr.x.filter((_, i) => isValid[i]);
  const valY = tr.y!.filter((_, i) => isValid[i]);
  const featureScores = scoreFeatures(CHURN_FEATURES, fitX, fitY, { seed: opts.seed ?? 1 });
  const params = { nTrees: 400, learningRate: 0.05, maxDepth: 3, minSamplesLeaf: 20, earlyStoppingRounds: 40, seed: opts.seed ?? 1 };
  const tuning: { k: number; validAuc: number; model: GbdtModel; cols: number[]; names: string[] }[] = [];
  for (const k of [3, 5, 8, CHURN_FEATURES.length]) {
    const names = selectKBest(featureScores, k, 'mi');
    const cols = names.map((n) => CHURN_FEATURES.indexOf(n as (typeof CHURN_FEATURES)[number]));
    const model = trainGbdt(names, { x: pick(fitX, cols), y: fitY }, { x: pick(valX, cols), y: valY }, params);
    tuning.push({ k, validAuc: auc(valY, pick(valX, cols).map((r) => gbdtPredict(model, r))), model, cols, names });
  }
  const best = tuning.reduce((a, b) => (b.validAuc > a.validAuc + 1e-9 ? b : a));
  const testScores = pick(te.x, best.cols).map((r) => gbdtPredict(best.model, r));
  const rate = te.y!.reduce((a, b) => a + b, 0) / te.y!.length;
  const p10 = precisionAtFraction(te.y!, testScores, 0.1);
  const evaluation: ChurnEval = {
    horizonDays: h, trainCutoff: trainCut, testCutoff: testCut, trainCustomers: tr.x.length, testCustomers: te.x.length,
    churnRateTest: rate, featureScores, selected: best.names, tuning: tuning.map((t) => ({ k: t.k, validAuc: t.validAuc })),
    validAuc: best.validAuc, testAuc: auc(te.y!, testScores), precisionAtDecile: p10, liftAtDecile: rate > 0 ? p10 / rate : 0,
    importance: gbdtImportance(best.model),
  };
  if (opts.store === false) return { evaluation };
  // the stored model is refit at the test cutoff (the latest fully observed horizon), same features and rounds
  const finalModel = trainGbdt(best.names, { x: pick(te.x, best.cols), y: te.y! }, undefined, { ...params, nTrees: Math.max(1, best.model.trees.length) });
  const model = await saveModel<ChurnArtefact>(db, {
    name: CHURN_MODEL, kind: 'gbdt', params: { horizonDays: h, features: best.names, ...params, nTrees: finalModel.trees.length },
    metrics: { testAuc: evaluation.testAuc, validAuc: evaluation.validAuc, precisionAtDecile: p10, liftAtDecile: evaluation.liftAtDecile, testCustomers: te.x.length },
    dataFingerprint: fingerprint(tr.x.length, te.x.length, testCut), artefact: { features: best.names, horizonDays: h, gbdt: finalModel },
  });
  return { evaluation, model };
}

export interface ChurnScore {
  customer: string;
  probability: number;
  recency_days: number;
  frequency: number;
  monetary: number;
}

/** Churn probability for every buyer as of the end of the data, highest risk first (trains when no model is stored). */
export async function scoreChurn(db: Backend, opts: { top?: number } = {}): Promise<{ model: string; asOf: string; customers: ChurnScore[] }> {
  let stored = await findModel<ChurnArtefact>(db, CHURN_MODEL);
  if (!stored) {
    await trainChurn(db);
    stored = await findModel<ChurnArtefact>(db, CHURN_MODEL);
  }
  const a = stored!.artefact;
  const asOf = iso((await lastPurchase(db)) + 1000);
  const rows = await churnRows(db, asOf, a.horizonDays, false);
  const cols = a.features.map((n) => CHURN_FEATURES.indexOf(n as (typeof CHURN_FEATURES)[number]));
  const col = (name: string) => CHURN_FEATURES.indexOf(name as (typeof CHURN_FEATURES)[number]);
  const scored = rows.x.map((r, i) => ({
    customer: rows.customers[i]!, probability: Math.round(gbdtPredict(a.gbdt, cols.map((c) => r[c]!)) * 1e4) / 1e4,
    recency_days: r[col('recency_days')]!, frequency: r[col('frequency')]!, monetary: Math.round(r[col('monetary')]! * 100) / 100,
  }));
  scored.sort((p, q) => q.probability - p.probability || p.customer.localeCompare(q.customer));
  return { model: `${stored!.info.name} v${stored!.info.version}`, asOf, customers: scored.slice(0, opts.top ?? scored.length) };
}
