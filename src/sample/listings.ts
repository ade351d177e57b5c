// Platform listings of catalogue variants: ids, SKUs, barcodes and prices as each marketplace holds them.
import { DAY_MS, REFERENCE_END } from './clock.js';
import type { Catalogue, Variant } from './catalogue.js';
import type { Currency, Platform } from './platforms.js';
import { WeightedTable, type Rng } from './rng.js';
import { listingTitle, productTitle, variantTitle, type TitleStyle } from './titles.js';

export interface Listing {
  platform: Platform;
  site: 'US' | 'FR' | 'CN';
  /** platform_listing_id (see docs/sample-generator.md for the column per platform). */
  id: string;
  sku: string;
  /** Barcode as the listing file writes it ('' when the file has none). */
  gtin: string;
  /** Non-GTIN junk in the barcode field (Shopify), written instead of a GTIN. */
  junkBarcode: string;
  title: string;
  /** Shopify/Woo product-level title and numeric ids (0 elsewhere). */
  productTitle: string;
  productId: string;
  variantId: string;
  variant: Variant;
  price: number;
  currency: Currency;
  stock: number;
  openedAt: number;
  /** Set for injected price errors: price × 100 from this instant on. */
  priceError: { wrong: number; from: number } | null;
}

export interface ListingBook {
  all: Listing[];
  /** Sampling tables per platform+site key (`ebay:FR`, `amazon:US`, …). */
  tables: Map<string, WeightedTable<Listing>>;
  /** Own-catalogue pseudo listings (master SKU), referenced by events, reviews and inventory. */
  own: Listing[];
}

const COVERAGE: [Platform, 'US' | 'FR' | 'CN', number][] = [
  ['shopify', 'US', 0.55], ['amazon', 'US', 0.65], ['ebay', 'US', 0.35], ['ebay', 'FR', 0.12], ['woocommerce', 'US', 0.3],
  ['taobao', 'CN', 0.55], ['jd', 'CN', 0.45], ['pinduoduo', 'CN', 0.4],
];

const GTIN_ODDS: Partial<Record<Platform, number>> = { shopify: 0.85, amazon: 0.88, woocommerce: 0.7, google: 0.9 };

function roundPrice(value: number, currency: Currency, rng: Rng): number {
  if (currency === 'CNY') return value > 100 ? Math.round(value / 10) * 10 - (rng.chance(0.6) ? 1 : 0) : Math.round(value) + (rng.chance(0.3) ? 0.9 : 0);
  if (currency === 'EUR') return Math.max(0.9, Math.round(value) - (rng.chance(0.5) ? 0.1 : 0.01));
  return Math.max(0.99, Math.round(value) - 0.01);
}

function priceFor(v: Variant, platform: Platform, site: string, rng: Rng): [number, Currency] {
  const f = rng.float(0.88, 1.08);
  if (site === 'CN') return [roundPrice(v.priceUsd * 7.1 * rng.float(0.78, 1.0), 'CNY', rng), 'CNY'];
  if (site === 'FR') return [roundPrice(v.priceUsd * 0.92 * rng.float(0.95, 1.12), 'EUR', rng), 'EUR'];
  return [roundPrice(v.priceUsd * (platform === 'ebay' ? f * 0.93 : f), 'USD', rng), 'USD'];
}

function skuFor(v: Variant, platform: Platform, rng: Rng): string {
  const r = rng.next();
  if (r < 0.45) return v.sku;
  if (r < 0.6) return v.sku.toLowerCase();
  if (r < 0.72) return platform === 'amazon' ? `${v.sku}-FBA` : `${v.sku}_1`;
  const prefix: Partial<Record<Platform, string>> = { taobao: 'TB', jd: 'JD', pinduoduo: 'PDD', amazon: 'AMZ', ebay: 'EB', shopify: 'SH', woocommerce: 'WC' };
  return `${prefix[platform] ?? 'X'}${rng.digits(7)}`;
}

