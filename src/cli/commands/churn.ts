// `omnifuse churn`: train and evaluate the 90-day churn model (--train), or list the buyers most at risk.
import type { Command } from 'commander';
import { globals, intFlag, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { scoreChurn, trainChurn } from '../../analytics/churn/churn.js';

export function register(program: Command): void {
  program
    .command('churn')
    .description('churn risk (no purchase in the next 90 days): --train fits, evaluates and stores the model')
    .option('--train', 'fit on a time split, list the selected features with their ANOVA-F / MI scores, store the model')
    .option('--top <n>', 'buyers to list, highest risk first', '20')
    .option('--horizon <days>', 'with --train: churn window in days', '90')
    .action(async (o: { train?: boolean; top: string; horizon: string }, cmd: Command) => {
      const g = globals(cmd);
      const top = intFlag('--top', o.top);
      const horizon = intFlag('--horizon', o.horizon);
      await withProject(g, async (p) => {
        if (o.train) {
          const r = await trainChurn(p.db, { horizonDays: horizon });
          if (g.json) return printJson(r);
          const e = r.evaluation;
          say(`train cutoff ${e.trainCutoff.slice(0, 10)} (${e.trainCustomers} buyers), test cutoff ${e.testCutoff.slice(0, 10)} (${e.testCustomers} buyers, ${(100 * e.churnRateTest).toFixed(1)}% churned)`);
          say(table(e.featureScores.map((f) => ({ feature: f.feature, anova_f: round(f.f), p_value: Number(f.p.toPrecision(3)), mutual_info: round(f.mi), selected: e.selected.includes(f.feature) ? 'yes' : '' }))));
          say(`features kept (by MI, k tuned on valid: ${e.tuning.map((t) => `k${t.k} ${round(t.validAuc)}`).join(', ')}): ${e.selected.join(', ')}`);
          say(`test AUC ${round(e.testAuc)}, precision@decile ${round(e.precisionAtDecile)} (lift ${e.liftAtDecile.toFixed(2)}x)`);
          if (r.model) say(`stored ${r.model.name} v${r.model.version}`);
          return;
        }
        const r = await scoreChurn(p.db, { top });
        if (g.json) return printJson(r);
        say(`${r.model}, as of ${r.asOf.slice(0, 10)}: ${r.customers.length} buyers at highest risk`);
        say(table(r.customers as unknown as Record<string, unknown>[]));
      });
    });
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
