// WooCommerce REST v3 exports: orders array (streamed) and products + variations array.
import { isoLocalNoZone } from '../clock.js';
import { DirtDice, m2, type OrderWriter, type WriteContext } from '../context.js';
import { wooOrderId } from '../ids.js';
import type { Listing } from '../listings.js';
import { allocate, type Order } from '../orders.js';
import type { FileSink } from '../sink.js';
import { variantTitle } from '../titles.js';

const ZONE = 'America/New_York';
const STATUS: Record<Order['status'], string> = { completed: 'completed', returned: 'refunded', cancelled: 'cancelled', open: 'processing' };

export class WooWriter implements OrderWriter {
  private readonly sink: FileSink;
  private readonly dice: DirtDice;
  private lineId = 40;

  constructor(private readonly ctx: WriteContext) {
    this.sink = ctx.open('woocommerce/orders.json', 'woocommerce', 'orders');
    this.sink.raw('[');
    this.dice = new DirtDice(ctx.rng.fork('woo-dirt'));
  }

  write(o: Order): void {
    const rng = this.ctx.rng;
    const a = o.account;
    const addr = a.person.address;
    const guest = a.numericId === 0;
    // truth keys the account as the connector does: by billing e-mail, for guests (customer_id 0) and registered
    // customers alike (docs/connectors.md, WooCommerce)
    this.ctx.seeAccount('woocommerce', a.email, a.person.key);
    const dates = (name: string, t: number | null): Record<string, string | null> => ({
      [name]: t === null ? null : isoLocalNoZone(t, ZONE), [`${name}_gmt`]: t === null ? null : isoLocalNoZone(t, 'UTC'),
    });
    const tax = allocate(o.tax, o.lines);
    const disc = allocate(o.discount, o.lines);
    const row = this.sink.rows + 1;
    const order: Record<string, unknown> = {
      id: Number(wooOrderId(o.seq)), parent_id: 0, number: wooOrderId(o.seq), order_key: `wc_order_${rng.letters(13, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
      created_via: 'checkout', version: '8.9.1', status: STATUS[o.status], currency: o.currency,
      ...dates('date_created', o.placedAt), ...dates('date_modified', o.completedAt ?? o.paidAt ?? o.placedAt),
      discount_total: m2(o.discount), discount_tax: '0.00', shipping_total: m2(o.shipping), shipping_tax: '0.00', cart_tax: m2(o.tax),
      total: m2(o.total), total_tax: m2(o.tax), prices_include_tax: false, customer_id: a.numericId, customer_ip_address: '', customer_user_agent: '', customer_note: '',
      billing: {
        first_name: a.person.first, last_name: a.person.last, company: '', address_1: a.shortStreet ? addr.line1Short : addr.line1Long, address_2: addr.line2,
        city: addr.city, state: addr.province, postcode: addr.zip, country: addr.country, email: a.email, phone: a.phoneText,
      },
      shipping: { first_name: a.person.first, last_name: a.person.last, company: '', address_1: a.shortStreet ? addr.line1Long : addr.line1Short, address_2: addr.line2, city: addr.city, state: addr.province, postcode: addr.zip, country: addr.country },
      payment_method: 'stripe', payment_method_title: 'Credit Card (Stripe)', transaction_id: o.paidAt ? `ch_${rng.letters(24, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}` : '',
      ...dates('date_paid', o.paidAt), ...dates('date_completed', o.completedAt), cart_hash: '', meta_data: [],
      line_items: o.lines.map((l, i) => {
        this.ctx.seenListings.add(l.listing);
        const vt = variantTitle(l.listing.variant);
        const total = l.unitPrice * l.quantity - (disc[i] ?? 0);
        return {
          id: ++this.lineId, name: vt ? `${l.listing.productTitle} &ndash; ${vt}` : l.listing.productTitle, product_id: Number(l.listing.productId),
          variation_id: Number(l.listing.variantId), quantity: l.quantity, tax_class: '', subtotal: m2(l.unitPrice * l.quantity), subtotal_tax: m2(tax[i] ?? 0),
          total: m2(total), total_tax: m2(tax[i] ?? 0), taxes: [],
          meta_data: l.listing.variant.base.type.axes.map((axis, k) => ({ id: this.lineId * 10 + k, key: `pa_${axis}`, value: String(l.listing.variant.attrs[axis]).toLowerCase() })),
          sku: l.listing.sku, price: l.unitPrice,
        };
      }),
      tax_lines: [], shipping_lines: [{ id: ++this.lineId, method_title: o.shipping > 0 ? 'Flat rate' : 'Free shipping', method_id: o.shipping > 0 ? 'flat_rate' : 'free_shipping', total: m2(o.shipping), total_tax: '0.00' }],
      fee_lines: [], coupon_lines: o.discount > 0 ? [{ id: ++this.lineId, code: o.promotion ? 'blackfriday' : 'welcome10', discount: m2(o.discount), discount_tax: '0.00' }] : [],
      refunds: o.status === 'returned' ? [{ id: ++this.lineId, reason: 'Returned by customer', total: `-${m2(o.total)}` }] : [],
    };
    if (guest && this.dice.missing(0.01)) {
      (order.billing as Record<string, string>).phone = '';
      this.ctx.dirt.note(this.sink.path, 'missing', { row, column: 'billing.phone', why: 'guest order without phone' });
    }
    if (this.dice.malformed(row)) {
      order.date_created_gmt = this.dice.badDate();
      this.ctx.dirt.note(this.sink.path, 'malformed', { row, column: 'date_created_gmt', value: String(order.date_created_gmt), why: 'not a date' });
    }
    if (o.lines.some((l) => l.quantity === 999)) this.ctx.dirt.note(this.sink.path, 'outlier', { row, column: 'line_items[].quantity', value: '999', why: 'quantity outlier' });
    const text = JSON.stringify(order);
    this.sink.raw(this.sink.rows === 0 ? '\n' : ',\n');
    this.sink.rows++;
    this.sink.raw(text);
    if (this.dice.duplicate()) {
      this.sink.raw(',\n' + text);
      this.ctx.dirt.note(this.sink.path, 'duplicate', { row: ++this.sink.rows, why: `exact copy of element ${row} (same order id)` });
    }
  }

  async finish(): Promise<void> {
    this.sink.raw('\n]\n');
    await this.sink.close();
    this.writeProducts();
  }

  private writeProducts(): void {
    const sink = this.ctx.open('woocommerce/products.json', 'woocommerce', 'products');
    const rng = this.ctx.rng.fork('woo-products');
    const out: unknown[] = [];
    const groups = new Map<string, Listing[]>();
    for (const l of this.ctx.listingsOf('woocommerce')) groups.set(l.productId, [...(groups.get(l.productId) ?? []), l]);
    for (const [productId, listings] of groups) {
      const first = listings[0] as Listing;
      const base = first.variant.base;
      const variable = first.variantId !== '0';
      const created = { date_created: isoLocalNoZone(first.openedAt, ZONE), date_created_gmt: isoLocalNoZone(first.openedAt, 'UTC') };
      const prices = (l: Listing): Record<string, string> => ({ price: m2(l.price), regular_price: m2(l.price), sale_price: '' });
      out.push({
        id: Number(productId), name: first.productTitle, slug: first.productTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-'), permalink: `https://shop.example.com/product/${productId}/`,
        ...created, type: variable ? 'variable' : 'simple', status: 'publish', featured: false, catalog_visibility: 'visible',
        description: `<p>${base.type.en} by ${base.brand.en}</p>`, short_description: '', sku: variable ? '' : first.sku, ...(variable ? { price: m2(first.price), regular_price: '', sale_price: '' } : prices(first)),
        global_unique_id: variable ? '' : first.gtin, manage_stock: !variable, stock_quantity: variable ? null : first.stock,
        stock_status: first.stock > 0 ? 'instock' : 'outofstock', weight: String(base.type.grams / 1000),
        categories: [{ id: 15 + ['electronics', 'home', 'beauty', 'apparel', 'toys'].indexOf(base.type.category), name: base.type.category, slug: base.type.category }],
        attributes: base.type.axes.map((axis, k) => ({ id: k + 1, name: axis, position: k, visible: true, variation: true, options: listings.map((l) => l.variant.attrs[axis]) })),
        variations: variable ? listings.map((l) => Number(l.variantId)) : [], average_rating: m2(rng.float(3.5, 5)), rating_count: rng.int(0, 80),
      });
      if (!variable) { this.ctx.seenListings.add(first); sink.rows++; continue; }
      for (const l of listings) {
        this.ctx.seenListings.add(l);
        sink.rows++;
        out.push({
          id: Number(l.variantId), parent_id: Number(productId), ...created, sku: l.sku, ...prices(l), global_unique_id: l.gtin,
          manage_stock: true, stock_quantity: l.stock, stock_status: l.stock > 0 ? 'instock' : 'outofstock',
          attributes: base.type.axes.map((axis, k) => ({ id: k + 1, name: axis, option: l.variant.attrs[axis] })),
        });
      }
    }
    sink.raw(JSON.stringify(out, null, 1) + '\n');
  }
}
