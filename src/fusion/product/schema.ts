// Tables of the product-fusion pipeline (migration 11): human pair decisions, attribute provenance, the merge/split
// log, the scored candidates the review queue reads, and one row per fusion run.
import { step, type SqlStep } from '../../store/sql.js';

/** Which listing each golden-record value came from, and by which survivorship rule. */
export const productAttributeTable = (): SqlStep => step(`CREATE TABLE IF NOT EXISTS product_attribute (
      product_id VARCHAR NOT NULL, attribute VARCHAR NOT NULL, value VARCHAR, platform VARCHAR, platform_listing_id VARCHAR,
      rule VARCHAR, PRIMARY KEY (product_id, attribute))`);

export function productFusionSchema(): SqlStep[] {
  return [
    // A human decision on a pair of listings: a hard constraint on every later run. Pairs are stored with a < b.
    step(`CREATE TABLE IF NOT EXISTS match_decision (
      platform_a VARCHAR NOT NULL, listing_a VARCHAR NOT NULL, platform_b VARCHAR NOT NULL, listing_b VARCHAR NOT NULL,
      decision VARCHAR NOT NULL, decided_by VARCHAR, note VARCHAR, decided_at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (platform_a, listing_a, platform_b, listing_b))`),
    productAttributeTable(),
    step(`CREATE TABLE IF NOT EXISTS product_merge_log (
      run_id INTEGER NOT NULL, kind VARCHAR NOT NULL, product_id VARCHAR NOT NULL, other_ids VARCHAR, n_listings INTEGER,
      detail VARCHAR, logged_at TIMESTAMPTZ NOT NULL)`),
    // Scored candidate pairs of the latest run near the decision threshold: the review queue.
    step(`CREATE TABLE IF NOT EXISTS product_candidate (
      platform_a VARCHAR NOT NULL, listing_a VARCHAR NOT NULL, platform_b VARCHAR NOT NULL, listing_b VARCHAR NOT NULL,
      score DOUBLE NOT NULL, threshold DOUBLE NOT NULL, accepted BOOLEAN NOT NULL, run_id INTEGER NOT NULL,
      PRIMARY KEY (platform_a, listing_a, platform_b, listing_b))`),
    step(`CREATE TABLE IF NOT EXISTS product_run (
      run_id INTEGER PRIMARY KEY, started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, model_version INTEGER,
      n_listings INTEGER, n_products INTEGER, n_candidates INTEGER, stats JSON)`),
  ];
}
