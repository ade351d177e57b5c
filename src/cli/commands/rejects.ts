// `omnifuse rejects`: the rejected records with file, row, field, value, reason and the raw record.
import type { Command } from 'commander';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { listRejects } from '../../ingest/status.js';

export function register(program: Command): void {
  program
    .command('rejects')
    .description('list rejected records (nothing is dropped silently: every one is here with its reason)')
    .option('--file <name>', 'only files whose path contains this text')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (o: { file?: string; limit: string }, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const rows = await listRejects(p.db, { ...(o.file ? { file: o.file } : {}), limit: Number(o.limit) });
        if (g.json) return printJson(rows);
        say(table(rows.map((r) => ({ ...r, raw: r.raw.length > 60 ? r.raw.slice(0, 57) + '...' : r.raw })), ['file', 'source_row', 'severity', 'field', 'value', 'reason', 'raw']));
      });
    });
}
