// Encoder benchmark on the four product-matching datasets: blocking recall at equal k and matcher test F1 with/without enc.cos.
// `npm run bench -- encoder-eval [dataset ...] [--steps=N] [--weight=0.5] [--feature=self-supervised|same|cross-fitted|transfer]
// [--folds=3] [--feature-steps=N] [--all-texts] [--title] [--cv=5 (0: no cross-validated choice)] [--no-blocking] [--json]
// [--no-test (valid/CV only: for choosing a design before test is looked at)] [--diff (+enc.diff designs)] [--no-control]
// [--hard-negatives (code-conflicting TF-IDF neighbours as hard negatives of the feature encoder)] [--seeds=N (seeds 1..N, default 3)]
// [--resplit=<seed> (pool train+valid+test and re-split 60/20/20 grouped by left record; see docs/encoder.md, round 4)]`; `--speed`: 100k-title embedding time.

import { evaluateEncoder, type EncoderEvalResult } from '../src/ai/encoder/eval.js';
import { embedTitles } from '../src/ai/encoder/model.js';
import { DEFAULT_ENCODER_TRAINING, initEncoder } from '../src/ai/encoder/train.js';

const ROOT = process.env.OMNIFUSE_EM_DATA ?? '../shared/data/entity-matching';
const args = process.argv.slice(2);
const json = args.includes('--json');
const steps = Number(args.find((a) => a.startsWith('--steps='))?.slice(8) ?? NaN);
const weight = Number(args.find((a) => a.startsWith('--weight='))?.slice(9) ?? 0.5);
const feature = args.find((a) => a.startsWith('--feature='))?.slice(10) as 'self-supervised' | 'same' | 'cross-fitted' | 'transfer' | undefined;
const folds = Number(args.find((a) => a.startsWith('--folds='))?.slice(8) ?? 3);
const resplitArg = args.find((a) => a.startsWith('--resplit='))?.slice(10);
const resplit = resplitArg === undefined ? undefined : Number(resplitArg);
if (resplit !== undefined && !Number.isInteger(resplit)) throw new Error(`--resplit=${resplitArg}: give an integer seed, e.g. --resplit=101`);
const nSeeds = Number(args.find((a) => a.startsWith('--seeds='))?.slice(8) ?? 3);
// --no-blocking: the matcher figures only (blocking recall does not depend on the feature encoder)
const ks = args.includes('--no-blocking') ? [] : undefined;
const named = args.filter((a) => !a.startsWith('--'));
const DATASETS = named.length > 0 ? named : ['abt_buy', 'walmart_amazon_structured', 'wdc_computers', 'wdc_cameras'];

const pct = (x: number): string => (Number.isNaN(x) ? '-' : (x * 100).toFixed(1));

