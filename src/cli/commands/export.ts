// `omnifuse export --dp`: differentially private aggregates (counts, sums, means by group) under a per-dataset budget.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { audit, cliActor } from '../../privacy/audit.js';
import { budgetOf, releaseDp, setBudget, type DpQuery } from '../../privacy/dp-export.js';
import { usageError } from '../../util/errors.js';

const TABLES = ['orders', 'order_line', 'event', 'review'] as const;

export function register(program: Command): void {
  program
    .command('export')
    .description('release aggregates with differential privacy (contribution bounding + Laplace/Gaussian noise, budget ledger per dataset)')
    .option('--dp', 'differentially private release (the only export of personal-data aggregates offered)')
    .option('--epsilon <e>', 'privacy loss of this release')
    .option('--delta <d>', 'Gaussian mechanism δ (default 1e-6)')
    .option('--mechanism <m>', 'laplace | gaussian', 'laplace')
    .option('--table <t>', `one of ${TABLES.join(', ')}`, 'orders')
    .option('--metric <m>', 'count | sum | mean', 'count')
    .option('--value <column>', 'numeric column for sum/mean, e.g. total_base')
    .option('--by <columns>', 'comma-separated grouping columns (public values: platform, ship_country, status, ...)', '')
    .option('--lower <x>', 'clamp bound for sum/mean')
    .option('--upper <x>', 'clamp bound for sum/mean')
    .option('--max-contributions <k>', 'rows one buyer may contribute', '1')
    .option('--dataset <name>', 'budget ledger name (default: the table)')
    .option('--set-budget <e>', 'set the dataset total ε (a deliberate decision, logged) and exit')
    .option('--out <file.json>', 'write the release here as well')
    .action(async (o: Record<string, string | boolean | undefined>, cmd: Command) => {
      const g = globals(cmd);
      const str = (k: string) => (typeof o[k] === 'string' ? o[k] : undefined);
      const numOpt = (k: string) => {
        const v = str(k);
        if (v === undefined) return undefined;
        const n = Number(v);
        if (!Number.isFinite(n)) throw usageError(`--${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} must be a number, got ${v}`);
        return n;
      };
      const table_ = str('table') ?? 'orders';
      if (!TABLES.includes(table_ as (typeof TABLES)[number])) throw usageError(`--table must be one of ${TABLES.join(', ')}, got ${table_}`);
      const dataset = str('dataset') ?? table_;
      await withProject(g, async (p) => {
        const newBudget = numOpt('setBudget');
        if (newBudget !== undefined) {
          await setBudget(p.db, dataset, newBudget);
          await audit(p.db, { actor: cliActor(), action: 'export.set-budget', params: { dataset, epsilon: newBudget } });
          const b = await budgetOf(p.db, dataset);
          if (g.json) return printJson({ dataset, budget: b });
          return say(`budget of ${dataset}: ε=${b.epsilon} (spent ${b.spentEpsilon})`);
        }
        if (o.dp !== true) throw usageError('only differentially private exports are offered here', 'add --dp --epsilon <e>');
        const epsilon = numOpt('epsilon');
        if (epsilon === undefined) throw usageError('--dp needs --epsilon <e>', 'e.g. --epsilon 0.1');
        const metric = str('metric') ?? 'count';
        if (!['count', 'sum', 'mean'].includes(metric)) throw usageError(`--metric must be count, sum or mean, got ${metric}`);
        const mechanism = str('mechanism') ?? 'laplace';
        if (!['laplace', 'gaussian'].includes(mechanism)) throw usageError(`--mechanism must be laplace or gaussian, got ${mechanism}`);
        const q: DpQuery = {
          table: table_ as DpQuery['table'], metric: metric as DpQuery['metric'], by: (str('by') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
          epsilon, mechanism: mechanism as DpQuery['mechanism'], maxContributions: numOpt('maxContributions') ?? 1, dataset,
          ...(str('value') ? { value: str('value') } : {}),
          ...(numOpt('delta') !== undefined ? { delta: numOpt('delta') } : {}),
          ...(numOpt('lower') !== undefined ? { lower: numOpt('lower') } : {}),
          ...(numOpt('upper') !== undefined ? { upper: numOpt('upper') } : {}),
        };
        const r = await releaseDp(p.db, q);
        await audit(p.db, { actor: cliActor(), action: 'export.dp', params: { releaseId: r.releaseId, dataset, epsilon, mechanism, metric, table: table_, by: q.by } });
        const out = str('out');
        if (out) writeFileSync(out, JSON.stringify(r, null, 2) + '\n');
        if (g.json) return printJson(r);
        say(`release ${r.releaseId} of ${r.dataset}: ε=${r.epsilon}${r.delta ? `, δ=${r.delta}` : ''}, ${r.mechanism} noise scale ${r.noiseScale.toFixed(3)} (sensitivity ${r.sensitivity}); budget spent ${r.budget.spent} of ${r.budget.epsilon}`);
        say(table(r.rows.map((x) => ({ ...x.group, [metric]: Math.round(x.value * 100) / 100 }))));
        return undefined;
      });
    });
}
