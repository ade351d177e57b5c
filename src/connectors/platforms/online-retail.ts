// UCI "Online Retail" invoice lines read as an own web shop: one row per invoice line, GBP, UK time.
// Lines without a CustomerID are anonymous (guest) orders, not rejects: the order keeps a NULL account and
// no customer_account row is made. Cancellations (InvoiceNo "C…") keep their negative quantities. Country names
// become ISO 3166-1 alpha-2 codes.
import { mappingConnector, type Connector } from '../connector.js';
import { parseMapping } from '../generic.js';
import type { MappingInput } from '../mapping.js';
import { countryMap } from '../../clean/country.js';

// "United Kingdom", "EIRE", "RSA", "USA" → GB, IE, ZA, US; "Channel Islands" and "European Community" have no
// code and stay as written, "Unspecified" too (a field map cannot make NULL; see docs/connectors.md)
const COUNTRY = countryMap();

// The invoice number says the status: "C…" is a cancellation, "A…" a bad-debt adjustment (no sale), anything else a
// sale the shop billed (the data set records no shipping or delivery, so `paid` is as far as it can say)
const STATUS = { column: 'InvoiceNo', transform: 'status' as const, prefix: { C: 'cancelled', A: 'unknown' }, otherwise: 'paid' };

const invoices = parseMapping({
  name: 'online-retail-invoices',
  platform: 'own-shop',
  kind: 'order_lines',
  read: { timezone: 'Europe/London', currency: 'GBP' },
  detect: {
    required: ['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice'],
    optional: ['Description', 'CustomerID', 'Country'],
  },
  targets: {
    orders: {
      key: ['platform_order_id'],
      platform_order_id: 'InvoiceNo',
      platform_customer_id: 'CustomerID',
      placed_at: 'InvoiceDate',
      status: STATUS,
      ship_country: { column: 'Country', map: COUNTRY },
    },
    order_line: {
      platform_order_id: { column: 'InvoiceNo', required: true },
      platform_listing_id: 'StockCode',
      sku: 'StockCode',
      title: 'Description',
      quantity: 'Quantity',
      unit_price: 'UnitPrice',
      placed_at: 'InvoiceDate',
      status: STATUS,
    },
    customer_account: {
      key: ['platform_customer_id'],
      // a NULL key would reject the record: only identified buyers make an account row
      when_present: 'CustomerID',
      platform_customer_id: 'CustomerID',
      country: { column: 'Country', map: COUNTRY },
      first_seen_at: 'InvoiceDate',
    },
    listing: {
      key: ['platform_listing_id'],
      platform_listing_id: 'StockCode',
      sku: 'StockCode',
      title: 'Description',
      price: 'UnitPrice',
    },
  },
} satisfies MappingInput, 'online-retail-invoices');

export const connectors: Connector[] = [mappingConnector(invoices)];
