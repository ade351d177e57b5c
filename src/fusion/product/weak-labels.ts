// Identifier weak supervision: among candidate pairs, listings in one identifier group (equal GTIN/ASIN, and seller
// SKUs where the data vouches for them) are the same product and groups with conflicting GTINs are different ones;
// random pairs of listings with different GTINs add easy negatives. No human label is used.
import { createRng } from '../../ai/builtin/rng.js';
import type { Candidates } from './block.js';
import { DEFAULT_GROUPS, identifierGroups, type IdentifierGroupOptions, type IdentifierGroups } from './identifier-groups.js';
import type { ListingRecord } from './records.js';

export interface WeakPair {
  readonly a: number;
  readonly b: number;
  readonly label: 0 | 1;
}

export interface WeakLabels {
  readonly train: WeakPair[];
  readonly valid: WeakPair[];
  readonly positives: number;
  readonly hardNegatives: number;
  readonly farNegatives: number;
  /** Whether seller SKUs joined identifier groups (the data showed SKU-equal listings agree on their GTINs). */
  readonly skuLinks: boolean;
}

export interface WeakLabelOptions {
  /** Most pairs kept (sampled) so training time stays bounded at any scale. */
  readonly maxPairs: number;
  /** Far negatives per hard negative. */
  readonly farRatio: number;
  /** Share of identifier groups held out to choose the threshold. */
  readonly validShare: number;
  readonly seed: number;
  /** How identifier groups are formed (SKU links and their evidence check). */
  readonly groups?: IdentifierGroupOptions;
}

export const DEFAULT_WEAK: WeakLabelOptions = { maxPairs: 30_000, farRatio: 0.3, validShare: 0.25, seed: 1 };

/** What identifier evidence says about a pair: 1 same, 0 different, undefined unknown. */
export function identifierVerdict(x: ListingRecord, y: ListingRecord): 0 | 1 | undefined {
  if (x.gtin && y.gtin) return x.gtin === y.gtin ? 1 : 0;
  if (x.asin && y.asin && x.asin === y.asin) return 1;
  return undefined;
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/** groups: identifierGroups(records, o.groups) when the caller already has them. */
export function weakLabels(records: readonly ListingRecord[], cand: Candidates, o: WeakLabelOptions = DEFAULT_WEAK, groups?: IdentifierGroups): WeakLabels {
  const rng = createRng(o.seed);
  const ig = groups ?? identifierGroups(records, o.groups ?? DEFAULT_GROUPS);
  // The GTIN a listing stands for: its own, or its group's (a barcode-less listing tied to one by SKU).
  const gtinOf = (i: number): string => (records[i] as ListingRecord).gtin || ((ig.group[i] as number) >= 0 ? (ig.gtin[ig.group[i] as number] as string) : '');
  const splitKey = (i: number): string => gtinOf(i) || `g${ig.group[i] as number}`;
  const pos: WeakPair[] = [];
  const hard: WeakPair[] = [];
  for (let i = 0; i < cand.a.length; i++) {
    const a = cand.a[i] as number;
    const b = cand.b[i] as number;
    const ga = ig.group[a] as number;
    if (ga >= 0 && ga === ig.group[b]) {
      pos.push({ a, b, label: 1 });
      continue;
    }
    const [x, y] = [gtinOf(a), gtinOf(b)];
    if (x && y && x !== y) hard.push({ a, b, label: 0 });
  }
  const withGtin = records.map((r) => r.rid).filter((i) => gtinOf(i));
  const far: WeakPair[] = [];
  const wantFar = Math.round(hard.length * o.farRatio);
  for (let t = 0; t < wantFar * 3 && far.length < wantFar && withGtin.length > 1; t++) {
    const a = withGtin[Math.floor(rng.next() * withGtin.length)] as number;
    const b = withGtin[Math.floor(rng.next() * withGtin.length)] as number;
    if (a !== b && gtinOf(a) !== gtinOf(b)) far.push({ a: Math.min(a, b), b: Math.max(a, b), label: 0 });
  }
  let all = [...pos, ...hard, ...far];
  if (all.length > o.maxPairs) {
    // Keep the class balance: sample each kind in proportion.
    const keep = o.maxPairs / all.length;
    all = all.filter(() => rng.next() < keep);
  }
  // Split by the left listing's product (GTIN or group) so one product's pairs never sit on both sides.
  const salt = `s${o.seed}:`;
  const valid: WeakPair[] = [];
  const train: WeakPair[] = [];
  for (const p of all) (hashString(salt + splitKey(p.a)) < o.validShare ? valid : train).push(p);
  return { train, valid, positives: pos.length, hardNegatives: hard.length, farNegatives: far.length, skuLinks: ig.skuEvidence.used };
}
