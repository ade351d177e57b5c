// Rolling-origin backtest: every model forecasts from several origins at the end of the data; the earlier
// (calibration) origins pick the model and fit the intervals, the later (test) origins score them once.
import { aggregate, naiveScale, salesWeight, scoreSeries, type Aggregate, type SeriesScore } from './metrics.js';
import { band, calibrateIntervals, recentScale, type IntervalModel, type Residual } from './intervals.js';
import type { Forecaster, Panel } from './panel.js';

export interface BacktestOptions {
  horizon: number;
  /** origins scored (the last ones) */
  testOrigins: number;
  /** origins before the test ones, for model choice and interval calibration */
  calibOrigins: number;
  /** interval coverage, e.g. 0.8 */
  level: number;
  /** equal-weight combinations of base models to evaluate too, e.g. [['ets', 'gbdt']] */
  ensembles: readonly (readonly string[])[];
  onProgress?: (done: number, total: number, what: string) => void;
}

export const DEFAULT_BACKTEST: BacktestOptions = { horizon: 28, testOrigins: 3, calibOrigins: 2, level: 0.8, ensembles: [] };

export interface ModelScore {
  model: string;
  /** mean over test origins */
  test: Aggregate;
  /** mean over calibration origins */
  calib: Aggregate;
  /** share of test actuals inside the calibrated interval */
  coverage: number;
  intervals: IntervalModel;
  perOrigin: (Aggregate & { origin: number })[];
}

export interface BacktestResult {
  horizon: number;
  calibOrigins: number[];
  testOrigins: number[];
  models: ModelScore[];
  /** lowest calibration WRMSSE: chosen without looking at the test origins */
  selected: string;
  seconds: Record<string, number>;
}

/** Non-overlapping origins ending at the end of the data: the last `n` after skipping `skip` windows. */
export function originsFromEnd(length: number, h: number, n: number, skip = 0): number[] {
  const out: number[] = [];
  for (let j = n + skip; j > skip; j--) out.push(length - j * h);
  return out.filter((o) => o > 0);
}

const ensembleName = (members: readonly string[]) => members.join('+');

function meanAgg(a: readonly Aggregate[]): Aggregate {
  const avg = (f: (x: Aggregate) => number) => a.reduce((s, x) => s + f(x), 0) / Math.max(1, a.length);
  return { mase: avg((x) => x.mase), wrmsse: avg((x) => x.wrmsse), rmsse: avg((x) => x.rmsse), series: Math.round(avg((x) => x.series)) };
}

export function backtest(panel: Panel, forecasters: readonly Forecaster[], opts: BacktestOptions = DEFAULT_BACKTEST): BacktestResult {
  const h = opts.horizon;
  const calib = originsFromEnd(panel.length, h, opts.calibOrigins, opts.testOrigins);
  const test = originsFromEnd(panel.length, h, opts.testOrigins);
  const origins = [...calib, ...test];
  const seconds: Record<string, number> = {};
  // forecasts[model][originIndex][series]
  const fc = new Map<string, Float64Array[][]>();
  let done = 0;
  for (const f of forecasters) {
    const t0 = performance.now();
    fc.set(f.name, origins.map((o) => {
      opts.onProgress?.(done++, forecasters.length * origins.length, f.name);
      return f.forecast(panel, o, h);
    }));
    seconds[f.name] = (performance.now() - t0) / 1000;
  }
  for (const members of opts.ensembles) {
    const parts = members.map((m) => fc.get(m));
    if (parts.some((p) => p === undefined)) continue;
    fc.set(ensembleName(members), origins.map((_, oi) => panel.y.map((_, i) => {
      const out = new Float64Array(h);
      for (const p of parts) { const v = p![oi]![i]!; for (let k = 0; k < h; k++) out[k] = (out[k] as number) + (v[k] as number) / parts.length; }
      return out;
    })));
  }
  const scales = origins.map((o) => panel.y.map((y) => naiveScale(y, o)));
  const weights = origins.map((o) => Float64Array.from(panel.y.map((y, i) => salesWeight(y, panel.price?.[i], o))));
  const rscale = origins.map((o) => panel.y.map((y) => recentScale(y, o)));
  const models: ModelScore[] = [];
  for (const [model, perOrigin] of fc) {
    const aggs = origins.map((o, oi) => {
      const scores: SeriesScore[] = panel.y.map((y, i) => scoreSeries(y, o, perOrigin[oi]![i]!, scales[oi]![i]));
      return { ...aggregate(scores, weights[oi]!), origin: o };
    });
    const residuals: Residual[] = [];
    calib.forEach((o, oi) => panel.y.forEach((y, i) => {
      if (o - 1 < 0 || (weights[oi]![i] as number) === 0 && (scales[oi]![i]!.mse === 0)) return;
      const f = perOrigin[oi]![i]!;
      for (let k = 1; k <= h; k++) residuals.push({ k, actual: y[o + k - 1] as number, forecast: f[k - 1] as number, scale: rscale[oi]![i]! });
    }));
    const intervals = calibrateIntervals(residuals, opts.level, h);
    let inside = 0;
    let total = 0;
    test.forEach((o, tj) => {
      const oi = calib.length + tj;
      panel.y.forEach((y, i) => {
        if (scales[oi]![i]!.mse === 0) return;
        const f = perOrigin[oi]![i]!;
        for (let k = 1; k <= h; k++) {
          const [lo, hi] = band(intervals, k, f[k - 1] as number, rscale[oi]![i]!);
          const a = y[o + k - 1] as number;
          if (a >= lo && a <= hi) inside++;
          total++;
        }
      });
    });
    models.push({
      model, intervals, coverage: total ? inside / total : NaN, perOrigin: aggs,
      calib: meanAgg(aggs.slice(0, calib.length)), test: meanAgg(aggs.slice(calib.length)),
    });
  }
  const ranked = models.filter((m) => Number.isFinite(m.calib.wrmsse)).sort((a, b) => a.calib.wrmsse - b.calib.wrmsse);
  return { horizon: h, calibOrigins: calib, testOrigins: test, models, selected: ranked[0]?.model ?? models[0]?.model ?? 'snaive', seconds };
}
