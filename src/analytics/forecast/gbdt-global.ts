// One gradient-boosted model over all series (the approach that won M5): each row is (series, origin, horizon k),
// its features describe the series up to the origin (scale-free lags, rolling means, zero share, last year, price)
// and the target day (calendar, k); the target is demand divided by the series' recent level.
import { trainGbdtRegressor, gbdtRegress, type GbdtRegressor } from '../../ai/builtin/gbdt-regression.js';
import type { GbdtParams } from '../../ai/builtin/gbdt.js';
import { createRng } from '../../ai/builtin/rng.js';
import { calendar, firstSale, type Calendar, type Forecaster, type Panel } from './panel.js';

export interface GlobalGbdtOptions {
  /** how many past origins to learn from */
  trainOrigins: number;
  /** steps between training origins */
  originStride: number;
  /** cap on (series, origin) pairs sampled for training (rows = pairs × horizon) */
  maxPairs: number;
  params: Partial<GbdtParams>;
  seed: number;
}

export const DEFAULT_GLOBAL_GBDT: GlobalGbdtOptions = {
  trainOrigins: 12,
  originStride: 7,
  maxPairs: 4_000,
  params: { nTrees: 150, learningRate: 0.1, maxDepth: 5, minSamplesLeaf: 40, minChildWeight: 1, lambda: 1, rowSample: 0.5, colSample: 0.7, maxBins: 32, earlyStoppingRounds: 20 },
  seed: 7,
};

export const GBDT_FEATURES = [
  'k', 'dow', 'dom', 'month', 'doy', 'log_level', 'm7', 'm14', 'm28', 'm56', 'm112', 'sd28', 'zero28', 'since_last',
  'age', 'same_dow4', 'last_year', 'ly_growth', 'total_m7', 'total_ly', 'price_rel', 'last1',
] as const;

function mean(y: Float64Array, from: number, to: number): number {
  const a = Math.max(0, from);
  if (to <= a) return NaN;
  let s = 0;
  for (let i = a; i < to; i++) s += y[i] as number;
  return s / (to - a);
}

/** Recent level used to make series comparable; never zero so ratios stay finite. */
export function levelAt(y: Float64Array, o: number): number {
  const m28 = mean(y, o - 28, o);
  const m112 = mean(y, o - 112, o);
  return Math.max(0.05, 0.5 * (Number.isNaN(m28) ? 0 : m28) + 0.5 * (Number.isNaN(m112) ? 0 : m112));
}

interface Context { panel: Panel; cal: Calendar; total: Float64Array; season: number }

/** Features shared by all horizons of one (series, origin). */
function originFeatures(ctx: Context, i: number, o: number): { lv: number; base: Float64Array } {
  const y = ctx.panel.y[i] as Float64Array;
  const lv = levelAt(y, o);
  const b = new Float64Array(GBDT_FEATURES.length);
  let sq = 0;
  let zeros = 0;
  const m28 = mean(y, o - 28, o);
  for (let t = Math.max(0, o - 28); t < o; t++) {
    const v = y[t] as number;
    sq += (v - m28) ** 2;
    if (v === 0) zeros++;
  }
  let since = 0;
  while (since < 90 && o - 1 - since >= 0 && (y[o - 1 - since] as number) === 0) since++;
  const ly = o - 364 >= 28 ? mean(y, o - 364, o - 336) / Math.max(0.05, mean(y, o - 392, o - 364)) : NaN;
  const tl = levelAt(ctx.total, o);
  const price = ctx.panel.price?.[i];
  let priceRel = NaN;
  if (price) {
    let a = 0, na = 0, c = 0, nc = 0;
    for (let t = Math.max(0, o - 112); t < o; t++) {
      const p = price[t] as number;
      if (Number.isNaN(p)) continue;
      c += p; nc++;
      if (t >= o - 28) { a += p; na++; }
    }
    if (na > 0 && nc > 0) priceRel = a / na / (c / nc);
  }
  b[5] = Math.log1p(lv);
  b[6] = mean(y, o - 7, o) / lv;
  b[7] = mean(y, o - 14, o) / lv;
  b[8] = m28 / lv;
  b[9] = mean(y, o - 56, o) / lv;
  b[10] = mean(y, o - 112, o) / lv;
  b[11] = Math.sqrt(sq / 28) / lv;
  b[12] = zeros / 28;
  b[13] = since;
  b[14] = Math.min(400, o - firstSale(y, o));
  b[17] = ly;
  b[18] = mean(ctx.total, o - 7, o) / tl;
  b[20] = priceRel;
  b[21] = (y[o - 1] ?? 0) / lv;
  return { lv, base: b };
}

