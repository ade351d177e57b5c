// Token management over HTTP (admin scope): the CLI cannot open the database while the server holds it.
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { notFound } from '../http-error.js';
import { defineRoute, type AnyRoute } from '../route.js';
import { createToken, listTokens, parseScopes, revokeToken, SCOPES } from '../tokens.js';

export function tokenRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/tokens', scope: 'admin', tag: 'tokens', summary: 'tokens (ids, names, scopes; never the secrets)',
      handler: () => ctx.gate.run(() => listTokens(ctx.db)),
    }),
    defineRoute({
      method: 'POST', url: '/api/tokens', scope: 'admin', tag: 'tokens', summary: 'create a token; its secret is in this response only',
      body: z.object({ scopes: z.array(z.enum(SCOPES)).min(1), name: z.string().max(200).optional() }),
      handler: ({ body }) => ctx.gate.run(() => createToken(ctx.db, parseScopes(body.scopes.join(',')), body.name)),
    }),
    defineRoute({
      method: 'DELETE', url: '/api/tokens/:id', scope: 'admin', tag: 'tokens', summary: 'revoke a token (takes effect within 30 s)',
      params: z.object({ id: z.string().min(1).max(100) }), errors: { 404: 'no live token with that id' },
      handler: async ({ params }) => {
        const ok = await ctx.gate.run(() => revokeToken(ctx.db, params.id));
        if (!ok) throw notFound(`no live token with id ${params.id}`, 'GET /api/tokens lists them');
        ctx.auth.forget();
        return { revoked: params.id };
      },
    }),
  ];
}
