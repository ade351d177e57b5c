// `npm run bench -- <name> [args]`: runs one benchmark script from bench/ (ingest, match, ...).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [name, ...rest] = process.argv.slice(2);
const file = name ? fileURLToPath(new URL(`./${name}.ts`, import.meta.url)) : '';
if (!name || !existsSync(file)) {
  process.stderr.write('usage: npm run bench -- <name> [options]   (name = a file in bench/: ingest, match, match-scale, forecast, forecast-eval, anomalies-eval, recommend, churn, sentiment, search, pprl, encoder-eval, fuse-encoder, map-suggest, phone-rule, api, stream, sample)\n');
  process.exit(2);
}
process.argv = [process.argv[0]!, file, ...rest];
await import(pathToFileURL(file).href);
