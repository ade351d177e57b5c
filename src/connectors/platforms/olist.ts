// Olist (Brazilian marketplace) public data set: seven CSV files, one connector each, BRL, São Paulo time.
// Files join by order_id / customer_id / product_id; lines and orders meet in the store (ingest/derive.ts).
import { mappingConnector, type Connector } from '../connector.js';
import { parseMapping } from '../generic.js';
import type { MappingInput } from '../mapping.js';

const base = { platform: 'olist', read: { timezone: 'America/Sao_Paulo', currency: 'BRL' } } as const;

/** Olist order_status values the shared word list lacks */
const STATUS = { created: 'placed', approved: 'paid', invoiced: 'paid', unavailable: 'cancelled' };

const orders = parseMapping({
  ...base,
  name: 'olist-orders',
  kind: 'orders',
  detect: {
    required: ['order_id', 'customer_id', 'order_status', 'order_purchase_timestamp'],
    optional: ['order_approved_at', 'order_delivered_carrier_date', 'order_delivered_customer_date', 'order_estimated_delivery_date'],
  },
  targets: {
    orders: {
      key: ['platform_order_id'],
      // the payments file fills the same order's total, whichever file lands first
      merge: true,
      platform_order_id: 'order_id',
      platform_customer_id: 'customer_id',
      placed_at: 'order_purchase_timestamp',
      status: { column: 'order_status', transform: 'status', map: STATUS },
      status_raw: 'order_status',
      currency: { const: 'BRL', transform: 'currency' },
      ship_country: { const: 'BR' },
    },
  },
} satisfies MappingInput, 'olist-orders');

const items = parseMapping({
  ...base,
  name: 'olist-order-items',
  kind: 'order_lines',
  detect: {
    required: ['order_id', 'order_item_id', 'product_id', 'seller_id', 'price'],
    optional: ['shipping_limit_date', 'freight_value'],
  },
  targets: {
    order_line: {
      key: ['platform_order_id', 'line_no'],
      platform_order_id: 'order_id',
      line_no: 'order_item_id',
      platform_listing_id: 'product_id',
      // one row per unit sold: Olist repeats order_item_id 1, 2, 3 for a quantity of three
      quantity: { const: 1 },
      unit_price: 'price',
    },
    listing: {
      key: ['platform_listing_id'],
      // one listing per product: its price from here, its category from the products file
      merge: true,
      platform_listing_id: 'product_id',
      price: 'price',
    },
  },
} satisfies MappingInput, 'olist-order-items');

const customers = parseMapping({
  ...base,
  name: 'olist-customers',
  kind: 'customers',
  detect: {
    required: ['customer_id', 'customer_unique_id', 'customer_zip_code_prefix'],
    optional: ['customer_city', 'customer_state'],
  },
  targets: {
    customer_account: {
      key: ['platform_customer_id'],
      // customer_id is what orders carry (one per order); customer_unique_id, the person, has no canonical field yet
      platform_customer_id: 'customer_id',
      postcode: 'customer_zip_code_prefix',
      city: 'customer_city',
      region: 'customer_state',
      country: { const: 'BR' },
    },
  },
} satisfies MappingInput, 'olist-customers');

const reviews = parseMapping({
  ...base,
  name: 'olist-order-reviews',
  kind: 'reviews',
  detect: {
    required: ['review_id', 'order_id', 'review_score'],
    optional: ['review_comment_title', 'review_comment_message', 'review_creation_date', 'review_answer_timestamp'],
  },
  targets: {
    review: {
      key: ['platform_review_id'],
      platform_review_id: 'review_id',
      platform_order_id: 'order_id',
      rating: 'review_score',
      title: 'review_comment_title',
      body: 'review_comment_message',
      reviewed_at: 'review_creation_date',
    },
  },
} satisfies MappingInput, 'olist-order-reviews');

const products = parseMapping({
  ...base,
  name: 'olist-products',
  kind: 'listings',
  detect: {
    required: ['product_id', 'product_category_name'],
    optional: ['product_name_lenght', 'product_description_lenght', 'product_photos_qty', 'product_weight_g', 'product_length_cm', 'product_height_cm', 'product_width_cm'],
  },
  targets: {
    listing: {
      key: ['platform_listing_id'],
      merge: true,
      platform_listing_id: 'product_id',
      category_path: 'product_category_name',
    },
  },
} satisfies MappingInput, 'olist-products');

// The category file is a lookup (Portuguese → English names) with no canonical table: it is recognised and
// recorded with no rows (docs/real-data.md).
// plan.ts cannot compile an empty `targets` yet (the reject step takes its type from a projection), so a
// filter on a column no file has stands in for "no canonical rows".
const noRows = { orders: { when_present: 'no canonical table yet' } };
const payments = parseMapping({
  ...base,
  name: 'olist-order-payments',
  kind: 'payments',
  detect: { required: ['order_id', 'payment_sequential', 'payment_type', 'payment_value'], optional: ['payment_installments'] },
  // one row per payment (vouchers, instalments): the order total is their sum, merged into the order
  targets: {
    orders: {
      key: ['platform_order_id'],
      merge: true,
      platform_order_id: 'order_id',
      total: { column: 'payment_value', agg: 'sum' },
      currency: { const: 'BRL', transform: 'currency' },
    },
  },
} satisfies MappingInput, 'olist-order-payments');

const categories = parseMapping({
  ...base,
  name: 'olist-category-translation',
  kind: 'reference',
  detect: { required: ['product_category_name', 'product_category_name_english'] },
  targets: noRows,
} satisfies MappingInput, 'olist-category-translation');

export const connectors: Connector[] = [orders, items, customers, reviews, products, payments, categories].map((m) => mappingConnector(m));
