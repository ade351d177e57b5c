// View → cart → purchase conversion from behaviour events, by platform, product or week. A visitor is the
// session (or, without one, the account); a step counts when the same visitor reached it for the same listing.
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { usageError } from '../../util/errors.js';

export type FunnelBy = 'platform' | 'product' | 'week';
export const FUNNEL_BY: readonly FunnelBy[] = ['platform', 'product', 'week'];

export interface FunnelRow {
  key: string;
  views: number;
  carts: number;
  purchases: number;
  view_to_cart: number | null;
  cart_to_purchase: number | null;
  view_to_purchase: number | null;
}

const KEY: Record<FunnelBy, string> = {
  platform: 'e.platform',
  product: "COALESCE(lp.product_id, 'u:' || e.platform || ':' || COALESCE(e.platform_listing_id, e.sku, '?'))",
  week: "strftime(date_trunc('week', e.occurred_at), '%Y-%m-%d')",
};

export async function funnel(db: Backend, by: FunnelBy, opts: { limit?: number; since?: string } = {}): Promise<FunnelRow[]> {
  if (!FUNNEL_BY.includes(by)) throw usageError(`cannot group a funnel by ${String(by)}`, `use one of ${FUNNEL_BY.join(', ')}`);
  const rows = await db.all<FunnelRow & Record<string, unknown>>(step(`
    WITH e AS (SELECT e.*, ${KEY[by]} AS key,
                      COALESCE(e.session_id, e.platform_customer_id, CAST(e.source_row AS VARCHAR)) AS visitor,
                      COALESCE(e.platform_listing_id, e.sku) AS item,
                      lower(e.event_type) AS kind
               FROM event e LEFT JOIN listing_product lp ON lp.platform = e.platform AND lp.platform_listing_id = e.platform_listing_id
               WHERE $1 IS NULL OR e.occurred_at >= CAST($1 AS TIMESTAMPTZ)),
    v AS (SELECT key, visitor, item, bool_or(kind = 'view') AS viewed, bool_or(kind IN ('cart', 'add_to_cart')) AS carted,
                 bool_or(kind = 'purchase') AS bought FROM e GROUP BY ALL)
    SELECT key, CAST(count(*) FILTER (WHERE viewed) AS INTEGER) AS views,
           CAST(count(*) FILTER (WHERE viewed AND carted) AS INTEGER) AS carts,
           CAST(count(*) FILTER (WHERE viewed AND carted AND bought) AS INTEGER) AS purchases
    FROM v GROUP BY key HAVING count(*) FILTER (WHERE viewed) > 0
    ORDER BY ${by === 'week' ? 'key' : 'views DESC, key'} ${opts.limit ? 'LIMIT $2' : ''}`, opts.limit ? [opts.since ?? null, opts.limit] : [opts.since ?? null]));
  const rate = (a: number, b: number) => (b > 0 ? Math.round((1000 * a) / b) / 10 : null);
  return rows.map((r) => ({
    key: String(r.key), views: r.views, carts: r.carts, purchases: r.purchases,
    view_to_cart: rate(r.carts, r.views), cart_to_purchase: rate(r.purchases, r.carts), view_to_purchase: rate(r.purchases, r.views),
  }));
}
