// Identifier groups: listings joined by equal GTIN, equal ASIN and — when the data shows sellers reuse them across
// channels — equal seller SKU stems. A group reaches the listings without a barcode (a Taobao copy of a Shopify SKU),
// so the weak labels drawn from it also cover the Chinese and marketplace listings the model must later decide.
import { normalizeSku } from './matching-text.js';
import type { ListingRecord } from './records.js';

export interface IdentifierGroupOptions {
  /** SKU links are used only when SKU-equal pairs that both carry GTINs agree on the GTIN at least this often. */
  readonly minSkuAgreement: number;
  /** ...and only with at least this many such pairs to judge by. */
  readonly minSkuEvidence: number;
  /** A SKU stem on more listings of one platform than this names no single product. */
  readonly maxSkuPerPlatform: number;
}

export const DEFAULT_GROUPS: IdentifierGroupOptions = { minSkuAgreement: 0.97, minSkuEvidence: 20, maxSkuPerPlatform: 3 };

export interface IdentifierGroups {
  /** Group per listing, -1 for a listing no identifier links to another. */
  readonly group: Int32Array;
  /** The GTIN a group carries ('' when none), by group. */
  readonly gtin: readonly string[];
  /** SKU-equal pairs that both carry a GTIN, and how many of them agree: the evidence SKU links were judged by. */
  readonly skuEvidence: { readonly pairs: number; readonly agree: number; readonly used: boolean };
}

/** Seller SKU stem usable as an identifier: long enough and mixing letters and digits (not "blue", not "1001"). */
export function skuStem(r: ListingRecord): string {
  const s = normalizeSku(r.sku);
  return s.length >= 6 && /\d/.test(s) && /\p{L}/u.test(s) ? s : '';
}

export function identifierGroups(records: readonly ListingRecord[], o: IdentifierGroupOptions = DEFAULT_GROUPS): IdentifierGroups {
  const n = records.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const gtinOf: string[] = records.map((r) => r.gtin);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  const linked = new Uint8Array(n);
  // Joins unless the two sides carry different GTINs (a reused ASIN or SKU must not bridge two barcoded products).
  const union = (a: number, b: number): void => {
    const x = find(a);
    const y = find(b);
    if (x === y) return;
    const gx = gtinOf[x] as string;
    const gy = gtinOf[y] as string;
    if (gx && gy && gx !== gy) return;
    parent[y] = x;
    if (!gx) gtinOf[x] = gy;
    linked[a] = 1;
    linked[b] = 1;
  };
  const linkBy = (key: (r: ListingRecord) => string): void => {
    const first = new Map<string, number>();
    for (const r of records) {
      const k = key(r);
      if (!k) continue;
      const f = first.get(k);
      if (f === undefined) first.set(k, r.rid);
      else union(f, r.rid);
    }
  };
  linkBy((r) => r.gtin);
  linkBy((r) => r.asin);

  const perPlatform = new Map<string, number>();
  const stems = records.map((r) => skuStem(r));
  records.forEach((r, i) => {
    if (stems[i]) perPlatform.set(`${r.platform}\u0000${stems[i]}`, (perPlatform.get(`${r.platform}\u0000${stems[i]}`) ?? 0) + 1);
  });
  records.forEach((r, i) => {
    if (stems[i] && (perPlatform.get(`${r.platform}\u0000${stems[i]}`) as number) > o.maxSkuPerPlatform) stems[i] = '';
  });
  // Evidence: among SKU-equal listings with barcodes, how often do the barcodes agree?
  const bySku = new Map<string, Map<string, number>>();
  records.forEach((r, i) => {
    const s = stems[i] as string;
    if (!s || !r.gtin) return;
    let m = bySku.get(s);
    if (!m) bySku.set(s, (m = new Map<string, number>()));
    m.set(r.gtin, (m.get(r.gtin) ?? 0) + 1);
  });
  let pairs = 0;
  let agree = 0;
  for (const m of bySku.values()) {
    let tot = 0;
    for (const c of m.values()) {
      agree += (c * (c - 1)) / 2;
      tot += c;
    }
    pairs += (tot * (tot - 1)) / 2;
  }
  const used = pairs >= o.minSkuEvidence && agree / pairs >= o.minSkuAgreement;
  if (used) linkBy((r) => stems[r.rid] as string);

  const group = new Int32Array(n).fill(-1);
  const gtin: string[] = [];
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!linked[i]) continue;
    const root = find(i);
    let g = ids.get(root);
    if (g === undefined) {
      ids.set(root, (g = gtin.length));
      gtin.push(gtinOf[root] as string);
    }
    group[i] = g;
  }
  return { group, gtin, skuEvidence: { pairs, agree, used } };
}
