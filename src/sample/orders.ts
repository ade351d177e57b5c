// Order generation, one platform-day at a time, with promotions, cancellations, returns and injected anomalies.
import type { AnomalyLog } from './anomalies.js';
import { hourWeights, promotionOn } from './calendar.js';
import { DAY_MS, HOUR_MS, HISTORY_DAYS, REFERENCE_END, dayStart, ymd, zoneOffsetMinutes } from './clock.js';
import { amazonOrderId, ebayOrderNumber, jdOrderId, pddOrderId, shopifyOrderName, taobaoOrderId, wooOrderId } from './ids.js';
import type { Listing, ListingBook } from './listings.js';
import type { Account, People } from './people.js';
import { CHINESE, SHOP_ZONE, type Currency, type Platform } from './platforms.js';
import type { Rng } from './rng.js';

export interface OrderLine { listing: Listing; quantity: number; unitPrice: number }

export type OrderStatus = 'completed' | 'cancelled' | 'returned' | 'open';

export interface Order {
  platform: Platform;
  site: 'US' | 'FR' | 'CN';
  /** Per platform (per site for eBay) 1-based sequence; ids derive from it (ids.ts). */
  seq: number;
  placedAt: number;
  paidAt: number | null;
  shippedAt: number | null;
  completedAt: number | null;
  cancelledAt: number | null;
  account: Account;
  lines: OrderLine[];
  status: OrderStatus;
  currency: Currency;
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
  promotion: string | null;
  /** Injected anomaly kind, when this order is one. */
  anomaly: string | null;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

const TAX_RATE: Record<string, number> = { NY: 0.08875, MA: 0.0625, NJ: 0.06625, CT: 0.0635, IL: 0.1025, TX: 0.0825, WA: 0.101, CA: 0.0725, CO: 0.029, FL: 0.06, GA: 0.04, OR: 0, AZ: 0.056 };

/** The platform order id an order will be written with (matches the writers). */
export function platformOrderId(o: Order): string {
  switch (o.platform) {
    case 'shopify': return shopifyOrderName(o.seq);
    case 'amazon': return amazonOrderId(o.seq);
    case 'ebay': return ebayOrderNumber(o.seq, o.site === 'FR' ? 'FR' : 'US');
    case 'woocommerce': return wooOrderId(o.seq);
    case 'taobao': return taobaoOrderId(o.seq);
    case 'jd': return jdOrderId(o.seq);
    default: return pddOrderId(o.seq, ymd(o.placedAt + 8 * HOUR_MS).slice(2).replace(/-/g, ''));
  }
}

interface Drop { listing: Listing; from: number; to: number }

export class OrderFactory {
  private readonly seq = new Map<string, number>();
  private readonly spikes = new Map<string, Listing[]>();
  /** sales-drop windows by listing (a list per listing: scanning every drop on each draw was a hot spot at large scale) */
  private readonly drops = new Map<Listing, Drop[]>();
  private readonly bursts = new Set<string>();

  constructor(private readonly rng: Rng, private readonly people: People, private readonly book: ListingBook, private readonly log: AnomalyLog, anomalyCount: number) {
    const sellable = book.all.filter((l) => l.platform !== 'google' && l.platform !== 'own');
    const popular = sellable.slice().sort((a, b) => b.variant.popularity - a.variant.popularity).slice(0, Math.max(20, Math.floor(sellable.length / 20)));
    for (let i = 0; i < anomalyCount; i++) {
      const spike = rng.pick(popular);
      const day = rng.int(30, HISTORY_DAYS - 10);
      const key = `${spike.platform}|${day}`;
      this.spikes.set(key, [...(this.spikes.get(key) ?? []), spike]);
      this.log.add({ platform: spike.platform, platform_order_id: '', product_key: spike.variant.key, date: ymd(dayStart(day)), kind: 'sales_spike', detail: `listing ${spike.id}: 12-30 extra orders that day` });
      const drop = rng.pick(popular);
      const from = rng.int(30, HISTORY_DAYS - 40);
      this.drops.set(drop, [...(this.drops.get(drop) ?? []), { listing: drop, from, to: from + 20 }]);
      this.log.add({ platform: drop.platform, platform_order_id: '', product_key: drop.variant.key, date: ymd(dayStart(from)), kind: 'sales_drop', detail: `listing ${drop.id}: no sales for 21 days from this date` });
      this.bursts.add(`${rng.pick(['shopify', 'woocommerce', 'ebay', 'taobao'])}|${rng.int(30, HISTORY_DAYS - 2)}`);
    }
  }

