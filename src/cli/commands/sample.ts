// `omnifuse sample`: write a realistic multi-platform dataset in the platforms' real formats, with truth/.
import type { Command } from 'commander';
import { globals, isTty } from '../context.js';
import { printJson, say, table } from '../output.js';
import { progressBar } from '../progress.js';
import { generateSample } from '../../sample/generate.js';
import { usageError } from '../../util/errors.js';

export function register(program: Command): void {
  program
    .command('sample')
    .description('generate sample exports for every platform, with ground truth in truth/ (docs/sample-generator.md)')
    .requiredOption('--out <dir>', 'output folder')
    .option('--seed <n>', 'random seed (same seed, same bytes)', '42')
    .option('--scale <s>', 'small (~5k orders) | medium (~50k) | large (~10M order lines)', 'small')
    .action(async (o: { out: string; seed: string; scale: string }, cmd: Command) => {
      const g = globals(cmd);
      if (!['small', 'medium', 'large'].includes(o.scale)) throw usageError(`--scale must be small, medium or large, not "${o.scale}"`);
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) throw usageError(`--seed must be a whole number, not "${o.seed}"`);
      const bar = progressBar(isTty() && !g.json);
      const summary = await generateSample({ outDir: o.out, seed, scale: o.scale as 'small' | 'medium' | 'large', onProgress: (p) => bar.update(p.file, p.rows, undefined) });
      bar.end();
      if (g.json) return printJson(summary);
      say(table(summary.files.map((f) => ({ ...f }))));
    });
}
