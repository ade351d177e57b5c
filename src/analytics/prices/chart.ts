// Price per platform over time (weekly median selling price) as an SVG line chart.
import { lineChart } from '../../report/svg.js';
import type { PricePoint } from './prices.js';

export function priceChart(groupId: string, points: readonly PricePoint[], currency: string): string {
  const weeks = [...new Set(points.map((p) => p.week))].sort();
  const platforms = [...new Set(points.map((p) => p.platform))].sort();
  const at = new Map(points.map((p) => [`${p.platform}|${p.week}`, p.price]));
  return lineChart({
    title: `${groupId}: price per platform (weekly median, ${currency})`,
    x: weeks,
    yLabel: currency,
    series: platforms.map((pl) => ({ name: pl, values: weeks.map((w) => at.get(`${pl}|${w}`) ?? null) })),
  });
}
