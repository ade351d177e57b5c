// `omnifuse unmerge <listing>`: take a listing out of its product now, and keep it apart in later runs.
import type { Command } from 'commander';
import { globals, withProject } from '../context.js';
import { printJson, say } from '../output.js';
import { unmergeListing } from '../../fusion/product/decisions.js';
import { parseListingKey } from '../../fusion/product/listing-key.js';

export function register(program: Command): void {
  program
    .command('unmerge')
    .description('move a listing out of its fused product into its own, storing "different product" decisions against the other members')
    .argument('<listing>', 'platform:listing_id')
    .option('--by <name>', 'who decides (kept with the decisions)')
    .action(async (listing: string, o: { by?: string }, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const r = await unmergeListing(p.db, parseListingKey(listing), o.by ?? null);
        if (g.json) return printJson(r);
        say(`${r.listing} moved from ${r.fromProduct} to ${r.newProduct}; ${r.rejected} reject decisions stored (later fuse runs keep it apart)`);
      });
    });
}
