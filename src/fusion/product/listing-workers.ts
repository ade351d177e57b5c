// Listing-side work on every core: each thread prepares the text of, or builds the profiles of, one contiguous share
// of the listings; shares are joined in listing order, so the result is the one a single thread gives.
import type { PairRecord } from '../pairs/types.js';
import { mergePlatformTokens } from './lexicon.js';
import { buildProfiles, mergeProfiles, type ProfileContext, type ProfilePart, type Profiles } from './listing-profiles.js';
import { prepareText, type PreparedText } from './listing-prep.js';
import type { ListingJob } from './listing-worker.js';
import type { ListingRecord } from './records.js';
import { fanOut, runTask, shares, type ParallelOptions } from './worker-task.js';

/** Below this many listings a worker's start-up and the copies cost more than they save. */
export const PARALLEL_MIN_LISTINGS = 100_000;

const run = <T>(job: ListingJob) => runTask<T>('listing-worker', job);

export async function prepareTextParallel(records: readonly ListingRecord[], aliases: readonly (readonly [string, string])[], o: ParallelOptions = {}): Promise<PreparedText> {
  const ranges = shares(records.length, o, PARALLEL_MIN_LISTINGS);
  const parts = await fanOut(ranges, o, (s, e) => run<PreparedText>({ kind: 'text', records: records.slice(s, e), aliases }), (s, e) => prepareText(records.slice(s, e), aliases));
  if (parts.length === 1) return parts[0] as PreparedText;
  const first = parts[0] as PreparedText;
  for (const p of parts.slice(1)) mergePlatformTokens(first.tokens, p.tokens);
  return { latin: parts.flatMap((p) => p.latin), codes: parts.flatMap((p) => p.codes), keys: parts.flatMap((p) => p.keys), tokens: first.tokens };
}

export async function buildProfilesParallel(ctx: ProfileContext, records: readonly PairRecord[], o: ParallelOptions = {}): Promise<Profiles> {
  const ranges = shares(records.length, o, PARALLEL_MIN_LISTINGS);
  if (ranges.length === 1) return buildProfiles(ctx, records);
  // The calling thread's share uses ctx itself; a failed worker's share is rebuilt here with ctx too (no remap needed).
  const failed: number[] = [];
  const parts = await fanOut<Profiles | ProfilePart>(ranges, { ...o, onWorkerError: (e) => o.onWorkerError?.(e) },
    (s, e) => run<ProfilePart>({ kind: 'profiles', records: records.slice(s, e), stats: ctx.stats }),
    (s, e) => {
      if (s > 0) failed.push(s);
      return buildProfiles(ctx, records.slice(s, e));
    });
  if (failed.length > 0) {
    // Mixed parts: simplest correct answer is to build everything here.
    return buildProfiles(ctx, records);
  }
  return mergeProfiles(ctx, parts[0] as Profiles, parts.slice(1) as ProfilePart[]);
}
