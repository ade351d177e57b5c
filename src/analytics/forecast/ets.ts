// Holt-Winters / ETS(A,Ad,A): additive damped trend with additive season, parameters chosen by one-step SSE.
import { nelderMead } from './optimize.js';
import { localForecaster, type Forecaster } from './panel.js';

export interface EtsFit {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  /** state at the end of the data */
  level: number;
  trend: number;
  /** season[j] applies to step (n + j) mod m after the end */
  season: number[];
  sse: number;
  n: number;
}

const sig = (u: number) => 1 / (1 + Math.exp(-u));

function params(u: ArrayLike<number>, seasonal: boolean): [number, number, number, number] {
  const alpha = 0.001 + 0.998 * sig(u[0] as number);
  const beta = alpha * 0.5 * sig(u[1] as number);
  const gamma = seasonal ? (1 - alpha) * 0.9 * sig(u[2] as number) : 0;
  const phi = 0.8 + 0.18 * sig(u[3] as number);
  return [alpha, beta, gamma, phi];
}

/** Runs the filter; returns SSE and the final state (season rotated so index 0 is the next step). */
function filter(y: Float64Array, m: number, alpha: number, beta: number, gamma: number, phi: number, keep = false): { sse: number; level: number; trend: number; season: Float64Array } {
  const n = y.length;
  const k = Math.min(m, n);
  let level = 0;
  for (let i = 0; i < k; i++) level += y[i] as number;
  level /= Math.max(1, k);
  let trend = 0;
  if (n >= 2 * m && m > 1) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < m; i++) { a += y[i] as number; b += y[i + m] as number; }
    trend = (b - a) / (m * m);
  }
  const season = new Float64Array(m);
  if (m > 1) for (let i = 0; i < k; i++) season[i] = (y[i] as number) - level;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const s = m > 1 ? (season[t % m] as number) : 0;
    const pred = level + phi * trend + s;
    const e = (y[t] as number) - pred;
    sse += e * e;
    const newLevel = level + phi * trend + alpha * e;
    trend = phi * trend + beta * e;
    if (m > 1) season[t % m] = s + gamma * e;
    level = newLevel;
  }
  if (!keep) return { sse, level, trend, season };
  const rotated = new Float64Array(m);
  for (let j = 0; j < m; j++) rotated[j] = season[(n + j) % m] as number;
  return { sse, level, trend, season: rotated };
}

/** Fits on the last `window` values (older history adds little to a weekly-seasonal daily model and costs time). */
export function fitEts(series: Float64Array, m: number, window = 364): EtsFit {
  const y = series.length > window ? series.subarray(series.length - window) : series;
  const seasonal = m > 1 && y.length >= 2 * m;
  const mm = seasonal ? m : 1;
  const obj = (u: Float64Array): number => {
    const [a, b, g, p] = params(u, seasonal);
    return filter(y, mm, a, b, g, p).sse;
  };
  const best = nelderMead(obj, [-1.5, -1, -1.5, 1], { maxIter: 160, tol: 1e-6, step: 1 });
  const [alpha, beta, gamma, phi] = params(best.x, seasonal);
  const s = filter(y, mm, alpha, beta, gamma, phi, true);
  return { alpha, beta, gamma, phi, level: s.level, trend: s.trend, season: [...s.season], sse: s.sse, n: y.length };
}

export function etsForecast(fit: EtsFit, h: number): Float64Array {
  const out = new Float64Array(h);
  const m = fit.season.length;
  let damp = 0;
  let pk = 1;
  for (let k = 0; k < h; k++) {
    pk *= fit.phi;
    damp += pk;
    out[k] = fit.level + damp * fit.trend + (m > 1 ? (fit.season[k % m] as number) : 0);
  }
  return out;
}

export const etsForecaster: Forecaster = localForecaster('ets', (y, h, m) => (y.length < 3 ? new Float64Array(h).fill(y.reduce((a, b) => a + b, 0) / Math.max(1, y.length)) : etsForecast(fitEts(y, m), h)));
