// `omnifuse status`: files, rows by table and platform, rejects by reason.
import type { Command } from 'commander';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { storeStatus } from '../../ingest/status.js';

export function register(program: Command): void {
  program
    .command('status')
    .description('show ingested files, rows per table and platform, and rejects by reason')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const s = await storeStatus(p.db);
        if (g.json) return printJson(s);
        say(`${s.totals.files} files: ${s.totals.rowsRead.toLocaleString('en-US')} records read, ${s.totals.rowsAccepted.toLocaleString('en-US')} accepted, ${s.totals.rowsRejected.toLocaleString('en-US')} rejected\n`);
        say('rows by table and platform:');
        say(table(s.tables));
        say('\nrejects by reason:');
        say(table(s.rejects));
      });
    });
}
