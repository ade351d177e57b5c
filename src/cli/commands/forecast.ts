// `omnifuse forecast`: demand forecasts per product, category, platform or in total, with a backtest and intervals.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { globals, isTty, intFlag, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { progressBar } from '../progress.js';
import { runForecast } from '../../analytics/forecast/run.js';
import { forecastChart } from '../../analytics/forecast/chart.js';
import { MODEL_NAMES } from '../../analytics/forecast/models.js';
import { SERIES_LEVELS, type SeriesLevel } from '../../analytics/series.js';
import { usageError } from '../../util/errors.js';

interface Opts { horizon: string; level: string; product?: string; top?: string; weekly?: boolean; models?: string; chart?: string; coverage: string }

export function register(program: Command): void {
  program
    .command('forecast')
    .description('forecast demand (units) per fused product, category, platform or total; backtests seasonal naive, ETS, Croston/TSB and a global GBDT and uses the best')
    .option('--horizon <n>', 'steps ahead (days, or weeks with --weekly)', '28')
    .option('--level <level>', `aggregation: ${SERIES_LEVELS.join('|')}`, 'product')
    .option('--product <id>', 'only this series (a product_id at --level product)')
    .option('--top <n>', 'only the n series with the most units')
    .option('--weekly', 'weekly instead of daily series')
    .option('--models <list>', `comma-separated subset of ${MODEL_NAMES.join(',')}`)
    .option('--coverage <p>', 'prediction interval coverage', '0.8')
    .option('--chart <file.svg>', 'write history + forecast + interval of the first (or --product) series as SVG')
    .action(async (o: Opts, cmd: Command) => {
      const g = globals(cmd);
      const horizon = intFlag('--horizon', o.horizon);
      if (!SERIES_LEVELS.includes(o.level as SeriesLevel)) throw usageError(`--level must be one of ${SERIES_LEVELS.join(', ')}, got ${JSON.stringify(o.level)}`);
      const models = o.models?.split(',').map((m) => m.trim()).filter(Boolean);
      const unknown = models?.filter((m) => !(MODEL_NAMES as readonly string[]).includes(m)) ?? [];
      if (unknown.length > 0) throw usageError(`unknown model ${unknown.join(', ')}`, `choose from ${MODEL_NAMES.join(', ')}`);
      const coverage = Number(o.coverage);
      if (!(coverage > 0 && coverage < 1)) throw usageError(`--coverage must be between 0 and 1, got ${o.coverage}`);
      await withProject(g, async (p) => {
        const bar = progressBar(isTty() && !g.json);
        const out = await runForecast(p.db, {
          level: o.level as SeriesLevel, horizon, stepDays: o.weekly ? 7 : 1, coverage,
          ...(o.product !== undefined ? { seriesId: o.product } : {}),
          ...(o.top !== undefined ? { top: intFlag('--top', o.top) } : {}),
          ...(models ? { models } : {}),
          onProgress: (d, n, what) => bar.update(`backtest ${what}`, d, n, 'fits'),
        });
        bar.end();
        if (out.series.length === 0) {
          throw usageError(o.product ? `no sales found for series ${JSON.stringify(o.product)} at level ${o.level}` : 'no order lines to forecast', 'ingest orders first (`omnifuse ingest <dir>`), or list ids with `omnifuse forecast --json --top 20`');
        }
        if (o.chart) writeFileSync(o.chart, forecastChart(out.series[0]!, out.model, coverage));
        if (g.json) return printJson({ ...out, chart: o.chart ?? null });
        say(`${out.series.length} series at level ${out.level}, horizon ${out.horizon} ${out.stepDays === 7 ? 'weeks' : 'days'}; model: ${out.model}${out.registry ? ` (registry ${out.registry.name} v${out.registry.version})` : ''}`);
        if (out.backtest) {
          say('\nbacktest (last origin; WRMSSE = sales-weighted RMSSE, lower is better):');
          say(table(out.backtest.map((b) => ({ model: b.model, calib_wrmsse: b.calibWrmsse, test_wrmsse: b.testWrmsse, test_mase: b.testMase, coverage: b.coverage }))));
        } else say('(too little history for a backtest: needs 4 × horizon steps; no intervals)');
        const rows = out.series.slice(0, 20).map((s) => {
          const total = s.forecast.reduce((a, f) => a + f.yhat, 0);
          const lo = s.forecast.every((f) => f.lo !== null) ? s.forecast.reduce((a, f) => a + (f.lo ?? 0), 0) : null;
          const hi = s.forecast.every((f) => f.hi !== null) ? s.forecast.reduce((a, f) => a + (f.hi ?? 0), 0) : null;
          const last = s.history.slice(-horizon).reduce((a, f) => a + f.y, 0);
          return { series: s.id, [`last_${horizon}`]: Math.round(last), [`next_${horizon}`]: Math.round(total), low_sum: lo === null ? null : Math.round(lo), high_sum: hi === null ? null : Math.round(hi) };
        });
        say(`\nforecast totals (first ${rows.length} series; low/high are sums of the per-step interval bounds):`);
        say(table(rows));
        if (o.chart) say(`\nchart: ${o.chart}`);
      });
    });
}
