// Identifier groups and the weak labels drawn from them: GTIN/ASIN links, seller-SKU links only when the data vouches
// for them, never a group that holds two different GTINs; labels reach listings without a barcode.
import { describe, expect, it } from 'vitest';
import { identifierGroups, skuStem } from '../../../src/fusion/product/identifier-groups.js';
import type { ListingRecord } from '../../../src/fusion/product/records.js';
import { weakLabels } from '../../../src/fusion/product/weak-labels.js';
import type { Candidates } from '../../../src/fusion/product/block.js';

let nextRid = 0;
const rec = (platform: string, sku: string, gtin = '', asin = ''): ListingRecord => ({
  rid: nextRid++, platform, id: `${platform}-${nextRid}`, sku, gtin, mpn: '', asin, brand: '', title: '', category: '', variant: '',
  attributes: '', price: undefined, variantParent: false,
});

/** n products, each on shopify (SKU + GTIN), amazon (channel SKU + GTIN) and taobao (the shop SKU, no barcode). */
function shop(n: number, mangle: (i: number) => string = (i) => `ABC-${1000 + i}-BLK`): ListingRecord[] {
  nextRid = 0;
  const out: ListingRecord[] = [];
  for (let i = 0; i < n; i++) {
    const gtin = String(10_000_000_000_000 + i).padStart(14, '0');
    out.push(rec('shopify', `ABC-${1000 + i}-BLK`, gtin), rec('amazon', `${mangle(i)}-FBA`, gtin), rec('taobao', `abc-${1000 + i}-blk`));
  }
  return out;
}

const allPairs = (n: number): Candidates => {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    a.push(i);
    b.push(j);
  }
  return { a: Uint32Array.from(a), b: Uint32Array.from(b), source: new Uint8Array(a.length).fill(2), fromKeys: 0, fromNeighbours: a.length, fromEncoder: 0 };
};

describe('seller SKU stems', () => {
  it('drop channel decorations but keep a long numeric tail that names the variant', () => {
    expect(skuStem(rec('x', 'ABC-123_1'))).toBe('abc123');
    expect(skuStem(rec('x', 'abc-123-FBA'))).toBe('abc123');
    expect(skuStem(rec('x', 'shopify_US_7412002295135_42100000746408'))).toBe('shopifyus741200229513542100000746408');
    expect(skuStem(rec('x', 'blue'))).toBe('');
    expect(skuStem(rec('x', '100234'))).toBe('');
  });
});

describe('identifier groups', () => {
  it('join barcode-less listings to their GTIN group through a SKU the data vouches for', () => {
    const r = shop(30);
    const g = identifierGroups(r);
    expect(g.skuEvidence.used).toBe(true);
    expect(g.skuEvidence.agree).toBe(g.skuEvidence.pairs);
    for (let i = 0; i < 30; i++) {
      expect(g.group[3 * i + 2]).toBe(g.group[3 * i]);
      expect(g.group[3 * i + 2]).not.toBe(g.group[3 * i + 3]);
      expect(g.gtin[g.group[3 * i + 2] as number]).toBe(r[3 * i]!.gtin);
    }
  });

  it('ignore SKUs when SKU-equal listings with barcodes disagree on them (a SKU reused across variants)', () => {
    // amazon reuses one SKU per pair of products: SKU-equal listings then carry different GTINs
    const r = shop(30, (i) => `ABC-${1000 + (i - (i % 2))}-BLK`);
    const g = identifierGroups(r);
    expect(g.skuEvidence.used).toBe(false);
    expect(g.group[2]).toBe(-1);
  });

  it('never bridge two different GTINs, even through an ASIN', () => {
    nextRid = 0;
    const r = [rec('amazon', '', '00000000000017', 'B0001'), rec('amazon', '', '00000000000024', 'B0001'), rec('ebay', '', '00000000000017')];
    const g = identifierGroups(r);
    expect(g.group[0]).toBe(g.group[2]);
    expect(g.group[1]).toBe(-1);
  });
});

describe('weak labels from identifier groups', () => {
  it('label pairs with a barcode-less listing: positive within its group, negative against another GTIN', () => {
    const r = shop(30);
    const w = weakLabels(r, allPairs(r.length), { maxPairs: 1e9, farRatio: 0, validShare: 0.25, seed: 1 });
    expect(w.skuLinks).toBe(true);
    const all = [...w.train, ...w.valid];
    const label = (a: number, b: number) => all.find((p) => p.a === a && p.b === b)?.label;
    expect(label(0, 2)).toBe(1);
    expect(label(1, 2)).toBe(1);
    expect(label(2, 5)).toBe(0);
    expect(w.positives).toBe(30 * 3);
    // one product's pairs never sit on both sides of the split
    const validLeft = new Set(w.valid.map((p) => r[p.a]!.gtin));
    expect(w.train.some((p) => validLeft.has(r[p.a]!.gtin))).toBe(false);
  });
});
