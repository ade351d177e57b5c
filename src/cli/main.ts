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
import * as match from './commands/match.js';
import * as models from './commands/models.js';

const program = new Command('omnifuse')
  .description('fuse e-commerce exports across platforms into one canonical model')
  .version('0.1.0')
  .option('--db <file>', 'database file', DEFAULT_DB)
  .option('--key-file <file>', 'project key file (hashes personal data)', DEFAULT_KEY_FILE)
  .option('--json', 'machine-readable JSON on stdout')
  .exitOverride()
  .showHelpAfterError();

for (const c of [init, ingest, status, rejects, sample, match, models, demo]) c.register(program);

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
