// Base products and their variants: the single product truth that every platform listing is derived from.
import { withCheckDigit } from './gtin.js';
import type { Rng } from './rng.js';
import { BRANDS, COLORS, DEFAULT_COLORS, TYPES, VALUE_ZH, type Axis, type Brand, type ProductType } from './vocab-products.js';

export interface BaseProduct {
  index: number;
  brand: Brand;
  type: ProductType;
  model: string;
  /** Relative sales popularity (Zipf-like). */
  popularity: number;
}

export interface Variant {
  /** Stable identity of base product + variant: `P00012-2`. Equal key ⇔ same product. */
  key: string;
  base: BaseProduct;
  attrs: Partial<Record<Axis, string>>;
  /** Master seller SKU, e.g. `SON-WH1000XM4-BLK`. */
  sku: string;
  /** GTIN-12 (UPC-A) or GTIN-13 (EAN), check digit valid. */
  gtin: string;
  priceUsd: number;
  popularity: number;
}

export interface Catalogue { products: BaseProduct[]; variants: Variant[] }

function expandModel(pattern: string, rng: Rng): string {
  let out = '';
  for (const ch of pattern) out += ch === '#' ? String(rng.int(0, 9)) : ch === '@' ? rng.letters(1) : ch;
  return out;
}

function axisValues(type: ProductType, axis: Axis, rng: Rng): string[] {
  const all = type.values?.[axis] ?? (axis === 'color' ? DEFAULT_COLORS : []);
  const k = axis === 'color' ? rng.int(1, Math.min(3, all.length)) : rng.int(Math.min(2, all.length), Math.min(4, all.length));
  const chosen = rng.sample(all, k);
  return all.filter((v) => chosen.includes(v));
}

function attrCode(axis: Axis, value: string): string {
  if (axis === 'color') return COLORS[value]?.code ?? value.slice(0, 3).toUpperCase();
  return value.replace(/[^0-9A-Za-z.]/g, '').toUpperCase();
}

/** Chinese rendering of one variant attribute (`黑色`, `128GB`, `1.8米床`). */
export function attrZh(axis: Axis, value: string): string {
  if (axis === 'color') return COLORS[value]?.zh ?? value;
  return VALUE_ZH[value] ?? value;
}

/** Price multiplier a bigger capacity/size commands over the smallest one. */
function stepFactor(type: ProductType, axis: Axis, value: string): number {
  const list = type.values?.[axis];
  if (!list || axis === 'color') return 1;
  return 1 + list.indexOf(value) * (axis === 'capacity' ? 0.35 : 0.12);
}

export function buildCatalogue(rng: Rng, baseCount: number): Catalogue {
  const products: BaseProduct[] = [];
  const variants: Variant[] = [];
  const usedModels = new Set<string>();
  let itemRef = 0;
  for (let i = 0; i < baseCount; i++) {
    const type = TYPES[i % TYPES.length] as ProductType;
    const brand = rng.pick(BRANDS[type.category]);
    let model = expandModel(rng.pick(type.models), rng);
    while (usedModels.has(brand.code + model)) model = expandModel(rng.pick(type.models), rng);
    usedModels.add(brand.code + model);
    const base: BaseProduct = { index: i, brand, type, model, popularity: 1 / Math.pow(1 + rng.int(0, baseCount), 0.7) };
    products.push(base);
    const basePrice = Math.round(rng.float(type.price[0], type.price[1])) - 0.01;
    let combos: Partial<Record<Axis, string>>[] = [{}];
    for (const axis of type.axes) {
      const values = axisValues(type, axis, rng);
      combos = combos.flatMap((c) => values.map((v) => ({ ...c, [axis]: v })));
    }
    combos = combos.slice(0, 6);
    combos.forEach((attrs, v) => {
      itemRef++;
      const modelCode = model.replace(/[^0-9A-Za-z]/g, '');
      const parts = [brand.code, modelCode, ...type.axes.map((a) => attrCode(a, attrs[a] as string))];
      let factor = 1;
      for (const a of type.axes) factor *= stepFactor(type, a, attrs[a] as string);
      const ref = String(itemRef).padStart((brand.upc ? 11 : 12) - brand.gs1.length, '0');
      variants.push({
        key: `P${String(i).padStart(5, '0')}-${v}`,
        base,
        attrs,
        sku: parts.join('-'),
        gtin: withCheckDigit((brand.upc ? '0' : '') + brand.gs1 + ref).slice(brand.upc ? 1 : 0),
        priceUsd: Math.round(basePrice * factor) - 0.01 > 0 ? Math.round(basePrice * factor) - 0.01 : basePrice,
        popularity: base.popularity * rng.float(0.4, 1.6),
      });
    });
  }
  return { products, variants };
}
