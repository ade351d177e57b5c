// `omnifuse review`: the most uncertain pairs side by side; y/n/s on a terminal, or --list / --accept / --reject.
// Decisions are hard constraints on the next `omnifuse fuse products`.
import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { globals, intFlag, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { decidePair, reviewQueue, type ReviewItem } from '../../fusion/product/decisions.js';
import { parseListingKey } from '../../fusion/product/listing-key.js';
import { usageError } from '../../util/errors.js';

interface ReviewFlags { list?: boolean; accept?: string[]; reject?: string[]; limit: string; by?: string }

const money = (s: ReviewItem['a']) => (s.price === null ? '' : `${s.price.toFixed(2)} ${s.currency ?? ''}`.trim());

function sideBySide(it: ReviewItem): string {
  return table([
    { '': 'listing', A: it.a.key, B: it.b.key },
    { '': 'title', A: it.a.title ?? '', B: it.b.title ?? '' },
    { '': 'brand', A: it.a.brand ?? '', B: it.b.brand ?? '' },
    { '': 'gtin', A: it.a.gtin ?? '', B: it.b.gtin ?? '' },
    { '': 'price', A: money(it.a), B: money(it.b) },
    { '': 'product', A: it.a.productId ?? '', B: it.b.productId ?? '' },
  ]);
}

export function register(program: Command): void {
  program
    .command('review')
    .description('review the most uncertain product pairs: y = same product, n = different, s = skip (decisions bind later fuse runs)')
    .option('--list', 'print the queue instead of asking')
    .option('--accept <listings...>', 'store "same product" for two listings (platform:id platform:id)')
    .option('--reject <listings...>', 'store "different products" for two listings')
    .option('--limit <n>', 'pairs in the queue', '20')
    .option('--by <name>', 'who decides (kept with the decision)')
    .action(async (o: ReviewFlags, cmd: Command) => {
      const g = globals(cmd);
      const limit = intFlag('--limit', o.limit);
      const given = o.accept ?? o.reject;
      if (o.accept && o.reject) throw usageError('give either --accept or --reject, not both');
      if (given && given.length !== 2) throw usageError(`--${o.accept ? 'accept' : 'reject'} takes two listings, got ${given.length}`, 'e.g. omnifuse review --accept amazon:B0MQRUJAW6 shopify:LEG-PZ4442');
      await withProject(g, async (p) => {
        if (given) {
          const d = await decidePair(p.db, parseListingKey(given[0] as string), parseListingKey(given[1] as string), o.accept ? 'accept' : 'reject', o.by ?? null);
          if (g.json) return printJson(d);
          return say(`${d.decision === 'accept' ? 'same product' : 'different products'}: ${d.a.platform}:${d.a.id} ↔ ${d.b.platform}:${d.b.id} (applies from the next \`omnifuse fuse products\`)`);
        }
        const queue = await reviewQueue(p.db, limit);
        const interactive = !o.list && !g.json && process.stdin.isTTY === true && process.stdout.isTTY === true;
        if (!interactive) {
          if (g.json) return printJson(queue);
          if (queue.length === 0) return say('nothing to review (run `omnifuse fuse products` first, or every candidate is decided)');
          return say(table(queue.map((it) => ({ score: +it.score.toFixed(3), linked: it.accepted ? 'yes' : 'no', a: it.a.key, titleA: (it.a.title ?? '').slice(0, 40), b: it.b.key, titleB: (it.b.title ?? '').slice(0, 40) }))));
        }
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        let decided = 0;
        try {
          for (const [i, it] of queue.entries()) {
            say(`\n[${i + 1}/${queue.length}] score ${it.score.toFixed(3)} (threshold ${it.threshold.toFixed(3)}, currently ${it.accepted ? 'linked' : 'apart'})`);
            say(sideBySide(it));
            const ans = (await rl.question('same product? [y]es / [n]o / [s]kip / [q]uit: ')).trim().toLowerCase();
            if (ans === 'q') break;
            if (ans !== 'y' && ans !== 'n') continue;
            await decidePair(p.db, parseListingKey(it.a.key), parseListingKey(it.b.key), ans === 'y' ? 'accept' : 'reject', o.by ?? null);
            decided++;
          }
        } finally {
          rl.close();
        }
        say(`\n${decided} decisions stored; run \`omnifuse fuse products\` to apply them`);
      });
    });
}