export function buildListings(catalogue: Catalogue, rng: Rng): ListingBook {
  const all: Listing[] = [];
  const used = new Set<string>();
  const uniq = (platform: Platform, make: () => string): string => {
    let id = make();
    while (used.has(`${platform}|${id}`)) id = make();
    used.add(`${platform}|${id}`);
    return id;
  };
  let shopifyProductId = 7_412_000_000_000;
  let shopifyVariantId = 42_100_000_000_000;
  let wooId = 100;
  const byProduct = new Map<number, Variant[]>();
  for (const v of catalogue.variants) {
    const list = byProduct.get(v.base.index) ?? [];
    list.push(v);
    byProduct.set(v.base.index, list);
  }
  for (const product of catalogue.products) {
    const variants = byProduct.get(product.index) ?? [];
    for (const [platform, site, odds] of COVERAGE) {
      if (!rng.chance(odds)) continue;
      const copies = (platform === 'amazon' || platform === 'taobao' || platform === 'pinduoduo') && rng.chance(0.02) ? 2 : 1;
      for (let copy = 0; copy < copies; copy++) {
        shopifyProductId += rng.int(1000, 90000);
        const pddGoods = `${rng.int(1, 6)}${rng.digits(10)}`;
        const wooParent = variants.length > 1 ? ++wooId : 0;
        const baseTitle = platform === 'shopify' || platform === 'woocommerce' ? productTitle(variants[0] as Variant, rng, platform) : '';
        for (const v of variants) {
          if (variants.length > 1 && rng.chance(0.08)) continue;
          const [price, currency] = priceFor(v, platform, site, rng);
          let sku = skuFor(v, platform, rng);
          while (used.has(`${platform}sku|${sku}`)) sku = `${sku}-${rng.int(2, 9)}`;
          used.add(`${platform}sku|${sku}`);
          const hasGtin = rng.chance(GTIN_ODDS[platform] ?? 0);
          const junk = platform === 'shopify' && !hasGtin && rng.chance(0.2) ? rng.pick(['ABCDEFGHIJKLMNOP', 'N/A', '000000000000', v.base.model]) : '';
          let id = '';
          let productId = '';
          let variantId = '';
          switch (platform) {
            case 'shopify': productId = String(shopifyProductId); variantId = String((shopifyVariantId += rng.int(1000, 50000))); id = sku; break;
            case 'amazon': id = uniq(platform, () => `B0${rng.letters(8, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}`); break;
            case 'ebay': id = uniq(platform, () => `${rng.pick(['1', '2', '3'])}${rng.digits(11)}`); break;
            case 'woocommerce': productId = String(wooParent || ++wooId); variantId = wooParent ? String(++wooId) : '0'; id = wooParent ? variantId : productId; break;
            case 'taobao': id = sku; break;
            case 'jd': id = uniq(platform, () => `100${rng.digits(9)}`); break;
            case 'pinduoduo': productId = pddGoods; id = uniq(platform, () => `${rng.int(1, 9)}${rng.digits(10)}`); break;
            default: break;
          }
          all.push({
            platform, site, id, sku, gtin: hasGtin ? v.gtin : '', junkBarcode: junk,
            title: baseTitle ? [baseTitle, variantTitle(v)].filter(Boolean).join(' - ') : listingTitle(v, rng, platform as TitleStyle), productTitle: baseTitle, productId, variantId, variant: v,
            price, currency, stock: rng.chance(0.08) ? 0 : rng.int(1, 400),
            openedAt: REFERENCE_END - rng.int(740, 1400) * DAY_MS + rng.int(0, DAY_MS), priceError: null,
          });
        }
      }
    }
  }
  // The Google Merchant feed is the Shopify store's feed; its ids follow Shopify's Google channel.
  const googleListings: Listing[] = [];
  for (const s of all) {
    if (s.platform !== 'shopify' || !rng.chance(0.9)) continue;
    googleListings.push({
      ...s, platform: 'google', id: `shopify_US_${s.productId}_${s.variantId}`, sku: '',
      gtin: rng.chance(GTIN_ODDS.google ?? 0) ? (s.variant.gtin.length === 12 && rng.chance(0.4) ? `0${s.variant.gtin}` : s.variant.gtin) : '',
      junkBarcode: '', title: listingTitle(s.variant, rng, 'google'),
    });
  }
  all.push(...googleListings);
  const own = catalogue.variants.map((v): Listing => ({
    platform: 'own', site: 'US', id: v.sku, sku: v.sku, gtin: '', junkBarcode: '', title: '', productTitle: '', productId: '', variantId: '',
    variant: v, price: v.priceUsd, currency: 'USD', stock: 0, openedAt: 0, priceError: null,
  }));
  const tables = new Map<string, WeightedTable<Listing>>();
  const groups = new Map<string, Listing[]>();
  for (const l of all) {
    if (l.platform === 'google') continue;
    const key = `${l.platform}:${l.site}`;
    const list = groups.get(key) ?? [];
    list.push(l);
    groups.set(key, list);
  }
  for (const [key, list] of groups) tables.set(key, new WeightedTable(list, list.map((l) => l.variant.popularity)));
  return { all, tables, own };
}

/** Marks a few Shopify listings with a ×100 price for their last days (the "price error" anomaly). */
export function injectPriceErrors(book: ListingBook, rng: Rng, count: number): Listing[] {
  const shopify = book.all.filter((l) => l.platform === 'shopify');
  const chosen = rng.sample(shopify, count);
  for (const l of chosen) l.priceError = { wrong: Math.round(l.price * 100 * 100) / 100, from: REFERENCE_END - rng.int(5, 25) * DAY_MS };
  return chosen;
}
