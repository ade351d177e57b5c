// `omnifuse recommend`: train/evaluate the recommenders (--train), or recommend for a person, an account or a
// product (similar products).
import type { Command } from 'commander';
import { globals, isTty, intFlag, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { progressBar } from '../progress.js';
import { recommend, trainRecommenders, RECOMMENDER_KINDS, type RecommendTarget } from '../../analytics/recommend/recommend.js';
import type { RecommenderKind } from '../../analytics/recommend/models.js';
import { usageError } from '../../util/errors.js';

interface Opts { person?: string; account?: string; product?: string; k: string; model?: string; train?: boolean; eval?: boolean; excludeBought?: boolean; maxItems: string }

export function register(program: Command): void {
  program
    .command('recommend')
    .description('recommend products for a person, an account or a product; --train fits and evaluates the models')
    .option('--person <id>', 'a fused person id')
    .option('--account <platform:id>', 'a platform account, e.g. own-shop:17850')
    .option('--product <id>', 'products bought with this one (item-item)')
    .option('-k, --k <n>', 'how many', '20')
    .option('--model <kind>', `one of ${RECOMMENDER_KINDS.join(', ')} (default: ease for buyers, item-item for a product)`)
    .option('--exclude-bought', 'leave out what the buyer already bought')
    .option('--train', 'fit popularity, item-item and EASE on the store and store them in the registry')
    .option('--no-eval', 'with --train: skip the time-split evaluation')
    .option('--max-items <n>', 'EASE: items in the dense solve (most bought first)', '1000')
    .addHelpText('after', '\nExamples:\n  omnifuse recommend --train\n  omnifuse recommend --account own-shop:17850 -k 10\n  omnifuse recommend --product u:own-shop:85123A')
    .action(async (o: Opts, cmd: Command) => {
      const g = globals(cmd);
      const k = intFlag('-k', o.k);
      if (o.model !== undefined && !RECOMMENDER_KINDS.includes(o.model as RecommenderKind)) throw usageError(`unknown model ${o.model}`, `use one of ${RECOMMENDER_KINDS.join(', ')}`);
      const targets = [o.person, o.account, o.product].filter((t) => t !== undefined).length;
      if (!o.train && targets !== 1) throw usageError('say whom to recommend for', 'give exactly one of --person, --account, --product (or --train)');
      await withProject(g, async (p) => {
        if (o.train) {
          const bar = progressBar(isTty() && !g.json);
          let n = 0;
          const r = await trainRecommenders(p.db, { evaluate: o.eval !== false, maxItems: Number(o.maxItems), onProgress: (s) => bar.update(s, ++n, undefined, 'steps') });
          bar.end();
          if (g.json) return printJson(r);
          if (r.evaluation) {
            const e = r.evaluation;
            say(`time split: ${e.users} buyers, ${e.items} products; valid cutoff ${e.validCutoff.slice(0, 10)}, test cutoff ${e.testCutoff.slice(0, 10)} (each buyer's last basket after it held out)`);
            say(table(e.models.map((m) => ({ model: m.kind, params: JSON.stringify(m.params), 'valid R@20': round(m.valid.recall20), 'test R@20': round(m.test.recall20), 'test NDCG@10': round(m.test.ndcg10), users: m.test.users }))));
            say(`best by valid: ${e.best}, ${e.liftOverPopularity.toFixed(2)}x popularity's test Recall@20`);
          }
          say(`stored: ${r.stored.map((m) => `${m.name} v${m.version}`).join(', ')}`);
          return;
        }
        const target: RecommendTarget = o.person !== undefined ? { person: o.person } : o.account !== undefined ? { account: o.account } : { product: o.product! };
        const r = await recommend(p.db, target, { k, ...(o.model ? { kind: o.model as RecommenderKind } : {}), excludeBought: o.excludeBought === true });
        if (g.json) return printJson(r);
        say(`${r.model}, from ${r.history} product(s) in the history:`);
        say(table(r.items.map((i) => ({ rank: i.rank, product: i.product_id, score: i.score, title: (i.title ?? '').slice(0, 50), platforms: i.platforms, price: i.min_price }))));
      });
    });
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
