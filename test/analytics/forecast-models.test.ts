import { describe, expect, it } from 'vitest';
import { etsForecast, fitEts } from '../../src/analytics/forecast/ets.js';
import { croston, tsb } from '../../src/analytics/forecast/intermittent.js';
import { seasonalNaive } from '../../src/analytics/forecast/naive.js';
import { aggregate, naiveScale, scoreSeries } from '../../src/analytics/forecast/metrics.js';
import { band, calibrateIntervals } from '../../src/analytics/forecast/intervals.js';
import { nelderMead } from '../../src/analytics/forecast/optimize.js';
import { backtest, originsFromEnd } from '../../src/analytics/forecast/backtest.js';
import { defaultForecasters } from '../../src/analytics/forecast/models.js';
import { lcg } from './forecast-fixtures.js';
import type { Panel } from '../../src/analytics/forecast/panel.js';
import { gbdtRegress, trainGbdtRegressor } from '../../src/ai/builtin/gbdt-regression.js';

const WEEK = [10, 12, 11, 13, 20, 30, 5];

function noisyWeekly(n: number, seed: number, trend = 0): Float64Array {
  const r = lcg(seed);
  return Float64Array.from({ length: n }, (_, t) => Math.max(0, WEEK[t % 7]! + trend * t + (r() - 0.5) * 6));
}

