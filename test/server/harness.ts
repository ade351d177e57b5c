// A real server on 127.0.0.1 over a fresh DuckDB file with a few bundled example exports, and tokens per scope set.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestFile } from '../../src/ingest/ingest.js';
import { listen, type Listening } from '../../src/server/serve.js';
import { createToken, type Scope } from '../../src/server/tokens.js';
import type { ServerLimits } from '../../src/server/context.js';
import { TEST_HMAC, TEST_KEY, tempStore } from '../support/db.js';

export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface Harness {
  server: Listening;
  url: string;
  tokens: Record<'read' | 'pii' | 'ingest' | 'admin' | 'all', string>;
  db: Awaited<ReturnType<typeof tempStore>>['db'];
  done: () => Promise<void>;
  get: (path: string, token?: string) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  send: (method: string, path: string, body: unknown, token?: string, headers?: Record<string, string>) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function startHarness(files: string[], limits?: Partial<ServerLimits>): Promise<Harness> {
  const store = await tempStore();
  for (const f of files) await ingestFile(store.db, join(EXAMPLES, f), { hmac: TEST_HMAC });
  const mk = async (scopes: Scope[]) => (await createToken(store.db, scopes, scopes.join('+'))).token;
  const tokens = {
    read: await mk(['read']), pii: await mk(['read', 'pii']), ingest: await mk(['ingest']), admin: await mk(['admin']),
    all: await mk(['read', 'ingest', 'pii', 'admin']),
  };
  const server = await listen({ db: store.db, hmac: TEST_HMAC, key: TEST_KEY, port: 0, ...(limits ? { limits } : {}) });
  const parse = async (r: Response) => {
    const text = await r.text();
    try {
      return { status: r.status, body: JSON.parse(text) as unknown };
    } catch {
      return { status: r.status, body: text };
    }
  };
  const auth = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  return {
    server, url: server.url, tokens, db: store.db,
    done: async () => {
      await server.close();
      await store.done();
    },
    get: async (path, token) => parse(await fetch(server.url + path, { headers: auth(token) })),
    send: async (method, path, body, token, headers = {}) => parse(await fetch(server.url + path, {
      method, headers: { ...auth(token), ...(body === undefined || typeof body === 'string' || body instanceof FormData ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' || body instanceof FormData ? body : JSON.stringify(body) }),
    })),
  };
}
