// Worker-thread entry for listing-side work on a share of the listings: their prepared text, or their profiles built
// with a context of the worker's own (merged onto the caller's ids afterwards).
import { parentPort, workerData } from 'node:worker_threads';
import type { PairRecord } from '../pairs/types.js';
import { buildProfiles, createProfileContext, profilePart, type ListingStats } from './listing-profiles.js';
import { prepareText } from './listing-prep.js';
import type { ListingRecord } from './records.js';

export type ListingJob =
  | { readonly kind: 'text'; readonly records: readonly ListingRecord[]; readonly aliases: readonly (readonly [string, string])[] }
  | { readonly kind: 'profiles'; readonly records: readonly PairRecord[]; readonly stats: ListingStats };

const job = (workerData as { job: ListingJob }).job;
if (job.kind === 'text') parentPort?.postMessage(prepareText(job.records, job.aliases));
else {
  const ctx = createProfileContext(job.stats);
  const part = profilePart(ctx, buildProfiles(ctx, job.records));
  const buffers = new Set<ArrayBuffer>();
  for (const v of Object.values(part.profiles)) if (ArrayBuffer.isView(v)) buffers.add(v.buffer as ArrayBuffer);
  parentPort?.postMessage(part, [...buffers]);
}
