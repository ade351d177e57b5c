// Orders and revenue by platform over time, in the base currency.
import { z } from 'zod';
import { step } from '../../store/sql.js';
import type { ServerContext } from '../context.js';
import { defineRoute, type AnyRoute } from '../route.js';

// an order's value in the base currency: its total, else the sum of its lines (Amazon's order report has no totals)
const ORDERS = `(SELECT o.platform, o.placed_at, o.status, coalesce(o.total_base, l.lines_base) AS total_base
  FROM orders o LEFT JOIN (SELECT platform, platform_order_id, sum(line_total_base) AS lines_base FROM order_line GROUP BY ALL) l
  USING (platform, platform_order_id))`;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export function orderRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/orders/revenue', scope: 'read', tag: 'orders',
      summary: 'orders, units and revenue (base currency) per platform per day/week/month; cancelled and returned orders excluded',
      query: z.object({
        interval: z.enum(['day', 'week', 'month']).default('month'),
        from: isoDate.optional().describe('first day, YYYY-MM-DD'),
        to: isoDate.optional().describe('last day, YYYY-MM-DD'),
        platform: z.string().max(100).optional(),
      }),
      handler: ({ query }) => ctx.gate.run(async () => {
        const series = await ctx.db.all(step(
          `SELECT strftime(date_trunc($1, placed_at), '%Y-%m-%d') AS period, platform, count(*) AS orders,
                  CAST(round(sum(total_base), 2) AS DOUBLE) AS revenue_base
           FROM ${ORDERS}
           WHERE placed_at IS NOT NULL AND coalesce(status, '') NOT IN ('cancelled', 'returned', 'refunded')
             AND ($2::DATE IS NULL OR placed_at >= $2::DATE) AND ($3::DATE IS NULL OR placed_at < $3::DATE + 1)
             AND ($4::VARCHAR IS NULL OR platform = $4)
           GROUP BY ALL ORDER BY period, platform`,
          [query.interval, query.from ?? null, query.to ?? null, query.platform ?? null]));
        const totals = await ctx.db.all(step(
          `SELECT platform, count(*) AS orders, CAST(round(sum(total_base), 2) AS DOUBLE) AS revenue_base,
                  strftime(min(placed_at), '%Y-%m-%d') AS first, strftime(max(placed_at), '%Y-%m-%d') AS last
           FROM ${ORDERS} WHERE placed_at IS NOT NULL AND coalesce(status, '') NOT IN ('cancelled', 'returned', 'refunded')
             AND ($1::DATE IS NULL OR placed_at >= $1::DATE) AND ($2::DATE IS NULL OR placed_at < $2::DATE + 1)
             AND ($3::VARCHAR IS NULL OR platform = $3)
           GROUP BY platform ORDER BY revenue_base DESC NULLS LAST, platform`,
          [query.from ?? null, query.to ?? null, query.platform ?? null]));
        return { interval: query.interval, baseCurrency: ctx.baseCurrency, series, totals };
      }),
    }),
  ];
}
