// Amazon exports: All Orders flat file (TSV, item-price = line total), Active Listings report, SP-API Orders v0 JSON.
import { isoUtc, isoWithOffset, pacificStamp } from '../clock.js';
import { rowOf, tsvLine, type Cell } from '../csv.js';
import { DirtDice, m2, type OrderWriter, type WriteContext } from '../context.js';
import { amazonOrderId } from '../ids.js';
import { allocate, type Order } from '../orders.js';
import type { FileSink } from '../sink.js';

export const AMAZON_ALL_ORDERS_HEADER = (
  'amazon-order-id merchant-order-id purchase-date last-updated-date order-status fulfillment-channel sales-channel order-channel url ' +
  'ship-service-level product-name sku asin item-status quantity currency item-price item-tax shipping-price shipping-tax gift-wrap-price ' +
  'gift-wrap-tax item-promotion-discount ship-promotion-discount ship-city ship-state ship-postal-code ship-country promotion-ids ' +
  'is-business-order purchase-order-number price-designation is-iba'
).split(' ');

export const AMAZON_LISTINGS_HEADER = (
  'item-name item-description listing-id seller-sku price quantity open-date image-url item-is-marketplace product-id-type ' +
  'zshop-shipping-fee item-note item-condition zshop-category1 zshop-browse-path zshop-storefront-feature asin1 asin2 asin3 ' +
  'will-ship-internationally expedited-shipping zshop-boldface product-id bid-for-featured-placement add-delete pending-quantity ' +
  'fulfillment-channel merchant-shipping-group status'
).split(' ');

const STATUS: Record<Order['status'], [string, string]> = {
  completed: ['Shipped', 'Shipped'], returned: ['Shipped', 'Shipped'], cancelled: ['Cancelled', 'Cancelled'], open: ['Pending', 'Unshipped'],
};

export class AmazonWriter implements OrderWriter {
  private readonly sink: FileSink;
  private readonly api: Order[] = [];
  private readonly dice: DirtDice;

  constructor(private readonly ctx: WriteContext) {
    this.sink = ctx.open('amazon/all_orders.txt', 'amazon', 'orders');
    this.sink.line(tsvLine(AMAZON_ALL_ORDERS_HEADER));
    this.dice = new DirtDice(ctx.rng.fork('amazon-dirt'));
  }

  write(o: Order): void {
    const file = this.sink.path;
    const id = amazonOrderId(o.seq);
    const [orderStatus, itemStatus] = STATUS[o.status];
    const afn = o.seq % 3 !== 0;
    const tax = allocate(o.tax, o.lines);
    const ship = allocate(o.shipping, o.lines);
    const disc = allocate(o.discount, o.lines);
    const addr = o.account.person.address;
    o.lines.forEach((line, i) => {
      this.ctx.seenListings.add(line.listing);
      const pendingNoPrice = o.status === 'open' && !afn;
      const rec: Record<string, Cell> = {
        'amazon-order-id': id, 'merchant-order-id': '', 'purchase-date': isoWithOffset(o.placedAt, 'UTC'),
        'last-updated-date': isoWithOffset(o.shippedAt ?? o.cancelledAt ?? o.paidAt ?? o.placedAt, 'UTC'), 'order-status': orderStatus,
        'fulfillment-channel': afn ? 'Amazon' : 'Merchant', 'sales-channel': 'Amazon.com', 'order-channel': '', url: '',
        'ship-service-level': o.seq % 7 === 0 ? 'Expedited' : 'Standard', 'product-name': line.listing.title, sku: line.listing.sku,
        asin: line.listing.id, 'item-status': itemStatus, quantity: line.quantity, currency: o.currency,
        'item-price': pendingNoPrice ? '' : m2(line.unitPrice * line.quantity), 'item-tax': pendingNoPrice ? '' : m2(tax[i] ?? 0),
        'shipping-price': m2(ship[i] ?? 0), 'shipping-tax': '0.00', 'gift-wrap-price': '0.00', 'gift-wrap-tax': '0.00',
        'item-promotion-discount': m2(-(disc[i] ?? 0)), 'ship-promotion-discount': '0.00', 'ship-city': addr.city.toUpperCase(),
        'ship-state': addr.province, 'ship-postal-code': addr.zip, 'ship-country': addr.country,
        'promotion-ids': o.promotion ? `${o.promotion} Deal` : '', 'is-business-order': 'false', 'purchase-order-number': '',
        'price-designation': '', 'is-iba': 'false',
      };
      const row = this.sink.rows + 1;
      if (pendingNoPrice) this.ctx.dirt.note(file, 'missing', { row, column: 'item-price', why: 'pending merchant-fulfilled order has no price yet' });
      if (this.dice.malformed(row)) {
        rec['item-price'] = this.dice.badNumber();
        this.ctx.dirt.note(file, 'malformed', { row, column: 'item-price', value: String(rec['item-price']), why: 'non-numeric price' });
      }
      if (line.quantity === 999) this.ctx.dirt.note(file, 'outlier', { row, column: 'quantity', value: '999', why: 'quantity outlier' });
      const text = tsvLine(rowOf(AMAZON_ALL_ORDERS_HEADER, rec));
      this.sink.record(text);
      if (this.dice.duplicate()) this.ctx.dirt.note(file, 'duplicate', { row: this.sink.record(text), why: `exact copy of row ${row}` });
    });
    if (o.placedAt >= (this.ctx.apiCutoff.get('amazon') ?? Infinity)) {
      this.api.push(o);
      this.ctx.seeAccount('amazon', o.account.id, o.account.person.key);
    }
  }

