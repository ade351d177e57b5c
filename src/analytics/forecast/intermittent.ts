// Croston and TSB for intermittent demand (many zero days): forecast = demand size × demand rate.
import { localForecaster, type Forecaster } from './panel.js';

const GRID = [0.05, 0.1, 0.2, 0.3];

/** Croston (SBA-corrected): sizes and inter-demand intervals smoothed separately, updated only on demand days. */
export function croston(y: Float64Array, h: number, alpha = 0.1): Float64Array {
  let z = NaN;
  let p = NaN;
  let q = 1;
  for (let t = 0; t < y.length; t++) {
    const v = y[t] as number;
    if (v > 0) {
      if (Number.isNaN(z)) { z = v; p = q; } else { z += alpha * (v - z); p += alpha * (q - p); }
      q = 1;
    } else q++;
  }
  const f = Number.isNaN(z) ? 0 : (1 - alpha / 2) * (z / p);
  return new Float64Array(h).fill(f);
}

/** One-step SSE and final forecast of TSB with the given smoothing of size (alpha) and probability (beta). */
function tsbRun(y: Float64Array, alpha: number, beta: number): { sse: number; f: number } {
  let z = NaN;
  let d = 0;
  let sse = 0;
  let seen = 0;
  for (let t = 0; t < y.length; t++) {
    const v = y[t] as number;
    if (!Number.isNaN(z)) {
      const e = v - d * z;
      sse += e * e;
      seen++;
    }
    if (v > 0) {
      z = Number.isNaN(z) ? v : z + alpha * (v - z);
      d += beta * (1 - d);
    } else d += beta * (0 - d);
    if (t === 0) d = v > 0 ? 1 : 0;
  }
  return { sse: seen > 0 ? sse / seen : 0, f: Number.isNaN(z) ? 0 : d * z };
}

/** TSB (Teunter-Syntetos-Babai): the demand probability decays every period, so dying items forecast toward zero. */
export function tsb(y: Float64Array, h: number): Float64Array {
  let best = { sse: Infinity, f: 0 };
  for (const a of GRID) for (const b of GRID) {
    const r = tsbRun(y, a, b);
    if (r.sse < best.sse) best = r;
  }
  return new Float64Array(h).fill(best.f);
}

export const crostonForecaster: Forecaster = localForecaster('croston', (y, h) => croston(y, h));
export const tsbForecaster: Forecaster = localForecaster('tsb', tsb);
