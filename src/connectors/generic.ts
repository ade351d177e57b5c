// The generic connector: a user's mapping file (YAML or JSON) turned into a Connector.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { mappingSchema, type Mapping, type MappingInput } from './mapping.js';
import { mappingConnector, type Connector } from './connector.js';
import { configError, errorMessage } from '../util/errors.js';

export function parseMapping(input: unknown, origin: string): Mapping {
  const r = mappingSchema.safeParse(input);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `  - ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n');
    throw configError(`${origin}: not a valid omnifuse mapping:\n${issues}`, 'see docs/mapping.md for the format and examples/*/**.mapping.yaml for samples');
  }
  return r.data;
}

export function loadMapping(path: string): Mapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw configError(`Cannot read the mapping file ${path}: ${errorMessage(e)}`, 'check the path given with --mapping');
  }
  let doc: unknown;
  try {
    doc = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw configError(`${basename(path)} is not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${errorMessage(e)}`);
  }
  return parseMapping(doc, basename(path));
}

export function genericConnector(m: Mapping | MappingInput): Connector {
  const mapping = 'kind' in m && typeof m.kind === 'string' ? (m as Mapping) : parseMapping(m, 'mapping');
  const c = mappingConnector(mapping, ['csv', 'json', 'ndjson', 'xml', 'parquet']);
  // an explicit mapping always applies to the file it was given for
  return { ...c, detect: () => 1 };
}