  async finish(): Promise<void> {
    await this.sink.close();
    this.writeApi();
    this.writeListings();
  }

  /**
   * SP-API Orders v0 getOrders payload. Items come from a second call (getOrderItems); like most sync tools we store
   * them on the order as `OrderItems` (the v0 OrderItem shape, unchanged).
   */
  private writeApi(): void {
    const sink = this.ctx.open('amazon/orders_sp_api.json', 'amazon', 'orders-api');
    const money = (n: number): { CurrencyCode: string; Amount: string } => ({ CurrencyCode: 'USD', Amount: m2(n) });
    const orders = this.api.map((o) => {
      sink.rows++;
      const addr = o.account.person.address;
      const tax = allocate(o.tax, o.lines);
      const shipped = o.shippedAt !== null;
      return {
        AmazonOrderId: amazonOrderId(o.seq), PurchaseDate: isoUtc(o.placedAt), LastUpdateDate: isoUtc(o.shippedAt ?? o.paidAt ?? o.placedAt),
        OrderStatus: { completed: 'Shipped', returned: 'Shipped', cancelled: 'Canceled', open: 'Unshipped' }[o.status],
        FulfillmentChannel: o.seq % 3 !== 0 ? 'AFN' : 'MFN', SalesChannel: 'Amazon.com', ShipServiceLevel: o.seq % 7 === 0 ? 'Expedited' : 'Std US D2D Dom',
        OrderTotal: money(o.total), NumberOfItemsShipped: shipped ? o.lines.reduce((s, l) => s + l.quantity, 0) : 0,
        NumberOfItemsUnshipped: shipped ? 0 : o.lines.reduce((s, l) => s + l.quantity, 0), PaymentMethod: 'Other', PaymentMethodDetails: ['Standard'],
        MarketplaceId: 'ATVPDKIKX0DER', OrderType: 'StandardOrder', IsBusinessOrder: false, IsPrime: o.seq % 2 === 0, IsPremiumOrder: false,
        IsReplacementOrder: false,
        ShippingAddress: { Name: o.account.displayName, AddressLine1: o.account.shortStreet ? addr.line1Short : addr.line1Long, City: addr.city, StateOrRegion: addr.province, PostalCode: addr.zip, CountryCode: addr.country, AddressType: 'Residential' },
        BuyerInfo: { BuyerEmail: o.account.id, BuyerName: o.account.displayName },
        OrderItems: o.lines.map((l, i) => ({
          ASIN: l.listing.id, SellerSKU: l.listing.sku, OrderItemId: `${(o.seq * 7919 + i).toString().padStart(14, '0')}`, Title: l.listing.title,
          QuantityOrdered: l.quantity, QuantityShipped: shipped ? l.quantity : 0, ItemPrice: money(l.unitPrice * l.quantity),
          ItemTax: money(tax[i] ?? 0), ShippingPrice: money(0), PromotionDiscount: money(0), IsGift: 'false', ConditionId: 'New',
          ProductInfo: { NumberOfItems: '1' },
        })),
      };
    });
    sink.raw(JSON.stringify({ payload: { Orders: orders, CreatedBefore: isoUtc(Date.UTC(2026, 5, 30, 23, 58)) } }, null, 1) + '\n');
  }

  private writeListings(): void {
    const rng = this.ctx.rng.fork('amazon-listings');
    const sink = this.ctx.open('amazon/active_listings.txt', 'amazon', 'listings');
    sink.line(tsvLine(AMAZON_LISTINGS_HEADER));
    for (const l of this.ctx.listingsOf('amazon')) {
      this.ctx.seenListings.add(l);
      const type = l.gtin ? (l.gtin.length === 12 ? 3 : 4) : 1;
      const fba = rng.chance(0.6);
      sink.record(tsvLine(rowOf(AMAZON_LISTINGS_HEADER, {
        'item-name': l.title, 'item-description': '', 'listing-id': `${rng.digits(4)}X${rng.letters(6, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}`,
        'seller-sku': l.sku, price: m2(l.price), quantity: fba ? '' : l.stock, 'open-date': pacificStamp(l.openedAt), 'image-url': '',
        'item-is-marketplace': 'y', 'product-id-type': type, 'item-condition': 11, asin1: l.id, 'product-id': l.gtin || l.id,
        'pending-quantity': 0, 'fulfillment-channel': fba ? 'AMAZON_NA' : 'DEFAULT', 'merchant-shipping-group': 'Migrated Template', status: 'Active',
      })));
    }
  }
}
