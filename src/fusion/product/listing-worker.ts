// Worker-thread entry for listing-side work on a share of the listings: their prepared text, their profiles built
// with a context of the worker's own (merged onto the caller's ids afterwards), or IDF statistics fitted on a sample.
import { parentPort, workerData } from 'node:worker_threads';
import type { PairRecord } from '../pairs/types.js';
import { buildProfiles, createProfileContext, fitListingStats, profilePart, type ListingStats } from './listing-profiles.js';
import { prepareText } from './listing-prep.js';
import type { ListingRecord } from './records.js';

export type ListingJob =
  | { readonly kind: 'text'; readonly records: readonly ListingRecord[]; readonly aliases: readonly (readonly [string, string])[] }
  | { readonly kind: 'profiles'; readonly records: readonly PairRecord[]; readonly stats: ListingStats }
  /** statistics fitted on all the given records (the caller samples) */
  | { readonly kind: 'stats'; readonly records: readonly PairRecord[] };

const job = (workerData as { job: ListingJob }).job;
if (job.kind === 'text') parentPort?.postMessage(prepareText(job.records, job.aliases));
else if (job.kind === 'stats') parentPort?.postMessage(fitListingStats(job.records, job.records.length, 0));
else {
  const ctx = createProfileContext(job.stats);
  const part = profilePart(ctx, buildProfiles(ctx, job.records));
  const buffers = new Set<ArrayBuffer>();
  for (const v of Object.values(part.profiles)) if (ArrayBuffer.isView(v)) buffers.add(v.buffer as ArrayBuffer);
  parentPort?.postMessage(part, [...buffers]);
}
