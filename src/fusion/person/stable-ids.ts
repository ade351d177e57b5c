// Stable person ids, by the products' rule: each new cluster takes the previous id it overlaps most (each old id
// used once); other clusters get an id derived from their first account, so identical runs give identical ids.
import { createHash } from 'node:crypto';

export function newPersonId(firstKey: string, taken: ReadonlySet<string>): string {
  const base = `pe_${createHash('sha1').update(firstKey).digest('hex').slice(0, 12)}`;
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
  return id;
}

/** @param clusterOf cluster index per account; @param keyOf account key; @param oldId previous person id per account. */
export function assignPersonIds(clusterOf: readonly number[], keyOf: (i: number) => string, oldId: (i: number) => string | undefined): { ids: Map<number, string>; kept: number } {
  const overlap = new Map<string, number>();
  const firstKey = new Map<number, string>();
  const taken = new Set<string>();
  clusterOf.forEach((c, i) => {
    const k = keyOf(i);
    const prev = firstKey.get(c);
    if (prev === undefined || k < prev) firstKey.set(c, k);
    const o = oldId(i);
    if (o === undefined) return;
    taken.add(o);
    const ok = `${c}\u0000${o}`;
    overlap.set(ok, (overlap.get(ok) ?? 0) + 1);
  });
  const ranked = [...overlap].map(([k, n]) => {
    const at = k.indexOf('\u0000');
    return { c: Number(k.slice(0, at)), old: k.slice(at + 1), n };
  }).sort((x, y) => y.n - x.n || (x.old < y.old ? -1 : x.old > y.old ? 1 : x.c - y.c));
  const ids = new Map<number, string>();
  const used = new Set<string>();
  for (const r of ranked) {
    if (ids.has(r.c) || used.has(r.old)) continue;
    ids.set(r.c, r.old);
    used.add(r.old);
  }
  for (const c of [...firstKey.keys()].sort((a, b) => a - b)) {
    if (ids.has(c)) continue;
    const id = newPersonId(firstKey.get(c)!, taken);
    taken.add(id);
    ids.set(c, id);
  }
  return { ids, kept: used.size };
}
