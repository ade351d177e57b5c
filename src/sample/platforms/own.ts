// The brand's own data (platform "own"): clickstream events, reviews and warehouse inventory, plus generic mappings.
import { DAY_MS, REFERENCE_END, dmyHm, isoUtc } from '../clock.js';
import { csvLine } from '../csv.js';
import { DirtDice, type OrderWriter, type WriteContext } from '../context.js';
import type { Listing } from '../listings.js';
import type { Order } from '../orders.js';
import type { FileSink } from '../sink.js';
import { REVIEW_EN, REVIEW_ZH } from '../vocab-reviews.js';

export const EVENTS_MAPPING = `# Own-site clickstream (NDJSON), read by the generic connector.
name: own-events
platform: own
kind: events
read: { format: ndjson }
targets:
  event:
    event_type: { column: type, transform: lower }
    occurred_at: { column: ts, transform: datetime }
    platform_customer_id: user_id
    session_id: session_id
    platform_listing_id: item_id
    sku: sku
`;

export const REVIEWS_MAPPING = `# Own-site product reviews (JSON lines); nested fields use dotted paths, created_at is epoch milliseconds.
name: own-reviews
platform: own
kind: reviews
read: { format: ndjson }
targets:
  review:
    platform_review_id: review_id
    platform_listing_id: item.id
    sku: item.sku
    platform_customer_id: user.id
    rating: rating
    title: title
    body: body
    reviewed_at: { column: created_at, transform: datetime }
`;

export const INVENTORY_MAPPING = `# Weekly warehouse stock snapshots (CSV); snapshot_time is UTC written dd/mm/yyyy HH:MM.
name: own-inventory
platform: own
kind: inventory
read: { format: csv, delimiter: ',', encoding: utf-8, timezone: UTC }
targets:
  inventory_snapshot:
    platform_listing_id: sku
    sku: sku
    quantity: qty_on_hand
    warehouse: warehouse
    at: { column: snapshot_time, transform: datetime, format: '%d/%m/%Y %H:%M' }
`;

interface EventRow { ts: number; text: string }

export class OwnWriter implements OrderWriter {
  private readonly events: FileSink;
  private readonly reviews: FileSink;
  private readonly dice: DirtDice;
  private pending: EventRow[] = [];
  private session = 0;
  private review = 0;
  private readonly ownBySku: Map<string, Listing>;

  constructor(private readonly ctx: WriteContext, private readonly reviewRate: number) {
    this.events = ctx.open('own/events.ndjson', 'own', 'events');
    this.reviews = ctx.open('own/reviews.jsonl', 'own', 'reviews');
    this.dice = new DirtDice(ctx.rng.fork('own-dirt'), 0.002, 0.0003);
    this.ownBySku = new Map(ctx.book.own.map((l) => [l.variant.sku, l]));
  }

  private event(type: string, ts: number, user: string, session: string, l: Listing): void {
    this.ctx.seenListings.add(l);
    this.pending.push({ ts, text: JSON.stringify({ type, ts: isoUtc(ts, true), user_id: user, session_id: session, item_id: l.id, sku: l.sku }) });
  }

  /** Own-site session around an order: research before buying anywhere; checkout only for the own web stores. */
  write(o: Order): void {
    const rng = this.ctx.rng;
    const person = o.account.person;
    const own = this.ownBySku.get((o.lines[0] as Order['lines'][number]).listing.variant.sku) as Listing;
    const rate = this.ctx.plan.eventsPerOrder / 4;
    if (rng.chance(rate)) {
      this.ctx.seeAccount('own', person.ownId, person.key);
      const session = `s_${(++this.session).toString(36)}`;
      let t = o.placedAt - rng.int(5, 90) * 60_000;
      for (let i = rng.int(1, 4); i > 0; i--) { this.event(rng.chance(0.1) ? 'VIEW' : 'view', t, person.ownId, session, own); t += rng.int(10_000, 300_000); }
      if (o.platform === 'shopify' || o.platform === 'woocommerce') {
        this.event('cart', t, person.ownId, session, own);
        this.event('purchase', Math.max(t + 30_000, o.placedAt), person.ownId, session, own);
      } else if (rng.chance(0.3)) {
        this.event('favorite', t, person.ownId, session, own);
      }
      // Browsing without buying.
      if (rng.chance(0.5)) {
        const other = rng.pick(this.ctx.book.own);
        this.event('view', t + rng.int(60_000, 600_000), person.ownId, session, other);
      }
    }
    if (o.status === 'completed' && o.completedAt !== null && rng.chance(this.reviewRate)) {
      const at = o.completedAt + rng.int(1, 20) * DAY_MS;
      if (at < REFERENCE_END) this.writeReview(o, own, at);
    }
  }

