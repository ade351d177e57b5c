// WooCommerce: REST API v3 orders and products (JSON arrays as GET /wc/v3/orders and /products return them).
import { mappingConnector, type Connector } from '../connector.js';
import { mappingSchema, type Mapping, type MappingInput } from '../mapping.js';

const map = (m: MappingInput): Mapping => mappingSchema.parse(m);

const STATUS = { trash: 'cancelled', 'checkout-draft': 'placed' };
/** date_created is site-local without an offset; the *_gmt twins are UTC, also without one. */
const gmt = (column: string) => ({ column, timezone: 'UTC' });

// The buyer key is billing.email (as a keyed hash) for guests (customer_id 0) and registered customers alike:
// one key kind per platform, and the e-mail is what links a buyer across platforms. The listing key is product_id,
// the id the products export carries; variation_id is 0 on simple products for the same reason.
const orders = map({
  name: 'woocommerce-orders-json',
  platform: 'woocommerce',
  kind: 'orders',
  read: { format: 'json' },
  detect: {
    required: ['order_key', 'status', 'currency', 'date_created_gmt', 'customer_id', 'billing.email', 'line_items'],
    optional: ['number', 'total', 'total_tax', 'shipping_total', 'discount_total', 'shipping.city', 'payment_method', 'created_via', 'prices_include_tax'],
  },
  targets: {
    orders: {
      platform_order_id: { column: ['number', 'id'] },
      platform_customer_id: { column: 'billing.email', transform: 'email_hash' },
      placed_at: gmt('date_created_gmt'),
      status: { column: 'status', map: STATUS },
      status_raw: { column: 'status', transform: 'text' },
      currency: 'currency',
      shipping: 'shipping_total',
      tax: 'total_tax',
      discount: 'discount_total',
      total: 'total',
      ship_city: { column: ['shipping.city', 'billing.city'] },
      ship_region: { column: ['shipping.state', 'billing.state'] },
      ship_postcode: { column: ['shipping.postcode', 'billing.postcode'], transform: 'id' },
      ship_country: { column: ['shipping.country', 'billing.country'], transform: 'country' },
      sales_channel: 'created_via',
    },
    order_line: {
      each: 'line_items',
      platform_order_id: { column: ['$.number', '$.id'] },
      platform_line_id: 'id',
      platform_listing_id: 'product_id',
      sku: 'sku',
      title: 'name',
      quantity: 'quantity',
      unit_price: 'price',
      line_total: 'total',
      currency: '$.currency',
      placed_at: gmt('$.date_created_gmt'),
    },
    customer_account: {
      key: ['platform_customer_id'],
      when_present: 'billing.email',
      platform_customer_id: { column: 'billing.email', transform: 'email_hash' },
      email_hash: { column: 'billing.email', transform: 'email_hash' },
      phone_hash: { column: 'billing.phone', transform: 'phone_hash', country: 'billing.country' },
      phone_fragment_hash: { column: 'billing.phone', transform: 'phone_fragment_hash', country: 'billing.country' },
      name_masked: { column: ['billing.first_name', 'billing.last_name'], combine: 'join', transform: 'mask_name' },
      name_tokens: { column: ['billing.first_name', 'billing.last_name'], combine: 'join', transform: 'name_tokens' },
      city: 'billing.city',
      region: 'billing.state',
      postcode: { column: 'billing.postcode', transform: 'id' },
      country: { column: 'billing.country', transform: 'country' },
      first_seen_at: gmt('date_created_gmt'),
    },
    listing: {
      key: ['platform_listing_id'],
      each: 'line_items',
      platform_listing_id: 'product_id',
      sku: 'sku',
      title: 'name',
    },
  },
});

// Products and their variations (/products/{id}/variations rows carry parent_id and no name): one listing per id.
// Prices are strings ("" when unset); the store currency is not in the export, so it is the ingest default.
const products = map({
  name: 'woocommerce-products-json',
  platform: 'woocommerce',
  kind: 'products',
  read: { format: 'json' },
  detect: {
    required: ['id', 'sku', 'price', 'regular_price', 'stock_status'],
    optional: ['name', 'slug', 'permalink', 'type', 'status', 'catalog_visibility', 'description', 'sale_price', 'date_created_gmt', 'manage_stock',
      'stock_quantity', 'categories', 'images', 'attributes', 'global_unique_id'],
  },
  targets: {
    listing: {
      key: ['platform_listing_id'],
      platform_listing_id: 'id',
      sku: 'sku',
      gtin: 'global_unique_id',
      title: 'name',
      description: { column: ['description', 'short_description'] },
      attributes: 'attributes',
      price: { column: ['price', 'regular_price'] },
      quantity: 'stock_quantity',
      status: { column: 'status', transform: 'lower' },
      url: 'permalink',
      listed_at: gmt('date_created_gmt'),
    },
  },
});

export const connectors: Connector[] = [mappingConnector(orders, ['json']), mappingConnector(products, ['json'])];
