// eBay exports: Seller Hub orders CSV (US and the ;-delimited French variant) and Trading API GetOrders XML.
import { ebayFrDate, ebayUsDate, isoUtc } from '../clock.js';
import { csvLineQuoted, rowOf, type Cell } from '../csv.js';
import { DirtDice, m2, type OrderWriter, type WriteContext } from '../context.js';
import { ebayOrderNumber, ebayTransactionId } from '../ids.js';
import type { Order, OrderLine } from '../orders.js';
import type { FileSink } from '../sink.js';
import { variantTitle } from '../titles.js';
import { xmlEscape } from '../xml.js';

export const EBAY_US_HEADER = (
  'Sales Record Number,Order Number,Buyer Username,Buyer Name,Buyer Email,Buyer Note,Buyer Address 1,Buyer Address 2,Buyer City,' +
  'Buyer State,Buyer Zip,Buyer Country,Buyer Tax Identifier Name,Buyer Tax Identifier Value,Ship To Name,Ship To Phone,' +
  'Ship To Address 1,Ship To Address 2,Ship To City,Ship To State,Ship To Zip,Ship To Country,Item Number,Item Title,Custom Label,' +
  'Sold Via Promoted Listings,Quantity,Sold For,Shipping And Handling,Item Location,Item Zip Code,Item Country,' +
  'eBay Collect And Remit Tax Rate,eBay Collect And Remit Tax Type,eBay Reference Name,eBay Reference Value,Tax Status,' +
  'Seller Collected Tax,eBay Collected Tax,Electronic Waste Recycling Fee,Mattress Recycling Fee,Battery Recycling Fee,' +
  'White Goods Disposal Tax,Tire Recycling Fee,Additional Fee,Lumber Fee,Prepaid Wireless Fee,' +
  'Road Improvement And Food Delivery Fee,eBay Collected Charges,Total Price,eBay Collected Tax and Fees Included in Total,' +
  'Payment Method,Sale Date,Paid On Date,Ship By Date,Minimum Estimated Delivery Date,Maximum Estimated Delivery Date,' +
  'Shipped On Date,Feedback Left,Feedback Received,My Item Note,PayPal Transaction ID,Shipping Service,Tracking Number,' +
  'Transaction ID,Variation Details,Global Shipping Program,Global Shipping Reference ID,Click And Collect,' +
  'Click And Collect Reference Number,eBay Plus,Authenticity Verification Program,Authenticity Verification Status,' +
  'Authenticity Verification Outcome Reason,PSA Vault Program,Vault Fulfillment Type,eBay Fulfillment Program,Tax City,Tax State,' +
  'Tax Zip,Tax Country,eBay International Shipping'
).split(',');

/**
 * French report headers. Only the first three are documented (ebay.md); the rest are [BELIEF] translations of
 * the US columns we fill, kept to the columns the sample needs.
 */
export const EBAY_FR_HEADER = [
  'Numéro de vente', 'Numéro de commande', "Pseudo de l'acheteur", "Nom de l'acheteur", "Adresse e-mail de l'acheteur",
  'Nom du destinataire', 'Téléphone du destinataire', 'Adresse de livraison 1', 'Ville de livraison', 'Code postal de livraison',
  'Pays de livraison', "Numéro de l'objet", "Titre de l'objet", 'Libellé personnalisé', 'Quantité', 'Vendu pour',
  'Frais de livraison et de traitement', 'Prix total', 'Mode de paiement', 'Date de vente', 'Date de paiement', "Date d'expédition",
  'Numéro de transaction', 'Détails de la variante',
];

