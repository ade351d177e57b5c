// One way to declare an endpoint: method, path, scope, zod schemas and a handler. Declarations feed both
// fastify (with auth and validation in front of the handler) and the OpenAPI document (openapi.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Caller } from './auth.js';
import type { ServerContext } from './context.js';
import { badRequest } from './http-error.js';
import type { Scope } from './tokens.js';

export interface Handled<Q, P, B> {
  query: Q;
  params: P;
  body: B;
  caller: Caller | undefined;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<Q = unknown, P = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'DELETE';
  /** fastify path, e.g. /api/products/:id */
  url: string;
  /** null: public */
  scope: Scope | null;
  tag: string;
  summary: string;
  description?: string;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  body?: z.ZodType<B>;
  /** content type of a body that is not JSON (multipart, NDJSON): documented only */
  bodyType?: string;
  response?: z.ZodType;
  /** statuses besides 200 and the auth ones this endpoint answers, for the docs */
  errors?: Record<number, string>;
  handler: (h: Handled<Q, P, B>) => Promise<unknown>;
}

export type AnyRoute = RouteSpec<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const defineRoute = <Q, P, B>(r: RouteSpec<Q, P, B>): AnyRoute => r as AnyRoute;

/** A route module: a list of endpoints built from the server context. */
export type RouteModule = (ctx: ServerContext) => AnyRoute[];

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.join('.');
  throw badRequest(`${where}${path ? ` "${path}"` : ''}: ${issue.message}`, 'see /openapi.json or /docs for the accepted values');
}

export function mount(app: FastifyInstance, ctx: ServerContext, routes: readonly AnyRoute[]): void {
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      config: { routeId: `${r.method} ${r.url}` },
      handler: async (req, reply) => {
        const caller = r.scope === null ? undefined : await ctx.auth.authenticate(req, r.scope);
        const query = parse(r.query, req.query, 'query parameter') as unknown;
        const params = parse(r.params, req.params, 'path parameter') as unknown;
        const body = (r.body ? parse(r.body, req.body, 'body') : req.body) as unknown;
        const out = await r.handler({ query, params, body, caller, req, reply });
        if (out === undefined) return reply;
        return out;
      },
    });
  }
}

/** common query pieces */
export const paging = (max = 500, dflt = 50) => ({
  limit: z.coerce.number().int().min(1).max(max).default(dflt).describe(`at most this many rows (1..${max})`),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).describe('skip this many rows'),
});
