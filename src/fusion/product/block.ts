// Candidate pairs: listings sharing an identifier or model-code key (keys shared by too many listings skipped) plus
// top-k TF-IDF neighbours; pairs are rid pairs a < b. Pairs are packed as one double (a·n + b, exact below 2^53) in
// typed arrays and deduplicated by a native numeric sort: ten million pairs need no Map and no object per pair.
import type { NeighbourJob } from './block-worker.js';
import { buildNeighbourIndex, queryNeighbours, type NeighbourOptions } from './neighbours.js';
import { fanOut, runTask, shares, type ParallelOptions } from './worker-task.js';

/** Below this many listings the neighbour queries stay on this thread. */
export const PARALLEL_MIN_QUERIES = 100_000;

export interface BlockOptions {
  /** A key shared by more listings than this is too generic to pair on (a brand-wide code, a junk barcode). */
  readonly maxKeyFrequency: number;
  readonly neighbours: Partial<NeighbourOptions>;
}

export const DEFAULT_BLOCK: BlockOptions = { maxKeyFrequency: 40, neighbours: {} };

export interface Candidates {
  /** a[i] < b[i], distinct pairs, sorted by (a, b). */
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  /** Bits: 1 = from a shared key, 2 = from TF-IDF neighbours, 4 = from title-encoder neighbours. */
  readonly source: Uint8Array;
  readonly fromKeys: number;
  readonly fromNeighbours: number;
  /** Pairs the title encoder's neighbours proposed (`fuse products --encoder`; 0 without). */
  readonly fromEncoder: number;
}

/** A growable Float64Array of packed pairs. */
export class PackedPairs {
  n = 0;
  a = new Float64Array(1 << 16);
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  /** The distinct values, ascending (values are pairs a·n + b of n listings). */
  sortedUnique(n: number): Float64Array {
    const s = sortedUniquePairs(this.a, this.n, n);
    this.a = new Float64Array(0);
    this.n = 0;
    return s;
  }
}

/** The pairs a query emits (emit(a, b) with a < b), packed a·n + b, in the order emitted (what a worker posts back). */
export function collectPairs(n: number, query: (emit: (a: number, b: number) => void) => void): Float64Array<ArrayBuffer> {
  const out = new PackedPairs();
  query((a, b) => out.push(a * n + b));
  return out.a.slice(0, out.n);
}

/** The distinct pairs of several shares' packed pairs (of n listings), ascending. */
export function sortedUniqueOf(parts: readonly Float64Array[], n: number): Float64Array {
  const all = new PackedPairs();
  all.a = new Float64Array(parts.reduce((x, p) => x + p.length, 0));
  for (const p of parts) {
    all.a.set(p, all.n);
    all.n += p.length;
  }
  return all.sortedUnique(n);
}

/**
 * The distinct packed pairs of v[0..m) ascending, by a counting sort on a (then each a's few b's sorted in place):
 * linear where a comparison sort of ten million doubles took seconds.
 */
export function sortedUniquePairs(v: Float64Array, m: number, n: number): Float64Array {
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < m; i++) start[Math.floor((v[i] as number) / n) + 1]!++;
  for (let k = 0; k < n; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const fill = start.slice(0, n);
  const bs = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    const x = v[i] as number;
    const a = Math.floor(x / n);
    bs[fill[a]!++] = x - a * n;
  }
  const out = new Float64Array(m);
  let o = 0;
  for (let a = 0; a < n; a++) {
    const s = start[a] as number;
    const e = start[a + 1] as number;
    if (e - s > 32) bs.subarray(s, e).sort();
    else {
      for (let k = s + 1; k < e; k++) {
        const b = bs[k] as number;
        let j = k - 1;
        while (j >= s && (bs[j] as number) > b) {
          bs[j + 1] = bs[j] as number;
          j--;
        }
        bs[j + 1] = b;
      }
    }
    for (let k = s; k < e; k++) if (k === s || bs[k] !== bs[k - 1]) out[o++] = a * n + (bs[k] as number);
  }
  return out.slice(0, o);
}

