// `npm run bench -- recommend [--db file] [--max-items n] [--json]`: popularity, item-item and EASE on UCI
// Online Retail with a time split (each customer's last basket in the last 30 days held out; tuned on the 30 days
// before). Prints Recall@20 and NDCG@10 per model and the best model's lift over popularity.
import { parseArgs } from 'node:util';
import { loadInteractions } from '../src/analytics/recommend/interactions.js';
import { evaluateRecommenders } from '../src/analytics/recommend/eval.js';
import { retailStore } from './retail-store.js';

const { values } = parseArgs({ options: { db: { type: 'string', default: '/tmp/omnifuse-bench-retail.duckdb' }, 'max-items': { type: 'string', default: '1000' }, json: { type: 'boolean', default: false } } });
const db = await retailStore(values.db);
const t0 = performance.now();
const x = await loadInteractions(db);
const tLoad = performance.now() - t0;
const r = evaluateRecommenders(x, { maxItems: Number(values['max-items']), onProgress: (s) => process.stderr.write(`  ${s}\n`) });
const tAll = performance.now() - t0;
await db.close();
if (values.json) {
  process.stdout.write(JSON.stringify({ ...r, loadMs: Math.round(tLoad), totalMs: Math.round(tAll) }, null, 2) + '\n');
} else {
  process.stdout.write(`online-retail: ${r.interactions} (user, product, basket) rows, ${r.users} customers, ${r.items} products; valid cutoff ${r.validCutoff}, test cutoff ${r.testCutoff}\n`);
  for (const m of r.models) {
    process.stdout.write(`  ${m.kind.padEnd(11)} params ${JSON.stringify(m.params).padEnd(32)} valid R@20 ${m.valid.recall20.toFixed(4)}  test R@20 ${m.test.recall20.toFixed(4)}  NDCG@10 ${m.test.ndcg10.toFixed(4)}  (${m.test.users} users)\n`);
  }
  process.stdout.write(`best (by valid): ${r.best}, test Recall@20 lift over popularity ${r.liftOverPopularity.toFixed(2)}x; load ${(tLoad / 1000).toFixed(1)} s, total ${(tAll / 1000).toFixed(1)} s\n`);
}
