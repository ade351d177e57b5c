// `omnifuse match eval <dir>`: train on train, tune the threshold on valid, report test P/R/F1 once.
import type { Command } from 'commander';
import { globals, isTty } from '../context.js';
import { printJson, say, table } from '../output.js';
import { evaluateMatcher } from '../../fusion/eval.js';
import { usageError } from '../../util/errors.js';

export function register(program: Command): void {
  const match = program.command('match').description('product matching');
  match
    .command('eval')
    .description('evaluate the matcher on labelled pairs (Ditto train/valid/test.txt, WDC train.txt.<size>, or two_table/)')
    .argument('<dataset-dir>', 'folder with the split files')
    .option('--size <size>', 'WDC training size: small | medium | large | xlarge (default: the smallest present)')
    .option('--seeds <list>', 'comma-separated seeds; the figure is their mean', '1,2,3')
    .action(async (dir: string, o: { size?: string; seeds: string }, cmd: Command) => {
      const g = globals(cmd);
      const seeds = o.seeds.split(',').map(Number);
      if (seeds.some((s) => !Number.isInteger(s))) throw usageError(`--seeds must be whole numbers, not "${o.seeds}"`);
      const verbose = isTty() && !g.json;
      const r = await evaluateMatcher(dir, { ...(o.size ? { size: o.size } : {}), seeds, ...(verbose ? { onProgress: (m: string) => process.stderr.write(`${m}\n`) } : {}) });
      if (g.json) return printJson(r);
      const pct = (x: { mean: number; sd: number }) => `${(x.mean * 100).toFixed(1)} ± ${(x.sd * 100).toFixed(1)}`;
      say(`${r.dir}: ${r.pairs.train} train / ${r.pairs.valid} valid / ${r.pairs.test} test pairs, ${r.nFeatures} features`);
      say(table(r.perSeed.map((s) => ({ seed: s.seed, precision: +(s.precision * 100).toFixed(1), recall: +(s.recall * 100).toFixed(1), f1: +(s.f1 * 100).toFixed(1), threshold: +s.threshold.toFixed(3), trainSeconds: +s.trainSeconds.toFixed(1) }))));
      say(`\ntest F1 ${pct(r.mean.f1)} (precision ${pct(r.mean.precision)}, recall ${pct(r.mean.recall)}); blocking recall ${(r.blocking.pairCompleteness * 100).toFixed(1)}% at k=${r.blocking.k}`);
    });
}
