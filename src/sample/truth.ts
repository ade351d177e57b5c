// Ground-truth files: which listings are the same product, which accounts are the same person, what was injected.
import type { AnomalyLog } from './anomalies.js';
import { ymd } from './clock.js';
import { csvLine } from './csv.js';
import type { WriteContext } from './context.js';
import { isValidGtin } from './gtin.js';
import type { Listing } from './listings.js';

export async function writeTruth(ctx: WriteContext, anomalies: AnomalyLog, priceErrors: Listing[]): Promise<void> {
  const listings = ctx.open('truth/listings.csv', 'truth', 'listings');
  listings.line(csvLine(['platform', 'platform_listing_id', 'sku', 'gtin', 'title', 'product_key', 'has_identifier']));
  for (const l of [...ctx.book.all, ...ctx.book.own]) {
    if (!ctx.seenListings.has(l)) continue;
    const gtin = isValidGtin(l.gtin) ? l.gtin : '';
    listings.record(csvLine([l.platform, l.id, l.sku, gtin, l.title, l.variant.key, gtin ? 1 : 0]));
  }
  await listings.close();

  const persons = ctx.open('truth/persons.csv', 'truth', 'persons');
  persons.line(csvLine(['platform', 'platform_customer_id', 'person_key']));
  const keys = [...ctx.seenAccounts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const bar = key.indexOf('|');
    persons.record(csvLine([key.slice(0, bar), key.slice(bar + 1), ctx.seenAccounts.get(key)]));
  }
  await persons.close();

  const anomalyFile = ctx.open('truth/anomalies.csv', 'truth', 'anomalies');
  anomalyFile.line(csvLine(['platform', 'platform_order_id', 'product_key', 'date', 'kind', 'detail']));
  for (const a of anomalies.rows) anomalyFile.record(csvLine([a.platform, a.platform_order_id, a.product_key, a.date, a.kind, a.detail]));
  await anomalyFile.close();

  const errors = ctx.open('truth/price_errors.csv', 'truth', 'price-errors');
  errors.line(csvLine(['platform', 'platform_listing_id', 'product_key', 'wrong_price', 'normal_price', 'currency', 'from_date']));
  for (const l of priceErrors) {
    if (!l.priceError) continue;
    errors.record(csvLine([l.platform, l.id, l.variant.key, l.priceError.wrong.toFixed(2), l.price.toFixed(2), l.currency, ymd(l.priceError.from)]));
  }
  await errors.close();

  const dirt = ctx.open('truth/dirt.json', 'truth', 'dirt');
  dirt.raw(JSON.stringify(ctx.dirt.toJSON(), null, 1) + '\n');
  await dirt.close();
}
