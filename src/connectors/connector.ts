// The Connector interface: detect a file by its header, then say how its records map to canonical rows.
import type { Sniffed } from '../sources/sniff.js';
import type { Mapping } from './mapping.js';
import { signatureScore } from './header.js';

export interface Connector {
  /** unique name, e.g. "shopify-orders-csv" */
  readonly name: string;
  readonly platform: string;
  /** the kind of file: orders, products, listings, ... */
  readonly kind: string;
  /** 0..1: how sure this connector is that it reads the sniffed file */
  detect(file: Sniffed): number;
  /** the mapping for this file (it may depend on which header generation the file has) */
  mapping(file: Sniffed): Mapping;
}

/** A connector that is just a mapping with a header signature; most platform connectors are this. */
export function mappingConnector(m: Mapping, formats: readonly Sniffed['format'][] = ['csv']): Connector {
  const required = m.detect?.required ?? [];
  const optional = m.detect?.optional ?? [];
  return {
    name: m.name,
    platform: m.platform,
    kind: m.kind,
    detect: (file) => (formats.includes(file.format) && required.length > 0 ? signatureScore(file.header, required, optional) : 0),
    mapping: () => m,
  };
}
