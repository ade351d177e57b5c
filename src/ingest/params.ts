// Numbered SQL parameters ($1, $2, ...) collected while a step's SQL is built, so values never enter SQL text.
import type { SqlValue } from '../store/sql.js';

export class Params {
  readonly values: SqlValue[] = [];
  private readonly index = new Map<string, number>();
  add(v: string | number | boolean): string {
    const k = `${typeof v}:${String(v)}`;
    let i = this.index.get(k);
    if (i === undefined) {
      this.values.push(v);
      i = this.values.length;
      this.index.set(k, i);
    }
    return `$${i}`;
  }
}

/** A step using only the parameters its SQL mentions, renumbered from $1 (a compiled target binds more values
 *  than any one statement over it uses, and the engine refuses unused ones). */
export function compactStep(sql: string, values: readonly SqlValue[]): { sql: string; params: SqlValue[] } {
  const order = new Map<number, number>();
  const params: SqlValue[] = [];
  const out = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n);
    let j = order.get(i);
    if (j === undefined) {
      params.push(values[i - 1]!);
      j = params.length;
      order.set(i, j);
    }
    return `$${j}`;
  });
  return { sql: out, params };
}
