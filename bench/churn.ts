// `npm run bench -- churn [--db file] [--json]`: the 90-day churn model on UCI Online Retail (time split:
// features at 2011-06-12 train, at 2011-09-10 test), with every feature's ANOVA F, p-value and mutual
// information, the features kept, test AUC and precision in the top decile.
import { parseArgs } from 'node:util';
import { trainChurn } from '../src/analytics/churn/churn.js';
import { retailStore } from './retail-store.js';

const { values } = parseArgs({ options: { db: { type: 'string', default: '/tmp/omnifuse-bench-retail.duckdb' }, json: { type: 'boolean', default: false } } });
const db = await retailStore(values.db);
const t0 = performance.now();
const { evaluation: e } = await trainChurn(db, { store: false });
const ms = performance.now() - t0;
await db.close();
if (values.json) {
  process.stdout.write(JSON.stringify({ ...e, ms: Math.round(ms) }, null, 2) + '\n');
} else {
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`churn (no purchase in ${e.horizonDays} days): train cutoff ${e.trainCutoff.slice(0, 10)} (${e.trainCustomers} buyers), test cutoff ${e.testCutoff.slice(0, 10)} (${e.testCustomers} buyers, ${(100 * e.churnRateTest).toFixed(1)}% churned)`);
  out('  feature              ANOVA F    p-value   MI (nats)  kept');
  for (const f of e.featureScores) out(`  ${f.feature.padEnd(18)} ${f.f.toFixed(1).padStart(9)} ${f.p.toExponential(2).padStart(10)} ${f.mi.toFixed(4).padStart(10)}  ${e.selected.includes(f.feature) ? 'yes' : ''}`);
  out(`  k by valid AUC: ${e.tuning.map((t) => `k=${t.k} ${t.validAuc.toFixed(3)}`).join(', ')}`);
  out(`test AUC ${e.testAuc.toFixed(3)}, precision@decile ${e.precisionAtDecile.toFixed(3)} (lift ${e.liftAtDecile.toFixed(2)}x over the ${(100 * e.churnRateTest).toFixed(1)}% base rate); ${(ms / 1000).toFixed(1)} s`);
}
