// A rejected record's raw text (reject.raw) is a JSON object or array for structured inputs, else the line as read.
// Ingest redacts it with keyed hashes and the API masks it for display: both walk it the same way.

export type FieldText = (field: string, text: string) => string;

/** `fn` applied to every string in a parsed record; a nested value carries the name of the field it sits under. */
export function mapRecordStrings(value: unknown, fn: FieldText, field = ''): unknown {
  if (typeof value === 'string') return fn(field, value);
  if (Array.isArray(value)) return value.map((v) => mapRecordStrings(v, fn, field));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mapRecordStrings(v, fn, k)]));
  }
  return value;
}

/** `fn` applied to the strings of a raw record: by field inside JSON objects and arrays, else to the whole text. */
export function mapRawRecord(raw: string, fn: FieldText): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw) as unknown;
  } catch {
    return fn('', raw);
  }
  return parsed !== null && typeof parsed === 'object' ? JSON.stringify(mapRecordStrings(parsed, fn)) : fn('', raw);
}
