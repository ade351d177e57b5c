// eBay: Seller Hub orders report CSV (US, UK and French headers) and Trading API GetOrders XML.
import type { Connector } from '../connector.js';
import { signatureScore } from '../header.js';
import { mappingSchema, type Mapping, type MappingInput } from '../mapping.js';
import { countryMap } from '../../clean/country.js';

const map = (m: MappingInput): Mapping => mappingSchema.parse(m);
type Target = NonNullable<MappingInput['targets']['orders']>;
/** a target without the fields a site's report does not have */
const present = (o: Record<string, Target[string] | undefined>): Target => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Country names as the report writes them (English or the site's language) → ISO codes; unknown ones stay as written. */
const COUNTRY = countryMap();

/** The report's columns per site. Only the first three French names are documented (ebay.md); the rest are [BELIEF]. */
interface Dialect {
  site: string;
  /** the site's country: phone numbers written without + are read as its national numbers */
  region: string;
  timezone: string;
  dates: string[];
  sales: string; order: string; user: string; name: string; email: string; buyerCity?: string; buyerState?: string; buyerZip?: string;
  buyerCountry?: string; phone: string; city: string; state?: string; zip: string; country: string; item: string; title: string; sku: string;
  qty: string; price: string; shipping: string; tax?: string; total: string; date: string; tx: string;
}

const US: Dialect = {
  site: 'us', region: 'US', timezone: 'America/Los_Angeles', dates: ['%b-%d-%y', '%b-%d-%Y'],
  sales: 'Sales Record Number', order: 'Order Number', user: 'Buyer Username', name: 'Buyer Name', email: 'Buyer Email',
  buyerCity: 'Buyer City', buyerState: 'Buyer State', buyerZip: 'Buyer Zip', buyerCountry: 'Buyer Country',
  phone: 'Ship To Phone', city: 'Ship To City', state: 'Ship To State', zip: 'Ship To Zip', country: 'Ship To Country',
  item: 'Item Number', title: 'Item Title', sku: 'Custom Label', qty: 'Quantity', price: 'Sold For', shipping: 'Shipping And Handling',
  tax: 'eBay Collected Tax', total: 'Total Price', date: 'Sale Date', tx: 'Transaction ID',
};

const UK: Dialect = {
  ...US, site: 'uk', region: 'GB', timezone: 'Europe/London', dates: ['%d-%b-%y', '%b-%d-%y', '%d-%b-%Y'],
  phone: 'Post to phone', city: 'Post to city', state: 'Post to county', zip: 'Post to postcode', country: 'Post to country',
  shipping: 'Postage And Handling',
};

// French month abbreviations (janv., févr., déc. ...) are not English: the date transform reads them through its
// month-name table, so a French date that still fails is bad data and rejects the record, as on the other sites.
const FR: Dialect = {
  site: 'fr', region: 'FR', timezone: 'Europe/Paris', dates: ['%d-%b.-%y', '%d-%b-%y'],
  sales: 'Numéro de vente', order: 'Numéro de commande', user: "Pseudo de l'acheteur", name: "Nom de l'acheteur",
  email: "Adresse e-mail de l'acheteur", phone: 'Téléphone du destinataire', city: 'Ville de livraison', zip: 'Code postal de livraison',
  country: 'Pays de livraison', item: "Numéro de l'objet", title: "Titre de l'objet", sku: 'Libellé personnalisé', qty: 'Quantité',
  price: 'Vendu pour', shipping: 'Frais de livraison et de traitement', total: 'Prix total', date: 'Date de vente', tx: 'Numéro de transaction',
};

// A multi-item order is a summary row (no item number; totals, buyer, dates) followed by one row per item (no
// totals): orders and customers are keyed and take the first non-empty value, lines need an item number. The
// footer ("3 record(s) downloaded", "Seller ID : x") is stored as skipped lines.
function ordersMapping(d: Dialect): Mapping {
  const opt = <T>(column: string | undefined, spec: (c: string) => T): T | undefined => (column === undefined ? undefined : spec(column));
  const date = { column: d.date, format: d.dates };
  return map({
    name: 'ebay-orders-csv',
    platform: 'ebay',
    kind: 'orders',
    read: { timezone: d.timezone, skip_lines: '^\\s*"?(\\d+ record\\(s\\) downloaded|\\d+ enregistrement|Seller ID|ID du vendeur)' },
    detect: { required: [d.sales, d.order, d.user, d.item, d.title, d.qty, d.price, d.total], optional: [d.name, d.email, d.sku, d.shipping, d.date, d.tx, d.city, d.zip, d.country] },
    targets: {
      orders: present({
        key: ['platform_order_id'],
        platform_order_id: { column: [d.order, d.sales] },
        platform_customer_id: d.user,
        placed_at: date,
        currency: { column: [d.total, d.price], transform: 'currency' },
        shipping: d.shipping,
        tax: opt(d.tax, (c) => c),
        total: d.total,
        ship_city: d.city,
        ship_region: opt(d.state, (c) => c),
        ship_postcode: { column: d.zip, transform: 'id' },
        ship_country: { column: d.country, map: COUNTRY },
        sales_channel: { const: `ebay.${d.site}` },
      }),
      order_line: {
        when_present: d.item,
        platform_order_id: { column: [d.order, d.sales] },
        platform_line_id: d.tx,
        platform_listing_id: d.item,
        sku: d.sku,
        title: d.title,
        quantity: d.qty,
        unit_price: d.price,
        currency: { column: d.price, transform: 'currency' },
      },
      customer_account: present({
        key: ['platform_customer_id'],
        when_present: d.user,
        platform_customer_id: d.user,
        email_hash: { column: d.email, transform: 'email_hash' },
        phone_hash: { column: d.phone, transform: 'phone_hash', country: d.region },
        phone_fragment_hash: { column: d.phone, transform: 'phone_fragment_hash', country: d.region },
        name_masked: { column: d.name, transform: 'mask_name' },
        name_tokens: { column: d.name, transform: 'name_tokens' },
        city: opt(d.buyerCity, (c) => c),
        region: opt(d.buyerState, (c) => c),
        postcode: opt(d.buyerZip, (c) => ({ column: c, transform: 'id' as const })),
        country: opt(d.buyerCountry, (c) => ({ column: c, map: COUNTRY })),
        first_seen_at: date,
      }),
      listing: {
        key: ['platform_listing_id'],
        when_present: d.item,
        platform_listing_id: d.item,
        sku: d.sku,
        title: d.title,
      },
    },
  });
}

const DIALECTS = [US, UK, FR].map((d) => ordersMapping(d));
const score = (m: Mapping, header: readonly string[]) => signatureScore(header, m.detect?.required ?? [], m.detect?.optional ?? []);
const best = (header: readonly string[]) => DIALECTS.reduce((a, b) => (score(b, header) > score(a, header) ? b : a));

const ordersCsv: Connector = {
  name: 'ebay-orders-csv',
  platform: 'ebay',
  kind: 'orders',
  detect: (file) => (file.format === 'csv' ? score(best(file.header), file.header) : 0),
  mapping: (file) => best(file.header),
};

/** Order status of the Trading API: Completed means checkout complete (paid), not delivered. */
const TRADING_STATUS = { completed: 'paid', active: 'placed', inactive: 'cancelled', cancelpending: 'cancelled', shipped: 'shipped' };

// GetOrders: money is element text plus a currencyID attribute (`Total.#text`, `Total.@currencyID`), times are UTC.
// TransactionPrice is the unit price. One <Transaction> parses to an object, several to an array.
const getOrders = map({
  name: 'ebay-get-orders-xml',
  platform: 'ebay',
  kind: 'orders',
  read: { format: 'xml', records: 'Order' },
  targets: {
    orders: {
      platform_order_id: 'OrderID',
      platform_customer_id: 'BuyerUserID',
      placed_at: 'CreatedTime',
      status: { column: 'OrderStatus', map: TRADING_STATUS },
      status_raw: { column: 'OrderStatus', transform: 'text' },
      currency: { column: 'Total.@currencyID', transform: 'currency' },
      subtotal: 'Subtotal.#text',
      shipping: 'ShippingServiceSelected.ShippingServiceCost.#text',
      total: 'Total.#text',
      ship_city: 'ShippingAddress.CityName',
      ship_region: 'ShippingAddress.StateOrProvince',
      ship_postcode: { column: 'ShippingAddress.PostalCode', transform: 'id' },
      ship_country: { column: 'ShippingAddress.Country', transform: 'country' },
      sales_channel: { const: 'ebay.trading-api' },
    },
    order_line: {
      each: 'TransactionArray.Transaction',
      platform_order_id: '$.OrderID',
      platform_line_id: 'OrderLineItemID',
      platform_listing_id: 'Item.ItemID',
      sku: { column: ['Variation.SKU', 'Item.SKU'] },
      title: 'Item.Title',
      quantity: 'QuantityPurchased',
      unit_price: 'TransactionPrice.#text',
      currency: { column: 'TransactionPrice.@currencyID', transform: 'currency' },
      placed_at: { column: ['CreatedDate', '$.CreatedTime'] },
    },
    customer_account: {
      key: ['platform_customer_id'],
      when_present: 'BuyerUserID',
      platform_customer_id: 'BuyerUserID',
      // a path into the first transaction only resolves when there is one (an object); see the report
      email_hash: { column: 'TransactionArray.Transaction.Buyer.Email', transform: 'email_hash' },
      phone_hash: { column: 'ShippingAddress.Phone', transform: 'phone_hash', country: 'ShippingAddress.Country' },
      phone_fragment_hash: { column: 'ShippingAddress.Phone', transform: 'phone_fragment_hash', country: 'ShippingAddress.Country' },
      name_masked: { column: 'ShippingAddress.Name', transform: 'mask_name' },
      name_tokens: { column: 'ShippingAddress.Name', transform: 'name_tokens' },
      city: 'ShippingAddress.CityName',
      region: 'ShippingAddress.StateOrProvince',
      postcode: { column: 'ShippingAddress.PostalCode', transform: 'id' },
      country: { column: 'ShippingAddress.Country', transform: 'country' },
      first_seen_at: 'CreatedTime',
    },
    listing: {
      key: ['platform_listing_id'],
      each: 'TransactionArray.Transaction',
      platform_listing_id: 'Item.ItemID',
      sku: { column: ['Variation.SKU', 'Item.SKU'] },
      title: 'Item.Title',
    },
  },
});

const getOrdersXml: Connector = {
  name: getOrders.name,
  platform: getOrders.platform,
  kind: getOrders.kind,
  // sniffing gives XML no header: the response element names the format
  detect: (file) => (file.format === 'xml' && /<GetOrdersResponse[\s>]/.test(file.sample) ? 0.95 : 0),
  mapping: () => getOrders,
};

export const connectors: Connector[] = [ordersCsv, getOrdersXml];
