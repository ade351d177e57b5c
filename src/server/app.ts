// The HTTP server: fastify with one error handler, bearer-token auth per route, OpenAPI from the route
// declarations, and the dashboard's static files. Route modules live in routes/, one endpoint group each.
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import type { Backend } from '../store/backend.js';
import { createAuthenticator } from './auth.js';
import { DEFAULT_LIMITS, type ServerContext, type ServerLimits } from './context.js';
import { installErrorHandler } from './errors.js';
import { createGate } from './gate.js';
import { Metrics } from './metrics.js';
import { createReadModel } from './read-model.js';
import { mount, type AnyRoute, type RouteModule } from './route.js';
import { systemRoutes } from './routes/system.js';
import { qualityRoutes } from './routes/quality.js';
import { productRoutes } from './routes/products.js';
import { orderRoutes } from './routes/orders.js';
import { modelRoutes } from './routes/models.js';
import { reviewRoutes } from './routes/review.js';
import { customerRoutes } from './routes/customers.js';
import { alertRoutes } from './routes/alerts.js';
import { uploadRoutes } from './routes/upload.js';
import { streamRoutes } from './routes/stream.js';
import { tokenRoutes } from './routes/tokens.js';

export { API_VERSION_TEXT as API_VERSION } from './routes/version.js';

const MODULES: RouteModule[] = [
  qualityRoutes, productRoutes, orderRoutes, modelRoutes, reviewRoutes, customerRoutes, alertRoutes, uploadRoutes, streamRoutes, tokenRoutes,
];

export interface ServerOptions {
  db: Backend;
  hmac: { ipad: string; opad: string };
  /** the project key: rejected raw records of uploads and streams are redacted with it (src/privacy/redact.ts) */
  key?: Buffer;
  limits?: Partial<ServerLimits>;
  baseCurrency?: string;
  /** built dashboard (index.html + assets) served at / when present */
  webDir?: string;
  logger?: boolean;
}

export interface Server {
  app: FastifyInstance;
  ctx: ServerContext;
  routes: AnyRoute[];
}

export async function createServer(opts: ServerOptions): Promise<Server> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const app = Fastify({
    logger: opts.logger === true ? { level: 'info' } : false,
    bodyLimit: limits.bodyBytes,
    // a socket idle this long is closed; a whole request (a long stream included) may take up to 10 minutes
    connectionTimeout: 60_000,
    requestTimeout: 600_000,
    keepAliveTimeout: 5_000,
  });
  const gate = createGate(limits.dbWaitMs);
  const ctx: ServerContext = {
    db: opts.db, gate, hmac: opts.hmac, ...(opts.key ? { key: opts.key } : {}), auth: createAuthenticator(opts.db, gate), metrics: new Metrics(), limits, readModel: createReadModel(opts.db, limits.indexListings),
    baseCurrency: opts.baseCurrency ?? 'USD',
  };
  installErrorHandler(app);
  app.addHook('onResponse', (req, reply, done) => {
    ctx.metrics.observeRequest(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  await app.register(multipart, { limits: { fileSize: limits.uploadBytes, files: 20, fields: 20, fieldSize: 4096 } });
  // NDJSON bodies reach the stream route as the raw request stream: records are read as they arrive
  app.addContentTypeParser(['application/x-ndjson', 'application/ndjson', 'application/jsonl'], (_req, payload, done) => done(null, payload));

  const routes = MODULES.flatMap((m) => m(ctx));
  const all: AnyRoute[] = [...routes, ...systemRoutes(ctx, (): AnyRoute[] => all)];
  mount(app, ctx, all);

  if (opts.webDir && existsSync(opts.webDir)) {
    await app.register(fastifyStatic, { root: opts.webDir, prefix: '/', index: ['index.html'], wildcard: false });
  } else {
    app.get('/', (_req, reply) => reply.type('text/html').send(
      '<!doctype html><meta charset="utf-8"><title>omnifuse</title><p>The dashboard is not built: run <code>npm run build:web</code>. The API is documented at <a href="/docs">/docs</a>.</p>'));
  }
  return { app, ctx, routes: all };
}