/** Packed pairs (a·n + b, a < b) of listings that share a key used by 2..maxKeyFrequency listings, ascending. */
export function keyPairs(keys: readonly (readonly string[])[], maxKeyFrequency: number): Float64Array {
  const n = keys.length;
  const ids = new Map<string, number>();
  let total = 0;
  for (const ks of keys) total += ks.length;
  // Each listing's key ids, then the listings of each key (ascending rid), as CSR arrays.
  const keyOf = new Int32Array(total);
  const ridOf = new Int32Array(total);
  let at = 0;
  for (let rid = 0; rid < n; rid++) {
    for (const k of keys[rid] as readonly string[]) {
      let id = ids.get(k);
      if (id === undefined) ids.set(k, (id = ids.size));
      keyOf[at] = id;
      ridOf[at++] = rid;
    }
  }
  const off = new Int32Array(ids.size + 1);
  for (let t = 0; t < total; t++) off[(keyOf[t] as number) + 1]!++;
  for (let k = 0; k < ids.size; k++) off[k + 1] = (off[k + 1] as number) + (off[k] as number);
  const fill = off.slice(0, ids.size);
  const members = new Int32Array(total);
  for (let t = 0; t < total; t++) members[fill[keyOf[t] as number]!++] = ridOf[t] as number;
  const out = new PackedPairs();
  for (let k = 0; k < ids.size; k++) {
    const s = off[k] as number;
    const e = off[k + 1] as number;
    if (e - s < 2 || e - s > maxKeyFrequency) continue;
    for (let x = s; x < e; x++) {
      for (let y = x + 1; y < e; y++) {
        const a = members[x] as number;
        const b = members[y] as number;
        if (a !== b) out.push(a < b ? a * n + b : b * n + a);
      }
    }
  }
  return out.sortedUnique(n);
}

export async function blockCandidates(texts: readonly string[], keys: readonly (readonly string[])[], o: BlockOptions = DEFAULT_BLOCK, parallel: ParallelOptions = {}, byEncoder: Float64Array = new Float64Array(0)): Promise<Candidates> {
  const n = texts.length;
  const ranges = shares(n, parallel, PARALLEL_MIN_QUERIES);
  const index = buildNeighbourIndex(texts, ranges.length > 1);
  // Other threads answer their shares of the neighbour queries while this one pairs the keys and does its own share.
  const pending = fanOut(ranges, parallel, (from, to) => runTask<Float64Array>('block-worker', { kind: 'tfidf', index, options: o.neighbours, from, to } satisfies NeighbourJob),
    (from, to) => collectPairs(n, (emit) => queryNeighbours(index, o.neighbours, from, to, emit)));
  const byKey = keyPairs(keys, o.maxKeyFrequency);
  const byText = sortedUniqueOf(await pending, n);
  // Merge the two ascending runs, flagging where each pair came from.
  const a = new Uint32Array(byKey.length + byText.length);
  const b = new Uint32Array(a.length);
  const source = new Uint8Array(a.length);
  let m = 0;
  let fromKeys = 0;
  let fromNeighbours = 0;
  for (let x = 0, y = 0; x < byKey.length || y < byText.length; m++) {
    const u = x < byKey.length ? (byKey[x] as number) : Infinity;
    const v = y < byText.length ? (byText[y] as number) : Infinity;
    const k = Math.min(u, v);
    const s = (u === k ? 1 : 0) | (v === k ? 2 : 0);
    if (s & 1) {
      x++;
      fromKeys++;
    }
    if (s & 2) {
      y++;
      fromNeighbours++;
    }
    a[m] = Math.floor(k / n);
    b[m] = k - (a[m] as number) * n;
    source[m] = s;
  }
  const merged = { a: a.slice(0, m), b: b.slice(0, m), source: source.slice(0, m), fromKeys, fromNeighbours, fromEncoder: 0 };
  return byEncoder.length === 0 ? merged : withEncoderPairs(merged, byEncoder, n);
}

/** Candidates with the title encoder's neighbour pairs (packed a·n + b, ascending, distinct) merged in as source bit 4. */
function withEncoderPairs(c: Candidates, enc: Float64Array, n: number): Candidates {
  const total = c.a.length + enc.length;
  const a = new Uint32Array(total);
  const b = new Uint32Array(total);
  const source = new Uint8Array(total);
  let m = 0;
  for (let x = 0, y = 0; x < c.a.length || y < enc.length; m++) {
    const u = x < c.a.length ? (c.a[x] as number) * n + (c.b[x] as number) : Infinity;
    const v = y < enc.length ? (enc[y] as number) : Infinity;
    const k = Math.min(u, v);
    let s = 0;
    if (u === k) s |= c.source[x++] as number;
    if (v === k) {
      s |= 4;
      y++;
    }
    a[m] = Math.floor(k / n);
    b[m] = k - (a[m] as number) * n;
    source[m] = s;
  }
  return { a: a.slice(0, m), b: b.slice(0, m), source: source.slice(0, m), fromKeys: c.fromKeys, fromNeighbours: c.fromNeighbours, fromEncoder: enc.length };
}
