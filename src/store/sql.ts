// SQL steps are plain data: built by pure functions with bound parameters, executed only by a Backend.

export type SqlValue = string | number | bigint | boolean | null;

export interface SqlStep {
  readonly sql: string;
  readonly params?: readonly SqlValue[];
  /** for logging and pipelines: the table this step produces, if any */
  readonly outputTable?: string;
}

export const step = (sql: string, params: readonly SqlValue[] = [], outputTable?: string): SqlStep =>
  outputTable === undefined ? { sql, params } : { sql, params, outputTable };

/** Quote an identifier (table/column); identifiers never come from values, but headers are user data. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Bound-parameter placeholders $1, $2, … $n, for an IN list of n values. */
export const placeholders = (n: number): string => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');

/** Quote a string literal, for the few places the engine refuses a bound parameter (table function arguments). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Every table omnifuse generates for intermediate work shares one prefix (as Splink's __splink__df_*). */
export const WORK_PREFIX = '__of_';
export const workTable = (name: string) => `${WORK_PREFIX}${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
