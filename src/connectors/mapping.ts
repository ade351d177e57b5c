// The mapping file: column → canonical field with transforms. The generic connector reads one from YAML/JSON;
// every platform connector is a mapping too (plus detection), so all of them compile to the same SQL.
import { z } from 'zod';
import { canonicalTableNames, type CanonicalTable } from '../model/canonical.js';

export const TRANSFORMS = [
  'text', 'id', 'lower', 'upper', 'int', 'num', 'decimal', 'money', 'currency', 'datetime', 'date', 'bool', 'gtin',
  'email_hash', 'phone_hash', 'mask_name', 'status', 'country', 'json', 'tz_offset', 'phone_fragment_hash', 'name_tokens',
] as const;
export type Transform = (typeof TRANSFORMS)[number];

const fieldObject = z
  .object({
    column: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    const: z.union([z.string(), z.number(), z.boolean()]).optional(),
    transform: z.enum(TRANSFORMS).optional(),
    /** strptime formats for datetime/date (tried in order after ISO 8601 and epoch) */
    format: z.union([z.string(), z.array(z.string())]).optional(),
    /** IANA zone for dates written without an offset (overrides read.timezone) */
    timezone: z.string().optional(),
    /** value map applied after folding (case-insensitive keys), e.g. status words */
    map: z.record(z.string(), z.string()).optional(),
    /** default when the column is missing or empty */
    default: z.union([z.string(), z.number()]).optional(),
    required: z.boolean().optional(),
    /** what to do when a non-empty value cannot be converted: reject the record (default) or keep NULL */
    on_error: z.enum(['reject', 'null']).optional(),
    /** raw values that mean "missing" for this field (besides the empty string), e.g. ["N/A", "--", "0000-00-00"] */
    null_if: z.array(z.string()).optional(),
    /** an empty value takes the nearest non-empty value above it (true), or above it with the same value in this column */
    fill_down: z.union([z.literal(true), z.string()]).optional(),
    /** with several columns: take the first non-empty one (default), add up their converted values, or join the
     *  non-empty ones with a space before converting (first + last name) */
    combine: z.enum(['first', 'sum', 'join']).optional(),
    /** phone_hash / phone_fragment_hash: the country of numbers written without +, as an ISO code (FR) or the source
     *  column holding one (Billing Country) */
    country: z.string().optional(),
    /** keep only the first group of this regular expression's match on the raw value (a city inside an address) */
    extract: z.string().optional(),
    /** keyed targets: how the rows of one key make the value (first non-empty in file order by default) */
    agg: z.enum(['first', 'last', 'sum', 'min', 'max']).optional(),
    /** text/status: values starting with a prefix map to a value ({ C: cancelled }); checked before map, longest first */
    prefix: z.record(z.string(), z.string()).optional(),
    /** text/status: the value when neither prefix nor map matched a non-empty value (status: 'unknown' by default) */
    otherwise: z.string().optional(),
  })
  .strict();

export const fieldSpecSchema = z.union([z.string(), fieldObject]);
export type FieldSpecInput = z.infer<typeof fieldSpecSchema>;
export type FieldMapping = z.infer<typeof fieldObject>;

const targetSchema = z
  .object({
    /** one canonical row per distinct key (order fields repeated on every line); first non-empty value wins */
    key: z.array(z.string()).optional(),
    /** JSON sources: one canonical row per element of this array path (order.line_items) */
    each: z.string().optional(),
    /** only records whose column is non-empty feed this table (eBay item rows vs summary rows) */
    when_present: z.union([z.string(), z.array(z.string())]).optional(),
    /** only records whose column is empty feed this table */
    when_absent: z.union([z.string(), z.array(z.string())]).optional(),
    /** keyed targets: a row whose platform + key is already stored (from an earlier file) gets its empty fields
     *  filled from this file instead of a second row being inserted */
    merge: z.boolean().optional(),
  })
  .catchall(fieldSpecSchema);

export const readSchema = z
  .object({
    format: z.enum(['csv', 'tsv', 'json', 'ndjson', 'xml', 'parquet']).optional(),
    delimiter: z.string().max(1).optional(),
    encoding: z.enum(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030', 'gbk', 'windows-1252']).optional(),
    timezone: z.string().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    /** JSON: key of the records array; XML: record element name */
    records: z.string().optional(),
    /** raw lines matching this regex are known non-data lines (report footers): stored as skipped, not errors */
    skip_lines: z.string().optional(),
    /** raw values that mean "missing" in every column of the file, e.g. ["N/A", "--", "null"] */
    null_if: z.array(z.string()).optional(),
  })
  .strict();

export const mappingSchema = z
  .object({
    name: z.string().min(1),
    platform: z.string().min(1),
    kind: z.string().default('generic'),
    read: readSchema.optional(),
    /** header names that identify this file for auto-detection */
    detect: z.object({ required: z.array(z.string()).min(1), optional: z.array(z.string()).optional() }).optional(),
    targets: z.partialRecord(z.enum(canonicalTableNames as [string, ...string[]]), targetSchema),
  })
  .strict();

/** target options, beside the canonical fields of the target */
export interface TargetOptions {
  key?: string[];
  each?: string;
  when_present?: string | string[];
  when_absent?: string | string[];
  merge?: boolean;
}
// Written by hand: zod's inferred catchall type makes `key: [...]` clash with the field index signature.
export type TargetMapping = TargetOptions & { [field: string]: FieldSpecInput | string[] | boolean | undefined };
type ParsedMapping = z.infer<typeof mappingSchema>;
export type Mapping = Omit<ParsedMapping, 'targets'> & { targets: Partial<Record<CanonicalTable, TargetMapping>> };
export type MappingInput = Omit<z.input<typeof mappingSchema>, 'targets'> & { targets: Partial<Record<CanonicalTable, TargetMapping>> };
export type ReadOptions = z.infer<typeof readSchema>;

export const TARGET_OPTIONS = new Set(['key', 'each', 'when_present', 'when_absent', 'merge']);

export function normaliseField(spec: FieldSpecInput): FieldMapping {
  return typeof spec === 'string' ? { column: spec } : spec;
}

export function targetFields(t: TargetMapping): [string, FieldMapping][] {
  return Object.entries(t)
    .filter(([k]) => !TARGET_OPTIONS.has(k))
    .map(([k, v]) => [k, normaliseField(v as FieldSpecInput)]);
}
