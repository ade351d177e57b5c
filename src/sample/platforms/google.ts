// Google Merchant Center product feed of the Shopify store, as TSV text feed and RSS 2.0 XML.
import { rowOf, tsvLine } from '../csv.js';
import { m2, type WriteContext } from '../context.js';
import type { Listing } from '../listings.js';
import { GOOGLE_CATEGORY } from '../vocab-products.js';
import { xmlEscape } from '../xml.js';

export const GOOGLE_TSV_HEADER = [
  'id', 'title', 'description', 'link', 'image_link', 'availability', 'price', 'brand', 'gtin', 'mpn', 'identifier_exists', 'condition',
  'google_product_category', 'product_type', 'item_group_id', 'color', 'size',
];

function fields(l: Listing): Record<string, string> {
  const base = l.variant.base;
  const handle = l.productTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return {
    id: l.id, title: l.title, description: `${base.type.en} by ${base.brand.en}. Model ${base.model}.`,
    link: `https://shop.example.com/products/${handle}?variant=${l.variantId}`, image_link: `https://cdn.shopify.com/s/files/1/0612/3456/products/${handle}.jpg`,
    availability: l.stock > 0 ? 'in stock' : 'out of stock', price: `${m2(l.price)} ${l.currency}`, brand: base.brand.en, gtin: l.gtin,
    mpn: base.model, identifier_exists: l.gtin ? 'yes' : 'no', condition: 'new', google_product_category: GOOGLE_CATEGORY[base.type.category],
    product_type: `${base.type.category} > ${base.type.short}`, item_group_id: `shopify_US_${l.productId}`, color: l.variant.attrs.color ?? '',
    size: l.variant.attrs.size ?? l.variant.attrs.capacity ?? l.variant.attrs.volume ?? '',
  };
}

export function writeGoogle(ctx: WriteContext): void {
  const listings = ctx.listingsOf('google');
  const tsv = ctx.open('google/products.tsv', 'google', 'listings');
  tsv.line(tsvLine(GOOGLE_TSV_HEADER));
  const xml = ctx.open('google/products.xml', 'google', 'listings');
  xml.raw('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n' +
    '<title>Omnifuse Demo Store</title>\n<link>https://shop.example.com</link>\n<description>Product feed</description>\n');
  for (const l of listings) {
    ctx.seenListings.add(l);
    const f = fields(l);
    tsv.record(tsvLine(rowOf(GOOGLE_TSV_HEADER, f)));
    const tags = GOOGLE_TSV_HEADER.filter((k) => f[k] !== '').map((k) =>
      k === 'title' || k === 'link' || k === 'description' ? `  <${k}>${xmlEscape(f[k] as string)}</${k}>` : `  <g:${k}>${xmlEscape(f[k] as string)}</g:${k}>`);
    xml.raw(`<item>\n${tags.join('\n')}\n  <g:shipping><g:country>US</g:country><g:price>0.00 USD</g:price></g:shipping>\n</item>\n`);
    xml.rows++;
  }
  xml.raw('</channel>\n</rss>\n');
}
