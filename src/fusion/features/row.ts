// Collects named feature values in a fixed order; the names are the stable strings explanations show.

export class FeatureRow {
  readonly names: string[] = [];
  readonly values: number[] = [];

  put(name: string, value: number | boolean): void {
    this.names.push(name);
    this.values.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
  }
}

/** NaN marks "not comparable" (a side is empty); trees send it down its own branch. */
export const MISSING = Number.NaN;
