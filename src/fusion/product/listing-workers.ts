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

/**
 * The calling thread's share of the listings' profiles, relative to an equal share: the workers start while the caller
 * is still busy elsewhere (fusion starts them before blocking and asks for the result after), so they get more.
 */
export const CALLER_SHARE = 0.8;

/**
 * Starts building the profiles of records with ctx: the later shares on worker threads, started now (synchronously,
 * so they run while the caller goes on without yielding); the function returned builds the first share on the
 * calling thread, waits for the workers and merges. Ids are those one thread gives (the first share is built with ctx
 * itself, the others remapped in listing order); a failed worker's work is done on the calling thread.
 */
export function startProfiles(ctx: ProfileContext, records: readonly PairRecord[], o: ParallelOptions = {}): () => Promise<Profiles> {
  const n = records.length;
  const threads = shares(n, o, PARALLEL_MIN_LISTINGS).length;
  if (threads === 1) return () => Promise.resolve(buildProfiles(ctx, records));
  const cut = Math.floor((n / threads) * CALLER_SHARE);
  const per = Math.ceil((n - cut) / (threads - 1));
  const parts = Promise.all(Array.from({ length: threads - 1 }, (_, t) => {
    const [s, e] = [Math.min(n, cut + t * per), Math.min(n, cut + (t + 1) * per)];
    return run<ProfilePart>({ kind: 'profiles', records: records.slice(s, e), stats: ctx.stats }).catch((err: unknown) => {
      o.onWorkerError?.(err);
      return undefined;
    });
  }));
  return async () => {
    const first = buildProfiles(ctx, records.slice(0, cut));
    const done = await parts;
    // A failed share: everything here (the ids the first share took are the ones a whole build gives them).
    if (done.some((p) => p === undefined)) return buildProfiles(ctx, records);
    return mergeProfiles(ctx, first, done as ProfilePart[]);
  };
}
