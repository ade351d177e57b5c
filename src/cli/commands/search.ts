// `omnifuse search "<query>"`: fused products (and their platform listings with prices) for a text, a model
// code or an identifier (GTIN, SKU, ASIN); English and Chinese.
import type { Command } from 'commander';
import { globals, intFlag, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { buildStoreIndex, searchProducts } from '../../analytics/search/products.js';
import { usageError } from '../../util/errors.js';

export function register(program: Command): void {
  program
    .command('search <query>')
    .description('BM25 product search over fused product and listing titles, identifiers, Chinese and English')
    .option('-k, --k <n>', 'products to return', '10')
    .addHelpText('after', '\nExamples:\n  omnifuse search "huawei wh-1993xm0 black"\n  omnifuse search 6936300000010\n  omnifuse search "华为 降噪耳机 黑色"')
    .action(async (query: string, o: { k: string }, cmd: Command) => {
      const g = globals(cmd);
      const k = intFlag('-k', o.k);
      if (!query.trim()) throw usageError('the query is empty', 'e.g. omnifuse search "noise cancelling headphones"');
      await withProject(g, async (p) => {
        const t0 = performance.now();
        const index = await buildStoreIndex(p.db);
        const hits = await searchProducts(p.db, index, query, k);
        if (g.json) return printJson({ query, products: index.ids.length, hits });
        say(`${hits.length} of ${index.ids.length.toLocaleString('en-US')} products for "${query}" (${Math.round(performance.now() - t0)} ms incl. indexing)`);
        for (const h of hits) {
          say(`\n${h.rank}. ${h.title ?? '(no title)'}  [${h.product_id}, score ${h.score}${h.via === 'identifier' ? ', identifier match' : ''}]`);
          say(table(h.listings.map((l) => ({ platform: l.platform, listing: l.platform_listing_id, price: l.price, currency: l.currency, title: (l.title ?? '').slice(0, 60) }))));
        }
      });
    });
}
