// Platform-style listing titles: the same variant reworded per marketplace, the hard part of product matching.
import { attrZh, type Variant } from './catalogue.js';
import type { Rng } from './rng.js';
import { MARKETING_EN, MARKETING_ZH, type Axis } from './vocab-products.js';

/** `16GB` → one of `16GB`, `16 GB`, `16gb`, `16G`, `16 G`; likewise mAh, ml, L. */
export function unitSpelling(value: string, rng: Rng, chinese = false): string {
  const m = /^(\d+(?:\.\d+)?)(GB|mAh|ml|L|mm|cm)$/.exec(value);
  if (!m) return value;
  const [, n, unit] = m as unknown as [string, string, string];
  const forms: Record<string, string[]> = {
    GB: ['GB', ' GB', 'gb', 'G', ' G'],
    mAh: ['mAh', ' mAh', 'MAH', chinese ? '毫安' : 'mah'],
    ml: ['ml', ' ml', 'mL', 'ML'],
    L: ['L', ' L', chinese ? '升' : 'l'],
    mm: ['mm', ' mm', 'MM'],
    cm: ['cm', ' cm', 'CM'],
  };
  return rng.chance(0.55) ? value : n + rng.pick(forms[unit] ?? [unit]);
}

/** `WH-1000XM4` → mostly as is, else `WH1000XM4`, `WH 1000XM4`, `wh-1000xm4`. */
export function modelSpelling(model: string, rng: Rng): string {
  const r = rng.next();
  if (r < 0.7) return model;
  if (r < 0.82) return model.replace(/[-\s/]/g, '');
  if (r < 0.92) return model.replace(/-/g, ' ');
  return model.toLowerCase();
}

/** Swap two neighbouring letters of one longer word — the typo a hurried seller makes. */
export function typo(title: string, rng: Rng): string {
  const words = title.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[A-Za-z]{5,}$/.test(w));
  if (candidates.length === 0) return title;
  const { w, i } = rng.pick(candidates);
  const at = rng.int(1, w.length - 2);
  words[i] = w.slice(0, at) + (w[at + 1] as string) + (w[at] as string) + w.slice(at + 2);
  return words.join(' ');
}

function attrsEn(v: Variant, rng: Rng): string[] {
  return v.base.type.axes.map((a: Axis) => unitSpelling(v.attrs[a] as string, rng));
}

function attrsCn(v: Variant, rng: Rng): string[] {
  return v.base.type.axes.map((a: Axis) => unitSpelling(attrZh(a, v.attrs[a] as string), rng, true));
}

/** Variant title as Shopify/Woo show it: `Black / 128GB`. */
export function variantTitle(v: Variant): string {
  return v.base.type.axes.map((a) => v.attrs[a] as string).join(' / ');
}

/** Chinese variant text as Taobao's 商品属性 shows it: `颜色分类:黑色;尺码:XL`. */
export function propertyText(v: Variant): string {
  const label: Record<Axis, string> = { color: '颜色分类', capacity: '存储容量', size: '尺码', volume: '容量' };
  return v.base.type.axes.map((a) => `${label[a]}:${attrZh(a, v.attrs[a] as string)}`).join(';');
}

function maybeTypo(title: string, rng: Rng, p: number): string {
  return rng.chance(p) ? typo(title, rng) : title;
}

export type TitleStyle = 'shopify' | 'amazon' | 'ebay' | 'woocommerce' | 'google' | 'taobao' | 'jd' | 'pinduoduo' | 'canonical';

/** Product-level title (no variant words) for stores that keep variants as options. */
export function productTitle(v: Variant, rng: Rng, style: 'shopify' | 'woocommerce'): string {
  const b = v.base;
  const t = style === 'shopify' ? `${b.brand.en} ${modelSpelling(b.model, rng)} ${b.type.en}` : `${b.brand.en} ${b.type.short} ${modelSpelling(b.model, rng)}`;
  return maybeTypo(t, rng, 0.03);
}

export function listingTitle(v: Variant, rng: Rng, style: TitleStyle): string {
  const b = v.base;
  const model = modelSpelling(b.model, rng);
  const en = attrsEn(v, rng);
  switch (style) {
    case 'canonical':
      return [b.brand.en, b.model, b.type.en, ...v.base.type.axes.map((a) => v.attrs[a] as string)].join(' ');
    case 'amazon': {
      const t = `${b.brand.en} ${model} ${b.type.en}${en.length ? ', ' + en.join(', ') : ''}`;
      return maybeTypo(rng.chance(0.3) ? `${t} - ${b.type.short} for Home, Travel and Office` : t, rng, 0.03);
    }
    case 'ebay': {
      const words = [b.brand.en, model, b.type.short, ...en];
      if (rng.chance(0.4)) words.splice(1, 0, ...words.splice(2, 1));
      if (rng.chance(0.6)) words.push(rng.pick(MARKETING_EN));
      if (rng.chance(0.3)) words.unshift(rng.pick(MARKETING_EN));
      return maybeTypo(words.join(' ').slice(0, 80).trim(), rng, 0.06);
    }
    case 'shopify':
    case 'woocommerce':
      return `${productTitle(v, rng, style)}${en.length ? ' - ' + en.join(' / ') : ''}`;
    case 'google':
      return maybeTypo(`${b.brand.en} ${b.type.en} ${model}${en.length ? ' - ' + en.join(' ') : ''}`, rng, 0.02);
    case 'taobao': {
      const words = [b.brand.zh, model, b.type.zh, ...attrsCn(v, rng)];
      if (rng.chance(0.7)) words.unshift(rng.pick(MARKETING_ZH));
      if (rng.chance(0.5)) words.push(rng.pick(MARKETING_ZH));
      return words.join(' ');
    }
    case 'jd':
      return `${b.brand.zh}（${b.brand.en.toUpperCase()}）${model} ${b.type.zh} ${attrsCn(v, rng).join(' ')}`.trim();
    case 'pinduoduo': {
      const words = [b.brand.zh + model.replace(/-/g, ''), b.type.zh, ...attrsCn(v, rng)];
      if (rng.chance(0.5)) words.reverse();
      return `${rng.chance(0.6) ? '【包邮】' : ''}${words.join(' ')} ${rng.pick(['特价', '百亿补贴', '正品', '限时秒杀'])}`;
    }
  }
}
