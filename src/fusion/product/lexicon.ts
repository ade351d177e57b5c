// Cross-language evidence for Chinese and English listings of one product: colour words and units have fixed
// translations, and brand names are learnt from the data itself ("索尼（SONY）" in a title teaches 索尼 = sony).

const COLOURS: Record<string, string> = {
  黑色: 'black', 白色: 'white', 银色: 'silver', 蓝色: 'blue', 红色: 'red', 粉色: 'pink', 灰色: 'grey', 绿色: 'green',
  金色: 'gold', 紫色: 'purple', 黄色: 'yellow', 棕色: 'brown', 橙色: 'orange', 米色: 'beige', 卡其色: 'khaki',
  珊瑚色: 'coral', 裸色: 'nude', 莓果色: 'berry', 深蓝色: 'navy', 玫瑰金: 'rose gold', 香槟色: 'champagne', 透明: 'clear',
};

/** Chinese shoe sizes (EU) and bed widths as the US sizes English listings use. */
const SIZES: Record<string, string> = {
  '39码': 'us 6', '40码': 'us 7', '41码': 'us 8', '42码': 'us 9', '43码': 'us 10', '44码': 'us 11', '45码': 'us 12',
  '1.2米床': 'twin', '1.35米床': 'full', '1.5米床': 'full', '1.8米床': 'queen', '2.0米床': 'king', '2米床': 'king',
};
Object.assign(COLOURS, SIZES);

const COLOUR_RE = new RegExp(Object.keys(COLOURS).sort((a, b) => b.length - a.length).join('|'), 'gu');

const UNIT_RE: [RegExp, string][] = [
  [/(\d(?:[.,]\d+)?)\s*毫安时?/gu, '$1mAh'],
  [/(\d(?:[.,]\d+)?)\s*毫升/gu, '$1ml'],
  [/(\d(?:[.,]\d+)?)\s*升/gu, '$1L'],
  [/(\d(?:[.,]\d+)?)\s*厘米/gu, '$1cm'],
  [/(\d(?:[.,]\d+)?)\s*毫米/gu, '$1mm'],
  [/(\d(?:[.,]\d+)?)\s*英寸/gu, '$1inch'],
];

/** Brand written in Han characters → its Latin name, learnt from titles. */
export type BrandAliases = ReadonlyMap<string, string>;

