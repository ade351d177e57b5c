// Seasonal naive (the benchmark every model must beat) and a moving average.
import { localForecaster, type Forecaster } from './panel.js';

/** Repeats the last season (last week for daily data; the last value for weekly). */
export function seasonalNaive(y: Float64Array, h: number, m: number): Float64Array {
  const out = new Float64Array(h);
  const n = y.length;
  for (let k = 0; k < h; k++) out[k] = n >= m ? (y[n - m + (k % m)] as number) : (y[n - 1] ?? 0);
  return out;
}

/** Mean of the last `window` values, flat. */
export function movingAverage(y: Float64Array, h: number, window: number): Float64Array {
  const from = Math.max(0, y.length - window);
  let s = 0;
  for (let i = from; i < y.length; i++) s += y[i] as number;
  return new Float64Array(h).fill(y.length > from ? s / (y.length - from) : 0);
}

export const seasonalNaiveForecaster: Forecaster = localForecaster('snaive', seasonalNaive);
export const movingAverageForecaster = (window = 28): Forecaster => localForecaster(`ma${window}`, (y, h) => movingAverage(y, h, window));
