// Forecasting speed: fit + 28-day forecast + rolling backtest (1 calibration + 1 test origin) for 10,000 synthetic
// daily series (weekly season, trend, intermittent and smooth demand), all models.
// `npm run bench -- forecast [--series 10000] [--days 365] [--json]`
import { createRng } from '../src/ai/builtin/rng.js';
import { backtest } from '../src/analytics/forecast/backtest.js';
import { defaultForecasters, DEFAULT_ENSEMBLES } from '../src/analytics/forecast/models.js';
import type { Panel } from '../src/analytics/forecast/panel.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name: string, dflt: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : dflt);
const nSeries = opt('series', 10_000);
const days = opt('days', 365);
const h = 28;

function poisson(rng: { next(): number }, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * Math.sqrt(-2 * Math.log(rng.next() || 1e-12)) * Math.cos(2 * Math.PI * rng.next())));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do { k++; p *= rng.next(); } while (p > l);
  return k - 1;
}

/** Synthetic demand: lognormal level, weekly profile, linear trend, some intermittent series, a price random walk. */
export function syntheticPanel(n: number, length: number, seed = 1): Panel {
  const rng = createRng(seed);
  const y: Float64Array[] = [];
  const price: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const level = Math.exp(-1.5 + 3.5 * rng.next());
    const weekly = Array.from({ length: 7 }, () => 0.6 + 0.8 * rng.next());
    const trend = (rng.next() - 0.4) * 1.5 / length;
    const start = rng.next() < 0.3 ? Math.floor(rng.next() * length * 0.5) : 0;
    const ys = new Float64Array(length);
    const ps = new Float64Array(length).fill(NaN);
    let p = 5 + 50 * rng.next();
    for (let t = start; t < length; t++) {
      if (rng.next() < 0.02) p *= 0.8 + 0.4 * rng.next();
      ys[t] = poisson(rng, level * weekly[t % 7]! * Math.max(0.1, 1 + trend * t));
      if (ys[t]! > 0) ps[t] = p;
    }
    y.push(ys);
    price.push(ps);
  }
  return { ids: Array.from({ length: n }, (_, i) => `s${i}`), start: '2025-01-06', stepDays: 1, length, y, price };
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const panel = syntheticPanel(nSeries, days);
const genS = (performance.now() - t0) / 1000;
const t1 = performance.now();
const forecasters = defaultForecasters();
const bt = backtest(panel, forecasters, { horizon: h, testOrigins: 1, calibOrigins: 1, level: 0.8, ensembles: DEFAULT_ENSEMBLES });
const btS = (performance.now() - t1) / 1000;
const t2 = performance.now();
const members = bt.selected.split('+');
for (const f of forecasters.filter((x) => members.includes(x.name))) f.forecast(panel, panel.length, h);
const finalS = (performance.now() - t2) / 1000;
const total = btS + finalS;
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
const out = {
  series: nSeries, days, horizon: h, selected: bt.selected, generateSeconds: +genS.toFixed(1), backtestSeconds: +btS.toFixed(1),
  finalForecastSeconds: +finalS.toFixed(1), totalSeconds: +total.toFixed(1), cpuSeconds: +cpuS.toFixed(1), secondsPerModel: Object.fromEntries(Object.entries(bt.seconds).map(([k, v]) => [k, +v.toFixed(1)])),
  testWrmsse: Object.fromEntries(bt.models.map((m) => [m.model, +m.test.wrmsse.toFixed(4)])),
};
if (json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
else {
  console.log(`${nSeries} series × ${days} days, horizon ${h}: backtest (2 origins, ${forecasters.length} models + ${DEFAULT_ENSEMBLES.length} combinations) ${out.backtestSeconds} s, final forecast (${bt.selected}) ${out.finalForecastSeconds} s, total ${out.totalSeconds} s wall, ${out.cpuSeconds} s CPU (incl. generation)`);
  console.log('seconds per model (2 origins):', out.secondsPerModel);
  console.log('test WRMSSE:', out.testWrmsse);
}
