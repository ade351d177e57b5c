// Quality floor on real data: UCI Online Retail, the 100 best-selling StockCodes, horizon 28, rolling origins.
import { beforeAll, describe, expect, it } from 'vitest';
import { onlineRetailPanel } from '../../bench/online-retail-panel.js';
import { backtest, type BacktestResult } from '../../src/analytics/forecast/backtest.js';
import { defaultForecasters } from '../../src/analytics/forecast/models.js';
import { DEFAULT_GLOBAL_GBDT } from '../../src/analytics/forecast/gbdt-global.js';
import type { Panel } from '../../src/analytics/forecast/panel.js';

let panel: Panel;
let bt: BacktestResult;

beforeAll(async () => {
  panel = await onlineRetailPanel(100);
  bt = backtest(panel, defaultForecasters(undefined, ['snaive', 'ets', 'croston', 'tsb']), {
    horizon: 28, testOrigins: 3, calibOrigins: 2, level: 0.8, ensembles: [['ets', 'tsb']],
  });
});

const model = (name: string) => bt.models.find((m) => m.model === name)!;

describe('forecasting UCI Online Retail (100 StockCodes, 3 test origins)', () => {
  it('reads 374 days of demand for 100 series', () => {
    expect(panel.ids.length).toBe(100);
    expect(panel.length).toBe(374);
    expect(panel.start).toBe('2010-12-01');
  });

  it('the model chosen on the calibration origins beats seasonal naive by ≥ 10% weighted RMSSE on the test origins', () => {
    expect(bt.testOrigins).toEqual([290, 318, 346]);
    const chosen = model(bt.selected);
    expect(chosen.test.wrmsse).toBeLessThan(0.9 * model('snaive').test.wrmsse);
    expect(model('ets').test.wrmsse).toBeLessThan(0.9 * model('snaive').test.wrmsse);
    expect(model('ets').test.mase).toBeLessThan(model('snaive').test.mase);
  });

  it('80% conformal intervals cover 72-88% of the test actuals', () => {
    const c = model(bt.selected).coverage;
    expect(c).toBeGreaterThan(0.72);
    expect(c).toBeLessThan(0.88);
  });

  it('the global GBDT (small settings) beats seasonal naive at the last origin too', () => {
    const small = { ...DEFAULT_GLOBAL_GBDT, maxPairs: 1200, trainOrigins: 8, params: { ...DEFAULT_GLOBAL_GBDT.params, nTrees: 60 } };
    const g = backtest(panel, defaultForecasters(small, ['snaive', 'gbdt']), { horizon: 28, testOrigins: 1, calibOrigins: 1, level: 0.8, ensembles: [] });
    const gb = g.models.find((m) => m.model === 'gbdt')!;
    const sn = g.models.find((m) => m.model === 'snaive')!;
    expect(gb.test.wrmsse).toBeLessThan(0.9 * sn.test.wrmsse);
  });
});
