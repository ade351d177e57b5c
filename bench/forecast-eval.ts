// Forecast accuracy on real data: UCI Online Retail, daily units of the 500 best-selling StockCodes, horizon 28,
// 3 rolling test origins at the end of the data (2 earlier origins choose the model and calibrate intervals).
// `npm run bench -- forecast-eval [--top 500] [--models snaive,ets,...] [--no-cap] [--json]`
import { onlineRetailPanel } from './online-retail-panel.js';
import { dateAt } from '../src/analytics/forecast/panel.js';
import { withCappedHistory } from '../src/analytics/forecast/clean.js';
import { defaultForecasters, DEFAULT_ENSEMBLES } from '../src/analytics/forecast/models.js';
import { backtest } from '../src/analytics/forecast/backtest.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const top = opt('top', 500);
// models fit on history capped at median + 10·MAD per series (as `omnifuse forecast` does); --no-cap fits raw history
const cap = !args.includes('--no-cap');
const modelsArg = args.includes('--models') ? args[args.indexOf('--models') + 1]!.split(',') : undefined;
const h = 28;
const t0 = performance.now();
const panel = await onlineRetailPanel(top, h, 3);
const span = { lo: panel.start, hi: dateAt(panel, panel.length - 1) };
const loadS = (performance.now() - t0) / 1000;

const result = backtest(panel, defaultForecasters(undefined, modelsArg).map((f) => (cap ? withCappedHistory(f) : f)), {
  horizon: h, testOrigins: 3, calibOrigins: 2, level: 0.8, ensembles: DEFAULT_ENSEMBLES,
  onProgress: (d, n, what) => process.stderr.write(`\r  ${d + 1}/${n} ${what}        `),
});
process.stderr.write('\n');
const naive = result.models.find((m) => m.model === 'snaive')!;
const rows2 = result.models.map((m) => ({
  model: m.model,
  calib_wrmsse: +m.calib.wrmsse.toFixed(4),
  test_mase: +m.test.mase.toFixed(4),
  test_rmsse: +m.test.rmsse.toFixed(4),
  test_wrmsse: +m.test.wrmsse.toFixed(4),
  vs_snaive: +(1 - m.test.wrmsse / naive.test.wrmsse).toFixed(4),
  coverage80: +m.coverage.toFixed(4),
  fit_s: +(result.seconds[m.model] ?? 0).toFixed(1),
}));
const out = {
  data: `UCI Online Retail ${span.lo}..${span.hi} (${panel.length} days), ${panel.ids.length} StockCodes`,
  horizon: h, cappedHistory: cap, calibOrigins: result.calibOrigins, testOrigins: result.testOrigins, selected: result.selected,
  selectedTest: rows2.find((r) => r.model === result.selected), models: rows2, loadSeconds: +loadS.toFixed(1),
  totalSeconds: +((performance.now() - t0) / 1000).toFixed(1),
};
if (json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
else {
  console.log(`${out.data}; models fit on ${cap ? "history capped at median + 10·MAD" : "raw history"}`);
  console.log(`origins: calibration ${out.calibOrigins.join(', ')} · test ${out.testOrigins.join(', ')} (day index), horizon ${h}`);
  console.table(rows2);
  const s = out.selectedTest!;
  console.log(`selected on calibration origins: ${result.selected} — test WRMSSE ${s.test_wrmsse} vs seasonal naive ${+naive.test.wrmsse.toFixed(4)} (${(s.vs_snaive * 100).toFixed(1)}% better), 80% interval coverage ${(s.coverage80 * 100).toFixed(1)}%`);
  console.log(`total ${out.totalSeconds} s`);
}
