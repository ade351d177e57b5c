// Amazon: All Orders flat-file report (TSV), Active Listings report (TSV), SP-API Orders v0 JSON.
import { mappingConnector, type Connector } from '../connector.js';
import { mappingSchema, type Mapping, type MappingInput } from '../mapping.js';

const map = (m: MappingInput): Mapping => mappingSchema.parse(m);

/** Order and item statuses of the reports and of SP-API that the shared status words do not know. */
const STATUS = {
  shipping: 'shipped', unfulfillable: 'cancelled', pendingavailability: 'placed', invoiceunconfirmed: 'shipped',
  'shipped - delivered to buyer': 'delivered', 'shipped - returned to seller': 'returned', 'shipped - returning to seller': 'returned',
};

// One row per order item, no buyer data. item-price is the LINE total (help page 200547170): unit_price is left
// to the derive step (line_total / quantity). The listing key is the ASIN, as in the listings report.
const allOrders = map({
  name: 'amazon-all-orders-tsv',
  platform: 'amazon',
  kind: 'orders',
  read: { format: 'tsv' },
  detect: {
    required: ['amazon-order-id', 'purchase-date', 'order-status', 'sku', 'asin', 'quantity', 'item-price'],
    optional: ['merchant-order-id', 'last-updated-date', 'fulfillment-channel', 'sales-channel', 'product-name', 'item-status', 'currency',
      'item-tax', 'shipping-price', 'ship-city', 'ship-postal-code', 'ship-country', 'is-business-order'],
  },
  targets: {
    orders: {
      key: ['platform_order_id'],
      platform_order_id: 'amazon-order-id',
      placed_at: 'purchase-date',
      status: { column: 'order-status', map: STATUS },
      status_raw: { column: 'order-status', transform: 'text' },
      currency: 'currency',
      ship_city: 'ship-city',
      ship_region: 'ship-state',
      ship_postcode: { column: 'ship-postal-code', transform: 'id' },
      ship_country: { column: 'ship-country', transform: 'country' },
      sales_channel: 'sales-channel',
    },
    order_line: {
      platform_order_id: 'amazon-order-id',
      platform_listing_id: 'asin',
      sku: 'sku',
      title: 'product-name',
      quantity: 'quantity',
      line_total: 'item-price',
      currency: 'currency',
      status: { column: 'item-status', map: STATUS },
      placed_at: 'purchase-date',
    },
    listing: {
      key: ['platform_listing_id'],
      when_present: 'asin',
      platform_listing_id: 'asin',
      asin: 'asin',
      sku: 'sku',
      title: 'product-name',
    },
  },
});

// product-id is typed by product-id-type (1 ASIN, 2 ISBN, 3 UPC, 4 EAN): the gtin transform keeps only valid
// GTINs, so an ASIN or ISBN-10 there never becomes a gtin. open-date carries a zone abbreviation (PDT/PST in the
// US report, BST/GMT in the UK one) that strptime cannot resolve, so the format names it and the mapping the zone.
function listingsMapping(zone: 'us' | 'uk'): Mapping {
  return map({
    name: 'amazon-listings-tsv',
    platform: 'amazon',
    kind: 'listings',
    read: { format: 'tsv' },
    detect: {
      required: ['item-name', 'seller-sku', 'price', 'asin1', 'product-id-type', 'product-id'],
      optional: ['item-description', 'listing-id', 'quantity', 'open-date', 'image-url', 'item-condition', 'fulfillment-channel', 'status'],
    },
    targets: {
      listing: {
        key: ['platform_listing_id'],
        platform_listing_id: 'asin1',
        asin: 'asin1',
        sku: 'seller-sku',
        gtin: 'product-id',
        title: 'item-name',
        description: 'item-description',
        price: 'price',
        quantity: 'quantity',
        status: { column: 'status', transform: 'lower' },
        image_url: 'image-url',
        listed_at: zone === 'us'
          ? { column: 'open-date', format: ['%Y-%m-%d %H:%M:%S PDT', '%Y-%m-%d %H:%M:%S PST', '%m/%d/%Y %H:%M:%S PDT', '%m/%d/%Y %H:%M:%S PST'], timezone: 'America/Los_Angeles' }
          : { column: 'open-date', format: ['%d/%m/%Y %H:%M:%S BST', '%d/%m/%Y %H:%M:%S GMT'], timezone: 'Europe/London' },
      },
    },
  });
}