if (args.includes('--speed')) {
  // Embedding throughput: 100k titles (the issue's bar is ≤ 60 s on 2 cores) with a default-size encoder.
  const w = initEncoder(DEFAULT_ENCODER_TRAINING, 1);
  const titles = Array.from({ length: 100_000 }, (_, i) => `Brand${i % 997} Ultra ${(i % 9) * 16}GB model XR-${i} black 高速 存储卡 ${i % 13} pack`);
  const t0 = performance.now();
  embedTitles(w, titles);
  console.log(`embedded ${titles.length} titles in ${((performance.now() - t0) / 1000).toFixed(1)} s (dim ${w.dim})`);
  process.exit(0);
}
const results: EncoderEvalResult[] = [];
for (const name of DATASETS) {
  results.push(
    await evaluateEncoder(`${ROOT}/${name}`, {
      size: name.startsWith('wdc_') ? 'small' : undefined,
      denseWeight: weight,
      ...(feature ? { featureEncoder: feature } : {}),
      // transfer: the feature encoder learns from the other three datasets' labels (never this one's)
      ...(feature === 'transfer' ? { transferDirs: ['abt_buy', 'walmart_amazon_structured', 'wdc_computers', 'wdc_cameras'].filter((d) => d !== name).map((d) => `${ROOT}/${d}`) } : {}),
      folds,
      ...(args.includes('--all-texts') ? { featureTexts: 'all' as const } : {}),
      ...(args.includes('--title') ? { featureText: 'title' as const } : {}),
      ...(args.some((a) => a.startsWith('--feature-steps=')) ? { featureSteps: Number(args.find((a) => a.startsWith('--feature-steps='))?.slice(16)) } : {}),
      ...(args.some((a) => a.startsWith('--cv=')) ? { cvFolds: Number(args.find((a) => a.startsWith('--cv='))?.slice(5)) } : {}),
      ...(ks ? { ks } : {}),
      ...(args.includes('--no-test') ? { scoreTest: false } : {}),
      ...(args.includes('--no-control') ? { control: false } : {}),
      ...(args.includes('--diff') ? { diff: true } : {}),
      ...(args.includes('--hard-negatives') ? { hardNegatives: true } : {}),
      ...(resplit !== undefined ? { resplit } : {}),
      ...(Number.isInteger(nSeeds) && nSeeds > 0 ? { seeds: Array.from({ length: nSeeds }, (_, i) => i + 1) } : {}),
      training: Number.isFinite(steps) ? { steps } : {},
      onProgress: (m) => console.error(m),
    }),
  );
}
if (json) {
  console.log(JSON.stringify(results, null, 2));
} else {
  console.log('| dataset | recall@1 TF-IDF → +enc | recall@3 | recall@10 | candidates @10 (TF-IDF / +enc) | valid F1 baseline → +enc.cos | CV F1 (train+valid) baseline → +enc.cos | test F1 baseline | test F1 +enc.cos | selected on valid: test F1 | selected by CV: test F1 | encoder train s |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const b = (k: number): string => {
      const row = r.blocking.find((x) => x.k === k);
      return row ? `${pct(row.tfidf.recall)} → ${pct(row.withEncoder.recall)}` : '-';
    };
    const c = r.blocking.find((x) => x.k === 10);
    const m = r.matcher;
    const chosen = (x: typeof m.selected | undefined): string => (x ? `${x.useEncoder ? '+enc' : 'baseline'} ${pct(x.f1)} (Δ ${(100 * (x.f1 - m.baseline.f1)).toFixed(1)})` : '-');
    const cv = m.baseline.cvF1 !== undefined && m.withEncoder.cvF1 !== undefined ? `${pct(m.baseline.cvF1)} → ${pct(m.withEncoder.cvF1)}` : '-';
    console.log(`| ${r.dir.split('/').pop() ?? r.dir} | ${b(1)} | ${b(3)} | ${b(10)} | ${c ? `${c.tfidf.candidates} / ${c.withEncoder.candidates}` : '-'} | ${pct(m.baseline.validF1)} → ${pct(m.withEncoder.validF1)} | ${cv} | ${pct(m.baseline.f1)} ± ${pct(m.baseline.sd)} | ${pct(m.withEncoder.f1)} ± ${pct(m.withEncoder.sd)} | ${chosen(m.selected)} | ${chosen(m.selectedCv)} | ${r.encoder.trainSeconds.toFixed(0)} |`);
  }
  console.log('');
  for (const r of results) {
    const s = r.resplit;
    if (s) console.log(`${r.dir.split('/').pop() ?? r.dir} resplit ${s.seed}: train ${s.train.pairs} pairs / ${s.train.positives} positives, valid ${s.valid.pairs} / ${s.valid.positives}, test ${s.test.pairs} / ${s.test.positives}`);
  }
  if (results.some((r) => r.resplit)) console.log('');
  console.log('| dataset | design | valid F1 (3 seeds) | CV F1 (5 folds) | test F1 (3 seeds) | Δ test vs baseline |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    const m = r.matcher;
    const rows = [{ name: 'baseline', ...m.baseline }, { name: '+enc.cos', ...m.withEncoder }, ...m.designs];
    for (const d of rows) {
      const test = Number.isNaN(d.f1) ? 'not scored' : `${pct(d.f1)} ± ${pct(d.sd)}`;
      const delta = Number.isNaN(d.f1) ? '-' : (100 * (d.f1 - m.baseline.f1)).toFixed(2);
      console.log(`| ${r.dir.split('/').pop() ?? r.dir} | ${d.name} | ${(100 * d.validF1).toFixed(2)}${d.validSd === undefined ? '' : ` ± ${(100 * d.validSd).toFixed(2)}`} | ${d.cvF1 === undefined ? '-' : (100 * d.cvF1).toFixed(2)} | ${test} | ${delta} |`);
    }
  }
}
