// `omnifuse segment`: RFM named segments and k-means clusters on standardised RFM (k chosen by silhouette).
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { segmentCustomers } from '../../analytics/segment/segment.js';
import { barChart } from '../../report/svg.js';

export function register(program: Command): void {
  program
    .command('segment')
    .description('RFM scores, named segments (champions, loyal, new, at risk, lost, ...) and k-means clusters')
    .option('--as-of <date>', 'reference date (default: the day after the last order)')
    .option('--customers', 'list every customer with scores, segment and cluster')
    .option('--chart <file.svg>', 'write a bar chart of segment sizes')
    .action(async (o: { asOf?: string; customers?: boolean; chart?: string }, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const r = await segmentCustomers(p.db, o.asOf ? { asOf: o.asOf } : {});
        if (o.chart) writeFileSync(o.chart, barChart({ title: 'Customers per RFM segment', categories: r.segments.map((s) => s.segment), series: [{ name: 'customers', values: r.segments.map((s) => s.customers) }], horizontal: true }));
        if (g.json) return printJson(o.customers ? r : { ...r, rows: undefined });
        say(`${r.customers.toLocaleString('en-US')} buyers, RFM as of ${r.asOf.slice(0, 10)}`);
        say(table(r.segments));
        for (const k of r.kmeans) {
          say(`\nk-means on ${k.scaling} RFM (recency, log frequency, log spend): k = ${k.k} by silhouette (${k.silhouettes.map((s) => `k${s.k} ${s.silhouette}`).join(', ')})`);
          say(table(k.clusters as unknown as Record<string, unknown>[]));
        }
        if (o.customers) say('\n' + table(r.rows as unknown as Record<string, unknown>[]));
        if (r.model) say(`\nstored ${r.model.name} v${r.model.version}${o.chart ? `; chart ${o.chart}` : ''}`);
      });
    });
}
