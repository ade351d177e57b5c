// The omnifuse library: the only public surface. The CLI and (later) the server are thin layers over it.
export { canonicalTables, canonicalTableNames, schemas, type CanonicalTable } from './model/canonical.js';
export type { Backend, BackendCapabilities, Row } from './store/backend.js';
export type { SqlStep, SqlValue } from './store/sql.js';
export { openStore, DEFAULT_DB } from './store/open.js';
export { sniffFile, type Sniffed, type Format } from './sources/sniff.js';
export type { Encoding } from './sources/encoding.js';
export type { Connector } from './connectors/connector.js';
export { mappingConnector } from './connectors/connector.js';
export type { Mapping, MappingInput, TargetMapping, FieldMapping, Transform } from './connectors/mapping.js';
export { loadMapping, parseMapping, genericConnector } from './connectors/generic.js';
export { platformConnectors, rankConnectors } from './connectors/registry.js';
export { ingestFile, type IngestOptions, type FileResult } from './ingest/ingest.js';
export { ingestPaths } from './ingest/ingest-paths.js';
export { storeStatus, listRejects, type StoreStatus, type RejectRow } from './ingest/status.js';
export { createKey, loadKey, hmacPads, DEFAULT_KEY_FILE } from './privacy/key.js';
export { generateSample, type SampleSummary } from './sample/generate.js';
export { evaluateMatcher, type MatchEvalOptions, type MatchEvalResult } from './fusion/eval.js';
export { OmnifuseError } from './util/errors.js';
