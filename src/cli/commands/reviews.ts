// `omnifuse reviews`: review sentiment per product over time and the complaint terms of negative reviews;
// `--train <files>` fits the sentiment model on Amazon review files (JSON lines, gzip) and stores it.
import type { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { globals, intFlag, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { readAmazonReviews } from '../../analytics/sentiment/amazon-reviews.js';
import { storeSentiment, trainSentiment } from '../../analytics/sentiment/train.js';
import { reviewsReport } from '../../analytics/sentiment/reviews.js';
import { lineChart } from '../../report/svg.js';
import { usageError } from '../../util/errors.js';

export function register(program: Command): void {
  program
    .command('reviews')
    .description('review sentiment per product over time and complaint terms; --train <files...> fits the sentiment model')
    .option('--train <files...>', 'Amazon review files (*.json.gz, JSON lines with overall/reviewText/summary)')
    .option('--product <id>', 'one product: its reviews month by month')
    .option('--top <n>', 'products and complaint terms to list', '15')
    .option('--chart <file.svg>', 'write a line chart of average rating and positive share by month')
    .addHelpText('after', '\nExamples:\n  omnifuse reviews --train ../shared/data/amazon-reviews/*.json.gz\n  omnifuse reviews --product u:own:KTN-SMS316N-64GB-BLU --chart reviews.svg')
    .action(async (o: { train?: string[]; product?: string; top: string; chart?: string }, cmd: Command) => {
      const g = globals(cmd);
      const top = intFlag('--top', o.top);
      await withProject(g, async (p) => {
        if (o.train) {
          const missing = o.train.find((f) => !existsSync(f));
          if (missing) throw usageError(`no review file at ${missing}`, 'pass the *.json.gz files, e.g. ../shared/data/amazon-reviews/*.json.gz');
          const data = readAmazonReviews(o.train);
          const { artefact, evaluation } = trainSentiment(data.rows, { neutral: data.neutralRows });
          const info = await storeSentiment(p.db, artefact, evaluation, o.train);
          if (g.json) return printJson({ data: { read: data.read, duplicates: data.duplicates, neutral: data.neutral, neutralDistinct: data.neutralRows.length, labelled: data.rows.length }, evaluation, model: info });
          say(`${data.read} reviews read, ${data.duplicates} duplicates left out: ${data.rows.length} labelled (${data.rows.filter((r) => r.y === 0).length} negative); ${data.neutralRows.length} distinct 3-star reviews (of ${data.neutral}) as training-only text`);
          say(`split ${JSON.stringify(evaluation.split)}; chosen by 5-fold CV: ${evaluation.chosen.members.map((m) => `${m.name} L2 ${m.l2}`).join(', ')}, threshold ${evaluation.chosen.threshold.toFixed(3)}`);
          say(table([{ set: 'valid', ...evaluation.valid }, { set: 'test', ...evaluation.test }].map((r) => ({ ...r, macroF1: round(r.macroF1), f1Positive: round(r.f1Positive), f1Negative: round(r.f1Negative), accuracy: round(r.accuracy) }))));
          say(`stored ${info.name} v${info.version}`);
          return;
        }
        const r = await reviewsReport(p.db, { top, ...(o.product ? { product: o.product } : {}) });
        if (o.chart && r.overTime.length > 0) {
          writeFileSync(o.chart, lineChart({
            title: o.product ? `Reviews of ${o.product}` : 'All reviews by month', x: r.overTime.map((t) => t.month),
            series: [{ name: 'average rating', values: r.overTime.map((t) => t.avg_rating) }, { name: 'positive share / 20', values: r.overTime.map((t) => (t.positive_share === null ? null : t.positive_share / 20)) }],
          }));
        }
        if (g.json) return printJson(r);
        say(`${r.reviews} reviews; sentiment model: ${r.model ?? 'none stored (run `omnifuse reviews --train <files>`): ratings only'}`);
        say(table((o.product ? r.overTime : r.products) as unknown as Record<string, unknown>[]));
        say('\ncomplaint terms (over-represented in negative reviews):');
        say(table(r.complaints as unknown as Record<string, unknown>[]));
      });
    });
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