  private nextSeq(key: string): number {
    const n = (this.seq.get(key) ?? 0) + 1;
    this.seq.set(key, n);
    return n;
  }

  private tableKey(platform: Platform, account: Account): string {
    if (platform === 'ebay') return `ebay:${account.site === 'FR' ? 'FR' : 'US'}`;
    return `${platform}:${CHINESE.has(platform) ? 'CN' : 'US'}`;
  }

  private drawListing(key: string, day: number): Listing | null {
    const table = this.book.tables.get(key);
    if (!table || table.size === 0) return null;
    for (let tries = 0; tries < 6; tries++) {
      const l = table.draw(this.rng);
      const drops = this.drops.get(l);
      if (!drops?.some((d) => day >= d.from && day <= d.to)) return l;
    }
    return null;
  }

  /**
   * Orders of one platform on one day, in time order, made one at a time as the caller takes them: a day's
   * orders held in an array outlived young-generation collections and were promoted, then collected by the
   * far costlier old-generation GC (at large scale a day is ~10k orders).
   */
  *day(platform: Platform, day: number, expected: number): Generator<Order> {
    const rng = this.rng;
    const accounts = this.people.byPlatform.get(platform);
    if (!accounts || accounts.size === 0) return;
    const promo = promotionOn(day, platform);
    const hours = hourWeights(promo !== null && CHINESE.has(platform));
    const zone = SHOP_ZONE[platform];
    const plans: { at: number; account: Account; forced: Listing | null; anomaly: string | null }[] = [];
    const localTime = (): number => {
      const localMs = dayStart(day) + rng.weighted(hours) * HOUR_MS + rng.int(0, HOUR_MS - 1000);
      return localMs - zoneOffsetMinutes(zone, localMs) * 60_000;
    };
    const n = rng.poisson(expected);
    for (let i = 0; i < n; i++) plans.push({ at: localTime(), account: accounts.draw(rng), forced: null, anomaly: null });
    for (const spike of this.spikes.get(`${platform}|${day}`) ?? []) {
      const extra = rng.int(12, 30);
      for (let i = 0; i < extra; i++) plans.push({ at: localTime(), account: accounts.draw(rng), forced: spike, anomaly: 'sales_spike' });
    }
    if (this.bursts.has(`${platform}|${day}`)) {
      const account = accounts.draw(rng);
      const start = localTime();
      for (let i = 0; i < 8; i++) plans.push({ at: start + i * rng.int(60_000, 400_000), account, forced: null, anomaly: 'order_burst' });
    }
    plans.sort((a, b) => a.at - b.at);
    for (const plan of plans) {
      const at = Math.min(plan.at, REFERENCE_END - 60_000);
      const key = this.tableKey(platform, plan.account);
      const lineCount = plan.forced ? 1 : 1 + rng.weighted([70, 20, 7, 2, 1]);
      const lines: OrderLine[] = [];
      for (let i = 0; i < lineCount; i++) {
        const listing = plan.forced ?? this.drawListing(key, day);
        if (!listing || lines.some((l) => l.listing === listing)) continue;
        const erroneous = listing.priceError && at >= listing.priceError.from;
        lines.push({ listing, quantity: 1 + rng.weighted([80, 13, 4, 2, 1]), unitPrice: erroneous ? listing.priceError!.wrong : listing.price });
      }
      if (lines.length === 0) continue;
      let anomaly = plan.anomaly;
      if (rng.chance(0.0006)) { const line = lines[0] as OrderLine; line.quantity = 999; anomaly = 'suspicious_quantity'; }
      if (lines.some((l) => l.unitPrice !== l.listing.price)) anomaly ??= 'price_error_order';
      const order = this.price(platform, plan.account, at, lines, promo?.name ?? null, anomaly);
      if (anomaly && anomaly !== 'sales_spike') {
        this.log.add({ platform, platform_order_id: platformOrderId(order), product_key: (lines[0] as OrderLine).listing.variant.key, date: ymd(at), kind: anomaly as 'order_burst', detail: anomaly === 'order_burst' ? `8 orders by ${plan.account.id} within an hour` : anomaly === 'suspicious_quantity' ? 'quantity 999' : `unit price ${(lines[0] as OrderLine).unitPrice} instead of ${(lines[0] as OrderLine).listing.price}` });
      }
      yield order;
    }
  }

