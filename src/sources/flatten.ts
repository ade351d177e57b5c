// Dotted key paths of a JSON record ("billing.email"), so nested exports have a header like CSVs do.

export function flattenKeys(rec: unknown, prefix = '', out: string[] = [], depth = 0): string[] {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec) || depth > 4) {
    if (prefix) out.push(prefix);
    return out;
  }
  for (const [k, v] of Object.entries(rec as Record<string, unknown>)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flattenKeys(v, p, out, depth + 1);
    else out.push(p);
  }
  return out;
}
