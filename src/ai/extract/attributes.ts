// Attribute extraction from titles: brand, model code, capacity, colour and size, by builtin rules (known brands from the
// store, model-code and unit parsers, colour and size lexicons in English and Chinese); an LLM can fill the gaps (llm.ts).

import { normalizeText } from '../../fusion/text/normalize.js';
import { extractModelCodes } from '../../fusion/text/model-code.js';
import { extractQuantities } from '../../fusion/text/units.js';

export interface TitleAttributes {
  brand?: string;
  model_code?: string;
  capacity?: string;
  colour?: string;
  size?: string;
}

export const ATTRIBUTE_NAMES = ['brand', 'model_code', 'capacity', 'colour', 'size'] as const;

/** Colour words (folded) → one English name; longer phrases are matched first. */
const COLOURS: Record<string, string> = {
  'rose gold': 'rose gold', 'space gray': 'space grey', 'space grey': 'space grey', 'midnight blue': 'navy', navy: 'navy',
  black: 'black', blk: 'black', white: 'white', wht: 'white', silver: 'silver', gold: 'gold', red: 'red', blue: 'blue',
  green: 'green', pink: 'pink', grey: 'grey', gray: 'grey', purple: 'purple', yellow: 'yellow', orange: 'orange',
  brown: 'brown', beige: 'beige', graphite: 'graphite', titanium: 'titanium',
  玫瑰金: 'rose gold', 深空灰: 'space grey', 黑色: 'black', 白色: 'white', 银色: 'silver', 金色: 'gold', 红色: 'red', 蓝色: 'blue',
  绿色: 'green', 粉色: 'pink', 灰色: 'grey', 紫色: 'purple', 黄色: 'yellow', 橙色: 'orange', 棕色: 'brown', 黑: 'black', 白: 'white',
};
const COLOUR_KEYS = Object.keys(COLOURS).sort((a, b) => b.length - a.length);

const CLOTHING = /(?<![\p{L}\p{N}])(XXS|XS|S|M|L|XL|XXL|XXXL|[2-5]XL)(?![\p{L}\p{N}])/u;
const SCREEN = /(?<![\p{L}\p{N}.])(\d{2}(?:\.\d)?)\s*(?:"|''|inch(?:es)?|in\b|-inch|英寸|寸)/iu;
const SHOE = /(?:\bEU\s*|\bUS\s*|尺码\s*)(\d{2}(?:\.5)?)\b|(?<!\d)(\d{2}(?:\.5)?)\s*码/iu;

function formatCapacity(gb: number): string {
  if (gb >= 1000) return `${+(gb / 1000).toFixed(2)} TB`;
  if (gb < 1) return `${+(gb * 1000).toFixed(0)} MB`;
  return `${+gb.toFixed(2)} GB`;
}

function colourOf(norm: string): string | undefined {
  for (const k of COLOUR_KEYS) {
    const cjk = /[\u4e00-\u9fff]/u.test(k);
    if (cjk ? norm.includes(k) : new RegExp(`(?<![\\p{L}])${k}(?![\\p{L}])`, 'u').test(norm)) return COLOURS[k];
  }
  return undefined;
}

/** brands: known brand names, folded (e.g. distinct listing.brand values of the store). */
export function extractTitleAttributes(title: string, brands: ReadonlySet<string> = new Set()): TitleAttributes {
  const norm = normalizeText(title);
  const out: TitleAttributes = {};
  let bestBrand = '';
  for (const b of brands) {
    if (b.length <= bestBrand.length || b.length < 2) continue;
    const cjk = /[\u4e00-\u9fff]/u.test(b);
    const at = norm.indexOf(b);
    if (at < 0) continue;
    if (cjk || new RegExp(`(?<![\\p{L}\\p{N}])${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(norm)) bestBrand = b;
  }
  if (bestBrand) out.brand = bestBrand;
  const qs = extractQuantities(norm);
  const bytes = qs.find((q) => q.family === 'bytes');
  if (bytes) out.capacity = formatCapacity(bytes.value);
  else {
    const other = qs.find((q) => q.family === 'mah' || q.family === 'ml');
    if (other) out.capacity = `${other.value} ${other.family === 'mah' ? 'mAh' : 'ml'}`;
  }
  const codes = extractModelCodes(norm).filter((c) => /\p{L}/u.test(c) && /\p{N}/u.test(c) && !qs.some((q) => c === q.key));
  const code = codes.sort((a, b) => b.length - a.length || a.localeCompare(b))[0];
  if (code) out.model_code = code;
  const colour = colourOf(norm);
  if (colour) out.colour = colour;
  const screen = SCREEN.exec(title.normalize('NFKC'));
  const shoe = SHOE.exec(title.normalize('NFKC'));
  const cloth = CLOTHING.exec(title.normalize('NFKC'));
  if (screen) out.size = `${screen[1]} inch`;
  else if (shoe) out.size = `EU ${shoe[1] ?? shoe[2]}`;
  else if (cloth) out.size = cloth[1];
  return out;
}