const FR_OF: Record<string, string> = {
  'Sales Record Number': 'Numéro de vente', 'Order Number': 'Numéro de commande', 'Buyer Username': "Pseudo de l'acheteur",
  'Buyer Name': "Nom de l'acheteur", 'Buyer Email': "Adresse e-mail de l'acheteur", 'Ship To Name': 'Nom du destinataire',
  'Ship To Phone': 'Téléphone du destinataire', 'Ship To Address 1': 'Adresse de livraison 1', 'Ship To City': 'Ville de livraison',
  'Ship To Zip': 'Code postal de livraison', 'Ship To Country': 'Pays de livraison', 'Item Number': "Numéro de l'objet",
  'Item Title': "Titre de l'objet", 'Custom Label': 'Libellé personnalisé', Quantity: 'Quantité', 'Sold For': 'Vendu pour',
  'Shipping And Handling': 'Frais de livraison et de traitement', 'Total Price': 'Prix total', 'Payment Method': 'Mode de paiement',
  'Sale Date': 'Date de vente', 'Paid On Date': 'Date de paiement', 'Shipped On Date': "Date d'expédition",
  'Transaction ID': 'Numéro de transaction', 'Variation Details': 'Détails de la variante',
};

/** The French header as the US keys records are built with (FR_OF is one-to-one), so rows need no renaming. */
const FR_HEADER_AS_US: readonly string[] = (() => {
  const usOf = new Map(Object.entries(FR_OF).map(([us, fr]) => [fr, us]));
  return EBAY_FR_HEADER.map((h) => usOf.get(h) ?? h);
})();

