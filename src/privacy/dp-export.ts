// `export --dp`: counts, sums and means by group with contribution bounding (each buyer contributes at most k rows,
// each value clamped to [lo, hi]) and Laplace or Gaussian noise, charged to a per-dataset privacy-budget ledger
// that refuses a release beyond the budget.
import { randomUUID } from 'node:crypto';
import type { Backend } from '../store/backend.js';
import { ident, step } from '../store/sql.js';
import { usageError } from '../util/errors.js';
import { cryptoUniform, gaussian, gaussianSigma, laplace, laplaceScale, type Uniform } from './noise.js';

export type DpMetric = 'count' | 'sum' | 'mean';
export type DpMechanism = 'laplace' | 'gaussian';

export interface DpQuery {
  /** a canonical table with a buyer column: orders, order_line (via its order), event, review */
  table: 'orders' | 'order_line' | 'event' | 'review';
  metric: DpMetric;
  /** numeric column for sum/mean (e.g. total_base) */
  value?: string;
  /** grouping columns; their values are treated as public (platform, country, month, ...) */
  by: readonly string[];
  epsilon: number;
  /** Gaussian only */
  delta?: number;
  mechanism?: DpMechanism;
  /** most rows one buyer contributes (others dropped at random-but-stable order) */
  maxContributions?: number;
  /** clamp bounds for sum/mean */
  lower?: number;
  upper?: number;
  /** ledger name; defaults to the table name */
  dataset?: string;
}

export interface DpRow {
  group: Record<string, unknown>;
  value: number;
}

export interface DpRelease {
  releaseId: string;
  dataset: string;
  epsilon: number;
  delta: number;
  mechanism: DpMechanism;
  noiseScale: number;
  sensitivity: number;
  rows: DpRow[];
  budget: { epsilon: number; spent: number; remaining: number };
}

export const DEFAULT_BUDGET = 1.0;

const BUYER: Record<DpQuery['table'], string> = {
  orders: 't.platform || \':\' || coalesce(t.platform_customer_id, \'row:\' || t.platform_order_id)',
  order_line: 'o.platform || \':\' || coalesce(o.platform_customer_id, \'row:\' || t.platform_order_id)',
  event: 't.platform || \':\' || coalesce(t.platform_customer_id, \'row:\' || t.source_row)',
  review: 't.platform || \':\' || coalesce(t.platform_customer_id, \'row:\' || t.platform_review_id)',
};

async function columnsOf(db: Backend, table: string): Promise<Set<string>> {
  const rows = await db.all<{ column_name: string }>(step('SELECT column_name FROM information_schema.columns WHERE table_name = $1', [table]));
  return new Set(rows.map((r) => r.column_name));
}

/** The budget state of a dataset (default budget ε = 1 until set). */
export async function budgetOf(db: Backend, dataset: string): Promise<{ epsilon: number; delta: number; spentEpsilon: number; spentDelta: number }> {
  const b = await db.one<{ epsilon: number; delta: number }>(step('SELECT epsilon, delta FROM dp_budget WHERE dataset = $1', [dataset]));
  const s = await db.one<{ e: number | null; d: number | null }>(step('SELECT sum(epsilon) AS e, sum(delta) AS d FROM dp_ledger WHERE dataset = $1', [dataset]));
  return { epsilon: b?.epsilon ?? DEFAULT_BUDGET, delta: b?.delta ?? 1e-6, spentEpsilon: Number(s?.e ?? 0), spentDelta: Number(s?.d ?? 0) };
}

export async function setBudget(db: Backend, dataset: string, epsilon: number, delta = 1e-6): Promise<void> {
  if (!(epsilon > 0)) throw usageError(`a privacy budget must be positive, got ${epsilon}`);
  await db.run(step('INSERT OR REPLACE INTO dp_budget VALUES ($1, $2, $3, now())', [dataset, epsilon, delta]));
}

/** Sensitivity of the whole grouped release to one buyer (L1 for Laplace, L2 for Gaussian). */
export function sensitivity(q: DpQuery, norm: 'l1' | 'l2'): number {
  const k = q.maxContributions ?? 1;
  const mag = q.metric === 'count' ? 1 : Math.max(Math.abs(q.lower ?? 0), Math.abs(q.upper ?? 0));
  // one buyer touches at most k rows, each changing one cell by at most `mag`
  return norm === 'l1' ? k * mag : Math.sqrt(k) * mag;
}

/** Add noise to exact per-group aggregates; pure, so the noise scale can be tested with a seeded source. */
export function addNoise(q: DpQuery, exact: readonly { group: Record<string, unknown>; count: number; sum: number }[], u: Uniform): { rows: DpRow[]; scale: number; sens: number } {
  const mech = q.mechanism ?? 'laplace';
  // a mean is a noisy sum over a noisy count: half the budget each
  const parts = q.metric === 'mean' ? 2 : 1;
  const eps = q.epsilon / parts;
  const delta = (q.delta ?? 1e-6) / parts;
  const draw = (sens: number) => (mech === 'laplace' ? laplace(laplaceScale(sens, eps), u) : gaussian(gaussianSigma(sens, eps, delta), u));
  const scaleOf = (sens: number) => (mech === 'laplace' ? laplaceScale(sens, eps) : gaussianSigma(sens, eps, delta));
  const norm = mech === 'laplace' ? 'l1' : 'l2';
  const countSens = sensitivity({ ...q, metric: 'count' }, norm);
  const sumSens = sensitivity({ ...q, metric: 'sum' }, norm);
  const rows = exact.map((e) => {
    if (q.metric === 'count') return { group: e.group, value: e.count + draw(countSens) };
    if (q.metric === 'sum') return { group: e.group, value: e.sum + draw(sumSens) };
    const n = Math.max(1, e.count + draw(countSens));
    const s = e.sum + draw(sumSens);
    const lo = q.lower ?? 0;
    const hi = q.upper ?? 0;
    return { group: e.group, value: Math.min(hi, Math.max(lo, s / n)) };
  });
  const sens = q.metric === 'count' ? countSens : sumSens;
  return { rows, scale: scaleOf(sens), sens };
}

