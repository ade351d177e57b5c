// Health, metrics and the API's own description (/openapi.json and a readable /docs page).
import { z } from 'zod';
import { step } from '../../store/sql.js';
import type { ServerContext } from '../context.js';
import { openApiDocument } from '../openapi.js';
import { defineRoute, type AnyRoute } from '../route.js';
import { API_VERSION_TEXT } from './version.js';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function docsPage(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Record<string, { summary: string; 'x-scope'?: string; parameters: { name: string; in: string; description?: string }[] }>>;
  const rows = Object.entries(paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) =>
    `<tr><td><code>${m.toUpperCase()}</code></td><td><code>${esc(p)}</code></td><td>${esc(op['x-scope'] ?? 'public')}</td><td>${esc(op.summary)}${
      op.parameters.length ? `<br><small>${op.parameters.map((x) => `<code>${esc(x.name)}</code> (${x.in})${x.description ? ` ${esc(x.description)}` : ''}`).join('; ')}</small>` : ''}</td></tr>`));
  const info = doc.info as { title: string; description: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(info.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}td{border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top}small{color:#555}</style></head>
<body><h1>${esc(info.title)}</h1><p>${esc(info.description)}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Send <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<table><tr><th>method</th><th>path</th><th>scope</th><th>what</th></tr>${rows.join('\n')}</table></body></html>`;
}

export function systemRoutes(ctx: ServerContext, all: () => AnyRoute[]): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/health', scope: null, tag: 'system', summary: 'liveness and database reachability',
      response: z.object({ ok: z.boolean(), version: z.string(), database: z.string() }),
      handler: async () => {
        await ctx.gate.run(() => ctx.db.one(step('SELECT 1 AS ok')));
        return { ok: true, version: API_VERSION_TEXT, database: ctx.db.name };
      },
    }),
    defineRoute({
      method: 'GET', url: '/openapi.json', scope: null, tag: 'system', summary: 'this API as an OpenAPI 3.1 document',
      handler: () => Promise.resolve(openApiDocument(all(), API_VERSION_TEXT)),
    }),
    defineRoute({
      method: 'GET', url: '/docs', scope: null, tag: 'system', summary: 'this API as a readable page',
      handler: async ({ reply }) => reply.type('text/html; charset=utf-8').send(docsPage(openApiDocument(all(), API_VERSION_TEXT))),
    }),
    defineRoute({
      method: 'GET', url: '/metrics', scope: 'admin', tag: 'system', summary: 'Prometheus metrics (text format)',
      handler: async ({ reply }) => {
        const rows = await ctx.gate.run(() => ctx.db.one<{ files: number; listings: number; orders: number }>(step(
          'SELECT (SELECT count(*) FROM source_file) AS files, (SELECT count(*) FROM listing) AS listings, (SELECT count(*) FROM orders) AS orders')));
        return reply.type('text/plain; version=0.0.4').send(ctx.metrics.text({
          omnifuse_db_queue_waiting: { help: 'requests waiting for the database', value: ctx.gate.waiting },
          omnifuse_source_files: { help: 'files and stream batches ingested', value: Number(rows?.files ?? 0) },
          omnifuse_listings: { help: 'listing rows', value: Number(rows?.listings ?? 0) },
          omnifuse_orders: { help: 'order rows', value: Number(rows?.orders ?? 0) },
        }));
      },
    }),
  ];
}
