// What every file writer shares: output folder, open sinks for the summary, dirt ledger and truth tracking.
import type { DirtLedger } from './dirt.js';
import type { Listing, ListingBook } from './listings.js';
import type { Order } from './orders.js';
import type { Platform } from './platforms.js';
import type { Rng } from './rng.js';
import type { ScalePlan } from './scale.js';
import { FileSink, type SinkOptions } from './sink.js';

export interface SampleFile { path: string; platform: Platform | 'truth'; kind: string; rows: number }

export class WriteContext {
  private readonly sinks: { sink: FileSink; platform: Platform | 'truth'; kind: string }[] = [];
  /** Listings that appear in some file (truth/listings.csv lists exactly these). */
  readonly seenListings = new Set<Listing>();
  /** `platform|platform_customer_id` → person key, for truth/persons.csv. */
  readonly seenAccounts = new Map<string, string>();

  constructor(
    readonly outDir: string,
    readonly plan: ScalePlan,
    readonly book: ListingBook,
    readonly dirt: DirtLedger,
    readonly rng: Rng,
    /** Orders placed at or after this instant also go to the platform's API-shaped file. */
    readonly apiCutoff: Map<string, number>,
  ) {}

  listingsOf(platform: Platform): Listing[] {
    return this.book.all.filter((l) => l.platform === platform);
  }

  open(path: string, platform: Platform | 'truth', kind: string, options?: SinkOptions): FileSink {
    const sink = new FileSink(this.outDir, path, options);
    this.sinks.push({ sink, platform, kind });
    return sink;
  }

  seeAccount(platform: Platform, id: string, personKey: string): void {
    if (id !== '') this.seenAccounts.set(`${platform}|${id}`, personKey);
  }

  /** Waits for any sink whose stream is full (write-stream backpressure). */
  async relieve(): Promise<void> {
    for (const s of this.sinks) await s.sink.relieve();
  }

  async closeAll(): Promise<SampleFile[]> {
    for (const s of this.sinks) await s.sink.close();
    return this.sinks.map((s) => ({ path: s.sink.path, platform: s.platform, kind: s.kind, rows: s.sink.rows }));
  }
}

/** Per-file dirt dice: rare exact duplicates and malformed values, guaranteed at least twice per larger file. */
export class DirtDice {
  constructor(private readonly rng: Rng, private readonly duplicateRate = 0.004, private readonly malformedRate = 0.0008) {}

  duplicate(): boolean {
    return this.rng.chance(this.duplicateRate);
  }

  /** True when the record about to be written (1-based number) should carry a malformed value. */
  malformed(nextRow: number): boolean {
    return nextRow === 29 || nextRow === 113 || this.rng.chance(this.malformedRate);
  }

  missing(p = 0.01): boolean {
    return this.rng.chance(p);
  }

  badDate(): string {
    return this.rng.pick(['2026-02-30 25:61:00', '31/02/2026', '0000-00-00 00:00:00', 'not a date', '2025-13-01']);
  }

  badNumber(): string {
    return this.rng.pick(['N/A', '12.3.4', '#VALUE!', 'abc', '--']);
  }
}

export interface OrderWriter {
  write(order: Order): void;
  finish(): Promise<void>;
}

/** Formats money with two decimals. */
export const m2 = (n: number): string => n.toFixed(2);
