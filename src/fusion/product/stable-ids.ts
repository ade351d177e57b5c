// Stable product ids: each new cluster takes the previous id it overlaps most (each old id used once), so a product
// keeps its id across re-runs unless it was split or merged away; the changes are returned for the merge log.
import { createHash } from 'node:crypto';

export interface IdChange {
  readonly kind: 'new' | 'merge' | 'split' | 'retired';
  readonly productId: string;
  readonly otherIds: string[];
  readonly nListings: number;
}

export interface IdAssignment {
  /** product id per cluster index */
  readonly ids: string[];
  readonly kept: number;
  readonly changes: IdChange[];
}

/** A fresh id derived from the cluster's first listing key, so identical runs on identical data give identical ids. */
export function newProductId(firstKey: string, taken: ReadonlySet<string>): string {
  const base = `p_${createHash('sha1').update(firstKey).digest('hex').slice(0, 12)}`;
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
  return id;
}

/**
 * @param cluster cluster index per listing; @param keyOf listing key per listing; @param oldId previous product id per
 * listing (undefined when new or unfused).
 */
export function assignStableIds(cluster: Int32Array, nClusters: number, keyOf: (i: number) => string, oldId: (i: number) => string | undefined): IdAssignment {
  const overlap = new Map<string, number>();
  const oldSize = new Map<string, number>();
  const oldClusters = new Map<string, Set<number>>();
  const clusterOld: Set<string>[] = Array.from({ length: nClusters }, () => new Set());
  const firstKey: string[] = new Array<string>(nClusters).fill('');
  const size = new Int32Array(nClusters);
  for (let i = 0; i < cluster.length; i++) {
    const c = cluster[i] as number;
    size[c] = (size[c] as number) + 1;
    if (!firstKey[c]) firstKey[c] = keyOf(i);
    const o = oldId(i);
    if (o === undefined) continue;
    oldSize.set(o, (oldSize.get(o) ?? 0) + 1);
    const k = `${c}\u0000${o}`;
    overlap.set(k, (overlap.get(k) ?? 0) + 1);
    (clusterOld[c] as Set<string>).add(o);
    let s = oldClusters.get(o);
    if (!s) oldClusters.set(o, (s = new Set()));
    s.add(c);
  }
  const ranked = [...overlap].map(([k, n]) => {
    const at = k.indexOf('\u0000');
    return { c: Number(k.slice(0, at)), old: k.slice(at + 1), n };
  }).sort((x, y) => y.n - x.n || (x.old < y.old ? -1 : x.old > y.old ? 1 : x.c - y.c));
  const ids: (string | undefined)[] = new Array<string | undefined>(nClusters).fill(undefined);
  const used = new Set<string>();
  for (const r of ranked) {
    if (ids[r.c] !== undefined || used.has(r.old)) continue;
    ids[r.c] = r.old;
    used.add(r.old);
  }
  const kept = used.size;
  const taken = new Set<string>([...oldSize.keys()]);
  const changes: IdChange[] = [];
  for (let c = 0; c < nClusters; c++) {
    if (ids[c] === undefined) {
      const id = newProductId(firstKey[c] as string, taken);
      taken.add(id);
      ids[c] = id;
      if ((clusterOld[c] as Set<string>).size === 0) changes.push({ kind: 'new', productId: id, otherIds: [], nListings: size[c] as number });
    }
    const from = [...(clusterOld[c] as Set<string>)].filter((o) => o !== ids[c]).sort();
    if (from.length > 0) changes.push({ kind: 'merge', productId: ids[c] as string, otherIds: from, nListings: size[c] as number });
  }
  for (const [old, cs] of [...oldClusters].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (cs.size > 1) changes.push({ kind: 'split', productId: old, otherIds: [...cs].map((c) => ids[c] as string).filter((id) => id !== old).sort(), nListings: oldSize.get(old) ?? 0 });
    if (!used.has(old)) changes.push({ kind: 'retired', productId: old, otherIds: [...cs].map((c) => ids[c] as string).sort(), nListings: oldSize.get(old) ?? 0 });
  }
  return { ids: ids as string[], kept, changes };
}
