// Shopify: orders export CSV (one row per line item), products CSV in both header generations, Admin REST orders JSON.
import { mappingConnector, type Connector } from '../connector.js';
import { signatureScore } from '../header.js';
import { mappingSchema, type Mapping, type MappingInput } from '../mapping.js';

const map = (m: MappingInput): Mapping => mappingSchema.parse(m);

/** Shopify writes financial statuses in snake_case; the shared status words are spaced. */
const FINANCIAL = { partially_paid: 'paid', partially_refunded: 'refunded', partial: 'shipped', restocked: 'returned' };

// Order-level columns are filled only on an order's first row, so orders and customers are keyed and take the
// first non-empty value; `Email` is the only customer key the export has, so the account id is its keyed hash.
const ordersCsv = map({
  name: 'shopify-orders-csv',
  platform: 'shopify',
  kind: 'orders',
  detect: {
    required: ['Name', 'Email', 'Financial Status', 'Lineitem quantity', 'Lineitem name', 'Lineitem price'],
    optional: ['Paid at', 'Fulfillment Status', 'Currency', 'Subtotal', 'Total', 'Created at', 'Lineitem sku', 'Billing Name', 'Shipping Zip', 'Id'],
  },
  targets: {
    orders: {
      key: ['platform_order_id'],
      platform_order_id: 'Name',
      platform_customer_id: { column: 'Email', transform: 'email_hash' },
      // TODO(macros): on_error null only until of_ts reads "2025-10-07 09:50:26 +0200" (space before the offset)
      placed_at: { column: 'Created at', on_error: 'null' },
      status: { column: 'Financial Status', map: FINANCIAL },
      status_raw: { column: 'Financial Status', transform: 'text' },
      currency: 'Currency',
      subtotal: 'Subtotal',
      shipping: 'Shipping',
      tax: 'Taxes',
      discount: 'Discount Amount',
      total: 'Total',
      ship_city: 'Shipping City',
      ship_region: 'Shipping Province',
      ship_postcode: { column: 'Shipping Zip', transform: 'id' },
      ship_country: { column: 'Shipping Country', transform: 'country' },
      sales_channel: 'Source',
    },
    order_line: {
      platform_order_id: 'Name',
      platform_listing_id: 'Lineitem sku',
      sku: 'Lineitem sku',
      title: 'Lineitem name',
      quantity: 'Lineitem quantity',
      unit_price: 'Lineitem price',
      // blank on continuation rows: the derive step copies it from the order
      currency: 'Currency',
      status: { column: 'Lineitem fulfillment status', map: FINANCIAL },
    },
    customer_account: {
      key: ['platform_customer_id'],
      when_present: 'Email',
      platform_customer_id: { column: 'Email', transform: 'email_hash' },
      email_hash: { column: 'Email', transform: 'email_hash' },
      phone_hash: { column: ['Phone', 'Billing Phone', 'Shipping Phone'], transform: 'phone_hash', country: 'Billing Country' },
      phone_fragment_hash: { column: ['Phone', 'Billing Phone', 'Shipping Phone'], transform: 'phone_fragment_hash', country: 'Billing Country' },
      name_masked: { column: 'Billing Name', transform: 'mask_name' },
      name_tokens: { column: 'Billing Name', transform: 'name_tokens' },
      city: 'Billing City',
      region: 'Billing Province',
      postcode: { column: 'Billing Zip', transform: 'id' },
      country: { column: 'Billing Country', transform: 'country' },
      first_seen_at: { column: 'Created at', on_error: 'null' },
    },
    listing: {
      key: ['platform_listing_id'],
      when_present: 'Lineitem sku',
      platform_listing_id: 'Lineitem sku',
      sku: 'Lineitem sku',
      title: 'Lineitem name',
      brand: 'Vendor',
    },
  },
});

/** Column names of the two products CSV generations (legacy `Handle`/`Variant SKU`, 2025+ `URL handle`/`SKU`). */
const PRODUCT_COLUMNS = {
  legacy: {
    handle: 'Handle', sku: 'Variant SKU', barcode: 'Variant Barcode', price: 'Variant Price', qty: 'Variant Inventory Qty',
    body: 'Body (HTML)', category: 'Product Category', image: 'Image Src', option: 'Option1 Value', grams: 'Variant Grams',
  },
  current: {
    handle: 'URL handle', sku: 'SKU', barcode: 'Barcode', price: 'Price', qty: 'Inventory quantity',
    body: 'Description', category: 'Product category', image: 'Product image URL', option: 'Option1 value', grams: 'Weight value (grams)',
  },
};

