// The omnifuse command line: a thin layer over the library (src/index.ts).
import { Command, CommanderError } from 'commander';
import { DEFAULT_DB } from '../store/open.js';
import { DEFAULT_KEY_FILE } from '../privacy/key.js';
import { OmnifuseError, errorMessage } from '../util/errors.js';
import { exitCodeFor } from './exit-codes.js';
import { printJson } from './output.js';
import * as init from './commands/init.js';
import * as ingest from './commands/ingest.js';
import * as status from './commands/status.js';
import * as rejects from './commands/rejects.js';
import * as demo from './commands/demo.js';
import * as sample from './commands/sample.js';
import * as rates from './commands/rates.js';
import * as match from './commands/match.js';
import * as models from './commands/models.js';
import * as encoder from './commands/encoder.js';
import * as map from './commands/map.js';
import * as recommend from './commands/recommend.js';
import * as segment from './commands/segment.js';
import * as churn from './commands/churn.js';
import * as reviews from './commands/reviews.js';
import * as search from './commands/search.js';
import * as funnel from './commands/funnel.js';
import * as forecast from './commands/forecast.js';
import * as inventory from './commands/inventory.js';
import * as prices from './commands/prices.js';
import * as anomalies from './commands/anomalies.js';
import * as serve from './commands/serve.js';
import * as token from './commands/token.js';
import * as persons from './commands/persons.js';
import * as privacy from './commands/privacy.js';
import * as auditCmd from './commands/audit.js';
import * as exportCmd from './commands/export.js';
import * as fuse from './commands/fuse.js';
import * as explain from './commands/explain.js';
import * as review from './commands/review.js';
import * as unmerge from './commands/unmerge.js';

const program = new Command('omnifuse')
  .description('fuse e-commerce exports across platforms into one canonical model')
  .version('0.1.0')
  .option('--db <file>', 'database file', DEFAULT_DB)
  .option('--key-file <file>', 'project key file (hashes personal data)', DEFAULT_KEY_FILE)
  .option('--json', 'machine-readable JSON on stdout')
  .exitOverride()
  .showHelpAfterError();

for (const c of [init, ingest, status, rejects, sample, rates, match, models, encoder, map, forecast, inventory, prices, anomalies, serve, token, recommend, segment, churn, reviews, search, funnel, fuse, explain, review, unmerge, persons, privacy, auditCmd, exportCmd, demo]) c.register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const code = exitCodeFor(e);
  if (!(e instanceof CommanderError)) {
    const json = process.argv.includes('--json');
    const hint = e instanceof OmnifuseError ? e.hint : undefined;
    if (json) printJson({ error: e instanceof OmnifuseError ? e.kind : 'internal', message: errorMessage(e), ...(hint ? { hint } : {}) });
    else process.stderr.write(`omnifuse: ${errorMessage(e)}${hint ? `\n  hint: ${hint}` : ''}\n`);
    if (!(e instanceof OmnifuseError) && process.env.OMNIFUSE_DEBUG) console.error(e);
  }
  process.exitCode = code;
}
