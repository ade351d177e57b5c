// `omnifuse forecast` as a library call: load demand, backtest the models on the last origins, forecast with the
// one the calibration origins chose, attach conformal intervals, store the model and the forecasts.
import type { Backend } from '../../store/backend.js';
import { fingerprint, saveModel, type ModelInfo } from '../../store/model-registry.js';
import { step } from '../../store/sql.js';
import { loadDemandPanel, type SeriesLevel } from '../series.js';
import { backtest, type BacktestResult } from './backtest.js';
import { band, recentScale, type IntervalModel } from './intervals.js';
import { defaultForecasters, DEFAULT_ENSEMBLES } from './models.js';
import { dateAt, type Forecaster, type Panel } from './panel.js';
import { withCappedHistory } from './clean.js';
import type { GbdtRegressor } from '../../ai/builtin/gbdt-regression.js';

export interface ForecastRequest {
  level: SeriesLevel;
  horizon: number;
  /** 1 daily, 7 weekly */
  stepDays: 1 | 7;
  seriesId?: string;
  /** at most this many series (most units first) */
  top?: number;
  /** base models to try (default: all) */
  models?: readonly string[];
  /** interval coverage (default 0.8) */
  coverage?: number;
  /** cap outlying days (median + 10·MAD) before fitting (default true) */
  capOutliers?: boolean;
  /** write the model to the registry and the forecasts to the forecast table (default true) */
  store?: boolean;
  onProgress?: (done: number, total: number, what: string) => void;
}

export interface ForecastPoint { date: string; yhat: number; lo: number | null; hi: number | null }

export interface SeriesForecast {
  id: string;
  /** recent history, oldest first */
  history: { date: string; y: number }[];
  forecast: ForecastPoint[];
  /** daily error spread from the backtest (RMSE of the selected model), for safety stock */
  sigma: number | null;
}

export interface ForecastOutput {
  level: SeriesLevel;
  stepDays: number;
  horizon: number;
  model: string;
  backtest: { model: string; calibWrmsse: number | null; testWrmsse: number | null; testMase: number | null; coverage: number | null }[] | null;
  series: SeriesForecast[];
  registry: ModelInfo | null;
}

interface ForecastArtefact {
  selected: string;
  intervals: IntervalModel | null;
  gbdt: GbdtRegressor | null;
  start: string;
  stepDays: number;
  forecasts: { id: string; yhat: number[] }[];
}

function combine(parts: Float64Array[][], nSeries: number, h: number): Float64Array[] {
  return Array.from({ length: nSeries }, (_, i) => {
    const out = new Float64Array(h);
    for (const p of parts) for (let k = 0; k < h; k++) out[k] = (out[k] as number) + (p[i]![k] as number) / parts.length;
    return out;
  });
}

