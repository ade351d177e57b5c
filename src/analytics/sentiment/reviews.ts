// After-sales view of the review table: per product, average rating and model sentiment by month, and the
// complaint terms of negative reviews (terms over-represented against positive ones, by smoothed log-odds).
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { findModel } from '../../store/model-registry.js';
import { usageError } from '../../util/errors.js';
import { SENTIMENT_MODEL, sentimentScorer, type SentimentArtefact } from './train.js';
import { words } from './tokens.js';

export interface ReviewPeriod {
  product_id: string;
  month: string;
  reviews: number;
  avg_rating: number | null;
  /** share of reviews the model calls positive (null without a stored model) */
  positive_share: number | null;
}

export interface ComplaintTerm {
  term: string;
  negative: number;
  positive: number;
  log_odds: number;
}

export interface ReviewsReport {
  model: string | null;
  reviews: number;
  products: { product_id: string; title: string | null; reviews: number; avg_rating: number | null; positive_share: number | null }[];
  overTime: ReviewPeriod[];
  complaints: ComplaintTerm[];
}

const STOP = new Set('a an and are as at be but by for from has have i in is it its my of on or so that the this to was were with you your me we they them very just one'.split(' '));

/** Negative: rating ≤ 2, or (no rating) the model's probability below its threshold. */
export async function reviewsReport(db: Backend, opts: { product?: string; top?: number } = {}): Promise<ReviewsReport> {
  const stored = await findModel<SentimentArtefact>(db, SENTIMENT_MODEL);
  // a model stored by an older omnifuse (another artefact format) is ignored until `omnifuse reviews --train` replaces it
  const usable = stored?.artefact.format === 2 ? stored : undefined;
  const score = usable ? sentimentScorer(usable.artefact) : undefined;
  const rows = await db.all<{ product_id: string; title: string | null; month: string; rating: number | null; text: string; review_title: string | null; body: string | null }>(step(`
    SELECT COALESCE(lp.product_id, 'u:' || r.platform || ':' || COALESCE(r.platform_listing_id, r.sku, '?')) AS product_id,
           COALESCE((SELECT min(l.title) FROM listing l WHERE l.platform = r.platform AND l.platform_listing_id = r.platform_listing_id),
                    (SELECT min(l.title) FROM listing l WHERE l.sku = r.sku)) AS title,
           strftime(date_trunc('month', r.reviewed_at), '%Y-%m') AS month, CAST(r.rating AS DOUBLE) AS rating,
           trim(COALESCE(r.title, '') || ' ' || COALESCE(r.body, '')) AS text, r.title AS review_title, r.body
    FROM review r LEFT JOIN listing_product lp ON lp.platform = r.platform AND lp.platform_listing_id = r.platform_listing_id
    WHERE $1 IS NULL OR COALESCE(lp.product_id, 'u:' || r.platform || ':' || COALESCE(r.platform_listing_id, r.sku, '?')) = $1`, [opts.product ?? null]));
  if (opts.product && rows.length === 0) throw usageError(`no reviews for product ${opts.product}`, 'list reviewed products with `omnifuse reviews`');
  const scored = rows.map((r) => {
    const p = score ? score({ title: r.review_title ?? '', body: r.body ?? '' }) : null;
    const positive = p === null ? null : p >= usable!.artefact.threshold;
    const negative = r.rating !== null ? r.rating <= 2 : positive === false;
    const pos = r.rating !== null ? r.rating >= 4 : positive === true;
    return { ...r, positive, negative, pos };
  });
  const group = <K extends string>(key: (r: (typeof scored)[number]) => K) => {
    const m = new Map<K, typeof scored>();
    for (const r of scored) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const avg = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? Math.round((100 * v.reduce((a, b) => a + b, 0)) / v.length) / 100 : null;
  };
  const share = (rs: typeof scored) => (score ? Math.round((1000 * rs.filter((r) => r.positive).length) / rs.length) / 10 : null);
  const products = [...group((r) => r.product_id)].map(([product_id, rs]) => ({ product_id, title: rs[0]!.title, reviews: rs.length, avg_rating: avg(rs.map((r) => r.rating)), positive_share: share(rs) }))
    .sort((a, b) => b.reviews - a.reviews || a.product_id.localeCompare(b.product_id)).slice(0, opts.top ?? 20);
  const overTime = [...group((r) => `${opts.product ? r.product_id : '*'}\u0000${r.month}`)].map(([k, rs]) => ({
    product_id: k.split('\u0000')[0]!, month: k.split('\u0000')[1]!, reviews: rs.length, avg_rating: avg(rs.map((r) => r.rating)), positive_share: share(rs),
  })).sort((a, b) => a.month.localeCompare(b.month));
  return { model: usable ? `${usable.info.name} v${usable.info.version}` : null, reviews: rows.length, products, overTime, complaints: complaintTerms(scored, opts.top ?? 15) };
}

/** Terms (words, CJK bigrams) with the highest smoothed log-odds of appearing in a negative vs a positive review. */
export function complaintTerms(rows: readonly { text: string; negative: boolean; pos: boolean }[], top: number): ComplaintTerm[] {
  const neg = new Map<string, number>();
  const pos = new Map<string, number>();
  let nNeg = 0;
  let nPos = 0;
  for (const r of rows) {
    if (!r.negative && !r.pos) continue;
    const terms = new Set(words(r.text).filter((w) => !STOP.has(w) && w.length > 1));
    const m = r.negative ? neg : pos;
    if (r.negative) nNeg++;
    else nPos++;
    for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  }
  if (nNeg === 0) return [];
  const out: ComplaintTerm[] = [];
  for (const [term, a] of neg) {
    if (a < 2) continue;
    const b = pos.get(term) ?? 0;
    const lo = Math.log((a + 0.5) / (nNeg - a + 0.5)) - Math.log((b + 0.5) / (nPos - b + 0.5));
    if (lo > 0) out.push({ term, negative: a, positive: b, log_odds: Math.round(lo * 100) / 100 });
  }
  return out.sort((x, y) => y.log_odds - x.log_odds || y.negative - x.negative || x.term.localeCompare(y.term)).slice(0, top);
}