function rowFeatures(ctx: Context, i: number, o: number, k: number, base: Float64Array, lv: number): Float64Array {
  const y = ctx.panel.y[i] as Float64Array;
  const t = o + k - 1;
  const x = base.slice();
  x[0] = k;
  x[1] = ctx.cal.dow[t] as number;
  x[2] = ctx.cal.dom[t] as number;
  x[3] = ctx.cal.month[t] as number;
  x[4] = ctx.cal.doy[t] as number;
  if (ctx.season > 1) {
    let s = 0;
    let n = 0;
    for (let j = t - ctx.season; j >= 0 && n < 4; j -= ctx.season) if (j < o) { s += y[j] as number; n++; }
    x[15] = n > 0 ? s / n / lv : NaN;
  } else x[15] = NaN;
  x[16] = t - 367 >= 0 ? mean(y, t - 367, t - 360) / lv : NaN;
  x[19] = t - 367 >= 0 && o - 392 >= 0 ? mean(ctx.total, t - 367, t - 360) / Math.max(0.05, mean(ctx.total, o - 392, o - 364)) : NaN;
  return x;
}

function context(panel: Panel, extra: number): Context {
  const total = new Float64Array(panel.length);
  for (const y of panel.y) for (let t = 0; t < panel.length; t++) total[t] = (total[t] as number) + (y[t] as number);
  return { panel, cal: calendar(panel.start, panel.stepDays, panel.length + extra), total, season: panel.stepDays === 1 ? 7 : 1 };
}

/** Trains the global model on origins before `origin` (their targets end before it). */
export function trainGlobalGbdt(panel: Panel, origin: number, h: number, opts: GlobalGbdtOptions = DEFAULT_GLOBAL_GBDT): GbdtRegressor | undefined {
  const ctx = context(panel, h);
  const rng = createRng(opts.seed);
  const pairs: [number, number][] = [];
  for (let j = 0; j < opts.trainOrigins; j++) {
    const o = origin - h - j * opts.originStride;
    if (o < 28) break;
    panel.y.forEach((y, i) => {
      if (firstSale(y, o) < o - 7) pairs.push([i, o]);
    });
  }
  if (pairs.length === 0) return undefined;
  // keep the most recent origin as the early-stopping set; sample the rest down to maxPairs
  const newest = origin - h;
  const validPairs = pairs.filter((p) => p[1] === newest);
  let trainPairs = pairs.filter((p) => p[1] !== newest);
  if (trainPairs.length === 0) { trainPairs = validPairs; }
  if (trainPairs.length > opts.maxPairs) {
    for (let a = trainPairs.length - 1; a > 0; a--) {
      const b = Math.floor(rng.next() * (a + 1));
      [trainPairs[a], trainPairs[b]] = [trainPairs[b]!, trainPairs[a]!];
    }
    trainPairs = trainPairs.slice(0, opts.maxPairs);
  }
  const vp = validPairs.length > opts.maxPairs / 4 ? validPairs.filter((_, n) => n % Math.ceil(validPairs.length / (opts.maxPairs / 4)) === 0) : validPairs;
  const build = (ps: [number, number][]) => {
    const x: Float64Array[] = [];
    const yv: number[] = [];
    const w: number[] = [];
    for (const [i, o] of ps) {
      const { lv, base } = originFeatures(ctx, i, o);
      const y = panel.y[i] as Float64Array;
      let d = 0;
      let nd = 0;
      for (let t = Math.max(firstSale(y, o) + 1, o - 112); t < o; t++) { d += ((y[t] as number) - (y[t - 1] as number)) ** 2; nd++; }
      const scale2 = Math.max(1e-3, nd > 0 ? d / nd : lv * lv);
      const wt = Math.min(20, Math.max(0.05, (lv * lv) / scale2));
      for (let k = 1; k <= h; k++) {
        x.push(rowFeatures(ctx, i, o, k, base, lv));
        yv.push(Math.min(30, (y[o + k - 1] as number) / lv));
        w.push(wt);
      }
    }
    return { x, y: Float64Array.from(yv), w: Float64Array.from(w) };
  };
  const train = build(trainPairs);
  const valid = trainPairs === validPairs ? undefined : build(vp);
  return trainGbdtRegressor([...GBDT_FEATURES], train, valid, { ...opts.params, seed: opts.seed }, 'squared');
}

/** Forecasts h steps after `origin` for every series with a trained global model. */
export function predictGlobalGbdt(model: GbdtRegressor, panel: Panel, origin: number, h: number): Float64Array[] {
  const ctx = context(panel, h + Math.max(0, origin - panel.length));
  return panel.y.map((y, i) => {
    const out = new Float64Array(h);
    if (firstSale(y, origin) >= origin) return out;
    const { lv, base } = originFeatures(ctx, i, origin);
    for (let k = 1; k <= h; k++) out[k - 1] = Math.max(0, lv * gbdtRegress(model, rowFeatures(ctx, i, origin, k, base, lv)));
    return out;
  });
}

/** The global model as a forecaster; `trained` keeps the last model fitted, for the registry. */
export function globalGbdtForecaster(opts: GlobalGbdtOptions = DEFAULT_GLOBAL_GBDT): Forecaster & { trained: GbdtRegressor | undefined } {
  const f = {
    name: 'gbdt',
    trained: undefined as GbdtRegressor | undefined,
    forecast(panel: Panel, origin: number, h: number): Float64Array[] {
      const model = trainGlobalGbdt(panel, origin, h, opts);
      f.trained = model;
      return model ? predictGlobalGbdt(model, panel, origin, h) : panel.y.map(() => new Float64Array(h));
    },
  };
  return f;
}
