// Shopify exports: orders CSV (one row per line item), products CSV in both header generations, Admin REST orders JSON.
import { isoWithOffset, sqlWithOffset } from '../clock.js';
import { csvLine, rowOf, type Cell } from '../csv.js';
import { DirtDice, m2, type OrderWriter, type WriteContext } from '../context.js';
import type { Listing } from '../listings.js';
import { shopifyOrderId, shopifyOrderName } from '../ids.js';
import type { Order } from '../orders.js';
import type { Address } from '../people.js';
import type { FileSink } from '../sink.js';
import { variantTitle } from '../titles.js';

const ZONE = 'America/New_York';

export const SHOPIFY_ORDER_HEADER = (
  'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,' +
  'Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,' +
  'Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,' +
  'Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,' +
  'Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,' +
  'Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,' +
  'Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,' +
  'Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,' +
  'Payment Terms Name,Next Payment Due At,Payment References'
).split(',');

export const SHOPIFY_PRODUCT_HEADER_LEGACY = [
  'Handle', 'Title', 'Body (HTML)', 'Vendor', 'Product Category', 'Type', 'Tags', 'Published', 'Option1 Name', 'Option1 Value',
  'Option2 Name', 'Option2 Value', 'Option3 Name', 'Option3 Value', 'Variant SKU', 'Variant Grams', 'Variant Inventory Tracker',
  'Variant Inventory Qty', 'Variant Inventory Policy', 'Variant Fulfillment Service', 'Variant Price', 'Variant Compare At Price',
  'Variant Requires Shipping', 'Variant Taxable', 'Variant Barcode', 'Image Src', 'Image Position', 'Image Alt Text', 'Gift Card',
  'SEO Title', 'SEO Description', 'Google Shopping / Google Product Category', 'Google Shopping / Gender', 'Google Shopping / Age Group',
  'Google Shopping / MPN', 'Google Shopping / AdWords Grouping', 'Google Shopping / AdWords Labels', 'Google Shopping / Condition',
  'Google Shopping / Custom Product', 'Google Shopping / Custom Label 0', 'Google Shopping / Custom Label 1',
  'Google Shopping / Custom Label 2', 'Google Shopping / Custom Label 3', 'Google Shopping / Custom Label 4', 'Variant Image',
  'Variant Weight Unit', 'Variant Tax Code', 'Cost per item', 'Included / United States', 'Included / International',
  'Price / International', 'Compare At Price / International', 'Status',
];

/** 2025+ header generation ([BELIEF] list in shopify.md; Google Shopping and metafield columns left out). */
export const SHOPIFY_PRODUCT_HEADER_NEW = [
  'Title', 'URL handle', 'Description', 'Vendor', 'Product category', 'Type', 'Tags', 'Published on online store', 'Status', 'SKU',
  'Barcode', 'Option1 name', 'Option1 value', 'Option2 name', 'Option2 value', 'Option3 name', 'Option3 value', 'Price',
  'Compare-at price', 'Cost per item', 'Charge tax', 'Tax code', 'Inventory tracker', 'Inventory quantity',
  'Continue selling when out of stock', 'Weight value (grams)', 'Weight unit for display', 'Requires shipping', 'Fulfillment service',
  'Product image URL', 'Image position', 'Image alt text', 'Variant image URL', 'Gift card', 'SEO title', 'SEO description',
];

const COUNTRY = { US: 'US', FR: 'FR', CN: 'CN' };

/** Excel guard: zips with a leading zero and French postcodes are written `'02134` / `'75008`. */
const zip = (a: Address): string => (a.zip.startsWith('0') || a.country === 'FR' ? `'${a.zip}` : a.zip);

export const handleOf = (title: string): string => title.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function street(a: Address, short: boolean): string {
  return short ? a.line1Short : a.line1Long;
}

export class ShopifyWriter implements OrderWriter {
  private readonly orders: FileSink;
  private readonly apiOrders: Order[] = [];
  private readonly dice: DirtDice;

  constructor(private readonly ctx: WriteContext) {
    this.orders = ctx.open('shopify/orders_export.csv', 'shopify', 'orders');
    this.orders.line(csvLine(SHOPIFY_ORDER_HEADER));
    this.dice = new DirtDice(ctx.rng.fork('shopify-dirt'));
  }

