// POST /stream/<source>: NDJSON records ingested as they arrive (micro-batches; see stream/stream-ingest.ts).
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http-error.js';
import { defineRoute, type AnyRoute } from '../route.js';
import { DEFAULT_STREAM, ingestStream } from '../stream/stream-ingest.js';

export function streamRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'POST', url: '/stream/:source', scope: 'ingest', tag: 'ingest', bodyType: 'application/x-ndjson',
      summary: 'stream NDJSON records (one JSON object per line) for a source connector; answered when the stream ends',
      description: 'Records are canonicalised and validated in micro-batches and visible to queries within about a second; bad records go to the reject table and are listed in the answer with their line numbers. New listings join existing fused products by exact GTIN/SKU.',
      params: z.object({ source: z.string().min(1).max(100).describe('a connector name, e.g. shopify-orders-json, woocommerce-products-json') }),
      query: z.object({
        batch: z.coerce.number().int().min(1).max(50_000).default(DEFAULT_STREAM.maxRecords).describe('records per micro-batch at most'),
        wait_ms: z.coerce.number().int().min(10).max(10_000).default(DEFAULT_STREAM.maxWaitMs).describe('longest wait before a partial batch is written'),
      }),
      errors: { 404: 'unknown source', 413: 'a record is larger than the limit', 415: 'not application/x-ndjson' },
      handler: ({ params, query, req }) => {
        const body = req.body as Readable | undefined;
        if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
          throw new HttpError(415, 'unsupported_media_type', 'send the records as Content-Type: application/x-ndjson', 'one JSON object per line');
        }
        // the client may finish sending long before the last batch commits: no idle-socket timeout while we work
        req.raw.socket.setTimeout(0);
        return ingestStream(ctx, params.source, body, { ...DEFAULT_STREAM, maxRecords: query.batch, maxWaitMs: query.wait_ms });
      },
    }),
  ];
}
