// Output for people (aligned tables on a TTY) and for programs (--json: one JSON document on stdout).

export interface OutputOptions {
  json: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

const width = (s: string) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1), 0);

export function table(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  if (rows.length === 0) return '  (none)';
  const cols = columns ?? Object.keys(rows[0]!);
  const cell = (v: unknown): string =>
    v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' ? v.toLocaleString('en-US') : JSON.stringify(v);
  const w = cols.map((c) => Math.max(width(c), ...rows.map((r) => width(cell(r[c])))));
  const pad = (s: string, n: number, right: boolean) => (right ? ' '.repeat(n - width(s)) + s : s + ' '.repeat(n - width(s)));
  const numeric = cols.map((c) => rows.every((r) => typeof r[c] === 'number' || r[c] === null || r[c] === undefined));
  const line = (vals: string[]) => '  ' + vals.map((v, i) => pad(v, w[i]!, numeric[i]!)).join('  ');
  return [line([...cols]), line(w.map((n) => '-'.repeat(n))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
}

export function say(text: string): void {
  process.stdout.write(text + '\n');
}
