// Human decisions and the review queue: accept/reject a pair (a hard constraint on later runs), list the most
// uncertain pairs of the latest run, and unmerge a listing from its product. Library functions the CLI and the
// HTTP API share.
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { inputError } from '../../util/errors.js';
import { formatListingKey, orderPair, type ListingKey } from './listing-key.js';
import { newProductId } from './stable-ids.js';

export type Decision = 'accept' | 'reject';

export interface StoredDecision {
  readonly a: ListingKey;
  readonly b: ListingKey;
  readonly decision: Decision;
  readonly decidedBy: string | null;
  readonly decidedAt: string;
}

async function requireListing(db: Backend, k: ListingKey): Promise<void> {
  const r = await db.one<{ n: number }>(step('SELECT count(*) AS n FROM listing WHERE platform = $1 AND platform_listing_id = $2', [k.platform, k.id]));
  if (Number(r?.n ?? 0) === 0) throw inputError(`no listing ${formatListingKey(k)} in the store`, 'check the key with `omnifuse review --list` or the listing table (platform:listing_id)');
}

/** Stores (or replaces) a human decision on a pair; the next `fuse products` obeys it. */
export async function decidePair(db: Backend, x: ListingKey, y: ListingKey, decision: Decision, by: string | null = null, note: string | null = null): Promise<StoredDecision> {
  if (x.platform === y.platform && x.id === y.id) throw inputError(`both sides are ${formatListingKey(x)}`, 'give two different listings');
  await requireListing(db, x);
  await requireListing(db, y);
  const [a, b] = orderPair(x, y);
  const at = new Date().toISOString();
  await db.transaction(async () => {
    await db.run(step('DELETE FROM match_decision WHERE platform_a = $1 AND listing_a = $2 AND platform_b = $3 AND listing_b = $4', [a.platform, a.id, b.platform, b.id]));
    await db.run(step('INSERT INTO match_decision VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS TIMESTAMPTZ))', [a.platform, a.id, b.platform, b.id, decision, by, note, at]));
  });
  return { a, b, decision, decidedBy: by, decidedAt: at };
}

export async function listDecisions(db: Backend): Promise<StoredDecision[]> {
  const rows = await db.all<{ pa: string; la: string; pb: string; lb: string; decision: Decision; decided_by: string | null; at: string }>(step(
    `SELECT platform_a AS pa, listing_a AS la, platform_b AS pb, listing_b AS lb, decision, decided_by, strftime(decided_at, '%Y-%m-%dT%H:%M:%SZ') AS at
     FROM match_decision ORDER BY decided_at, pa, la, pb, lb`));
  return rows.map((r) => ({ a: { platform: r.pa, id: r.la }, b: { platform: r.pb, id: r.lb }, decision: r.decision, decidedBy: r.decided_by, decidedAt: r.at }));
}

export interface ReviewSide {
  readonly key: string;
  readonly productId: string | null;
  readonly title: string | null;
  readonly brand: string | null;
  readonly gtin: string | null;
  readonly price: number | null;
  readonly currency: string | null;
}

export interface ReviewItem {
  readonly a: ReviewSide;
  readonly b: ReviewSide;
  readonly score: number;
  readonly threshold: number;
  /** Whether the latest run accepted the pair. */
  readonly accepted: boolean;
}

const side = (p: string) => `
  ${p}.platform || ':' || ${p}.platform_listing_id AS ${p}_key, ${p}m.product_id AS ${p}_product, ${p}.title AS ${p}_title, ${p}.brand AS ${p}_brand,
  ${p}.gtin AS ${p}_gtin, ${p}.price AS ${p}_price, ${p}.currency AS ${p}_currency`;

const latestListing = `(SELECT platform, platform_listing_id,
    arg_max(title, o) FILTER (WHERE title IS NOT NULL) AS title, arg_max(brand, o) FILTER (WHERE brand IS NOT NULL) AS brand,
    arg_max(gtin, o) FILTER (WHERE gtin IS NOT NULL) AS gtin, CAST(arg_max(price, o) FILTER (WHERE price IS NOT NULL) AS DOUBLE) AS price,
    arg_max(currency, o) FILTER (WHERE currency IS NOT NULL) AS currency
  FROM (SELECT *, source_file_id::BIGINT * 1000000000 + source_row AS o FROM listing) GROUP BY ALL)`;

