// `omnifuse funnel`: view → cart → purchase conversion by platform, product or week, from behaviour events.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { globals, intFlag, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { funnel, FUNNEL_BY, type FunnelBy } from '../../analytics/funnel/funnel.js';
import { barChart, lineChart } from '../../report/svg.js';
import { usageError } from '../../util/errors.js';

export function register(program: Command): void {
  program
    .command('funnel')
    .description('view → cart → purchase conversion from events, by platform, product or week')
    .option('--by <what>', `group by ${FUNNEL_BY.join(' | ')}`, 'platform')
    .option('--since <date>', 'only events from this date')
    .option('--top <n>', 'rows to show (products: most viewed first)', '20')
    .option('--chart <file.svg>', 'write a chart (bars per group; by week a line of conversion)')
    .action(async (o: { by: string; since?: string; top: string; chart?: string }, cmd: Command) => {
      const g = globals(cmd);
      if (!FUNNEL_BY.includes(o.by as FunnelBy)) throw usageError(`--by must be one of ${FUNNEL_BY.join(', ')}, got ${o.by}`);
      const top = intFlag('--top', o.top);
      await withProject(g, async (p) => {
        const rows = await funnel(p.db, o.by as FunnelBy, { ...(o.by === 'week' ? {} : { limit: top }), ...(o.since ? { since: o.since } : {}) });
        if (o.chart && rows.length > 0) {
          writeFileSync(o.chart, o.by === 'week'
            ? lineChart({ title: 'Conversion by week (%)', x: rows.map((r) => r.key), series: [{ name: 'view → cart', values: rows.map((r) => r.view_to_cart) }, { name: 'view → purchase', values: rows.map((r) => r.view_to_purchase) }] })
            : barChart({ title: `Funnel by ${o.by}`, categories: rows.map((r) => r.key), series: [{ name: 'views', values: rows.map((r) => r.views) }, { name: 'carts', values: rows.map((r) => r.carts) }, { name: 'purchases', values: rows.map((r) => r.purchases) }], horizontal: o.by === 'product' }));
        }
        if (g.json) return printJson({ by: o.by, rows });
        if (rows.length === 0) return say('no view events in the store (ingest a clickstream export first)');
        say(`conversion by ${o.by} (visitor = session; a step counts when the same visitor reached it for the same item; rates in %)`);
        say(table(rows as unknown as Record<string, unknown>[]));
      });
    });
}
