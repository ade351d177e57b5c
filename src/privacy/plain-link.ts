// Plaintext linkage on exactly the features a CLK encodes: weighted Dice over the (field, q-gram) sets, with each
// field weighted by its k. It is the CLK without Bloom-filter collisions — the reference CLK linkage is held to.
import { DEFAULT_CLK_SCHEMA, type ClkRecord, type ClkSchema } from './clk.js';
import { qgrams } from './name-tokens.js';

export interface PlainProfile {
  grams: Map<string, number>;
  total: number;
}

export function plainProfile(f: ClkRecord, schema: ClkSchema = DEFAULT_CLK_SCHEMA): PlainProfile {
  const grams = new Map<string, number>();
  for (const field of schema.fields) {
    for (const t of f[field.name] ?? []) for (const g of qgrams(t, field.q ?? 2)) grams.set(`${field.name}\u0000${g}`, field.k);
  }
  let total = 0;
  for (const w of grams.values()) total += w;
  return { grams, total };
}

export function plainDice(a: PlainProfile, b: PlainProfile): number {
  let both = 0;
  const [small, large] = a.grams.size <= b.grams.size ? [a, b] : [b, a];
  for (const [g, w] of small.grams) if (large.grams.has(g)) both += w;
  const total = a.total + b.total;
  return total === 0 ? 0 : (2 * both) / total;
}