/** `$1,433.66` (US) or `EUR 90,00` (FR). */
export function ebayMoney(n: number, site: 'US' | 'FR'): string {
  const [int = '0', dec = '00'] = n.toFixed(2).split('.');
  if (site === 'FR') return `EUR ${int},${dec}`;
  return `$${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}

class SiteFile {
  readonly sink: FileSink;
  orders = 0;
  constructor(ctx: WriteContext, path: string, readonly site: 'US' | 'FR') {
    this.sink = ctx.open(path, 'ebay', 'orders', { eol: '\r\n' });
    this.sink.line(site === 'US' ? '' : ';;;;;;;;');
    this.sink.line(csvLineQuoted(site === 'US' ? EBAY_US_HEADER : EBAY_FR_HEADER, site === 'US' ? ',' : ';'));
  }
}

export class EbayWriter implements OrderWriter {
  private readonly files: Record<'US' | 'FR', SiteFile>;
  private readonly api: Order[] = [];
  private readonly dice: DirtDice;

  constructor(private readonly ctx: WriteContext) {
    this.files = { US: new SiteFile(ctx, 'ebay/orders_us.csv', 'US'), FR: new SiteFile(ctx, 'ebay/orders_fr.csv', 'FR') };
    this.dice = new DirtDice(ctx.rng.fork('ebay-dirt'));
  }

  private emit(f: SiteFile, rec: Record<string, Cell>, dupable: boolean): void {
    const delimiter = f.site === 'US' ? ',' : ';';
    const header = f.site === 'US' ? EBAY_US_HEADER : FR_HEADER_AS_US;
    const row = f.sink.rows + 1;
    if (this.dice.malformed(row)) {
      const col = rec['Sold For'] ? 'Sold For' : 'Sale Date';
      rec[col] = col === 'Sold For' ? this.dice.badNumber() : this.dice.badDate();
      this.ctx.dirt.note(f.sink.path, 'malformed', { row, column: col, value: String(rec[col]), why: col === 'Sold For' ? 'non-numeric price' : 'not a date' });
    }
    if (rec.Quantity === 999) this.ctx.dirt.note(f.sink.path, 'outlier', { row, column: 'Quantity', value: '999', why: 'quantity outlier' });
    const text = csvLineQuoted(rowOf(header, rec), delimiter);
    f.sink.record(text);
    if (dupable && this.dice.duplicate()) this.ctx.dirt.note(f.sink.path, 'duplicate', { row: f.sink.record(text), why: `exact copy of row ${row}` });
  }

  write(o: Order): void {
    const site = o.site === 'FR' ? 'FR' : 'US';
    const f = this.files[site];
    f.orders++;
    const a = o.account;
    this.ctx.seeAccount('ebay', a.id, a.person.key);
    const addr = a.person.address;
    const date = (t: number | null): string => (t === null ? '' : site === 'US' ? ebayUsDate(t, 'America/New_York') : ebayFrDate(t, 'Europe/Paris'));
    const money = (n: number): string => ebayMoney(n, site);
    const orderFields: Record<string, Cell> = {
      'Sales Record Number': o.seq, 'Order Number': ebayOrderNumber(o.seq, site), 'Buyer Username': a.id, 'Buyer Name': a.displayName,
      'Buyer Email': o.seq % 5 < 2 ? a.email : '', 'Buyer Address 1': a.shortStreet ? addr.line1Short : addr.line1Long, 'Buyer Address 2': addr.line2,
      'Buyer City': addr.city, 'Buyer State': addr.province, 'Buyer Zip': addr.zip, 'Buyer Country': site === 'US' ? 'United States' : 'France',
      'Ship To Name': a.displayName, 'Ship To Phone': a.phoneText, 'Ship To Address 1': a.shortStreet ? addr.line1Long : addr.line1Short,
      'Ship To Address 2': addr.line2, 'Ship To City': addr.city, 'Ship To State': addr.province, 'Ship To Zip': addr.zip,
      'Ship To Country': site === 'US' ? 'United States' : 'France', 'Shipping And Handling': money(o.shipping), 'Seller Collected Tax': money(0),
      'eBay Collected Tax': money(o.tax), 'Total Price': money(o.total), 'eBay Collected Tax and Fees Included in Total': 'Yes',
      'Payment Method': o.paidAt ? 'Managed Payments' : '', 'Sale Date': date(o.placedAt), 'Paid On Date': date(o.paidAt),
      'Shipped On Date': date(o.shippedAt), 'Shipping Service': 'USPS Ground Advantage', 'Feedback Left': 'No', 'Feedback Received': '',
      'Global Shipping Program': 'No', 'Click And Collect': 'No', 'eBay Plus': 'No',
    };
    const lineFields = (l: OrderLine, i: number): Record<string, Cell> => {
      this.ctx.seenListings.add(l.listing);
      return {
        'Item Number': l.listing.id, 'Item Title': l.listing.title, 'Custom Label': l.listing.sku, 'Sold Via Promoted Listings': o.seq % 4 === 0 ? 'Yes' : 'No',
        Quantity: l.quantity, 'Sold For': money(l.unitPrice), 'Item Location': site === 'US' ? 'Newark, NJ' : 'Lyon', 'Item Country': site,
        'Transaction ID': ebayTransactionId(o.seq, i), 'Variation Details': variantTitle(l.listing.variant) ? `[${variantTitle(l.listing.variant).replace(' / ', ',')}]` : '',
      };
    };
    if (o.lines.length === 1) {
      // orderFields is not used again for a one-line order: no copy
      this.emit(f, Object.assign(orderFields, lineFields(o.lines[0] as OrderLine, 0)), true);
    } else {
      this.emit(f, { ...orderFields, Quantity: o.lines.reduce((s, l) => s + l.quantity, 0) }, false);
      o.lines.forEach((l, i) => this.emit(f, {
        'Sales Record Number': o.seq, 'Order Number': orderFields['Order Number'], 'Buyer Username': a.id, 'Sale Date': orderFields['Sale Date'],
        ...lineFields(l, i),
      }, false));
    }
    if (site === 'US' && o.placedAt >= (this.ctx.apiCutoff.get('ebay') ?? Infinity)) this.api.push(o);
  }

  async finish(): Promise<void> {
    for (const f of Object.values(this.files)) {
      f.sink.line('');
      f.sink.line(`${f.orders} record(s) downloaded`);
      f.sink.line('Seller ID : omnifuse-demo-store');
      await f.sink.close();
    }
    this.writeXml();
  }

  private writeXml(): void {
    const sink = this.ctx.open('ebay/get_orders.xml', 'ebay', 'orders-api');
    const usd = (tag: string, n: number): string => `<${tag} currencyID="USD">${m2(n)}</${tag}>`;
    const parts: string[] = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<GetOrdersResponse xmlns="urn:ebay:apis:eBLBaseComponents">',
      `  <Timestamp>2026-06-30T23:59:00.000Z</Timestamp><Ack>Success</Ack><Version>1349</Version>`,
      `  <PaginationResult><TotalNumberOfPages>1</TotalNumberOfPages><TotalNumberOfEntries>${this.api.length}</TotalNumberOfEntries></PaginationResult>`,
      '  <HasMoreOrders>false</HasMoreOrders>',
      '  <OrderArray>',
    ];
    for (const o of this.api) {
      sink.rows++;
      const a = o.account;
      const addr = a.person.address;
      const tx = o.lines.map((l, i) => [
        '        <Transaction>',
        `          <Buyer><Email>${xmlEscape(o.seq % 5 < 2 ? a.email : 'Invalid Request')}</Email></Buyer>`,
        `          <TransactionID>${ebayTransactionId(o.seq, i)}</TransactionID>`,
        `          <Item><ItemID>${l.listing.id}</ItemID><SKU>${xmlEscape(l.listing.sku)}</SKU><Title>${xmlEscape(l.listing.title)}</Title></Item>`,
        `          <QuantityPurchased>${l.quantity}</QuantityPurchased>`,
        `          ${usd('TransactionPrice', l.unitPrice)}`,
        `          <OrderLineItemID>${l.listing.id}-${ebayTransactionId(o.seq, i)}</OrderLineItemID>`,
        `          <CreatedDate>${isoUtc(o.placedAt, true)}</CreatedDate>`,
        '        </Transaction>',
      ].join('\n'));
      parts.push([
        '    <Order>',
        `      <OrderID>${ebayOrderNumber(o.seq, 'US')}</OrderID><SalesRecordNumber>${o.seq}</SalesRecordNumber>`,
        `      <OrderStatus>${o.status === 'cancelled' ? 'Cancelled' : o.paidAt ? 'Completed' : 'Active'}</OrderStatus>`,
        `      <CheckoutStatus><Status>${o.paidAt ? 'Complete' : 'Incomplete'}</Status><eBayPaymentStatus>NoPaymentFailure</eBayPaymentStatus><PaymentMethod>CreditCard</PaymentMethod></CheckoutStatus>`,
        `      <ShippingAddress><Name>${xmlEscape(a.displayName)}</Name><Street1>${xmlEscape(a.shortStreet ? addr.line1Short : addr.line1Long)}</Street1><Street2>${xmlEscape(addr.line2)}</Street2><CityName>${xmlEscape(addr.city)}</CityName><StateOrProvince>${addr.province}</StateOrProvince><PostalCode>${addr.zip}</PostalCode><Country>US</Country><CountryName>United States</CountryName><Phone>${xmlEscape(a.phoneText)}</Phone></ShippingAddress>`,
        `      <ShippingServiceSelected><ShippingService>USPSGroundAdvantage</ShippingService>${usd('ShippingServiceCost', o.shipping)}</ShippingServiceSelected>`,
        `      ${usd('Subtotal', o.subtotal - o.discount)}${usd('Total', o.total)}${usd('AmountPaid', o.paidAt ? o.total : 0)}`,
        '      <TransactionArray>',
        ...tx,
        '      </TransactionArray>',
        `      <BuyerUserID>${xmlEscape(a.id)}</BuyerUserID>`,
        o.paidAt ? `      <PaidTime>${isoUtc(o.paidAt, true)}</PaidTime>` : '',
        `      <CreatedTime>${isoUtc(o.placedAt, true)}</CreatedTime>`,
        o.shippedAt ? `      <ShippedTime>${isoUtc(o.shippedAt, true)}</ShippedTime>` : '',
        '    </Order>',
      ].filter(Boolean).join('\n'));
    }
    parts.push('  </OrderArray>', '  <OrdersPerPage>100</OrdersPerPage><PageNumber>1</PageNumber><ReturnedOrderCountActual>' + this.api.length + '</ReturnedOrderCountActual>', '</GetOrdersResponse>');
    sink.raw(parts.join('\n') + '\n');
  }
}
