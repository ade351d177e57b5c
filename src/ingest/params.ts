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
