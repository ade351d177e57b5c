// Bearer-token authentication and scope checks: 401 without a live token, 403 when a scope is missing.
import type { FastifyRequest } from 'fastify';
import type { Backend } from '../store/backend.js';
import type { Gate } from './gate.js';
import { HttpError } from './http-error.js';
import { findToken, touchToken, type Scope, type TokenInfo } from './tokens.js';

export interface Caller {
  token: TokenInfo;
  has(scope: Scope): boolean;
}

/** Look tokens up at most once per ttl (a request must not cost a database write); revocations apply within ttl. */
export function createAuthenticator(db: Backend, gate: Gate, ttlMs = 30_000) {
  const cache = new Map<string, { info: TokenInfo | undefined; at: number }>();
  const touched = new Map<string, number>();

  async function lookup(secret: string): Promise<TokenInfo | undefined> {
    const hit = cache.get(secret);
    const now = Date.now();
    if (hit && now - hit.at < ttlMs) return hit.info;
    const info = await gate.run(() => findToken(db, secret));
    if (cache.size > 10_000) cache.clear();
    cache.set(secret, { info, at: now });
    if (info && now - (touched.get(info.id) ?? 0) > 60_000) {
      touched.set(info.id, now);
      // bookkeeping only: never make a request wait for it
      gate.run(() => touchToken(db, info.id)).catch(() => undefined);
    }
    return info;
  }

  return {
    forget: () => cache.clear(),
    async authenticate(req: FastifyRequest, scope: Scope): Promise<Caller> {
      const header = req.headers.authorization;
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
      if (!m) {
        throw new HttpError(401, 'unauthorized', header ? 'the Authorization header is not "Bearer <token>"' : 'this endpoint needs a token',
          'send "Authorization: Bearer <token>"; create one with `omnifuse token create --scope read`');
      }
      const info = await lookup(m[1]!);
      if (!info) throw new HttpError(401, 'unauthorized', 'the token is unknown or revoked', 'create a new one with `omnifuse token create --scope read`');
      const caller: Caller = { token: info, has: (s) => info.scopes.includes(s) };
      if (!caller.has(scope)) {
        throw new HttpError(403, 'forbidden', `this endpoint needs the "${scope}" scope; the token has ${info.scopes.join(', ')}`,
          `create a token with it: \`omnifuse token create --scope ${[...info.scopes, scope].join(',')}\``);
      }
      return caller;
    },
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
