// History + forecast + interval band of one series as an SVG line chart.
import { lineChart } from '../../report/svg.js';
import type { SeriesForecast } from './run.js';

export function forecastChart(s: SeriesForecast, model: string, coverage = 0.8): string {
  const x = [...s.history.map((p) => p.date), ...s.forecast.map((p) => p.date)];
  const nh = s.history.length;
  const pad = (n: number) => Array<null>(n).fill(null);
  return lineChart({
    title: `${s.id}: demand and ${s.forecast.length}-step forecast (${model})`,
    x,
    yLabel: 'units',
    marker: nh,
    series: [
      { name: 'actual', values: [...s.history.map((p) => p.y), ...pad(s.forecast.length)] },
      { name: 'forecast', values: [...pad(nh), ...s.forecast.map((p) => p.yhat)], dashed: true, color: '#d62728' },
    ],
    bands: s.forecast.some((p) => p.lo !== null)
      ? [{ name: `${Math.round(coverage * 100)}% interval`, lower: [...pad(nh), ...s.forecast.map((p) => p.lo)], upper: [...pad(nh), ...s.forecast.map((p) => p.hi)], color: '#d62728' }]
      : [],
  });
}
