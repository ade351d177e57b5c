// `omnifuse demo` (npm start): ingest the bundled multi-platform examples and print what landed.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { globals, isTty, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { progressBar } from '../progress.js';
import { ingestPaths } from '../../ingest/ingest-paths.js';
import { storeStatus } from '../../ingest/status.js';
import { summarise } from './ingest.js';
import { usageError } from '../../util/errors.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));

export function register(program: Command): void {
  program
    .command('demo')
    .description('the main job on bundled sample data: ingest examples/ (all platforms) and print per-platform counts')
    .option('--examples <dir>', 'folder of sample exports', EXAMPLES_DIR)
    .action(async (o: { examples: string }, cmd: Command) => {
      const g = globals(cmd);
      if (!existsSync(o.examples)) throw usageError(`no examples folder at ${o.examples}`, 'run `omnifuse sample --out examples --scale small` to make one');
      const bar = progressBar(isTty() && !g.json);
      await withProject(g, async (p) => {
        const results = await ingestPaths(p.db, [o.examples], { hmac: p.hmac, onFile: (d, t) => bar.update('ingest', d, t, 'files') });
        bar.end();
        const s = await storeStatus(p.db);
        if (g.json) return printJson({ files: results, status: s });
        say(`omnifuse demo — database ${p.db.path}\n`);
        say(table(summarise(results)));
        say('\nrows by table and platform:');
        const pivot = new Map<string, Record<string, number | string>>();
        for (const t of s.tables) {
          const row = pivot.get(t.platform) ?? { platform: t.platform };
          row[t.table] = t.rows;
          pivot.set(t.platform, row);
        }
        say(table([...pivot.values()], ['platform', 'listing', 'customer_account', 'orders', 'order_line', 'event', 'review', 'inventory_snapshot']));
        say(`\n${s.totals.rowsRead.toLocaleString('en-US')} records read, ${s.totals.rowsAccepted.toLocaleString('en-US')} accepted, ${s.totals.rowsRejected.toLocaleString('en-US')} rejected (omnifuse rejects --db ${g.db})`);
      });
    });
}
