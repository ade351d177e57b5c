// Real-time ingest of an NDJSON stream: records are gathered into micro-batches (up to maxRecords, or maxWaitMs
// after the first record of a batch) and each batch is ingested like a small file, in its own transaction,
// through the same staging → mapping → reject path as `omnifuse ingest`. A record is visible to every query
// once its batch commits; receipt→visible latency is measured per record.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sniffFile } from '../../sources/sniff.js';
import { ingestFile, type FileResult } from '../../ingest/ingest.js';
import { step } from '../../store/sql.js';
import type { ServerContext } from '../context.js';
import { attachSteps } from './attach.js';
import { HttpError } from '../http-error.js';
import { ndjsonLines, RecordTooLarge, type Line } from './line-splitter.js';
import { streamConnector, streamMapping } from './stream-source.js';

export interface StreamOptions {
  maxRecords: number;
  maxWaitMs: number;
  /** keep at most this many reject details in the answer (all are stored in the reject table) */
  maxRejectDetails: number;
}

export const DEFAULT_STREAM: StreamOptions = { maxRecords: 2000, maxWaitMs: 250, maxRejectDetails: 100 };

export interface StreamReject {
  line: number;
  field: string | null;
  value: string | null;
  reason: string;
}

export interface StreamResult {
  source: string;
  read: number;
  accepted: number;
  rejected: number;
  /** records in a batch whose exact bytes were ingested before (idempotent re-send) */
  duplicate: number;
  batches: number;
  attached: number;
  rowsByTable: Record<string, number>;
  rejects: StreamReject[];
  latencyMs: { p50: number; p95: number; max: number };
  /** time to land one batch (write, stage, map, commit) */
  batchMs: { p50: number; max: number };
  seconds: number;
}

const pct = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);

export async function ingestStream(ctx: ServerContext, source: string, input: AsyncIterable<Buffer | string>, opts: StreamOptions = DEFAULT_STREAM): Promise<StreamResult> {
  const connector = await streamConnector(source);
  const t0 = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'omnifuse-stream-'));
  const started = new Date().toISOString().replace(/[:.]/g, '-');
  const out: StreamResult = {
    source, read: 0, accepted: 0, rejected: 0, duplicate: 0, batches: 0, attached: 0, rowsByTable: {}, rejects: [],
    latencyMs: { p50: 0, p95: 0, max: 0 }, batchMs: { p50: 0, max: 0 }, seconds: 0,
  };
  const latencies: number[] = [];
  const batchTimes: number[] = [];
  let batch: Line[] = [];
  let timer: NodeJS.Timeout | undefined;
  let failure: Error | undefined;
  let tooLarge: RecordTooLarge | undefined;

  async function land(lines: Line[], seq: number): Promise<void> {
    const t1 = performance.now();
    const path = join(dir, `batch-${seq}.ndjson`);
    await writeFile(path, lines.map((l) => l.text).join('\n') + '\n');
    const r: FileResult = await ctx.gate.run(async () => {
      const mapping = streamMapping(connector, await sniffFile(path, { format: 'ndjson' }));
      const res = await ingestFile(ctx.db, path, { hmac: ctx.hmac, ...(ctx.key ? { key: ctx.key } : {}), baseCurrency: ctx.baseCurrency, mapping });
      if (res.status === 'ingested' && res.sourceFileId !== null) {
        await ctx.db.run(step('UPDATE source_file SET path = $1, connector = $2 WHERE id = $3', [`stream/${source}/${started}/${seq}`, connector.name, res.sourceFileId]));
        if ((res.rowsByTable.listing ?? 0) > 0) {
          const before = await ctx.db.one<{ n: number }>(step('SELECT count(*) AS n FROM product_member'));
          await ctx.db.runAll(attachSteps(res.sourceFileId));
          const after = await ctx.db.one<{ n: number }>(step('SELECT count(*) AS n FROM product_member'));
          out.attached += Number(after?.n ?? 0) - Number(before?.n ?? 0);
        }
        if (res.rowsRejected > 0 && out.rejects.length < opts.maxRejectDetails) {
          const rej = await ctx.db.all<{ source_row: number; field: string | null; value: string | null; reason: string }>(step(
            'SELECT source_row, field, value, reason FROM reject WHERE source_file_id = $1 ORDER BY source_row, field LIMIT $2',
            [res.sourceFileId, opts.maxRejectDetails - out.rejects.length]));
          for (const x of rej) out.rejects.push({ line: lines[x.source_row - 1]?.n ?? -1, field: x.field, value: x.value, reason: x.reason });
        }
      }
      ctx.readModel.changed();
      return res;
    }, { waitMs: 120_000 });
    const visible = performance.now();
    for (const l of lines) latencies.push(visible - l.receivedAt);
    batchTimes.push(visible - t1);
    out.batches++;
    if (r.status === 'unchanged') out.duplicate += lines.length;
    else {
      out.accepted += r.rowsAccepted;
      out.rejected += r.rowsRejected;
      for (const [t, n] of Object.entries(r.rowsByTable)) out.rowsByTable[t] = (out.rowsByTable[t] ?? 0) + n;
    }
    ctx.metrics.count('omnifuse_stream_records_total', 'records received on /stream', { source, outcome: 'accepted' }, r.status === 'unchanged' ? 0 : r.rowsAccepted);
    ctx.metrics.count('omnifuse_stream_records_total', 'records received on /stream', { source, outcome: 'rejected' }, r.status === 'unchanged' ? 0 : r.rowsRejected);
  }

  // One batch lands at a time; records that arrive meanwhile gather into the next batch, which lands as soon as
  // the previous one commits. A record therefore waits at most about two batch times, however fast they come.
  let landing: Promise<void> | undefined;
  let seq = 0;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (batch.length === 0 || landing || failure !== undefined) return;
    const lines = batch;
    batch = [];
    seq++;
    landing = land(lines, seq)
      .catch((e: unknown) => {
        failure ??= e instanceof Error ? e : new Error(String(e));
      })
      .finally(() => {
        landing = undefined;
        flush();
      });
  }

  try {
    for await (const line of ndjsonLines(input, ctx.limits.streamRecordBytes)) {
      out.read++;
      batch.push(line);
      if (!landing && batch.length >= opts.maxRecords) flush();
      else timer ??= setTimeout(flush, opts.maxWaitMs);
      // backpressure: stop reading while a very large batch waits for the database
      if (landing && batch.length >= opts.maxRecords * 10) await landing;
      if (failure !== undefined) break;
    }
  } catch (e) {
    if (!(e instanceof RecordTooLarge)) throw e;
    tooLarge = e;
  } finally {
    flush();
    while (landing) await landing;
    await rm(dir, { recursive: true, force: true });
  }
  if (failure !== undefined) throw failure;
  if (tooLarge) {
    throw new HttpError(413, 'too_large', `${tooLarge.message}; the ${out.read} records before it were ingested (${out.accepted} accepted, ${out.rejected} rejected)`,
      'send smaller records, or start the server with a larger --max-record-kb');
  }
  latencies.sort((a, b) => a - b);
  out.latencyMs = { p50: Math.round(pct(latencies, 50)), p95: Math.round(pct(latencies, 95)), max: Math.round(latencies.at(-1) ?? 0) };
  batchTimes.sort((a, b) => a - b);
  out.batchMs = { p50: Math.round(pct(batchTimes, 50)), max: Math.round(batchTimes.at(-1) ?? 0) };
  out.seconds = Number(((performance.now() - t0) / 1000).toFixed(3));
  return out;
}
