// Pair features and scores on every core: the feature matrix lives on a SharedArrayBuffer and worker threads and the
// calling thread claim chunks of its rows from one shared counter until none is left (work sharing that balances
// itself when one thread runs slower), so a later re-scoring (self-training) reads the same memory without copying
// it. Small jobs, or a runtime that cannot start a worker, stay on the calling thread.
import type { Profiles } from './listing-profiles.js';
import { N_PAIR_FEATURES, type FeatureVocab } from './pair-features.js';
import { runPairChunk, runPairChunks, type FlatForest, type PairJob } from './pair-scoring.js';
import { runTask, shares, type ParallelOptions as TaskOptions } from './worker-task.js';

/** Below this many pairs a worker's start-up and the copy of the profiles cost more than they save. */
export const PARALLEL_MIN_PAIRS = 200_000;

/** Items a thread claims at a time. */
const CHUNK = 16_384;

export interface ParallelOptions extends TaskOptions {
  readonly minPairs?: number;
  /** Items a thread claims at a time (default 16,384). */
  readonly chunk?: number;
}

const threadsFor = (n: number, o: ParallelOptions) => shares(n, { ...o, minItems: o.minPairs ?? o.minItems }, PARALLEL_MIN_PAIRS).length;

/**
 * Starts a pair job on threads − 1 workers now; the function returned works on it on this thread too until no chunk is
 * left, then waits for the workers (chunks a failed worker left undone are done here).
 */
function start(job: PairJob, threads: number, o: ParallelOptions): () => Promise<void> {
  const workers = Array.from({ length: threads - 1 }, () => runTask<string>('pair-worker', job).catch((err: unknown) => {
    o.onWorkerError?.(err);
    return undefined;
  }));
  return async () => {
    runPairChunks(job);
    const answers = await Promise.all(workers);
    if (answers.some((x) => x === undefined)) for (let c = 0; c < job.done.length; c++) if (!job.done[c]) runPairChunk(job, c);
  };
}

function jobArrays(n: number, shared: boolean, o: ParallelOptions) {
  const mem = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const chunk = Math.max(1, o.chunk ?? CHUNK);
  return { mem, chunk, next: new Int32Array(mem(4)), done: new Uint8Array(mem(Math.ceil(n / chunk))) };
}

/**
 * Starts the features of pairs (a[k], b[k]) of A on worker threads now, while this thread does something else (fusion
 * trains its model meanwhile: the features do not depend on it); the function returned joins in and resolves to the
 * feature matrix once every row is written.
 */
export function startFeatures(vocab: FeatureVocab, A: Profiles, a: ArrayLike<number>, b: ArrayLike<number>, o: ParallelOptions = {}): () => Promise<Float32Array> {
  const n = a.length;
  const threads = threadsFor(n, o);
  const { mem, chunk, next, done } = jobArrays(n, threads > 1, o);
  const x = new Float32Array(mem(n * N_PAIR_FEATURES * 4));
  const ids = (v: ArrayLike<number>) => {
    const out = new Int32Array(mem(n * 4));
    out.set(v);
    return out;
  };
  // Workers get only what pair features read, not the whole context.
  const slim: FeatureVocab = { word: { idf: vocab.word.idf, strings: vocab.word.strings }, code: { idf: vocab.code.idf, strings: vocab.code.strings }, rareCut: vocab.rareCut };
  const finish = start({ n, chunk, next, done, x, scores: new Float32Array(0), features: { vocab: threads > 1 ? slim : vocab, profiles: A, a: ids(a), b: ids(b) } }, threads, o);
  return async () => {
    await finish();
    return x;
  };
}

/** Scores of every row of x, or of the given rows, across threads (x on a SharedArrayBuffer is read in place by the workers). */
export async function scoreRows(x: Float32Array, forest: FlatForest, o: ParallelOptions = {}, rows?: Uint32Array): Promise<Float32Array> {
  const n = rows ? rows.length : x.length / N_PAIR_FEATURES;
  const threads = x.buffer instanceof SharedArrayBuffer ? threadsFor(n, o) : 1;
  const { mem, chunk, next, done } = jobArrays(n, threads > 1, o);
  const scores = new Float32Array(mem(n * 4));
  let shared = rows;
  if (rows && threads > 1) {
    shared = new Uint32Array(mem(n * 4));
    shared.set(rows);
  }
  await start({ n, chunk, next, done, x, scores, forest, rows: shared }, threads, o)();
  return threads > 1 ? scores.slice() : scores;
}