  write(o: Order): void {
    const rng = this.ctx.rng;
    const file = this.orders.path;
    const a = o.account;
    const addr = a.person.address;
    const missingEmail = this.dice.missing(0.01);
    if (missingEmail) this.ctx.dirt.note(file, 'missing', { row: this.orders.rows + 1, column: 'Email', why: 'order without customer e-mail (POS/draft order)' });
    else this.ctx.seeAccount('shopify', a.id, a.person.key);
    const financial = o.status === 'cancelled' ? (o.paidAt ? 'refunded' : 'voided') : o.status === 'returned' ? 'refunded' : o.paidAt ? 'paid' : 'pending';
    const fulfilled = o.shippedAt !== null;
    const name = shopifyOrderName(o.seq);
    const email = missingEmail ? '' : a.email;
    const created = sqlWithOffset(o.placedAt, ZONE);
    const phone = rng.chance(0.6) ? a.phoneText : '';
    o.lines.forEach((line, i) => {
      const l = line.listing;
      this.ctx.seenListings.add(l);
      const rec: Record<string, Cell> = {
        Name: name, Email: email, 'Created at': created, 'Lineitem quantity': line.quantity,
        'Lineitem name': l.title, 'Lineitem price': m2(line.unitPrice), 'Lineitem compare at price': '', 'Lineitem sku': l.sku,
        'Lineitem requires shipping': 'true', 'Lineitem taxable': 'true', 'Lineitem fulfillment status': fulfilled ? 'fulfilled' : 'pending',
        Vendor: l.variant.base.brand.en, 'Lineitem discount': '0.00',
      };
      if (i === 0) {
        const tax1 = `${addr.province} State Tax`;
        Object.assign(rec, {
          'Financial Status': financial, 'Paid at': o.paidAt ? sqlWithOffset(o.paidAt, ZONE) : '', 'Fulfillment Status': fulfilled ? 'fulfilled' : 'unfulfilled',
          'Fulfilled at': o.shippedAt ? sqlWithOffset(o.shippedAt, ZONE) : '', 'Accepts Marketing': rng.chance(0.4) ? 'yes' : 'no', Currency: o.currency,
          Subtotal: m2(o.subtotal - o.discount), Shipping: m2(o.shipping), Taxes: m2(o.tax), Total: m2(o.total),
          'Discount Code': o.discount > 0 ? (o.promotion ? o.promotion.replace(/\s/g, '').toUpperCase() + '2025' : 'WELCOME10') : '',
          'Discount Amount': m2(o.discount), 'Shipping Method': o.shipping > 0 ? 'Standard Shipping' : 'Free Shipping',
          'Billing Name': a.displayName, 'Billing Street': [street(addr, a.shortStreet), addr.line2].filter(Boolean).join(', '),
          'Billing Address1': street(addr, a.shortStreet), 'Billing Address2': addr.line2, 'Billing City': addr.city, 'Billing Zip': zip(addr),
          'Billing Province': addr.province, 'Billing Country': COUNTRY[addr.country], 'Billing Phone': phone,
          'Shipping Name': a.displayName, 'Shipping Street': [street(addr, !a.shortStreet), addr.line2].filter(Boolean).join(', '),
          'Shipping Address1': street(addr, !a.shortStreet), 'Shipping Address2': addr.line2, 'Shipping City': addr.city, 'Shipping Zip': zip(addr),
          'Shipping Province': addr.province, 'Shipping Country': COUNTRY[addr.country], 'Shipping Phone': phone,
          'Cancelled at': o.cancelledAt ? sqlWithOffset(o.cancelledAt, ZONE) : '', 'Payment Method': rng.pick(['Shopify Payments', 'Shopify Payments', 'PayPal Express Checkout']),
          'Payment Reference': `c${rng.digits(11)}.1`, 'Refunded Amount': financial === 'refunded' ? m2(o.total) : '0.00', 'Outstanding Balance': '0.00',
          Id: shopifyOrderId(o.seq), Tags: o.promotion ?? '', 'Risk Level': o.anomaly === 'order_burst' ? 'High' : 'Low', Source: rng.pick(['web', 'web', 'shopify_draft_order', 'pos']),
          'Tax 1 Name': o.tax > 0 ? tax1 : '', 'Tax 1 Value': o.tax > 0 ? m2(o.tax) : '', Phone: phone,
          'Billing Province Name': addr.province, 'Shipping Province Name': addr.province,
        });
      }
      const nextRow = this.orders.rows + 1;
      if (this.dice.malformed(nextRow)) {
        const bad = rng.chance(0.5);
        if (bad) rec['Created at'] = this.dice.badDate(); else rec['Lineitem price'] = this.dice.badNumber();
        this.ctx.dirt.note(file, 'malformed', { row: nextRow, column: bad ? 'Created at' : 'Lineitem price', value: String(bad ? rec['Created at'] : rec['Lineitem price']), why: bad ? 'not a date' : 'non-numeric price' });
      }
      if (line.quantity === 999) this.ctx.dirt.note(file, 'outlier', { row: nextRow, column: 'Lineitem quantity', value: '999', why: 'quantity outlier' });
      const text = csvLine(rowOf(SHOPIFY_ORDER_HEADER, rec));
      this.orders.record(text);
      if (this.dice.duplicate()) {
        this.ctx.dirt.note(file, 'duplicate', { row: this.orders.record(text), why: `exact copy of row ${nextRow}` });
      }
    });
    if (o.placedAt >= (this.ctx.apiCutoff.get('shopify') ?? Infinity)) this.apiOrders.push(o);
  }

