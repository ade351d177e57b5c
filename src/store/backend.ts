// The one interface between omnifuse and a database engine; store/duckdb/ is the embedded default.
import type { SqlStep, SqlValue } from './sql.js';

export type Row = Record<string, unknown>;

export interface BackendCapabilities {
  /** reads CSV files itself (read_csv) */
  readonly readsCsv: boolean;
  readonly readsParquet: boolean;
  readonly readsJson: boolean;
  /** regexp_extract / regexp_replace */
  readonly regex: boolean;
  /** TIMESTAMPTZ with IANA zones */
  readonly timeZones: boolean;
  readonly jaroWinkler: boolean;
}

export interface Backend {
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  readonly path: string;
  run(step: SqlStep): Promise<void>;
  runAll(steps: readonly SqlStep[]): Promise<void>;
  all<T extends Row = Row>(step: SqlStep): Promise<T[]>;
  one<T extends Row = Row>(step: SqlStep): Promise<T | undefined>;
  /** bulk-load rows into an existing table, columns in the given order */
  append(table: string, columns: readonly string[], rows: Iterable<readonly SqlValue[]>): Promise<number>;
  /** run fn inside one transaction: all of it lands or none of it */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** run fn with the engine's working memory capped at `limit` (e.g. '1GB'), spilling to disk beyond it; a lower cap
   *  already in force is kept, the store's own cap is back afterwards, and a store that cannot spill (in memory)
   *  runs fn unchanged */
  withMemoryLimit<T>(limit: string, fn: () => Promise<T>): Promise<T>;
  tableExists(name: string): Promise<boolean>;
  close(): Promise<void>;
}