/** The undecided candidate pairs of the latest run closest to the threshold (most uncertain first). */
export async function reviewQueue(db: Backend, limit = 20): Promise<ReviewItem[]> {
  const rows = await db.all(step(`
    SELECT c.score, c.threshold, c.accepted, ${side('a')}, ${side('b')}
    FROM product_candidate c
    JOIN ${latestListing} a ON a.platform = c.platform_a AND a.platform_listing_id = c.listing_a
    JOIN ${latestListing} b ON b.platform = c.platform_b AND b.platform_listing_id = c.listing_b
    LEFT JOIN product_member am ON am.platform = c.platform_a AND am.platform_listing_id = c.listing_a
    LEFT JOIN product_member bm ON bm.platform = c.platform_b AND bm.platform_listing_id = c.listing_b
    WHERE NOT EXISTS (SELECT 1 FROM match_decision d WHERE d.platform_a = c.platform_a AND d.listing_a = c.listing_a
                        AND d.platform_b = c.platform_b AND d.listing_b = c.listing_b)
    ORDER BY abs(c.score - c.threshold), c.platform_a, c.listing_a, c.platform_b, c.listing_b
    LIMIT $1`, [limit]));
  const toSide = (r: Record<string, unknown>, p: string): ReviewSide => ({
    key: r[`${p}_key`] as string, productId: (r[`${p}_product`] as string | null) ?? null, title: (r[`${p}_title`] as string | null) ?? null,
    brand: (r[`${p}_brand`] as string | null) ?? null, gtin: (r[`${p}_gtin`] as string | null) ?? null,
    price: r[`${p}_price`] === null || r[`${p}_price`] === undefined ? null : Number(r[`${p}_price`]), currency: (r[`${p}_currency`] as string | null) ?? null,
  });
  return rows.map((r) => ({ a: toSide(r, 'a'), b: toSide(r, 'b'), score: Number(r.score), threshold: Number(r.threshold), accepted: r.accepted === true }));
}

export interface UnmergeResult {
  readonly listing: string;
  readonly fromProduct: string;
  readonly newProduct: string;
  /** reject decisions stored, one per other member */
  readonly rejected: number;
}

/**
 * Takes a listing out of its product now (own new product) and stores a reject decision against every other member,
 * so later runs keep it apart.
 */
export async function unmergeListing(db: Backend, k: ListingKey, by: string | null = null): Promise<UnmergeResult> {
  const m = await db.one<{ product_id: string }>(step('SELECT product_id FROM product_member WHERE platform = $1 AND platform_listing_id = $2', [k.platform, k.id]));
  if (!m) throw inputError(`${formatListingKey(k)} is not in any fused product`, 'run `omnifuse fuse products` first, or check the key');
  const others = await db.all<{ platform: string; platform_listing_id: string }>(step(
    'SELECT platform, platform_listing_id FROM product_member WHERE product_id = $1 AND NOT (platform = $2 AND platform_listing_id = $3) ORDER BY 1, 2',
    [m.product_id, k.platform, k.id]));
  if (others.length === 0) throw inputError(`${formatListingKey(k)} is already alone in product ${m.product_id}`, 'nothing to unmerge');
  const taken = new Set((await db.all<{ product_id: string }>(step('SELECT product_id FROM product'))).map((r) => r.product_id));
  const newId = newProductId(`unmerge:${formatListingKey(k)}`, taken);
  const at = new Date().toISOString();
  await db.transaction(async () => {
    for (const o of others) await decidePair(db, k, { platform: o.platform, id: o.platform_listing_id }, 'reject', by, 'unmerge');
    await db.run(step("UPDATE product_member SET product_id = $1, score = NULL, method = 'human', linked_at = CAST($4 AS TIMESTAMPTZ) WHERE platform = $2 AND platform_listing_id = $3", [newId, k.platform, k.id, at]));
    await db.run(step(`INSERT INTO product (product_id, title, brand, gtin, mpn, n_listings, n_platforms, created_at, updated_at)
      SELECT $1, arg_max(title, source_row) FILTER (WHERE title IS NOT NULL), arg_max(brand, source_row) FILTER (WHERE brand IS NOT NULL),
             arg_max(gtin, source_row) FILTER (WHERE gtin IS NOT NULL), arg_max(mpn, source_row) FILTER (WHERE mpn IS NOT NULL), 1, 1,
             CAST($4 AS TIMESTAMPTZ), CAST($4 AS TIMESTAMPTZ)
      FROM listing WHERE platform = $2 AND platform_listing_id = $3`, [newId, k.platform, k.id, at]));
    await db.run(step('UPDATE product SET n_listings = n_listings - 1, updated_at = CAST($2 AS TIMESTAMPTZ) WHERE product_id = $1', [m.product_id, at]));
    const run = await db.one<{ r: number | null }>(step('SELECT max(run_id) AS r FROM product_run'));
    await db.run(step("INSERT INTO product_merge_log VALUES ($1, 'split', $2, $3, 1, $4, CAST($5 AS TIMESTAMPTZ))",
      [Number(run?.r ?? 0), m.product_id, newId, `unmerge ${formatListingKey(k)}`, at]));
  });
  return { listing: formatListingKey(k), fromProduct: m.product_id, newProduct: newId, rejected: others.length };
}
