// `omnifuse audit verify|list`: the hash-chained log of every read, export and erasure of personal data.
import type { Command } from 'commander';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { verifyAudit } from '../../privacy/audit.js';
import { step } from '../../store/sql.js';
import { OmnifuseError } from '../../util/errors.js';

export function register(program: Command): void {
  const a = program.command('audit').description('the audit log of personal-data access (hash chain)');
  a.command('verify')
    .description('recompute the hash chain: fails (exit 1) when a record was edited or deleted')
    .option('--expect-head <hash>', 'a head hash printed earlier and kept elsewhere: also detects records cut off the end')
    .action(async (o: { expectHead?: string }, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const r = await verifyAudit(p.db, o.expectHead);
        if (g.json) printJson(r);
        else if (r.ok) say(`audit log intact: ${r.records} records, head ${r.head}`);
        if (!r.ok) {
          throw new OmnifuseError('internal', `audit log tampered at record ${r.problem!.seq}: ${r.problem!.reason}`, { hint: 'restore the database from a backup; the records before it are intact' });
        }
      });
    });
  a.command('list')
    .description('the latest audit records')
    .option('--limit <n>', 'how many', '20')
    .action(async (o: { limit: string }, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const rows = await p.db.all(step('SELECT seq, logged_at AS at, actor, action, params, hash FROM audit_log ORDER BY seq DESC LIMIT $1', [Math.max(1, Number(o.limit) || 20)]));
        const out = rows.map((r) => ({ ...r, seq: Number(r.seq), hash: String(r.hash).slice(0, 12) }));
        if (g.json) return printJson(out);
        say(table(out));
      });
    });
}
