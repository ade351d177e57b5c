// Measures the learned matcher on the four product-matching benchmarks (3 seeds) and prints a table and JSON.

import { evaluateMatcher, type MatchEvalResult } from '../src/fusion/eval.js';

const ROOT = process.env.OMNIFUSE_EM_DATA ?? '../shared/data/entity-matching';
const args = process.argv.slice(2);
// --neighbourhood adds transductive rank features (off by default; see MatchEvalOptions.neighbourhood).
const neighbourhood = args.includes('--neighbourhood');
const named = args.filter((a) => !a.startsWith('--'));
const DATASETS = named.length > 0 ? named : ['abt_buy', 'walmart_amazon_structured', 'wdc_computers', 'wdc_cameras'];

const pct = (m: { mean: number; sd: number }): string => `${(m.mean * 100).toFixed(1)} ± ${(m.sd * 100).toFixed(1)}`;

const results: MatchEvalResult[] = [];
for (const name of DATASETS) {
  results.push(await evaluateMatcher(`${ROOT}/${name}`, { size: name.startsWith('wdc_') ? 'small' : undefined, seeds: [1, 2, 3], neighbourhood, onProgress: (m) => console.error(m) }));
}
console.log('| dataset | P | R | F1 | threshold | blocking recall (k=10) | reduction | train s |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const name = r.dir.split('/').pop() ?? r.dir;
  console.log(
    `| ${name} | ${pct(r.mean.precision)} | ${pct(r.mean.recall)} | ${pct(r.mean.f1)} | ${r.mean.threshold.mean.toFixed(2)} ± ${r.mean.threshold.sd.toFixed(2)} | ${(r.blocking.pairCompleteness * 100).toFixed(1)} | ${(r.blocking.reductionRatio * 100).toFixed(1)} | ${r.mean.trainSeconds.mean.toFixed(1)} |`,
  );
}
console.log(JSON.stringify(results, null, 2));