// One row per variant and per extra image: image-only rows carry no SKU and feed nothing. Product-level columns
// (Title, Vendor, Body, category, Status) are blank on a product's second and later variants: filled down from
// the rows above with the same handle.
function productsMapping(generation: keyof typeof PRODUCT_COLUMNS): Mapping {
  const c = PRODUCT_COLUMNS[generation];
  return map({
    name: 'shopify-products-csv',
    platform: 'shopify',
    kind: 'products',
    detect: { required: [c.handle, 'Title', c.sku, c.barcode, c.price], optional: ['Vendor', 'Type', 'Tags', c.body, c.qty, c.image, c.grams, 'Status'] },
    targets: {
      listing: {
        key: ['platform_listing_id'],
        when_present: c.sku,
        platform_listing_id: c.sku,
        sku: c.sku,
        gtin: c.barcode,
        mpn: 'Google Shopping / MPN',
        brand: { column: 'Vendor', fill_down: c.handle },
        title: { column: 'Title', fill_down: c.handle },
        description: { column: c.body, fill_down: c.handle },
        category_path: { column: [c.category, 'Type'], fill_down: c.handle },
        variant: c.option,
        price: c.price,
        quantity: c.qty,
        status: { column: 'Status', transform: 'lower', fill_down: c.handle },
        image_url: c.image,
      },
    },
  });
}

const PRODUCTS = [productsMapping('legacy'), productsMapping('current')] as const;
const productScore = (m: Mapping, header: readonly string[]) => signatureScore(header, m.detect?.required ?? [], m.detect?.optional ?? []);

const productsCsv: Connector = {
  name: 'shopify-products-csv',
  platform: 'shopify',
  kind: 'products',
  detect: (file) => (file.format === 'csv' ? Math.max(...PRODUCTS.map((m) => productScore(m, file.header))) : 0),
  mapping: (file) => (productScore(PRODUCTS[1], file.header) > productScore(PRODUCTS[0], file.header) ? PRODUCTS[1] : PRODUCTS[0]),
};

// Admin REST `{"orders":[...]}`: ids are numbers, amounts strings, dates ISO 8601 with offset. The order key is
// `name` (#1001) and the listing key the SKU, as in the CSV export, so both files land on the same rows.
const ordersJson = map({
  name: 'shopify-orders-json',
  platform: 'shopify',
  kind: 'orders',
  read: { format: 'json', records: 'orders' },
  detect: {
    required: ['admin_graphql_api_id', 'name', 'financial_status', 'total_price', 'line_items'],
    optional: ['order_number', 'email', 'created_at', 'currency', 'subtotal_price', 'total_tax', 'customer.id', 'shipping_address.city', 'source_name'],
  },
  targets: {
    orders: {
      platform_order_id: 'name',
      platform_customer_id: { column: ['email', 'customer.email'], transform: 'email_hash' },
      placed_at: { column: ['created_at', 'processed_at'] },
      status: { column: 'financial_status', map: FINANCIAL },
      status_raw: { column: 'financial_status', transform: 'text' },
      currency: 'currency',
      subtotal: 'subtotal_price',
      tax: 'total_tax',
      discount: 'total_discounts',
      total: 'total_price',
      ship_city: 'shipping_address.city',
      ship_region: { column: ['shipping_address.province_code', 'shipping_address.province'] },
      ship_postcode: { column: 'shipping_address.zip', transform: 'id' },
      ship_country: { column: ['shipping_address.country_code', 'shipping_address.country'], transform: 'country' },
      sales_channel: 'source_name',
    },
    order_line: {
      each: 'line_items',
      platform_order_id: '$.name',
      platform_line_id: 'id',
      platform_listing_id: 'sku',
      sku: 'sku',
      title: { column: ['name', 'title'] },
      quantity: 'quantity',
      unit_price: 'price',
      currency: '$.currency',
      status: { column: 'fulfillment_status', map: FINANCIAL },
      placed_at: '$.created_at',
    },
    customer_account: {
      key: ['platform_customer_id'],
      when_present: 'email',
      platform_customer_id: { column: 'email', transform: 'email_hash' },
      email_hash: { column: 'email', transform: 'email_hash' },
      phone_hash: { column: ['phone', 'customer.phone', 'billing_address.phone'], transform: 'phone_hash', country: 'billing_address.country_code' },
      phone_fragment_hash: { column: ['phone', 'customer.phone', 'billing_address.phone'], transform: 'phone_fragment_hash', country: 'billing_address.country_code' },
      name_masked: { column: ['billing_address.name', 'customer.first_name'], transform: 'mask_name' },
      name_tokens: { column: ['billing_address.name', 'customer.first_name'], transform: 'name_tokens' },
      city: 'billing_address.city',
      region: { column: ['billing_address.province_code', 'billing_address.province'] },
      postcode: { column: 'billing_address.zip', transform: 'id' },
      country: { column: ['billing_address.country_code', 'billing_address.country'], transform: 'country' },
      first_seen_at: { column: ['customer.created_at', 'created_at'] },
    },
    listing: {
      key: ['platform_listing_id'],
      each: 'line_items',
      when_present: 'sku',
      platform_listing_id: 'sku',
      sku: 'sku',
      title: 'title',
      variant: 'variant_title',
      brand: 'vendor',
    },
  },
});

export const connectors: Connector[] = [mappingConnector(ordersCsv), productsCsv, mappingConnector(ordersJson, ['json'])];
