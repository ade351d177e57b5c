// Time-based evaluation: train on everything before a cutoff, hold out each customer's last basket after it,
// score Recall@20 and NDCG@10. Hyper-parameters are tuned on an earlier cutoff (valid) and the test cutoff is
// scored once with the chosen ones.
import { fitModel, recommendFor, type FitOptions, type NeighbourModel, type RecommenderKind } from './models.js';
import { userHistories, type Interactions } from './interactions.js';

export interface SplitTargets {
  cutoff: number;
  end: number;
  histories: Map<number, Set<number>>;
  /** user → items of their last basket in [cutoff, end) (users with history before the cutoff only) */
  targets: Map<number, Set<number>>;
}

export interface Metrics {
  recall20: number;
  ndcg10: number;
  users: number;
}

const DAY = 86_400;

export function splitAt(x: Interactions, cutoff: number, end: number): SplitTargets {
  const histories = userHistories(x, cutoff);
  const last = new Map<number, { t: number; b: number }>();
  for (let k = 0; k < x.u.length; k++) {
    const t = x.t[k]!;
    if (t < cutoff || t >= end || !histories.has(x.u[k]!)) continue;
    const cur = last.get(x.u[k]!);
    if (!cur || t > cur.t || (t === cur.t && x.b[k]! > cur.b)) last.set(x.u[k]!, { t, b: x.b[k]! });
  }
  const targets = new Map<number, Set<number>>();
  for (let k = 0; k < x.u.length; k++) {
    const l = last.get(x.u[k]!);
    if (!l || x.b[k] !== l.b) continue;
    const s = targets.get(x.u[k]!) ?? new Set<number>();
    s.add(x.i[k]!);
    targets.set(x.u[k]!, s);
  }
  return { cutoff, end, histories, targets };
}

export function evaluate(model: NeighbourModel, split: SplitTargets): Metrics {
  let recall = 0;
  let ndcg = 0;
  for (const [u, target] of split.targets) {
    const recs = recommendFor(model, split.histories.get(u) ?? [], 20);
    let hits = 0;
    let dcg = 0;
    recs.forEach((r, rank) => {
      if (!target.has(r.item)) return;
      hits++;
      if (rank < 10) dcg += 1 / Math.log2(rank + 2);
    });
    let idcg = 0;
    for (let r = 0; r < Math.min(10, target.size); r++) idcg += 1 / Math.log2(r + 2);
    recall += hits / Math.min(20, target.size);
    ndcg += dcg / idcg;
  }
  const n = split.targets.size;
  return { recall20: n ? recall / n : 0, ndcg10: n ? ndcg / n : 0, users: n };
}

export interface EvalOptions {
  /** days held out for the test period (and again, before it, for the validation period) */
  holdoutDays?: number;
  /** EASE item cap */
  maxItems?: number;
  grid?: { alpha?: number[]; lambda?: number[] };
  /** models to evaluate (popularity is always included: it is the baseline) */
  kinds?: RecommenderKind[];
  onProgress?: (what: string) => void;
}

export interface ModelResult {
  kind: RecommenderKind;
  params: FitOptions;
  valid: Metrics;
  test: Metrics;
  tuning: { params: FitOptions; valid: Metrics }[];
}

export interface RecommendEval {
  interactions: number;
  users: number;
  items: number;
  persons: boolean;
  validCutoff: string;
  testCutoff: string;
  end: string;
  models: ModelResult[];
  /** best model's test Recall@20 over popularity's */
  liftOverPopularity: number;
  best: RecommenderKind;
}

/** Tune each model on the validation cutoff, then score it once on the test cutoff. */
export function evaluateRecommenders(x: Interactions, opts: EvalOptions = {}): RecommendEval {
  const hold = (opts.holdoutDays ?? 30) * DAY;
  let end = 0;
  for (let k = 0; k < x.t.length; k++) end = Math.max(end, x.t[k]!);
  end += 1;
  const testCut = end - hold;
  const validCut = testCut - hold;
  const valid = splitAt(x, validCut, testCut);
  const test = splitAt(x, testCut, end);
  const maxItems = opts.maxItems ?? 1000;
  const grids: Record<RecommenderKind, FitOptions[]> = {
    popularity: [{}],
    'item-item': (opts.grid?.alpha ?? [0.2, 0.5, 0.8]).map((alpha) => ({ alpha })),
    ease: (opts.grid?.lambda ?? [100, 400, 1600]).map((lambda) => ({ lambda, maxItems })),
  };
  const models: ModelResult[] = [];
  const kinds = (['popularity', 'item-item', 'ease'] as const).filter((k) => k === 'popularity' || !opts.kinds || opts.kinds.includes(k));
  for (const kind of kinds) {
    const tuning = grids[kind].map((params) => {
      opts.onProgress?.(`${kind} ${JSON.stringify(params)} on valid`);
      return { params, valid: evaluate(fitModel(kind, x.items, valid.histories.values(), params), valid) };
    });
    const best = tuning.reduce((a, b) => (b.valid.recall20 > a.valid.recall20 ? b : a));
    opts.onProgress?.(`${kind} on test`);
    const testM = evaluate(fitModel(kind, x.items, test.histories.values(), best.params), test);
    models.push({ kind, params: best.params, valid: best.valid, test: testM, tuning });
  }
  const byValid = (models.length > 1 ? models.filter((m) => m.kind !== 'popularity') : models).reduce((a, b) => (b.valid.recall20 > a.valid.recall20 ? b : a));
  const pop = models.find((m) => m.kind === 'popularity')!;
  const iso = (s: number) => new Date(s * 1000).toISOString();
  return {
    interactions: x.u.length, users: x.users.length, items: x.items.length, persons: x.persons,
    validCutoff: iso(validCut), testCutoff: iso(testCut), end: iso(end), models,
    liftOverPopularity: pop.test.recall20 > 0 ? byValid.test.recall20 / pop.test.recall20 : Infinity,
    best: byValid.kind,
  };
}
