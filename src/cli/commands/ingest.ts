// `omnifuse ingest <paths...>`: read exports into the canonical tables, one transaction per file.
import type { Command } from 'commander';
import { relative } from 'node:path';
import { globals, isTty, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { progressBar } from '../progress.js';
import { EXIT } from '../exit-codes.js';
import { ingestPaths } from '../../ingest/ingest-paths.js';
import { loadMapping } from '../../connectors/generic.js';
import type { FileResult } from '../../ingest/ingest.js';

export function summarise(results: readonly FileResult[]) {
  return results.map((r) => ({
    file: relative(process.cwd(), r.path) || r.path,
    status: r.status,
    connector: r.connector ?? '',
    read: r.rowsRead,
    accepted: r.rowsAccepted,
    rejected: r.rowsRejected,
    seconds: Number(r.seconds.toFixed(2)),
  }));
}

export function exitFor(results: readonly FileResult[]): number {
  if (results.some((r) => r.status === 'failed')) return EXIT.failure;
  if (results.some((r) => r.rowsRejected - r.rowsSkipped > 0)) return EXIT.partial;
  return EXIT.ok;
}

export function register(program: Command): void {
  program
    .command('ingest')
    .description('ingest export files or folders (format, encoding and platform are detected)')
    .argument('<paths...>', 'files or folders')
    .option('--platform <name>', 'only consider connectors of this platform')
    .option('--mapping <file>', 'use this mapping file (YAML/JSON) instead of detection: the generic connector')
    .option('--timezone <zone>', 'zone for dates without offset when the connector names none', 'UTC')
    .option('--currency <code>', 'currency for amounts without symbol when the connector names none', 'USD')
    .option('--base-currency <code>', 'currency that *_base amounts are converted to', 'USD')
    .addHelpText('after', '\nExit codes: 0 all rows accepted, 1 a file failed, 2 bad usage, 3 some rows rejected (see `omnifuse rejects`).')
    .action(async (paths: string[], o: { platform?: string; mapping?: string; timezone: string; currency: string; baseCurrency: string }, cmd: Command) => {
      const g = globals(cmd);
      const bar = progressBar(isTty() && !g.json);
      await withProject(g, async (p) => {
        const results = await ingestPaths(p.db, paths, {
          hmac: p.hmac, key: p.key,
          ...(o.platform ? { platform: o.platform } : {}),
          ...(o.mapping ? { mapping: loadMapping(o.mapping) } : {}),
          timezone: o.timezone,
          currency: o.currency,
          baseCurrency: o.baseCurrency,
          onProgress: (e) => bar.update(`${relative(process.cwd(), e.file)} ${e.phase}`, e.rows, undefined),
          onFile: (done, total, r) => bar.update(`files`, done, total, `files (${r.status})`),
        });
        bar.end();
        if (g.json) printJson({ files: results });
        else {
          say(table(summarise(results)));
          for (const r of results.filter((x) => x.error)) say(`\n${r.path}: ${r.error!.message}${r.error!.hint ? `\n  hint: ${r.error!.hint}` : ''}`);
          const rej = results.flatMap((r) => r.rejects.map((x) => ({ file: relative(process.cwd(), r.path), ...x })));
          if (rej.length) say(`\nrejected rows by reason (details: omnifuse rejects --file NAME):\n${table(rej.slice(0, 20), ['file', 'severity', 'field', 'reason', 'count'])}`);
        }
        process.exitCode = exitFor(results);
      });
    });
}
