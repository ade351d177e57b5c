// The one error handler: every failure leaves the server as {error, message, hint} with a fitting status.
import type { FastifyError, FastifyInstance } from 'fastify';
import { OmnifuseError } from '../util/errors.js';
import { HttpError } from './http-error.js';

interface ErrorBody {
  error: string;
  message: string;
  hint?: string;
}

const KIND_STATUS: Record<OmnifuseError['kind'], number> = { usage: 400, input: 422, config: 500, internal: 500 };

export function toResponse(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof HttpError) return { status: e.status, body: { error: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } };
  if (e instanceof OmnifuseError) {
    const status = KIND_STATUS[e.kind];
    // internal messages can quote SQL: keep them in the log, not in the response
    const message = status === 500 ? 'internal error: see the server log' : e.message;
    return { status, body: { error: e.kind, message, ...(e.hint && status !== 500 ? { hint: e.hint } : {}) } };
  }
  const fe = e as Partial<FastifyError> & { message?: string };
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500;
  if (status === 413) {
    return { status, body: { error: 'too_large', message: fe.message ?? 'request too large', hint: 'split the data, or start the server with a larger limit (omnifuse serve --help)' } };
  }
  if (status === 415) return { status, body: { error: 'unsupported_media_type', message: fe.message ?? 'unsupported content type', hint: 'see /docs for the content type each endpoint takes' } };
  if (status < 500) return { status, body: { error: fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || status === 400 ? 'bad_request' : 'client_error', message: fe.message ?? 'bad request' } };
  return { status, body: { error: 'internal', message: 'internal error: see the server log' } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((e, req, reply) => {
    const { status, body } = toResponse(e);
    if (status >= 500) req.log.error({ err: e }, 'request failed');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: 'not_found', message: `no endpoint ${req.method} ${req.url.split('?')[0]}`, hint: 'the endpoints are listed at /docs and /openapi.json' }),
  );
}
