// `omnifuse anomalies`: sales spikes and drops per product and platform, and suspicious orders, with scores and reasons.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { anomalyReport } from '../../analytics/anomalies/report.js';
import { barChart } from '../../report/svg.js';
import { DEFAULT_SALES_ANOMALY } from '../../analytics/anomalies/sales.js';
import { DEFAULT_ORDER_ANOMALY } from '../../analytics/anomalies/orders.js';
import { usageError } from '../../util/errors.js';

interface Opts { limit: string; kind?: string; chart?: string; addressAccounts: string }

export function register(program: Command): void {
  program
    .command('anomalies')
    .description('sales spikes/drops (robust z on forecast residuals) and suspicious orders (quantity or price outliers, price-error orders, order bursts, many accounts on one address)')
    .option('--kind <kind>', 'only sales_spike, sales_drop, suspicious_quantity, price_error_order, order_burst or shared_address')
    .option('--address-accounts <n>', 'flag n or more accounts of one platform shipping to one postcode + city (0 = off; orders carry no street line)', '0')
    .option('--limit <n>', 'rows shown per section on a TTY', '25')
    .option('--chart <file.svg>', 'write findings per kind as an SVG bar chart')
    .action(async (o: Opts, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const addressAccounts = Number(o.addressAccounts);
        if (!Number.isInteger(addressAccounts) || addressAccounts < 0) throw usageError(`--address-accounts must be a whole number ≥ 0, got ${JSON.stringify(o.addressAccounts)}`);
        const r = await anomalyReport(p.db, DEFAULT_SALES_ANOMALY, { ...DEFAULT_ORDER_ANOMALY, addressAccounts });
        const sales = o.kind ? r.sales.filter((a) => a.kind === o.kind) : r.sales;
        const orders = o.kind ? r.orders.filter((a) => a.kind === o.kind) : r.orders;
        if (o.chart) {
          const kinds = Object.keys(r.counts).sort();
          writeFileSync(o.chart, barChart({ title: 'anomalies by kind', categories: kinds, series: [{ name: 'findings', values: kinds.map((k) => r.counts[k] ?? 0) }], horizontal: true }));
        }
        if (g.json) return printJson({ counts: r.counts, sales, orders, chart: o.chart ?? null });
        const limit = Number(o.limit);
        say(`findings: ${Object.entries(r.counts).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
        say('\nsales spikes and drops:');
        say(table(sales.slice(0, limit).map((a) => ({ kind: a.kind, product: a.product_id, platform: a.platform, date: a.date, score: a.score, reason: a.reason }))));
        say('\nsuspicious orders:');
        say(table(orders.slice(0, limit).map((a) => ({ kind: a.kind, platform: a.platform, order: a.platform_order_id, date: a.date, score: a.score, reason: a.reason }))));
        if (o.chart) say(`\nchart: ${o.chart}`);
      });
    });
}