const ALIAS_RE = /(\p{Script=Han}{2,8})\s*[(（]\s*([A-Za-z][A-Za-z0-9&'. -]{1,30}?)\s*[)）]/gu;

/** Han → Latin brand pairs seen at least twice, each Han name keeping its most frequent Latin spelling. */
export function learnBrandAliases(titles: Iterable<string>): BrandAliases {
  const counts = new Map<string, Map<string, number>>();
  for (const t of titles) {
    if (!t || !t.includes('(') && !t.includes('（')) continue;
    for (const m of t.matchAll(ALIAS_RE)) {
      const zh = m[1] as string;
      const en = (m[2] as string).toLowerCase().trim();
      let c = counts.get(zh);
      if (!c) counts.set(zh, (c = new Map<string, number>()));
      c.set(en, (c.get(en) ?? 0) + 1);
    }
  }
  const out = new Map<string, string>();
  for (const [zh, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const best = [...c].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (best && best[1] >= 2) out.set(zh, best[0]);
  }
  return out;
}

export interface GlossaryOptions {
  /** Identifier groups a Han word must appear in before it is translated. */
  readonly minGroups: number;
  /** Share of those groups whose English listings carry the English word. */
  readonly minShare: number;
  /** How much likelier the English word is in those groups than in all groups. */
  readonly minLift: number;
  /** English words kept per Han word. */
  readonly maxWords: number;
}

export const DEFAULT_GLOSSARY: GlossaryOptions = { minGroups: 3, minShare: 0.6, minLift: 3, maxWords: 3 };

const HAN_RUN = /\p{Script=Han}{2,}/gu;
// Latin words of the English titles, units and code prefixes included ("ml" of "50ml", "sm" of "SM-A369"): they
// also appear in Chinese titles and measured better than whole words only (F1 96.6 vs 95.4 on medium seed 42).
const LATIN_WORD = /\p{Script=Latin}{2,}/gu;

/**
 * Han words (runs of Han characters) → the English words that go with them, learnt from identifier groups (listings
 * tied by GTIN, ASIN or seller SKU) that hold both a Chinese and an English title: "修身牛仔裤" in the groups whose
 * English titles say "slim fit jeans". A word is kept when most such groups have it (minShare) and it is much rarer
 * elsewhere (minLift), so brands of one product type and colours of one variant do not qualify.
 */
export function learnHanGlossary(titles: readonly string[], group: Int32Array, o: GlossaryOptions = DEFAULT_GLOSSARY): Map<string, string> {
  const han = new Map<number, Set<string>>();
  const en = new Map<number, Set<string>>();
  titles.forEach((t, i) => {
    const g = group[i] as number;
    if (g < 0 || !t) return;
    const isHan = /\p{Script=Han}/u.test(t);
    const into = isHan ? han : en;
    let set = into.get(g);
    if (!set) into.set(g, (set = new Set()));
    for (const m of (isHan ? t : t.normalize('NFKC').toLowerCase()).matchAll(isHan ? HAN_RUN : LATIN_WORD)) set.add(m[0]);
  });
  const both = [...han.keys()].filter((g) => en.has(g));
  const hanCount = new Map<string, number>();
  const enCount = new Map<string, number>();
  const pairCount = new Map<string, Map<string, number>>();
  for (const g of both) {
    for (const w of en.get(g) as Set<string>) enCount.set(w, (enCount.get(w) ?? 0) + 1);
    for (const h of han.get(g) as Set<string>) {
      hanCount.set(h, (hanCount.get(h) ?? 0) + 1);
      let m = pairCount.get(h);
      if (!m) pairCount.set(h, (m = new Map<string, number>()));
      for (const w of en.get(g) as Set<string>) m.set(w, (m.get(w) ?? 0) + 1);
    }
  }
  const out = new Map<string, string>();
  for (const [h, m] of [...pairCount].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const nh = hanCount.get(h) as number;
    if (nh < o.minGroups || COLOURS[h]) continue;
    const words = [...m]
      .filter(([w, c]) => c / nh >= o.minShare && c / nh >= o.minLift * ((enCount.get(w) as number) / both.length))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, o.maxWords)
      .map(([w]) => w);
    if (words.length) out.set(h, words.join(' '));
  }
  return out;
}

export interface Translator {
  /** English words for the Chinese colours, units and learnt brands in the text (empty when none). */
  extra(text: string): string;
  /** The text with Chinese unit words written as Latin units ("20000毫安" → "20000mAh"). */
  units(text: string): string;
}

export function createTranslator(aliases: BrandAliases): Translator {
  const names = [...aliases.keys()].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const brandRe = names.length ? new RegExp(names.join('|'), 'gu') : undefined;
  return {
    extra(text) {
      if (!/\p{Script=Han}/u.test(text)) return '';
      const words: string[] = [];
      for (const m of text.matchAll(COLOUR_RE)) words.push(COLOURS[m[0]] as string);
      if (brandRe) {
        const lower = text.toLowerCase();
        for (const m of text.matchAll(brandRe)) {
          const en = aliases.get(m[0]) as string;
          if (!lower.includes(en)) words.push(en);
        }
      }
      return [...new Set(words)].join(' ');
    },
    units(text) {
      if (!/\p{Script=Han}/u.test(text)) return text;
      let s = text;
      for (const [re, to] of UNIT_RE) s = s.replace(re, to);
      return s;
    },
  };
}

/**
 * Words one platform uses that the median other platform (almost) never has: marketing boilerplate ("Best Seller",
 * "2026 Model", "for Home, Travel and Office") and product-type words that Chinese listings write only in Han
 * characters ("Slim Fit Jeans" / 修身牛仔裤). Neither can appear on both sides of a cross-platform pair, so both are
 * dropped from that platform's matcher view: what is left — brand, model code, variant words — is comparable across
 * languages, and the weak labels (English, barcoded) then teach a model that also fits Chinese listings.
 */
export function learnBoilerplate(items: readonly { platform: string; tokens: readonly string[] }[], minRate = 0.03, ratio = 10): Map<string, Set<string>> {
  const counts: PlatformTokens = new Map();
  for (const it of items) countPlatformTokens(counts, it.platform, it.tokens);
  return boilerplateOf(counts, minRate, ratio);
}

/** Per platform: listings seen and, per token, how many of them carry it (what learnBoilerplate decides from). */
export type PlatformTokens = Map<string, { n: number; df: Map<string, number> }>;

export function countPlatformTokens(into: PlatformTokens, platform: string, tokens: readonly string[]): void {
  let p = into.get(platform);
  if (!p) into.set(platform, (p = { n: 0, df: new Map() }));
  p.n++;
  for (const t of new Set(tokens)) p.df.set(t, (p.df.get(t) ?? 0) + 1);
}

/** Adds counts made elsewhere (another thread's share of the listings). */
export function mergePlatformTokens(into: PlatformTokens, from: PlatformTokens): void {
  for (const [platform, q] of from) {
    let p = into.get(platform);
    if (!p) into.set(platform, (p = { n: 0, df: new Map() }));
    p.n += q.n;
    for (const [t, d] of q.df) p.df.set(t, (p.df.get(t) ?? 0) + d);
  }
}

/** learnBoilerplate from token counts. */
export function boilerplateOf(perPlatform: PlatformTokens, minRate = 0.03, ratio = 10): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const platforms = [...perPlatform.keys()].sort();
  if (platforms.length < 3) return out;
  for (const name of platforms) {
    const p = perPlatform.get(name) as { n: number; df: Map<string, number> };
    if (p.n < 50) continue;
    const set = new Set<string>();
    for (const [t, d] of p.df) {
      const rate = d / p.n;
      if (rate < minRate) continue;
      const others = platforms.filter((q) => q !== name).map((q) => {
        const o = perPlatform.get(q) as { n: number; df: Map<string, number> };
        return (o.df.get(t) ?? 0) / Math.max(1, o.n);
      }).sort((a, b) => a - b);
      const median = others[Math.floor(others.length / 2)] ?? 0;
      if (rate >= ratio * median) set.add(t);
    }
    if (set.size) out.set(name, set);
  }
  return out;
}
