// `omnifuse serve`: the HTTP API and the dashboard on one port, until Ctrl-C.
import type { Command } from 'commander';
import { globals, openProject, intFlag } from '../context.js';
import { printJson, say } from '../output.js';
import { listen, type Listening } from '../../server/serve.js';
import { ensureWebBuilt } from '../../server/web-build.js';
import { createToken, parseScopes } from '../../server/tokens.js';
import type { Backend } from '../../store/backend.js';

export interface ServeFlags {
  host: string;
  port: string;
  maxUploadMb: string;
  maxRecordKb: string;
  baseCurrency: string;
  newToken?: string;
  log?: boolean;
}

export function addServeOptions(cmd: Command): Command {
  return cmd
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0: any free port)', '8080')
    .option('--max-upload-mb <n>', 'largest uploaded file', '256')
    .option('--max-record-kb <n>', 'largest single record on /stream', '1024')
    .option('--base-currency <code>', 'currency of *_base amounts for uploads and streams', 'USD')
    .option('--new-token <scopes>', 'create a token with these scopes at start and print it once (e.g. read,ingest)')
    .option('--log', 'log every request (JSON lines on stdout)');
}

/** Start serving an open store; prints the URL (and a new token when asked). Used by `serve` and `demo`. */
export async function startServing(db: Backend, hmac: { ipad: string; opad: string }, o: ServeFlags, json: boolean, key?: Buffer): Promise<{ server: Listening; token?: string }> {
  const port = intFlag('--port', o.port, 0);
  const limits = { uploadBytes: intFlag('--max-upload-mb', o.maxUploadMb) * 1024 * 1024, streamRecordBytes: intFlag('--max-record-kb', o.maxRecordKb) * 1024 };
  const scopes = o.newToken ? parseScopes(o.newToken) : undefined;
  const web = await ensureWebBuilt((l) => (json ? undefined : say(l)));
  const token = scopes ? (await createToken(db, scopes, 'serve --new-token')).token : undefined;
  const server = await listen({
    db, hmac, ...(key ? { key } : {}), host: o.host, port, limits, baseCurrency: o.baseCurrency, logger: o.log === true, ...(web.dir ? { webDir: web.dir } : {}),
  });
  const dashboard = token ? `${server.url}/#token=${token}` : `${server.url}/`;
  if (json) printJson({ url: server.url, dashboard, docs: `${server.url}/docs`, ...(token ? { token, scopes } : {}), ...(web.reason ? { dashboardMissing: web.reason } : {}) });
  else {
    say(`omnifuse is serving ${db.path}`);
    say(`  dashboard  ${dashboard}${web.reason ? `  (not available: ${web.reason})` : ''}`);
    say(`  API docs   ${server.url}/docs   (OpenAPI: ${server.url}/openapi.json)`);
    if (token) say(`  token      ${token}   (scopes ${scopes!.join(',')}; shown once, stored hashed)`);
    else say('  tokens     create one with --new-token read,ingest (or `omnifuse token create` while the server is stopped)');
    say('Ctrl-C stops it.');
  }
  return { server, ...(token ? { token } : {}) };
}

/** Resolve when SIGINT/SIGTERM arrives, after closing the server. */
export function untilSignal(server: Listening): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function register(program: Command): void {
  addServeOptions(
    program
      .command('serve')
      .description('serve the HTTP API (token auth, OpenAPI at /openapi.json, docs at /docs) and the dashboard until Ctrl-C'),
  )
    .addHelpText('after', '\nScopes: read, ingest, pii, admin. The database is held open while serving; manage tokens over /api/tokens then.')
    .action(async (o: ServeFlags, cmd: Command) => {
      const g = globals(cmd);
      const p = await openProject(g);
      try {
        const { server } = await startServing(p.db, p.hmac, o, g.json, p.key);
        await untilSignal(server);
      } finally {
        await p.db.close();
      }
    });
}
