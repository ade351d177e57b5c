// Google Merchant Center product data: the text feed (tab, pipe or tilde delimited) and the RSS 2.0 XML feed.
import { mappingConnector, type Connector } from '../connector.js';
import { mappingSchema, type Mapping, type MappingInput } from '../mapping.js';

const map = (m: MappingInput): Mapping => mappingSchema.parse(m);

/** availability words of current and older feeds, folded to one spelling */
const AVAILABILITY = { 'in stock': 'in_stock', 'out of stock': 'out_of_stock', 'available for order': 'in_stock', preorder: 'preorder', backorder: 'backorder' };

// `id` is the merchant's offer id (Google asks for the SKU), so it is both the listing key and the SKU. Prices
// read "15.00 USD": the money transform takes the number and the currency transform the code. `g` is the
// prefix in RSS (g:price) and absent in the text feed; title/link/description come either way in RSS.
function feedMapping(format: 'text' | 'rss'): Mapping {
  const g = (name: string) => (format === 'rss' ? `g:${name}` : name);
  const either = (name: string) => (format === 'rss' ? { column: [`g:${name}`, name] } : { column: name });
  return map({
    name: format === 'rss' ? 'google-merchant-rss-xml' : 'google-merchant-feed-tsv',
    platform: 'google',
    kind: 'listings',
    ...(format === 'rss' ? { read: { format: 'xml' as const, records: 'item' } } : {}),
    detect: {
      required: ['id', 'title', 'price', 'link'],
      optional: ['description', 'image_link', 'availability', 'brand', 'gtin', 'mpn', 'condition', 'google_product_category', 'product_type', 'item_group_id', 'sale_price'],
    },
    targets: {
      listing: {
        key: ['platform_listing_id'],
        platform_listing_id: g('id'),
        sku: g('id'),
        gtin: g('gtin'),
        mpn: g('mpn'),
        brand: g('brand'),
        title: either('title'),
        description: either('description'),
        category_path: { column: [g('product_type'), g('google_product_category')] },
        variant: { column: [g('size'), g('color')] },
        price: g('price'),
        currency: { column: g('price'), transform: 'currency' },
        status: { column: g('availability'), transform: 'text', map: AVAILABILITY },
        url: either('link'),
        image_url: g('image_link'),
      },
    },
  });
}

const rss = feedMapping('rss');

export const connectors: Connector[] = [
  mappingConnector(feedMapping('text')),
  {
    name: rss.name,
    platform: rss.platform,
    kind: rss.kind,
    // sniffing gives XML no header: the Google namespace on an RSS feed names the format
    detect: (file) => (file.format === 'xml' && /xmlns:g="http:\/\/base\.google\.com\/ns\/1\.0"/.test(file.sample) && /<item[\s>]/.test(file.sample) ? 0.95 : 0),
    mapping: () => rss,
  },
];
