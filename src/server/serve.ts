// Start the server on a host and port with the project's store; used by `omnifuse serve`, `npm start`, tests and the bench.
import type { Backend } from '../store/backend.js';
import { createServer, type Server } from './app.js';
import type { ServerLimits } from './context.js';
import { usageError } from '../util/errors.js';

export interface Listening extends Server {
  url: string;
  close: () => Promise<void>;
}

export async function listen(opts: {
  db: Backend;
  hmac: { ipad: string; opad: string };
  key?: Buffer;
  host?: string;
  port?: number;
  webDir?: string;
  limits?: Partial<ServerLimits>;
  baseCurrency?: string;
  logger?: boolean;
}): Promise<Listening> {
  const server = await createServer({
    db: opts.db, hmac: opts.hmac, ...(opts.key ? { key: opts.key } : {}), ...(opts.webDir ? { webDir: opts.webDir } : {}), ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.baseCurrency ? { baseCurrency: opts.baseCurrency } : {}), logger: opts.logger === true,
  });
  let address: string;
  try {
    address = await server.app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 8080 });
  } catch (e) {
    await server.app.close();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw usageError(`cannot listen on ${opts.host ?? '127.0.0.1'}:${opts.port ?? 8080} (${code})`, 'pass another --port (0 picks a free one) or --host');
    }
    throw e;
  }
  return { ...server, url: address.replace('[::1]', 'localhost'), close: () => server.app.close() };
}