/** Run the bounded aggregate in SQL, add noise, charge the ledger. Refuses (usage error) beyond the budget. */
export async function releaseDp(db: Backend, q: DpQuery, u: Uniform = cryptoUniform()): Promise<DpRelease> {
  if (!(q.epsilon > 0) || !Number.isFinite(q.epsilon)) throw usageError(`--epsilon must be a positive number, got ${q.epsilon}`);
  const mech = q.mechanism ?? 'laplace';
  const delta = mech === 'gaussian' ? (q.delta ?? 1e-6) : 0;
  if (mech === 'gaussian' && !(delta > 0 && delta < 1)) throw usageError(`--delta must be in (0, 1) for the Gaussian mechanism, got ${delta}`);
  if (q.metric !== 'count') {
    if (!q.value) throw usageError(`--metric ${q.metric} needs --value <column>`, 'e.g. --value total_base');
    if (q.lower === undefined || q.upper === undefined || !(q.upper > q.lower)) throw usageError('sums and means need clamp bounds --lower and --upper (upper > lower)', 'bounds must be chosen without looking at the data, e.g. 0 and 500');
  }
  const k = q.maxContributions ?? 1;
  if (!Number.isInteger(k) || k < 1) throw usageError(`--max-contributions must be a positive integer, got ${k}`);
  const cols = await columnsOf(db, q.table);
  for (const c of [...q.by, ...(q.value ? [q.value] : [])]) {
    if (!cols.has(c)) throw usageError(`${q.table} has no column ${c}`, `columns: ${[...cols].sort().join(', ')}`);
  }
  const dataset = q.dataset ?? q.table;
  return db.transaction(async () => {
    const b = await budgetOf(db, dataset);
    if (b.spentEpsilon + q.epsilon > b.epsilon + 1e-12 || b.spentDelta + delta > b.delta + 1e-15) {
      throw usageError(
        `release refused: dataset ${dataset} has spent ε=${round(b.spentEpsilon)} of its budget ε=${b.epsilon}; this release needs ε=${q.epsilon}${delta ? `, δ=${delta}` : ''}`,
        'release with a smaller --epsilon, or raise the budget deliberately with `omnifuse export --set-budget <ε> --dataset <name>` (logged in the audit log)',
      );
    }
    const join = q.table === 'order_line' ? 'JOIN orders o ON o.platform = t.platform AND o.platform_order_id = t.platform_order_id' : '';
    const by = q.by.map((c) => `t.${ident(c)}`);
    const value = q.value ? `least(greatest(CAST(t.${ident(q.value)} AS DOUBLE), $1), $2)` : '0';
    const exact = await db.all<Record<string, unknown> & { n: number | bigint; s: number | null }>(step(`
      WITH src AS (
        SELECT ${by.length ? by.map((b, i) => `${b} AS g${i}`).join(', ') + ',' : ''} ${value} AS v,
               row_number() OVER (PARTITION BY ${BUYER[q.table]} ORDER BY hash(t.row_hash)) AS rn
        FROM ${ident(q.table)} t ${join}
        ${q.value ? `WHERE t.${ident(q.value)} IS NOT NULL` : ''})
      SELECT ${q.by.map((_, i) => `g${i}`).join(', ')}${q.by.length ? ',' : ''} count(*) AS n, sum(v) AS s
      FROM src WHERE rn <= ${k} ${q.by.length ? 'GROUP BY ALL ORDER BY ALL' : ''}`, q.value ? [q.lower ?? 0, q.upper ?? 0] : []));
    const groups = exact.map((r) => ({
      group: Object.fromEntries(q.by.map((c, i) => [c, r[`g${i}`] ?? null])),
      count: Number(r.n), sum: Number(r.s ?? 0),
    }));
    const noisy = addNoise(q, groups, u);
    const releaseId = randomUUID();
    await db.run(step('INSERT INTO dp_ledger VALUES ($1, $2, $3, $4, $5, $6, now())', [
      releaseId, dataset, q.epsilon, delta, mech, JSON.stringify({ table: q.table, metric: q.metric, value: q.value ?? null, by: q.by, k, lower: q.lower ?? null, upper: q.upper ?? null }),
    ]));
    const spent = b.spentEpsilon + q.epsilon;
    return {
      releaseId, dataset, epsilon: q.epsilon, delta, mechanism: mech, noiseScale: noisy.scale, sensitivity: noisy.sens,
      rows: noisy.rows, budget: { epsilon: b.epsilon, spent: round(spent), remaining: round(b.epsilon - spent) },
    };
  });
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;
