// How a store listing is shown to the matcher: identifiers (GTIN, ASIN) are held back, because weak supervision
// labels pairs by them; the model must learn from what listings without identifiers also have.
import type { PairRecord } from '../pairs/types.js';
import { textTokens } from '../record-text.js';
import { normalizeText } from '../text/normalize.js';
import type { ListingRecord } from './records.js';
import type { Translator } from './lexicon.js';

const NO_VARIANT = /^(default title|default|none|-|n\/a)$/i;

/** Seller SKU with the usual per-channel decorations removed ("ABC-123_1", "abc-123-FBA" → "abc123"). */
export function normalizeSku(sku: string): string {
  return sku.toLowerCase().replace(/(-fba|_\d{1,2}|-\d)$/u, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ', ndash: '–', mdash: '—', reg: '®', trade: '™', times: '×' };

/** HTML entities that exports and order APIs leave in titles ("Serum &ndash; 50ml", "Levi&#039;s"). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Chinese titles glue brand and model ("安踏588", "阿迪达斯DJ7359"): a space between Han and Latin lets the code stand alone. */
export function spaceHanLatin(s: string): string {
  return s.replace(/(\p{Script=Han})(?=[A-Za-z0-9])/gu, '$1 ').replace(/([A-Za-z0-9])(?=\p{Script=Han})/gu, '$1 ');
}

/** Title plus the variant words the title leaves out, with Chinese units and colours/brands made comparable. */
export function listingText(r: ListingRecord, t: Translator): string {
  const title = decodeEntities(r.title);
  const parts = [title];
  const lower = title.toLowerCase();
  for (const extra of [r.variant, r.attributes]) {
    if (!extra || NO_VARIANT.test(extra.trim())) continue;
    const missing = extra.split(/[\s/;,]+/u).filter((w) => w && !lower.includes(w.toLowerCase()));
    if (missing.length) parts.push(missing.join(' '));
  }
  if (!r.title && r.brand) parts.unshift(r.brand);
  if (!r.title && r.mpn) parts.push(r.mpn);
  const text = t.units(parts.filter(Boolean).join(' '));
  const extra = t.extra(text);
  const spaced = spaceHanLatin(text);
  return extra ? `${spaced} ${extra}` : spaced;
}

const HAN = /[\p{Script=Han}\u3000-\u303f\uff08\uff09\u3010\u3011]+/gu;

/**
 * The matcher's view of the text: Han characters removed once their colours, units and brands are in Latin words, so
 * a Chinese title looks like a terse English one (the weak labels come from listings with barcodes, mostly English).
 */
export function latinView(text: string): string {
  return text.replace(HAN, ' ').replace(/\s+/g, ' ').trim();
}

const PLAIN_WORD = /^[A-Za-z0-9]+$/;

/** Drops a platform's boilerplate tokens (learnt by learnBoilerplate) from a Latin view. */
export function withoutBoilerplate(text: string, drop: ReadonlySet<string> | undefined): string {
  if (!drop || drop.size === 0) return text;
  return text.split(/\s+/u).filter((w) => {
    // A plain ASCII word is its own one token (most words): no normalisation needed.
    if (PLAIN_WORD.test(w)) return !drop.has(w.toLowerCase());
    const toks = textTokens(normalizeText(w));
    return toks.length === 0 || !toks.every((x) => drop.has(x));
  }).join(' ');
}

/** The attributes the featurizer compares; their kinds are detected from the values, as for any dataset. */
export function pairRecordOf(r: ListingRecord, t: Translator, boilerplate?: ReadonlyMap<string, ReadonlySet<string>>, latin = latinView(listingText(r, t))): PairRecord {
  const category = r.category.split('>').pop()?.trim() ?? '';
  return {
    attrs: {
      title: withoutBoilerplate(latin, boilerplate?.get(r.platform)),
      brand: r.brand,
      mpn: r.mpn,
      sku: normalizeSku(r.sku),
      category,
      price: r.price === undefined ? '' : r.price.toFixed(2),
    },
  };
}
