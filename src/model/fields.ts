// One field declaration yields both the zod validator and the SQL column type, so schema and table never drift.
import { z } from 'zod';

export type SqlType = 'VARCHAR' | 'BIGINT' | 'UBIGINT' | 'INTEGER' | 'DOUBLE' | 'DECIMAL(18,4)' | 'DECIMAL(18,8)' | 'TIMESTAMPTZ' | 'DATE' | 'BOOLEAN' | 'JSON';

export interface FieldSpec {
  readonly sqlType: SqlType;
  readonly schema: z.ZodType;
  /** what the field means, for docs and `omnifuse map suggest` */
  readonly doc: string;
  /** storage compression fixed for the column instead of DuckDB's per-segment choice (see `unique`) */
  readonly compression?: 'fsst';
}

const nullable = <T extends z.ZodType>(s: T) => s.nullable().optional();

export const f = {
  text: (doc = ''): FieldSpec => ({ sqlType: 'VARCHAR', schema: nullable(z.string()), doc }),
  id: (doc = ''): FieldSpec => ({ sqlType: 'VARCHAR', schema: z.string().min(1), doc }),
  int: (doc = ''): FieldSpec => ({ sqlType: 'BIGINT', schema: nullable(z.number().int()), doc }),
  num: (doc = ''): FieldSpec => ({ sqlType: 'DOUBLE', schema: nullable(z.number()), doc }),
  /** an unsigned 64-bit hash (DuckDB UBIGINT; the backend reads it back as a number when exact, else decimal digits) */
  hash: (doc = ''): FieldSpec => ({ sqlType: 'UBIGINT', schema: nullable(z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)])), doc }),
  /** decimal money amount as a string ("1433.6600"): never a float */
  money: (doc = ''): FieldSpec => ({ sqlType: 'DECIMAL(18,4)', schema: nullable(z.string().regex(/^-?\d+(\.\d+)?$/)), doc }),
  rate: (doc = ''): FieldSpec => ({ sqlType: 'DECIMAL(18,8)', schema: nullable(z.string().regex(/^-?\d+(\.\d+)?$/)), doc }),
  currency: (doc = 'ISO 4217 code'): FieldSpec => ({ sqlType: 'VARCHAR', schema: nullable(z.string().regex(/^[A-Z]{3}$/)), doc }),
  ts: (doc = ''): FieldSpec => ({ sqlType: 'TIMESTAMPTZ', schema: nullable(z.string()), doc }),
  date: (doc = ''): FieldSpec => ({ sqlType: 'DATE', schema: nullable(z.string()), doc }),
  bool: (doc = ''): FieldSpec => ({ sqlType: 'BOOLEAN', schema: nullable(z.boolean()), doc }),
  json: (doc = ''): FieldSpec => ({ sqlType: 'JSON', schema: nullable(z.unknown()), doc }),
  /**
   * Text that rarely repeats within a file (ids, SKUs, titles, free text), stored with FSST: DuckDB would try a
   * dictionary on every segment first and, for such text, pick FSST anyway — that analysis was 10 % of ingest's CPU
   * (10M order lines: 10.45 s → 9.52 s, file size unchanged).
   */
  unique: (doc = ''): FieldSpec => ({ sqlType: 'VARCHAR', schema: nullable(z.string()), doc, compression: 'fsst' }),
} as const;

export type Fields = Record<string, FieldSpec>;

export function zodObject(fields: Fields) {
  return z.object(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.schema])));
}
