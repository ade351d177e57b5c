// The canonical model: every platform's export is mapped onto these tables (ARCHITECTURE.md).
import { f, type Fields, zodObject } from './fields.js';

/** Lineage carried by every canonical row: which file, which record, and a content hash for idempotency. */
export const lineageFields = {
  source_file_id: f.int('source_file.id the row came from'),
  source_row: f.int('1-based line/record number in the source file (header = line 1 for delimited files)'),
  row_hash: f.hash('64-bit engine hash of the mapped record content: identical records hash alike (identity, not security)'),
} satisfies Fields;

export const canonicalTables = {
  listing: {
    doc: 'one product offer on one platform',
    key: ['platform', 'platform_listing_id'],
    fields: {
      platform: f.id('platform label, e.g. shopify, amazon, taobao'),
      platform_listing_id: f.unique("the platform's own item/listing id (ASIN, eBay item number, Taobao 宝贝ID, ...)"),
      sku: f.unique("the seller's SKU"),
      gtin: f.text('GTIN-14 with valid check digit (from UPC/EAN/ISBN)'),
      mpn: f.text('manufacturer part number'),
      asin: f.text('Amazon ASIN'),
      brand: f.text('brand'),
      title: f.unique('listing title as shown on the platform'),
      description: f.unique('description text'),
      category_path: f.text('category path, " > " separated'),
      variant: f.text('variant label: size / colour / capacity'),
      attributes: f.json('other attributes as JSON'),
      price: f.money('price in the listing currency'),
      currency: f.currency(),
      price_base: f.money('price converted to the base currency'),
      fx_rate: f.rate('rate used for price_base'),
      quantity: f.int('stock quantity shown in the listing export'),
      status: f.text('active, inactive, draft ...'),
      url: f.text('listing URL'),
      image_url: f.text('main image URL'),
      listed_at: f.ts('when the listing was created'),
    },
  },
  customer_account: {
    doc: 'one buyer account on one platform (personal data only as keyed hashes)',
    key: ['platform', 'platform_customer_id'],
    fields: {
      platform: f.id(),
      platform_customer_id: f.text('account id / member name / email as the platform identifies the buyer'),
      email_hash: f.text('HMAC-SHA256 of the normalised email'),
      phone_hash: f.text('HMAC-SHA256 of the E.164 phone'),
      name_masked: f.text('masked display name (张*, J*** S***)'),
      name_tokens: f.text('keyed hashes (16 hex) of the name\'s tokens, sorted, space-separated: compares names without keeping them'),
      phone_fragment_hash: f.text('HMAC-SHA256 of the phone fragment masked exports keep (138****5678), from a full or masked phone'),
      city: f.text(),
      region: f.text(),
      postcode: f.text(),
      country: f.text('ISO 3166-1 alpha-2 where known'),
      first_seen_at: f.ts(),
    },
  },
  orders: {
    doc: 'one order (table named orders: ORDER is an SQL keyword)',
    key: ['platform', 'platform_order_id'],
    fields: {
      platform: f.id(),
      platform_order_id: f.unique(),
      platform_customer_id: f.text(),
      placed_at: f.ts('UTC instant'),
      placed_at_offset: f.text('original UTC offset as written (+08:00, Z) or "assumed <zone>"'),
      status: f.text('placed, paid, shipped, delivered, cancelled, returned, refunded, unknown'),
      status_raw: f.text('status as the platform wrote it'),
      currency: f.currency(),
      subtotal: f.money(),
      shipping: f.money(),
      tax: f.money(),
      discount: f.money(),
      total: f.money(),
      total_base: f.money(),
      fx_rate: f.rate(),
      ship_city: f.text(),
      ship_region: f.text(),
      ship_postcode: f.text(),
      ship_country: f.text(),
      sales_channel: f.text('marketplace / store within the platform'),
    },
  },
  order_line: {
    doc: 'one line of an order',
    key: ['platform', 'platform_order_id', 'line_no'],
    fields: {
      platform: f.id(),
      platform_order_id: f.unique(),
      line_no: f.int('1-based position within the order'),
      platform_line_id: f.unique(),
      platform_listing_id: f.unique(),
      sku: f.unique(),
      title: f.unique(),
      quantity: f.int('negative for returns/cancellations'),
      unit_price: f.money(),
      line_total: f.money(),
      currency: f.currency(),
      unit_price_base: f.money(),
      line_total_base: f.money(),
      fx_rate: f.rate(),
      status: f.text(),
      placed_at: f.ts('copied from the order for time-series work'),
    },
  },
  event: {
    doc: 'a behaviour event',
    key: [],
    fields: {
      platform: f.id(),
      event_type: f.text('view, cart, purchase, favorite, remove_from_cart'),
      occurred_at: f.ts(),
      platform_customer_id: f.text(),
      session_id: f.unique(),
      platform_listing_id: f.unique(),
      sku: f.unique(),
    },
  },
  review: {
    doc: 'a product review',
    key: ['platform', 'platform_review_id'],
    fields: {
      platform: f.id(),
      platform_review_id: f.unique(),
      platform_listing_id: f.unique(),
      sku: f.unique(),
      platform_order_id: f.unique(),
      platform_customer_id: f.text(),
      rating: f.num('1..5'),
      title: f.unique(),
      body: f.unique(),
      reviewed_at: f.ts(),
    },
  },
  inventory_snapshot: {
    doc: 'stock level of a listing at a time',
    key: [],
    fields: {
      platform: f.id(),
      platform_listing_id: f.unique(),
      sku: f.unique(),
      quantity: f.int(),
      warehouse: f.text(),
      at: f.ts(),
    },
  },
} as const satisfies Record<string, { doc: string; key: readonly string[]; fields: Fields }>;

export type CanonicalTable = keyof typeof canonicalTables;
export const canonicalTableNames = Object.keys(canonicalTables) as CanonicalTable[];

export function isCanonicalTable(name: string): name is CanonicalTable {
  return Object.hasOwn(canonicalTables, name);
}

/** All columns of a canonical table: its own fields followed by lineage. */
export function tableFields(table: CanonicalTable): Fields {
  return { ...canonicalTables[table].fields, ...lineageFields };
}

export const schemas = Object.fromEntries(
  canonicalTableNames.map((t) => [t, zodObject(tableFields(t))]),
) as Record<CanonicalTable, ReturnType<typeof zodObject>>;
