// `omnifuse prices`: each product's price per platform in the base currency, spread, and deviation alerts.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { priceHistory, priceReport } from '../../analytics/prices/prices.js';
import { priceChart } from '../../analytics/prices/chart.js';
import { usageError } from '../../util/errors.js';

interface Opts { threshold: string; product?: string; limit: string; chart?: string; alertsOnly?: boolean }

export function register(program: Command): void {
  program
    .command('prices')
    .description('price per platform for each product (base currency), spread, cheapest/dearest, and alerts when a platform deviates (pricing errors, undercutting)')
    .option('--threshold <r>', 'relative deviation that raises an alert (0.5 = 50% above, or a third below, the reference)', '0.5')
    .option('--product <id>', 'only this product (a product_id, or gtin:<GTIN> before fusion)')
    .option('--limit <n>', 'rows shown on a TTY', '20')
    .option('--alerts-only', 'print only the alerts')
    .option('--chart <file.svg>', 'write price per platform over time for --product (else the widest-spread product) as SVG')
    .action(async (o: Opts, cmd: Command) => {
      const g = globals(cmd);
      const threshold = Number(o.threshold);
      if (!(threshold > 0)) throw usageError(`--threshold must be a positive number, got ${JSON.stringify(o.threshold)}`, 'e.g. --threshold 0.3 for 30%');
      const limit = Number(o.limit);
      await withProject(g, async (p) => {
        const report = await priceReport(p.db, { threshold, ...(o.product !== undefined ? { groupId: o.product } : {}) });
        let chart: string | null = null;
        if (o.chart) {
          const id = o.product ?? report.products[0]?.group_id;
          if (!id) throw usageError('no product is listed on two or more platforms, so there is no price comparison to chart', 'pass --product <id> for one product\'s own price history');
          writeFileSync(o.chart, priceChart(id, await priceHistory(p.db, id), report.baseCurrency));
          chart = o.chart;
        }
        if (g.json) return printJson({ ...report, chart });
        if (!o.alertsOnly) {
          say(`${report.products.length} products listed on 2+ platforms (prices in ${report.baseCurrency}); widest spreads:`);
          say(table(report.products.slice(0, limit).map((r) => ({
            product: r.group_id, title: (r.title ?? '').slice(0, 40), platforms: r.platforms.map((x) => `${x.platform} ${x.price}`).join(' · '), cheapest: r.cheapest, dearest: r.dearest, spread: r.spread,
          }))));
        }
        say(`\n${report.alerts.length} price alerts (threshold ${threshold}):`);
        say(table(report.alerts.slice(0, limit).map((a) => ({ kind: a.kind, platform: a.platform, listing: a.platform_listing_id, price: a.price, reference: a.reference, score: a.score, reason: a.reason }))));
        if (chart) say(`\nchart: ${chart}`);
      });
    });
}
