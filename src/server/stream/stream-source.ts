// A stream source is a connector by name: its mapping reads each NDJSON record as one source record (JSON
// keys play the role of a CSV header's column names), so streamed records go through the same compile path.
import type { Connector } from '../../connectors/connector.js';
import type { Mapping } from '../../connectors/mapping.js';
import { platformConnectors } from '../../connectors/registry.js';
import type { Sniffed } from '../../sources/sniff.js';
import { notFound } from '../http-error.js';

export async function streamConnector(name: string): Promise<Connector> {
  const all = await platformConnectors();
  const c = all.find((x) => x.name === name);
  if (!c) {
    const names = [...new Set(all.map((x) => x.name))].sort();
    throw notFound(`no stream source "${name}"`, `a source is a connector name: ${names.join(', ')}`);
  }
  return c;
}

/** The connector's mapping, made to read NDJSON (a file mapping may name another format or a records key). */
export function streamMapping(c: Connector, sniffed: Sniffed): Mapping {
  const m = c.mapping(sniffed);
  const read = { ...(m.read ?? {}), format: 'ndjson' as const };
  delete read.records;
  delete read.delimiter;
  delete read.encoding;
  delete read.skip_lines;
  return { ...m, read };
}