  private writeReview(o: Order, own: Listing, at: number): void {
    const rng = this.ctx.rng;
    const person = o.account.person;
    this.ctx.seeAccount('own', person.ownId, person.key);
    this.ctx.seenListings.add(own);
    const rating = 1 + rng.weighted([6, 5, 10, 30, 49]);
    const zh = person.region === 'CN' ? rng.chance(0.85) : rng.chance(0.03);
    const [title, body] = rng.pick((zh ? REVIEW_ZH : REVIEW_EN)[rating] ?? []);
    const row = this.reviews.rows + 1;
    const rec: Record<string, unknown> = {
      review_id: `R${String(++this.review).padStart(7, '0')}`, user: { id: person.ownId, nickname: zh ? person.hanzi.slice(0, 1) + '**' : `${person.first} ${person.last.charAt(0)}.` },
      item: { id: own.id, sku: own.sku }, rating, title, body, lang: zh ? 'zh' : 'en', created_at: at, verified_purchase: true,
    };
    if (this.dice.malformed(row)) {
      rec.rating = rng.pick(['five', '', 'N/A']);
      this.ctx.dirt.note(this.reviews.path, 'malformed', { row, column: 'rating', value: String(rec.rating), why: 'non-numeric rating' });
    }
    this.reviews.record(JSON.stringify(rec));
  }

  /** Flushes the day's events in time order (sessions straddle order times). */
  endDay(): void {
    this.pending.sort((a, b) => a.ts - b.ts);
    for (const e of this.pending) {
      const row = this.events.rows + 1;
      let text = e.text;
      if (this.dice.malformed(row)) {
        const bad = this.dice.badDate();
        text = text.replace(/"ts":"[^"]*"/, `"ts":"${bad}"`);
        this.ctx.dirt.note(this.events.path, 'malformed', { row, column: 'ts', value: bad, why: 'not a date' });
      }
      this.events.record(text);
      if (this.dice.duplicate()) this.ctx.dirt.note(this.events.path, 'duplicate', { row: this.events.record(text), why: `exact copy of row ${row}` });
    }
    this.pending = [];
  }

  async finish(): Promise<void> {
    this.endDay();
    await this.events.close();
    await this.reviews.close();
    await this.writeInventory();
    for (const [path, text] of [['own/events.mapping.yaml', EVENTS_MAPPING], ['own/reviews.mapping.yaml', REVIEWS_MAPPING], ['own/inventory.mapping.yaml', INVENTORY_MAPPING]] as const) {
      const sink = this.ctx.open(path, 'own', 'mapping');
      sink.raw(text);
      await sink.close();
    }
  }

  private async writeInventory(): Promise<void> {
    const rng = this.ctx.rng.fork('inventory');
    const sink = this.ctx.open('own/inventory.csv', 'own', 'inventory');
    sink.line(csvLine(['sku', 'warehouse', 'qty_on_hand', 'snapshot_time']));
    const weeks = this.ctx.plan.inventoryWeeks;
    const levels = new Map<Listing, [number, number]>(this.ctx.book.own.map((l) => [l, [rng.int(0, 300), rng.int(0, 500)]]));
    for (let w = weeks; w >= 1; w--) {
      const at = REFERENCE_END - w * 7 * DAY_MS + 2 * 3_600_000;
      for (const l of this.ctx.book.own) {
        this.ctx.seenListings.add(l);
        const level = levels.get(l) as [number, number];
        level[0] = Math.max(0, level[0] - rng.int(0, 40) + (rng.chance(0.2) ? rng.int(50, 200) : 0));
        level[1] = Math.max(0, level[1] - rng.int(0, 60) + (rng.chance(0.2) ? rng.int(80, 300) : 0));
        sink.record(csvLine([l.sku, 'US-NJ-01', level[0], dmyHm(at, 'UTC')]));
        sink.record(csvLine([l.sku, 'CN-SH-02', level[1], dmyHm(at + 15 * 60_000, 'UTC')]));
      }
      await sink.relieve();
    }
  }
}