describe('forecast models', () => {
  it('Nelder-Mead finds the minimum of a shifted quadratic', () => {
    const { x } = nelderMead((v) => (v[0]! - 3) ** 2 + (v[1]! + 1) ** 2 * 4, [0, 0]);
    expect(x[0]).toBeCloseTo(3, 3);
    expect(x[1]).toBeCloseTo(-1, 3);
  });

  it('ETS learns the weekly profile and beats seasonal naive on a noisy seasonal series', () => {
    const y = noisyWeekly(196 + 28, 3, 0.02);
    const train = y.subarray(0, 196);
    const fit = fitEts(train, 7);
    const f = etsForecast(fit, 28);
    // the Saturday peak (index 5 of the week) is forecast above the Sunday trough
    const sat = (196 + 5 - 196 % 7 + 7) % 7;
    const sun = (sat + 1) % 7;
    expect(f[sat]!).toBeGreaterThan(f[sun]! + 15);
    const ets = scoreSeries(y, 196, f);
    const sn = scoreSeries(y, 196, seasonalNaive(train, 28, 7));
    expect(ets.rmsse).toBeLessThan(sn.rmsse * 0.9);
    expect(fit.phi).toBeGreaterThanOrEqual(0.8);
    expect(fit.phi).toBeLessThanOrEqual(0.98);
  });

  it('Croston and TSB forecast the demand rate of an intermittent series; TSB decays after demand stops', () => {
    const y = new Float64Array(120);
    for (let t = 0; t < 120; t += 4) y[t] = 8; // 2 per day on average
    expect(croston(y, 5)[0]).toBeGreaterThan(1.5);
    expect(croston(y, 5)[0]).toBeLessThan(2.5);
    expect(tsb(y, 1)[0]).toBeGreaterThan(1);
    const dying = new Float64Array(160);
    dying.set(y.subarray(0, 100));
    expect(tsb(dying, 1)[0]).toBeLessThan(tsb(y, 1)[0]! / 2);
    // Croston only updates on demand, so it keeps forecasting the old rate
    expect(croston(dying, 1)[0]).toBeGreaterThan(1.5);
  });

  it('MASE and RMSSE are scaled by the in-sample naive error; WRMSSE weights by sales', () => {
    const y = Float64Array.from([0, 0, 2, 4, 2, 4, 3, 3]);
    const s = naiveScale(y, 6);
    // history from the first sale: 2,4,2,4 → |Δ| = 2,2,2
    expect(s.mae).toBe(2);
    expect(s.mse).toBe(4);
    const sc = scoreSeries(y, 6, [4, 4]);
    // actuals 3, 3 against 4, 4: MAE 1, MSE 1
    expect(sc.mase).toBeCloseTo(1 / 2, 10);
    expect(sc.rmsse).toBeCloseTo(Math.sqrt(1 / 4), 10);
    const agg = aggregate([{ mase: 1, rmsse: 1 }, { mase: 3, rmsse: 3 }], [3, 1]);
    expect(agg.wrmsse).toBeCloseTo(1.5, 10);
    expect(agg.rmsse).toBeCloseTo(2, 10);
  });

  it('conformal intervals calibrated on one sample cover about 80% of a fresh one', () => {
    const r = lcg(11);
    const draw = () => Array.from({ length: 4000 }, (_, i) => ({ k: 1 + (i % 28), forecast: 5, actual: Math.max(0, 5 + (r() + r() + r() - 1.5) * 4), scale: 1 }));
    const m = calibrateIntervals(draw(), 0.8, 28);
    const fresh = draw();
    const inside = fresh.filter((x) => { const [lo, hi] = band(m, x.k, x.forecast, x.scale); return x.actual >= lo && x.actual <= hi; }).length / fresh.length;
    expect(inside).toBeGreaterThan(0.76);
    expect(inside).toBeLessThan(0.84);
  });

  it('the backtest uses non-overlapping origins at the end and never lets a model see the future', () => {
    expect(originsFromEnd(200, 28, 3)).toEqual([116, 144, 172]);
    expect(originsFromEnd(200, 28, 2, 3)).toEqual([60, 88]);
    const n = 7 * 40;
    const series = [noisyWeekly(n, 1), noisyWeekly(n, 2, 0.05), noisyWeekly(n, 5)];
    const panel: Panel = { ids: ['a', 'b', 'c'], start: '2025-01-06', stepDays: 1, length: n, y: series };
    const seen: number[] = [];
    const spy = { name: 'spy', forecast: (p: Panel, origin: number, h: number) => { seen.push(origin); return p.y.map(() => new Float64Array(h)); } };
    const bt = backtest(panel, [...defaultForecasters(undefined, ['snaive', 'ets']), spy], { horizon: 28, testOrigins: 2, calibOrigins: 1, level: 0.8, ensembles: [] });
    expect(seen).toEqual(originsFromEnd(n, 28, 3));
    const ets = bt.models.find((m) => m.model === 'ets')!;
    const sn = bt.models.find((m) => m.model === 'snaive')!;
    expect(ets.test.wrmsse).toBeLessThan(sn.test.wrmsse);
    expect(bt.selected).not.toBe('spy');
  });

  it('the GBDT regressor fits a nonlinear target (squared error) and counts (Poisson, never negative)', () => {
    const r = lcg(4);
    const x = Array.from({ length: 2000 }, () => [r() * 10, r()]);
    const y = Float64Array.from(x, (v) => (v[0]! > 5 ? 20 : 2) + v[1]! + (r() - 0.5));
    const m = trainGbdtRegressor(['a', 'b'], { x, y }, undefined, { nTrees: 80, learningRate: 0.2, rowSample: 1, colSample: 1, seed: 1 });
    expect(gbdtRegress(m, [8, 0.5])).toBeCloseTo(20.5, 0);
    expect(gbdtRegress(m, [1, 0.5])).toBeCloseTo(2.5, 0);
    const counts = Float64Array.from(x, (v) => Math.floor(v[0]! / 3));
    const p = trainGbdtRegressor(['a', 'b'], { x, y: counts }, undefined, { nTrees: 80, learningRate: 0.2, seed: 1 }, 'poisson');
    expect(gbdtRegress(p, [0.5, 0.5])).toBeGreaterThanOrEqual(0);
    expect(gbdtRegress(p, [0.5, 0.5])).toBeLessThan(0.3);
    expect(gbdtRegress(p, [9.5, 0.5])).toBeCloseTo(3, 0);
  });
});