export async function runForecast(db: Backend, req: ForecastRequest): Promise<ForecastOutput> {
  const h = req.horizon;
  const panel = await loadDemandPanel(db, { level: req.level, stepDays: req.stepDays, ...(req.seriesId !== undefined ? { seriesId: req.seriesId } : {}), ...(req.top !== undefined ? { top: req.top } : {}) });
  // each model fits on history capped before its origin; actuals and the history shown stay what was sold
  const base = defaultForecasters(undefined, req.models);
  const forecasters = req.capOutliers === false ? base : base.map((f) => withCappedHistory(f));
  // with enough history: 1 calibration + 1 test origin; otherwise no backtest and a robust default
  let bt: BacktestResult | null = null;
  if (panel.length >= 4 * h && panel.ids.length > 0) {
    bt = backtest(panel, forecasters, { horizon: h, testOrigins: 1, calibOrigins: 1, level: req.coverage ?? 0.8, ensembles: DEFAULT_ENSEMBLES, ...(req.onProgress ? { onProgress: req.onProgress } : {}) });
  }
  const selected = bt?.selected ?? (forecasters.some((f) => f.name === 'ets') ? 'ets' : forecasters[0]?.name ?? 'snaive');
  const members = selected.split('+');
  const chosen = members.map((m) => forecasters.find((f) => f.name === m)).filter((f): f is Forecaster => f !== undefined);
  const fc = combine(chosen.map((f) => f.forecast(panel, panel.length, h)), panel.ids.length, h);
  const gbdtF = base.find((f): f is Forecaster & { trained: GbdtRegressor | undefined } => f.name === 'gbdt' && members.includes('gbdt'));
  const score = bt?.models.find((m) => m.model === selected);
  const intervals = score?.intervals ?? null;
  const series: SeriesForecast[] = panel.ids.map((id, i) => {
    const y = panel.y[i]!;
    const scale = recentScale(y, panel.length);
    const histFrom = Math.max(0, panel.length - Math.max(3 * h, 56));
    return {
      id,
      history: Array.from({ length: panel.length - histFrom }, (_, j) => ({ date: dateAt(panel, histFrom + j), y: y[histFrom + j] as number })),
      forecast: Array.from({ length: h }, (_, k) => {
        const v = fc[i]![k] as number;
        const b = intervals ? band(intervals, k + 1, v, scale) : null;
        return { date: dateAt(panel, panel.length + k), yhat: v, lo: b ? b[0] : null, hi: b ? b[1] : null };
      }),
      sigma: intervals ? intervalSigma(intervals, scale) : null,
    };
  });
  let registry: ModelInfo | null = null;
  if (req.store !== false && panel.ids.length > 0) {
    const artefact: ForecastArtefact = {
      selected, intervals, gbdt: gbdtF?.trained ?? null, start: panel.start, stepDays: panel.stepDays,
      forecasts: series.map((s) => ({ id: s.id, yhat: s.forecast.map((p) => +p.yhat.toFixed(4)) })),
    };
    registry = await saveModel(db, {
      name: `forecast-${req.level}${req.stepDays === 7 ? '-weekly' : ''}`, kind: selected,
      params: { horizon: h, level: req.level, stepDays: req.stepDays, models: forecasters.map((f) => f.name), coverage: req.coverage ?? 0.8 },
      metrics: Object.fromEntries((bt?.models ?? []).map((m) => [m.model, { testWrmsse: round(m.test.wrmsse), testMase: round(m.test.mase), coverage: round(m.coverage) }])),
      dataFingerprint: fingerprint(panel.ids.length, panel.start, panel.length, panel.y.reduce((s, y) => s + y.reduce((a, b) => a + b, 0), 0)),
      artefact,
    });
    await storeForecasts(db, `${req.level}${req.stepDays === 7 ? '-weekly' : ''}`, series, selected, registry.version, req.seriesId !== undefined || req.top !== undefined);
  }
  return {
    level: req.level, stepDays: panel.stepDays, horizon: h, model: selected, registry, series,
    backtest: bt ? bt.models.map((m) => ({ model: m.model, calibWrmsse: round(m.calib.wrmsse), testWrmsse: round(m.test.wrmsse), testMase: round(m.test.mase), coverage: round(m.coverage) })) : null,
  };
}

const round = (v: number) => (Number.isFinite(v) ? +v.toFixed(4) : null);

/** A normal-equivalent daily sigma from the calibrated band: width of the central band / (2 × z). */
function intervalSigma(m: IntervalModel, scale: number): number {
  const z = normalQuantile(0.5 + m.level / 2);
  return Math.max(0, (((m.upper[0] ?? 0) - (m.lower[0] ?? 0)) * scale) / (2 * z));
}

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Replaces the stored forecasts of the level (daily levels are read by inventory plan); a partial run replaces only its series. */
async function storeForecasts(db: Backend, level: string, series: SeriesForecast[], model: string, version: number, partial: boolean): Promise<void> {
  await db.transaction(async () => {
    if (partial) await db.run(step(`DELETE FROM forecast WHERE level = $1 AND series_id IN (SELECT unnest(string_split($2, chr(31))))`, [level, series.map((s) => s.id).join('\u001f')]));
    else await db.run(step('DELETE FROM forecast WHERE level = $1', [level]));
    const now = new Date().toISOString();
    const rows = series.flatMap((s) => s.forecast.map((p) => [level, s.id, p.date, p.yhat, p.lo, p.hi, s.sigma, model, version, now]));
    for (let at = 0; at < rows.length; at += 400) {
      const chunk = rows.slice(at, at + 400);
      const values = chunk.map((_, r) => `(${Array.from({ length: 10 }, (_, c) => `$${r * 10 + c + 1}`).join(', ')})`).join(', ');
      await db.run(step(`INSERT INTO forecast SELECT c1, c2, CAST(c3 AS DATE), c4, c5, c6, c7, c8, c9, CAST(c10 AS TIMESTAMPTZ)
        FROM (VALUES ${values}) AS v(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)`, chunk.flat()));
    }
  });
}

export type { Panel };