  private price(platform: Platform, account: Account, at: number, lines: OrderLine[], promotion: string | null, anomaly: string | null): Order {
    const rng = this.rng;
    const site = platform === 'ebay' ? (account.site === 'FR' ? 'FR' : 'US') : CHINESE.has(platform) ? 'CN' : 'US';
    const currency = (lines[0] as OrderLine).listing.currency;
    const subtotal = round2(lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0));
    const discount = promotion && rng.chance(0.7) ? round2(subtotal * rng.float(0.05, 0.2)) : rng.chance(0.06) ? round2(subtotal * 0.1) : 0;
    const shipping = currency === 'CNY' ? (rng.chance(0.85) ? 0 : 10) : currency === 'EUR' ? (subtotal > 49 ? 0 : 4.9) : subtotal >= 35 ? 0 : 5.99;
    const taxRate = site === 'US' ? TAX_RATE[account.person.address.province] ?? 0.06 : 0;
    const tax = round2((subtotal - discount) * taxRate);
    const total = round2(subtotal - discount + shipping + tax);
    const r = rng.next();
    const recent = at > REFERENCE_END - 3 * DAY_MS;
    const status: OrderStatus = recent && r < 0.6 ? 'open' : r > 0.96 ? 'cancelled' : r > 0.93 ? 'returned' : 'completed';
    const paidAt = status === 'cancelled' && rng.chance(0.5) ? null : at + rng.int(5_000, 1_800_000);
    const shippedAt = status === 'completed' || status === 'returned' ? (paidAt ?? at) + rng.int(6, 72) * HOUR_MS : null;
    const doneAt = shippedAt !== null ? shippedAt + rng.int(2, 9) * DAY_MS : null;
    const capped = (t: number | null): number | null => (t !== null && t < REFERENCE_END ? t : null);
    const key = platform === 'ebay' ? `ebay:${site}` : platform;
    return {
      platform, site, seq: this.nextSeq(key), placedAt: at, paidAt, shippedAt: capped(shippedAt), completedAt: capped(doneAt),
      cancelledAt: status === 'cancelled' ? at + rng.int(1, 48) * HOUR_MS : null,
      account, lines, status, currency, subtotal, discount, shipping, tax, total, promotion, anomaly,
    };
  }
}

/** Splits an order-level amount over lines in proportion to line value (cents exact). */
export function allocate(amount: number, lines: readonly OrderLine[]): number[] {
  const values = lines.map((l) => l.unitPrice * l.quantity);
  const sum = values.reduce((a, b) => a + b, 0) || 1;
  const cents = Math.round(amount * 100);
  const parts = values.map((v) => Math.floor((cents * v) / sum));
  let rest = cents - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i] = (parts[i] as number) + 1;
  return parts.map((c) => c / 100);
}
