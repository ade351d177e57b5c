// Conformal prediction intervals: residuals from backtest origins, scaled by each series' recent variability and
// pooled per horizon week, give the band's lower and upper offsets. Calibrated on origins before the ones scored.
import { firstSale } from './panel.js';

export interface IntervalModel {
  /** nominal coverage, e.g. 0.8 */
  level: number;
  /** steps per bucket of horizon (7 = one offset pair per horizon week) */
  bucket: number;
  lower: number[];
  upper: number[];
}

/** Variability scale of a series: mean |Δy| over the last 56 steps before origin (falls back to its level). */
export function recentScale(y: ArrayLike<number>, origin: number): number {
  const from = Math.max(firstSale(y, origin) + 1, origin - 56);
  let a = 0;
  let n = 0;
  let s = 0;
  for (let t = from; t < origin; t++) {
    a += Math.abs((y[t] as number) - (y[t - 1] as number));
    s += y[t] as number;
    n++;
  }
  return n === 0 ? 1 : Math.max(0.05, a / n, (0.1 * s) / n);
}

export interface Residual {
  k: number;
  actual: number;
  forecast: number;
  scale: number;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (pos - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * Fits band offsets so that (1 − level)/2 of calibration actuals fall above the band and as many below it. The
 * lower side accounts for the band being cut at zero (demand is never negative), so it is searched, not read off.
 */
export function calibrateIntervals(residuals: readonly Residual[], level = 0.8, h = 28, bucket = 7): IntervalModel {
  const tail = (1 - level) / 2;
  const nb = Math.ceil(h / bucket);
  const lower: number[] = [];
  const upper: number[] = [];
  for (let b = 0; b < nb; b++) {
    const rs = residuals.filter((r) => Math.floor((r.k - 1) / bucket) === b);
    const z = Float64Array.from(rs.map((r) => (r.actual - r.forecast) / r.scale)).sort();
    upper.push(quantile(z, 1 - tail));
    const missLow = (q: number) => rs.reduce((n, r) => n + (r.actual < r.forecast + q * r.scale ? 1 : 0), 0) / Math.max(1, rs.length);
    let lo = Math.min(-50, quantile(z, 0));
    let hi = 0;
    for (let it = 0; it < 40; it++) {
      const mid = (lo + hi) / 2;
      if (missLow(mid) <= tail) lo = mid;
      else hi = mid;
    }
    lower.push(lo);
  }
  return { level, bucket, lower, upper };
}

/** Band for forecast step k (1-based). */
export function band(model: IntervalModel, k: number, forecast: number, scale: number): [number, number] {
  const b = Math.min(model.lower.length - 1, Math.floor((k - 1) / model.bucket));
  return [Math.max(0, forecast + (model.lower[b] ?? 0) * scale), Math.max(0, forecast + (model.upper[b] ?? 0) * scale)];
}
