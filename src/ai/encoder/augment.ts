// Label-free positives for contrastive training: the same title after token drop, reordering, unit respelling and abbreviation.

import type { Rng } from '../builtin/rng.js';

/** Common catalogue abbreviations, both directions are used. */
const ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['black', 'blk'], ['white', 'wht'], ['silver', 'slv'], ['stainless steel', 'ss'], ['with', 'w/'], ['and', '&'],
  ['inch', '"'], ['package', 'pkg'], ['pack', 'pk'], ['professional', 'pro'], ['digital', 'dig'], ['camera', 'cam'],
  ['wireless', 'wl'], ['bluetooth', 'bt'], ['edition', 'ed'], ['version', 'ver'], ['international', 'intl'],
  ['refurbished', 'refurb'], ['accessories', 'acc'], ['notebook', 'nb'], ['megapixel', 'mp'], ['gigabyte', 'gb'],
  ['黑色', '黑'], ['白色', '白'], ['官方', '官'], ['正品', '正'],
];

const QTY = /(\d+(?:[.,]\d+)?)\s*(tb|gb|mb|ghz|mhz|mp|mm|cm|inch|in|"|w|mah|kg|lbs?|oz|ml)\b/giu;

const RESPELL: Record<string, readonly string[]> = {
  gb: ['gb', 'GB', 'g', ' GB', ' gb', 'gig'], tb: ['tb', 'TB', ' TB', ' tb'], mb: ['mb', 'MB', ' MB'],
  ghz: ['ghz', 'GHz', ' GHz'], mhz: ['mhz', 'MHz', ' MHz'], mp: ['mp', 'MP', ' megapixel', ' MP'],
  inch: ['"', ' inch', 'in', '-inch'], in: ['"', ' inch', 'in'], '"': ['"', ' inch', 'in', '-inch'],
  mm: ['mm', ' mm'], cm: ['cm', ' cm'], w: ['w', 'W', ' watt'], mah: ['mah', 'mAh', ' mAh'], kg: ['kg', ' kg'],
  lb: ['lb', ' lbs', 'lbs'], lbs: ['lb', ' lbs', 'lbs'], oz: ['oz', ' oz'], ml: ['ml', ' ml', 'mL'],
};

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng.next() * xs.length)] as T;
}

function respellUnits(s: string, rng: Rng): string {
  return s.replace(QTY, (m: string, num: string, unit: string) => {
    const options = RESPELL[unit.toLowerCase()];
    return options && rng.next() < 0.7 ? `${num}${pick(rng, options)}` : m;
  });
}

function abbreviate(s: string, rng: Rng): string {
  let out = s;
  for (const [long, short] of ABBREVIATIONS) {
    if (rng.next() < 0.5) continue;
    const [from, to] = rng.next() < 0.5 ? [long, short] : [short, long];
    const ascii = /^[\x20-\x7e]+$/u.test(from) && /^\w/u.test(from);
    const re = ascii ? new RegExp(`\\b${from.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\b`, 'giu') : new RegExp(from.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'gu');
    out = out.replace(re, to);
  }
  return out;
}

/** Splits Latin text on spaces and CJK text into 2-character chunks so drop/reorder work on both scripts. */
function pieces(s: string): string[] {
  const parts = s.split(/\s+/u).filter(Boolean);
  if (parts.length >= 3) return parts;
  const chars = [...s];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += 2) out.push(chars.slice(i, i + 2).join(''));
  return out;
}

/** One random view of a title; seeded, so a training run is reproducible. */
export function augmentTitle(title: string, rng: Rng, strength = 1): string {
  let s = respellUnits(title, rng);
  if (rng.next() < 0.5 * strength) s = abbreviate(s, rng);
  const cjk = !/\s/u.test(s.trim());
  let parts = pieces(s);
  const drop = 0.15 * strength;
  if (parts.length > 3) parts = parts.filter(() => rng.next() >= drop);
  if (rng.next() < 0.5 * strength && parts.length > 2) {
    // Reorder: move one chunk of the title to another place, as shops do with brand and model.
    const i = Math.floor(rng.next() * parts.length);
    const [moved] = parts.splice(i, 1);
    parts.splice(Math.floor(rng.next() * (parts.length + 1)), 0, moved as string);
  }
  const out = parts.join(cjk ? '' : ' ');
  return out.length > 0 ? out : title;
}
