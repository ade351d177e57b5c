// The match review queue (src/fusion/product): the most uncertain candidate pairs of the latest fusion run, a
// person's accept/reject (a hard constraint on later runs), past decisions, and why the matcher scored a pair.
// A pair is named "platform:listing_id|platform:listing_id".
import { z } from 'zod';
import { decidePair, listDecisions, reviewQueue } from '../../fusion/product/decisions.js';
import { explainPair } from '../../fusion/product/explain.js';
import { parseListingKey, type ListingKey } from '../../fusion/product/listing-key.js';
import { step } from '../../store/sql.js';
import { OmnifuseError } from '../../util/errors.js';
import type { ServerContext } from '../context.js';
import { badRequest, notAvailable, notFound } from '../http-error.js';
import { defineRoute, paging, type AnyRoute } from '../route.js';

const pairParams = z.object({ pair: z.string().min(3).max(1000).describe('"platform:listing_id|platform:listing_id"') });

function parsePair(pair: string): [ListingKey, ListingKey] {
  const parts = pair.split('|');
  if (parts.length !== 2) throw badRequest(`"${pair}" is not a pair`, 'write platform:listing_id|platform:listing_id, as pair_id in GET /api/review');
  try {
    return [parseListingKey(parts[0]!), parseListingKey(parts[1]!)];
  } catch (e) {
    throw badRequest(e instanceof Error ? e.message : String(e), 'write platform:listing_id|platform:listing_id');
  }
}

/** fusion errors about missing listings or models are the caller's to fix, not server failures */
async function asClientError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof OmnifuseError && e.kind === 'input') throw notFound(e.message, e.hint);
    throw e;
  }
}

export function reviewRoutes(ctx: ServerContext): AnyRoute[] {
  async function requireRun(): Promise<void> {
    const r = await ctx.db.one<{ n: number }>(step('SELECT count(*) AS n FROM product_run'));
    if (Number(r?.n ?? 0) === 0) {
      throw notAvailable('the review queue is empty until products are fused: no fusion run is stored', 'run `omnifuse fuse products`, then serve again');
    }
  }
  return [
    defineRoute({
      method: 'GET', url: '/api/review', scope: 'read', tag: 'review', summary: 'undecided candidate pairs of the latest fusion run, most uncertain first',
      query: z.object(paging(200, 20)), errors: { 409: 'products have not been fused yet' },
      handler: ({ query }) => ctx.gate.run(async () => {
        await requireRun();
        const items = await reviewQueue(ctx.db, query.limit);
        return { items: items.map((i) => ({ pair_id: `${i.a.key}|${i.b.key}`, ...i })) };
      }),
    }),
    defineRoute({
      method: 'GET', url: '/api/review/decisions', scope: 'read', tag: 'review', summary: 'human decisions stored so far (newest last)',
      handler: () => ctx.gate.run(async () => (await listDecisions(ctx.db)).map((d) => ({ pair_id: `${d.a.platform}:${d.a.id}|${d.b.platform}:${d.b.id}`, ...d }))),
    }),
    defineRoute({
      method: 'POST', url: '/api/review/:pair/decision', scope: 'ingest', tag: 'review',
      summary: 'accept or reject a pair; the next fusion run obeys it',
      params: pairParams,
      body: z.object({ decision: z.enum(['accept', 'reject']), note: z.string().max(2000).optional() }),
      errors: { 404: 'no such listing' },
      handler: ({ params, body, caller }) => {
        const [a, b] = parsePair(params.pair);
        return ctx.gate.run(() => asClientError(() => decidePair(ctx.db, a, b, body.decision, caller ? `token:${caller.token.id}` : null, body.note ?? null)));
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/review/:pair/explain', scope: 'read', tag: 'review',
      summary: "why the matcher scores a pair as it does: identifier evidence, human decision, each feature's contribution",
      params: pairParams, errors: { 404: 'no such listing, or no matcher trained yet' },
      handler: ({ params }) => {
        const [a, b] = parsePair(params.pair);
        return ctx.gate.run(() => asClientError(() => explainPair(ctx.db, a, b)));
      },
    }),
  ];
}
