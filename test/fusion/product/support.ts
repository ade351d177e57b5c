// Loads the bundled sample's listings (examples/truth/listings.csv: platform, id, SKU, barcode and title exactly as
// the platform files carry them; product_key is NOT loaded) into a real store, for fusion tests that need no ingest.
import { resolve } from 'node:path';
import type { Backend } from '../../../src/store/backend.js';
import { literal, step } from '../../../src/store/sql.js';

export const EXAMPLES_TRUTH = resolve(import.meta.dirname, '../../../examples/truth/listings.csv');

/** Loads listings of the given platforms (all but 'own', which has no titles) as source file `fileId`. */
export async function loadExampleListings(db: Backend, opts: { only?: string[]; except?: string[]; fileId?: number } = {}): Promise<number> {
  const where = ["platform <> 'own'"];
  const params: string[] = [];
  if (opts.only) {
    params.push(opts.only.join(','));
    where.push(`list_contains(string_split($${params.length}, ','), platform)`);
  }
  if (opts.except) {
    params.push(opts.except.join(','));
    where.push(`NOT list_contains(string_split($${params.length}, ','), platform)`);
  }
  await db.run(step(`INSERT INTO listing (platform, platform_listing_id, sku, gtin, asin, title, source_file_id, source_row)
    SELECT platform, platform_listing_id, nullif(sku, ''), CASE WHEN gtin <> '' THEN lpad(gtin, 14, '0') END,
           CASE WHEN platform = 'amazon' THEN platform_listing_id END, title, ${opts.fileId ?? 1}, row_number() OVER ()
    FROM read_csv(${literal(EXAMPLES_TRUTH)}, header = true, all_varchar = true) WHERE ${where.join(' AND ')}`, params));
  const r = await db.one<{ n: number }>(step('SELECT count(*) AS n FROM listing'));
  return Number(r?.n ?? 0);
}
