// Search text → tokens. Latin/digit words (with a joined form for codes written with hyphens or spaces:
// "WH-1000XM4" → wh, 1000xm4, wh1000xm4), CJK as character unigrams and bigrams (no word boundaries in
// Chinese), and character trigrams for fuzzy matching of words the index does not know.
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

// Chinese variant words → the English token, so a 黑色 query finds a "Black" listing and back.
const ZH_ALIASES: Record<string, string> = {
  黑色: 'black', 白色: 'white', 红色: 'red', 蓝色: 'blue', 绿色: 'green', 银色: 'silver', 灰色: 'grey', 金色: 'gold',
  粉色: 'pink', 黄色: 'yellow', 紫色: 'purple', 橙色: 'orange', 棕色: 'brown', 深空灰: 'grey', 玫瑰金: 'rose',
  裸色: 'nude', 莓果色: 'berry', 珊瑚色: 'coral', 米色: 'beige', 藏青色: 'navy', 卡其色: 'khaki',
  // well-known brands' Chinese names (the names a Chinese marketplace title uses)
  索尼: 'sony', 三星: 'samsung', 安克: 'anker', 小米: 'xiaomi', 华为: 'huawei', 闪迪: 'sandisk', 金士顿: 'kingston',
  飞利浦: 'philips', 戴森: 'dyson', 美的: 'midea', 松下: 'panasonic', 特福: 'tefal', 美膳雅: 'cuisinart',
  欧莱雅: 'loreal', 雅诗兰黛: 'estee', 兰蔻: 'lancome', 露得清: 'neutrogena', 资生堂: 'shiseido', 完美日记: 'perfect',
  耐克: 'nike', 阿迪达斯: 'adidas', 优衣库: 'uniqlo', 李维斯: 'levis', 李宁: 'ning', 安踏: 'anta', 乐高: 'lego', 孩之宝: 'hasbro',
  苹果: 'apple', 联想: 'lenovo', 佳能: 'canon', 尼康: 'nikon',
};
const ALIASES: Record<string, string> = { gray: 'grey', colour: 'color' };
const UNITS: Record<string, string> = { g: 'gb', gb: 'gb', tb: 'tb', mb: 'mb', l: 'l', ml: 'ml', cm: 'cm', mm: 'mm', inch: 'in', in: 'in', w: 'w', mah: 'mah', kg: 'kg' };

export function searchTokens(text: string): string[] {
  const out: string[] = [];
  let norm = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFKC').toLowerCase().replace(/['’]/g, '');
  for (const [zh, en] of Object.entries(ZH_ALIASES)) if (norm.includes(zh)) norm += ` ${en}`;
  // "64 GB", "64G", "4 L" → one size token ("64gb", "4l")
  norm = norm.replace(/(?<![\p{L}\p{N}.-])(\d+(?:\.\d+)?)\s*(gb|g|tb|mb|ml|l|cm|mm|inch|in|w|mah|kg)(?![\p{L}\p{N}])/gu, (_, n: string, u: string) => ` ${n}${UNITS[u] ?? u} `);
  for (const m of norm.matchAll(/[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)*/gu)) {
    const run = m[0];
    const parts = run.split(/[-_./]/).filter(Boolean);
    for (const part of parts) {
      if (CJK.test(part)) {
        let latin = '';
        const chars = [...part];
        for (let i = 0; i < chars.length; i++) {
          const c = chars[i]!;
          if (CJK.test(c)) {
            if (latin) out.push(latin);
            latin = '';
            out.push(c);
            if (i + 1 < chars.length && CJK.test(chars[i + 1]!)) out.push(c + chars[i + 1]!);
          } else latin += c;
        }
        if (latin) out.push(latin);
      } else out.push(part);
    }
    if (parts.length > 1 && !CJK.test(run)) out.push(parts.join(''));
  }
  // model codes written with a space ("SM S449C", "FP 22", "GT 7") also join into one token
  const words = out.filter((t) => !CJK.test(t));
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i]!;
    const b = words[i + 1]!;
    if (/^[a-z]{1,4}$/.test(a) && /\d/.test(b) && !/^\d+(\.\d+)?(gb|tb|mb|ml|l|cm|mm|in|w|mah|kg)$/.test(b) && !out.includes(a + b)) out.push(a + b);
  }
  return out.map((t) => ALIASES[t] ?? t);
}

/** Query weight of a token: model codes (letters and digits) count most, single Chinese characters least. */
export function tokenWeight(t: string): number {
  if (/^[a-z]+\d[a-z0-9]*$|^\d+[a-z][a-z0-9]*$/.test(t) && t.length >= 4 && !/^\d+(\.\d+)?(gb|tb|mb|ml|cm|mm|in|mah|kg)$/.test(t)) return 8;
  if (/^\d{3,}$/.test(t)) return 4; // numeric model numbers (LEGO sets, jeans lines)
  if ([...t].length === 1 && CJK.test(t)) return 0.2;
  return 1;
}

/** Character trigrams of a word, padded at the start ("#bl", "bla", "lac", "ack"). */
export function trigrams(word: string): string[] {
  const w = `#${word}`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= w.length; i++) out.push(w.slice(i, i + 3));
  return out;
}

/** Identifier form: upper-case alphanumerics only (GTIN, SKU, MPN, ASIN, model code compare alike); an 8-14 digit
 * number is a GTIN and is padded to GTIN-14, as the canonical listing.gtin stores it (UPC-A / EAN-13 queries match). */
export function idKey(s: string): string {
  const k = s.normalize('NFKC').toUpperCase().replace(/[^0-9A-Z]/g, '');
  return /^\d{8,14}$/.test(k) ? k.padStart(14, '0') : k;
}

const COLOURS = new Set(['black', 'white', 'red', 'blue', 'green', 'silver', 'grey', 'gold', 'pink', 'yellow', 'purple', 'orange', 'brown', 'rose', 'navy', 'beige', 'nude', 'berry', 'coral', 'khaki']);
const BED = new Set(['single', 'twin', 'double', 'full', 'queen', 'king']);

/** Variant attributes of a token list, by kind: colour, and each size unit ("gb", "cm", ...). */
export function variantAttributes(tokens: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const put = (kind: string, v: string) => {
    const s = out.get(kind) ?? new Set<string>();
    s.add(v);
    out.set(kind, s);
  };
  for (const t of tokens) {
    if (COLOURS.has(t)) put('colour', t);
    if (BED.has(t)) put('bed', t);
    if (/^[wl]\d{2}$/.test(t)) put(`fit-${t[0]!}`, t);
    if (/^(xxs|xs|s|m|l|xl|xxl|xxxl)$/.test(t)) put('size', t);
    const m = /^\d+(?:\.\d+)?(gb|tb|ml|l|cm|mm|in|w|mah|kg)$/.exec(t);
    if (m) put(m[1]!, t);
  }
  return out;
}
