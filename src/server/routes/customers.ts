// Customers: buyer accounts per platform. Identifiers are masked unless the caller has the pii scope; e-mail
// and phone exist only as keyed hashes, which the API never returns.
import { z } from 'zod';
import { step } from '../../store/sql.js';
import type { ServerContext } from '../context.js';
import { maskId } from '../mask.js';
import { auditPii } from '../pii-audit.js';
import { personView } from '../../fusion/person/show.js';
import { OmnifuseError } from '../../util/errors.js';
import { notFound } from '../http-error.js';
import { defineRoute, paging, type AnyRoute } from '../route.js';

interface AccountRow {
  platform: string; platform_customer_id: string | null; name_masked: string | null; city: string | null; region: string | null;
  postcode: string | null; country: string | null; orders: number; revenue_base: number | null; shared_email: boolean; person_id: string | null;
  [k: string]: unknown;
}

export function customerRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/persons/:id', scope: 'read', tag: 'customers',
      summary: 'one fused person (src/fusion/person): accounts on every platform (masked), orders, spend, products bought',
      params: z.object({ id: z.string().min(1).max(200) }), errors: { 404: 'no such person (or persons not fused yet)' },
      handler: ({ params }) => ctx.gate.run(async () => {
        try {
          return await personView(ctx.db, params.id);
        } catch (e) {
          if (e instanceof OmnifuseError && e.kind === 'usage') throw notFound(e.message, e.hint);
          throw e;
        }
      }),
    }),
    defineRoute({
      method: 'GET', url: '/api/customers/summary', scope: 'read', tag: 'customers',
      summary: 'accounts per platform, and how many share an e-mail hash with an account on another platform (likely the same person)',
      handler: () => ctx.gate.run(() => ctx.db.all(step(
        `WITH shared AS (SELECT email_hash FROM customer_account WHERE email_hash IS NOT NULL GROUP BY email_hash HAVING count(DISTINCT platform) > 1)
         SELECT platform, count(*) AS accounts, count(*) FILTER (WHERE email_hash IN (SELECT email_hash FROM shared)) AS shared_across_platforms,
                count(DISTINCT country) AS countries
         FROM customer_account GROUP BY platform ORDER BY accounts DESC, platform`))),
    }),
    defineRoute({
      method: 'GET', url: '/api/customers', scope: 'read', tag: 'customers', summary: 'buyer accounts with order counts and revenue (masked without the pii scope)',
      query: z.object({ platform: z.string().max(100).optional(), country: z.string().max(10).optional(), ...paging(500, 50) }),
      handler: async ({ query, caller }) => {
        const rows = await ctx.gate.run(() => ctx.db.all<AccountRow>(step(
          `WITH o AS (SELECT platform, platform_customer_id, count(*) AS orders, sum(total_base) AS revenue
                      FROM orders GROUP BY ALL),
                shared AS (SELECT email_hash FROM customer_account WHERE email_hash IS NOT NULL GROUP BY email_hash HAVING count(DISTINCT platform) > 1)
           SELECT c.platform, c.platform_customer_id, c.name_masked, c.city, c.region, c.postcode, c.country,
                  coalesce(o.orders, 0) AS orders, CAST(round(o.revenue, 2) AS DOUBLE) AS revenue_base,
                  c.email_hash IN (SELECT email_hash FROM shared) AS shared_email, pm.person_id
           FROM customer_account c LEFT JOIN o USING (platform, platform_customer_id)
           LEFT JOIN person_member pm USING (platform, platform_customer_id)
           WHERE ($1::VARCHAR IS NULL OR c.platform = $1) AND ($2::VARCHAR IS NULL OR c.country = $2)
           ORDER BY orders DESC, c.platform, c.platform_customer_id LIMIT $3 OFFSET $4`,
          [query.platform ?? null, query.country ?? null, query.limit, query.offset])));
        if (caller?.has('pii') === true) {
          await ctx.gate.run(() => auditPii(ctx, caller, 'GET /api/customers', { ...query, rows: rows.length }));
          return rows;
        }
        return rows.map((r) => ({ ...r, platform_customer_id: maskId(r.platform_customer_id), postcode: r.postcode ? `${r.postcode.slice(0, 2)}***` : r.postcode }));
      },
    }),
  ];
}
