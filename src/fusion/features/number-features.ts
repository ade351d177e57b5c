// Numeric evidence: quantities with units, bare numbers, GTINs and numeric attributes such as price.

import type { FieldProfile, RecordProfile } from '../record-profile.js';
import { jaccard } from '../text/set-sim.js';
import { MISSING, type FeatureRow } from './row.js';

export function quantityFeatures(row: FeatureRow, p: string, a: RecordProfile, b: RecordProfile): void {
  const fa = new Map<string, Set<number>>();
  const fb = new Map<string, Set<number>>();
  for (const q of a.quantities) fa.set(q.family, (fa.get(q.family) ?? new Set()).add(q.value));
  for (const q of b.quantities) fb.set(q.family, (fb.get(q.family) ?? new Set()).add(q.value));
  let families = 0;
  let agree = 0;
  let conflict = 0;
  for (const [fam, va] of fa) {
    const vb = fb.get(fam);
    if (!vb) continue;
    families++;
    if ([...va].some((v) => vb.has(v))) agree++;
    else conflict++;
  }
  row.put(`${p}.qty_families_both`, families);
  row.put(`${p}.qty_agree`, families > 0 ? agree : MISSING);
  row.put(`${p}.qty_conflict`, families > 0 ? conflict : MISSING);
  const na = a.numbers;
  const nb = b.numbers;
  const both = na.size > 0 && nb.size > 0;
  let shared = 0;
  for (const x of na) if (nb.has(x)) shared++;
  row.put(`${p}.num_jaccard`, both ? jaccard(na, nb) : MISSING);
  row.put(`${p}.num_only_l`, both ? na.size - shared : MISSING);
  row.put(`${p}.num_only_r`, both ? nb.size - shared : MISSING);
  const gBoth = a.gtins.size > 0 && b.gtins.size > 0;
  const gShared = [...a.gtins].some((g) => b.gtins.has(g));
  row.put(`${p}.gtin_match`, gBoth ? gShared : MISSING);
}

export function numericValueFeatures(row: FeatureRow, p: string, a: FieldProfile, b: FieldProfile): void {
  const x = a.number;
  const y = b.number;
  row.put(`${p}.missing`, (x === undefined ? 1 : 0) + (y === undefined ? 2 : 0));
  const ok = x !== undefined && y !== undefined;
  const ratio = ok ? (Math.max(x, y) > 0 ? Math.min(x, y) / Math.max(x, y) : x === y ? 1 : 0) : MISSING;
  row.put(`${p}.ratio`, ratio);
  row.put(`${p}.log_diff`, ok ? Math.abs(Math.log1p(Math.abs(x)) - Math.log1p(Math.abs(y))) : MISSING);
}