const LISTINGS = { us: listingsMapping('us'), uk: listingsMapping('uk') };
const listings: Connector = {
  ...mappingConnector(LISTINGS.us),
  mapping: (file) => (/\t\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} (BST|GMT)\t/.test(file.sample) ? LISTINGS.uk : LISTINGS.us),
};

// SP-API getOrders: the OrdersList object ({"Orders": [...], "NextToken": ...}), bare or in the payload envelope; items come from getOrderItems and
// sync tools store them on the order as `OrderItems` (v0 OrderItem shape). ItemPrice is unit price × quantity.
const spApiOrders = map({
  name: 'amazon-sp-api-orders-json',
  platform: 'amazon',
  kind: 'orders',
  read: { format: 'json', records: 'Orders' },
  detect: {
    required: ['AmazonOrderId', 'PurchaseDate', 'OrderStatus'],
    optional: ['LastUpdateDate', 'FulfillmentChannel', 'SalesChannel', 'OrderTotal.Amount', 'OrderTotal.CurrencyCode', 'MarketplaceId',
      'ShippingAddress.City', 'BuyerInfo.BuyerEmail', 'OrderItems'],
  },
  targets: {
    orders: {
      platform_order_id: 'AmazonOrderId',
      platform_customer_id: { column: 'BuyerInfo.BuyerEmail', transform: 'email_hash' },
      placed_at: 'PurchaseDate',
      status: { column: 'OrderStatus', map: STATUS },
      status_raw: { column: 'OrderStatus', transform: 'text' },
      total: 'OrderTotal.Amount',
      currency: 'OrderTotal.CurrencyCode',
      ship_city: 'ShippingAddress.City',
      ship_region: 'ShippingAddress.StateOrRegion',
      ship_postcode: { column: 'ShippingAddress.PostalCode', transform: 'id' },
      ship_country: { column: 'ShippingAddress.CountryCode', transform: 'country' },
      sales_channel: 'SalesChannel',
    },
    order_line: {
      each: 'OrderItems',
      platform_order_id: '$.AmazonOrderId',
      platform_line_id: 'OrderItemId',
      platform_listing_id: 'ASIN',
      sku: 'SellerSKU',
      title: 'Title',
      quantity: 'QuantityOrdered',
      line_total: 'ItemPrice.Amount',
      currency: { column: ['ItemPrice.CurrencyCode', '$.OrderTotal.CurrencyCode'] },
      placed_at: '$.PurchaseDate',
    },
    customer_account: {
      key: ['platform_customer_id'],
      when_present: 'BuyerInfo.BuyerEmail',
      platform_customer_id: { column: 'BuyerInfo.BuyerEmail', transform: 'email_hash' },
      email_hash: { column: 'BuyerInfo.BuyerEmail', transform: 'email_hash' },
      phone_hash: { column: 'ShippingAddress.Phone', transform: 'phone_hash', country: 'ShippingAddress.CountryCode' },
      phone_fragment_hash: { column: 'ShippingAddress.Phone', transform: 'phone_fragment_hash', country: 'ShippingAddress.CountryCode' },
      name_masked: { column: ['BuyerInfo.BuyerName', 'ShippingAddress.Name'], transform: 'mask_name' },
      name_tokens: { column: ['BuyerInfo.BuyerName', 'ShippingAddress.Name'], transform: 'name_tokens' },
      city: 'ShippingAddress.City',
      region: 'ShippingAddress.StateOrRegion',
      postcode: { column: 'ShippingAddress.PostalCode', transform: 'id' },
      country: { column: 'ShippingAddress.CountryCode', transform: 'country' },
      first_seen_at: 'PurchaseDate',
    },
    listing: {
      key: ['platform_listing_id'],
      each: 'OrderItems',
      platform_listing_id: 'ASIN',
      asin: 'ASIN',
      sku: 'SellerSKU',
      title: 'Title',
    },
  },
});

// getOrders answers {"payload": {"Orders": [...]}} (v0 envelope); sync tools often save just the OrdersList
// ({"Orders": [...]}). Sniffing finds the path; the mapping keeps `Orders` for a file whose path it could not see.
const spApi: Connector = {
  ...mappingConnector(spApiOrders, ['json']),
  mapping: (file) => (file.recordsKey && /(^|\.)Orders$/.test(file.recordsKey)
    ? { ...spApiOrders, read: { ...spApiOrders.read, records: file.recordsKey } }
    : spApiOrders),
};

export const connectors: Connector[] = [mappingConnector(allOrders), listings, spApi];
