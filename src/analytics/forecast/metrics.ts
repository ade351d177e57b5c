// Forecast accuracy as M4/M5 score it: MASE and RMSSE scaled by the in-sample one-step naive error, and a
// sales-weighted RMSSE aggregate (WRMSSE) so that the products that matter to revenue count most.
import { firstSale } from './panel.js';

export interface SeriesScale {
  /** mean |y_t − y_{t−1}| over the history from the first sale (MASE denominator) */
  mae: number;
  /** mean (y_t − y_{t−1})² (RMSSE denominator) */
  mse: number;
}

export function naiveScale(y: ArrayLike<number>, origin: number): SeriesScale {
  const from = firstSale(y, origin);
  let a = 0;
  let s = 0;
  let n = 0;
  for (let t = from + 1; t < origin; t++) {
    const d = (y[t] as number) - (y[t - 1] as number);
    a += Math.abs(d);
    s += d * d;
    n++;
  }
  return n === 0 ? { mae: 0, mse: 0 } : { mae: a / n, mse: s / n };
}

export interface SeriesScore {
  mase: number;
  rmsse: number;
}

/** Scores one forecast against actuals y[origin .. origin+h); NaN when the series has no usable scale. */
export function scoreSeries(y: ArrayLike<number>, origin: number, forecast: ArrayLike<number>, scale = naiveScale(y, origin)): SeriesScore {
  let ae = 0;
  let se = 0;
  const h = forecast.length;
  for (let k = 0; k < h; k++) {
    const e = (y[origin + k] as number) - (forecast[k] as number);
    ae += Math.abs(e);
    se += e * e;
  }
  return {
    mase: scale.mae > 0 ? ae / h / scale.mae : NaN,
    rmsse: scale.mse > 0 ? Math.sqrt(se / h / scale.mse) : NaN,
  };
}

/** M5 weight: sales value (units × price, or units when prices are unknown) over the last `window` steps before origin. */
export function salesWeight(y: ArrayLike<number>, price: ArrayLike<number> | undefined, origin: number, window = 28): number {
  let w = 0;
  for (let t = Math.max(0, origin - window); t < origin; t++) {
    const p = price ? (price[t] as number) : 1;
    w += (y[t] as number) * (Number.isNaN(p) ? 0 : p);
  }
  if (w === 0 && price) for (let t = Math.max(0, origin - window); t < origin; t++) w += y[t] as number;
  return w;
}

export interface Aggregate {
  /** mean MASE over scorable series */
  mase: number;
  /** sales-weighted mean RMSSE (WRMSSE) */
  wrmsse: number;
  /** unweighted mean RMSSE */
  rmsse: number;
  series: number;
}

export function aggregate(scores: readonly SeriesScore[], weights: ArrayLike<number>): Aggregate {
  let mase = 0, nm = 0, rm = 0, nr = 0, wr = 0, ws = 0;
  scores.forEach((s, i) => {
    if (Number.isFinite(s.mase)) { mase += s.mase; nm++; }
    if (Number.isFinite(s.rmsse)) {
      rm += s.rmsse; nr++;
      const w = weights[i] as number;
      wr += w * s.rmsse; ws += w;
    }
  });
  return { mase: nm ? mase / nm : NaN, rmsse: nr ? rm / nr : NaN, wrmsse: ws ? wr / ws : NaN, series: nr };
}