  async finish(): Promise<void> {
    await this.orders.close();
    this.writeApiJson();
    this.writeProducts();
  }

  /** Admin REST `{"orders":[...]}` for the most recent orders (same ids as the CSV). */
  private writeApiJson(): void {
    const sink = this.ctx.open('shopify/orders.json', 'shopify', 'orders-api');
    const rng = this.ctx.rng.fork('shopify-api');
    const orders = this.apiOrders.map((o) => {
      sink.rows++;
      const a = o.account;
      const addr = a.person.address;
      const id = Number(shopifyOrderId(o.seq));
      const address = { first_name: a.person.first, last_name: a.person.last, name: a.displayName, address1: a.shortStreet ? addr.line1Short : addr.line1Long, address2: addr.line2 || null, city: addr.city, province_code: addr.province || null, zip: addr.zip, country_code: addr.country, phone: a.phoneText };
      return {
        id, admin_graphql_api_id: `gid://shopify/Order/${id}`, name: shopifyOrderName(o.seq), order_number: 1000 + o.seq, number: o.seq,
        email: a.email, phone: null, created_at: isoWithOffset(o.placedAt, ZONE), updated_at: isoWithOffset(o.paidAt ?? o.placedAt, ZONE),
        processed_at: isoWithOffset(o.placedAt, ZONE), cancelled_at: o.cancelledAt ? isoWithOffset(o.cancelledAt, ZONE) : null,
        closed_at: o.completedAt ? isoWithOffset(o.completedAt, ZONE) : null, currency: o.currency, presentment_currency: o.currency,
        total_price: m2(o.total), subtotal_price: m2(o.subtotal - o.discount), total_tax: m2(o.tax), total_discounts: m2(o.discount),
        total_line_items_price: m2(o.subtotal), taxes_included: false,
        financial_status: o.status === 'cancelled' ? (o.paidAt ? 'refunded' : 'voided') : o.status === 'returned' ? 'refunded' : o.paidAt ? 'paid' : 'pending',
        fulfillment_status: o.shippedAt ? 'fulfilled' : null,
        customer: { id: 6_200_000_000_000 + Number(a.person.key.slice(1)) * 977, email: a.email, first_name: a.person.first, last_name: a.person.last },
        billing_address: address, shipping_address: address,
        line_items: o.lines.map((line, i) => ({
          id: id * 10 + i + 1, variant_id: Number(line.listing.variantId), product_id: Number(line.listing.productId), sku: line.listing.sku,
          title: line.listing.productTitle, variant_title: variantTitle(line.listing.variant) || null, quantity: line.quantity,
          price: m2(line.unitPrice), vendor: line.listing.variant.base.brand.en, grams: line.listing.variant.base.type.grams,
          fulfillment_status: o.shippedAt ? 'fulfilled' : null,
        })),
        shipping_lines: [{ title: o.shipping > 0 ? 'Standard Shipping' : 'Free Shipping', price: m2(o.shipping) }],
        tax_lines: o.tax > 0 ? [{ title: `${addr.province} State Tax`, price: m2(o.tax) }] : [],
        discount_codes: o.discount > 0 ? [{ code: o.promotion ? 'PROMO' : 'WELCOME10', amount: m2(o.discount), type: 'percentage' }] : [],
        note_attributes: [], refunds: [], source_name: rng.pick(['web', 'web', 'pos']), tags: o.promotion ?? '',
      };
    });
    sink.raw(JSON.stringify({ orders }, null, 1) + '\n');
  }

