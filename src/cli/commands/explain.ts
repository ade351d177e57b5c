// `omnifuse explain <listing> <listing>`: why two listings are (not) one product — every feature's value and its
// contribution to the matcher's log-odds, plus identifier and human evidence.
import type { Command } from 'commander';
import { globals, intFlag, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { explainPair } from '../../fusion/product/explain.js';
import { parseListingKey } from '../../fusion/product/listing-key.js';

export function register(program: Command): void {
  program
    .command('explain')
    .description('explain the product matcher on two listings: each feature value and its contribution to the score')
    .argument('<a>', 'listing as platform:listing_id, e.g. amazon:B0MQRUJAW6')
    .argument('<b>', 'the other listing')
    .option('--top <n>', 'features shown (default 20; --json gives all)', '20')
    .action(async (a: string, b: string, o: { top: string }, cmd: Command) => {
      const g = globals(cmd);
      const top = intFlag('--top', o.top);
      await withProject(g, async (p) => {
        const e = await explainPair(p.db, parseListingKey(a), parseListingKey(b));
        if (g.json) return printJson(e);
        say(`A ${e.a.key} (${e.a.productId ?? 'unfused'}): ${e.a.text}`);
        say(`B ${e.b.key} (${e.b.productId ?? 'unfused'}): ${e.b.text}`);
        say(`matcher v${e.model.version}: probability ${e.probability.toFixed(3)} vs threshold ${e.model.threshold.toFixed(3)} → ${e.modelSaysMatch ? 'match' : 'no match'}`);
        if (e.encoder) say(`  the mean of the pair-feature model (${e.encoder.baseProbability.toFixed(3)}) and the title-encoder member (${e.encoder.probability.toFixed(3)}, encoder cosine ${e.encoder.cosine.toFixed(3)}); contributions below are the pair-feature model's`);
        if (e.identifier) say(`identifier rule: ${e.identifier === 'same' ? 'same GTIN/ASIN → match' : 'different GTINs → never merged'}`);
        if (e.humanDecision) say(`human decision: ${e.humanDecision} (overrides the model)`);
        say(`now in the same product: ${e.sameProductNow ? 'yes' : 'no'}\n`);
        say(`bias (log-odds before any feature${e.encoder ? ', pair-feature model' : ''}) ${e.bias.toFixed(3)}`);
        say(table(e.features.slice(0, top).map((f) => ({ feature: f.feature, value: f.value === null ? 'missing' : +f.value.toFixed(4), contribution: +f.contribution.toFixed(4) }))));
      });
    });
}