  private writeProducts(): void {
    const rng = this.ctx.rng.fork('shopify-products');
    const groups = new Map<string, Listing[]>();
    for (const l of this.ctx.listingsOf('shopify')) groups.set(l.productId, [...(groups.get(l.productId) ?? []), l]);
    const legacy = this.ctx.open('shopify/products_export.csv', 'shopify', 'products');
    const fresh = this.ctx.open('shopify/products_export_new.csv', 'shopify', 'products');
    legacy.line(csvLine(SHOPIFY_PRODUCT_HEADER_LEGACY));
    fresh.line(csvLine(SHOPIFY_PRODUCT_HEADER_NEW));
    let product = 0;
    for (const listings of groups.values()) {
      const first = listings[0] as Listing;
      const base = first.variant.base;
      const handle = handleOf(first.productTitle);
      const body = rng.chance(0.3) ? `<p>${first.productTitle}</p>\n<ul><li>Brand: ${base.brand.en}</li><li>Model: ${base.model}</li></ul>` : `<p>${base.type.en} by ${base.brand.en}.</p>`;
      const image = `https://cdn.shopify.com/s/files/1/0612/3456/products/${handle}.jpg`;
      const newHeader = product++ < this.ctx.plan.newHeaderProducts;
      listings.forEach((l, i) => {
        this.ctx.seenListings.add(l);
        const axes = base.type.axes;
        const price = l.priceError ? l.priceError.wrong : l.price;
        const options: Record<string, Cell> = {};
        axes.forEach((axis, k) => {
          options[`Option${k + 1} Name`] = i === 0 ? axis.charAt(0).toUpperCase() + axis.slice(1) : '';
          options[`Option${k + 1} Value`] = l.variant.attrs[axis];
        });
        if (axes.length === 0) { options['Option1 Name'] = i === 0 ? 'Title' : ''; options['Option1 Value'] = 'Default Title'; }
        const productLevel = i === 0;
        const rec: Record<string, Cell> = {
          Handle: handle, Title: productLevel ? first.productTitle : '', 'Body (HTML)': productLevel ? body : '', Vendor: productLevel ? base.brand.en : '',
          'Product Category': '', Type: productLevel ? base.type.short : '', Tags: productLevel ? `${base.type.category}, ${base.brand.en}` : '', Published: productLevel ? 'true' : '',
          ...options, 'Variant SKU': l.sku, 'Variant Grams': `${base.type.grams}.0`, 'Variant Inventory Tracker': 'shopify', 'Variant Inventory Qty': l.stock,
          'Variant Inventory Policy': 'deny', 'Variant Fulfillment Service': 'manual', 'Variant Price': m2(price), 'Variant Compare At Price': '',
          'Variant Requires Shipping': 'true', 'Variant Taxable': 'true', 'Variant Barcode': l.gtin || l.junkBarcode, 'Image Src': productLevel ? image : '',
          'Image Position': productLevel ? 1 : '', 'Image Alt Text': '', 'Gift Card': productLevel ? 'false' : '', 'Google Shopping / MPN': base.model,
          'Google Shopping / Condition': productLevel ? 'new' : '', 'Variant Weight Unit': 'g', 'Cost per item': m2(l.price * 0.55),
          'Included / United States': 'true', 'Included / International': 'true', Status: productLevel ? 'active' : '',
        };
        legacy.record(csvLine(rowOf(SHOPIFY_PRODUCT_HEADER_LEGACY, rec)));
        if (newHeader) {
          const fresh1: Record<string, Cell> = {
            Title: rec.Title, 'URL handle': handle, Description: rec['Body (HTML)'], Vendor: rec.Vendor, Type: rec.Type, Tags: rec.Tags,
            'Published on online store': productLevel ? 'TRUE' : '', Status: rec.Status, SKU: l.sku, Barcode: rec['Variant Barcode'],
            'Option1 name': options['Option1 Name'], 'Option1 value': options['Option1 Value'], 'Option2 name': options['Option2 Name'],
            'Option2 value': options['Option2 Value'], Price: m2(price), 'Cost per item': rec['Cost per item'], 'Charge tax': 'TRUE',
            'Inventory tracker': 'shopify', 'Inventory quantity': l.stock, 'Continue selling when out of stock': 'DENY',
            'Weight value (grams)': base.type.grams, 'Weight unit for display': 'g', 'Requires shipping': 'TRUE', 'Fulfillment service': 'manual',
            'Product image URL': rec['Image Src'], 'Image position': rec['Image Position'], 'Gift card': productLevel ? 'FALSE' : '',
          };
          fresh.record(csvLine(rowOf(SHOPIFY_PRODUCT_HEADER_NEW, fresh1)));
        }
      });
    }
  }
}

