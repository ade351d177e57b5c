// Pair features and scores on every core: the feature matrix lives on a SharedArrayBuffer, worker threads fill and
// score equal shares of its rows while the calling thread does its own, so two cores handle twice the pairs and a
// later re-scoring (self-training) reads the same memory without copying it. Small jobs, or a runtime that cannot
// start a worker, stay on the calling thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Profiles } from './listing-profiles.js';
import { N_PAIR_FEATURES, type FeatureVocab } from './pair-features.js';
import { featurizeInto, predictRows, type FlatForest } from './pair-scoring.js';
import type { PairJob } from './pair-worker.js';

/** Below this many pairs a worker's start-up and the copy of the profiles cost more than they save. */
export const PARALLEL_MIN_PAIRS = 200_000;

// Under tsx (sources run as .ts) the worker registers tsx's loader before importing its entry; built .js needs nothing.
const BOOT = `const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.entry.endsWith('.ts')) (await import('tsx/esm/api')).register();
  await import(workerData.entry);
})().catch((e) => { throw e; });`;

function runWorker(job: PairJob): Promise<Float32Array> {
  const ts = import.meta.url.endsWith('.ts');
  const entry = new URL(ts ? './pair-worker.ts' : './pair-worker.js', import.meta.url).href;
  return new Promise((resolve, reject) => {
    const w = new Worker(BOOT, { eval: true, workerData: { entry, job } });
    w.once('message', (x: Float32Array) => {
      resolve(x);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`pair worker exited with code ${code} before answering`)));
  });
}

export interface ParallelOptions {
  /** Threads in all, this one included (default: the machine's cores). */
  readonly threads?: number;
  readonly minPairs?: number;
  /** Told when a worker failed and this thread did its share instead. */
  readonly onWorkerError?: (e: unknown) => void;
}

/** Row ranges [start, end) of n rows, one per thread (the first is the calling thread's). */
function shares(n: number, o: ParallelOptions): [number, number][] {
  const threads = n < (o.minPairs ?? PARALLEL_MIN_PAIRS) ? 1 : Math.max(1, o.threads ?? availableParallelism());
  const share = Math.ceil(n / threads);
  return Array.from({ length: threads }, (_, t) => [Math.min(n, t * share), Math.min(n, (t + 1) * share)]);
}

/** Runs job(range) on workers for all shares but the first, which `here` does; a failed worker's share is redone here. */
async function fanOut(ranges: [number, number][], o: ParallelOptions, job: (s: number, e: number) => PairJob, here: (s: number, e: number) => Float32Array): Promise<Float32Array[]> {
  const pending = ranges.slice(1).map(([s, e]) => runWorker(job(s, e)).catch((err: unknown) => {
    o.onWorkerError?.(err);
    return undefined;
  }));
  const first = here(...(ranges[0] as [number, number]));
  const rest = await Promise.all(pending);
  return [first, ...rest.map((r, t) => r ?? here(...(ranges[t + 1] as [number, number])))];
}

const slice = (v: ArrayLike<number>, s: number, e: number) => Int32Array.from({ length: e - s }, (_, k) => v[s + k] as number);

export interface ScoredMatrix {
  /** Feature rows (N_PAIR_FEATURES wide) on a SharedArrayBuffer when more than one thread was used. */
  readonly x: Float32Array;
  /** Match probability per pair (empty without a forest). */
  readonly scores: Float32Array;
}

/** Features of pairs (a[k], b[k]) of A, and their scores when a forest is given, across threads. */
export async function featurizeAndScore(vocab: FeatureVocab, A: Profiles, a: ArrayLike<number>, b: ArrayLike<number>, forest: FlatForest | undefined, o: ParallelOptions = {}): Promise<ScoredMatrix> {
  const n = a.length;
  const ranges = shares(n, o);
  const bytes = n * N_PAIR_FEATURES * 4;
  const x = new Float32Array(ranges.length > 1 ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const rows = (s: number, e: number) => x.subarray(s * N_PAIR_FEATURES, e * N_PAIR_FEATURES);
  // Workers get only what pair features read, not the whole context.
  const slim: FeatureVocab = { word: { idf: vocab.word.idf, strings: vocab.word.strings }, code: { idf: vocab.code.idf, strings: vocab.code.strings }, rareCut: vocab.rareCut };
  const parts = await fanOut(ranges, o, (s, e) => ({ x: rows(s, e), features: { vocab: slim, profiles: A, a: slice(a, s, e), b: slice(b, s, e) }, forest }), (s, e) => {
    const xs = featurizeInto(vocab, A, slice(a, s, e), slice(b, s, e), rows(s, e));
    return forest ? predictRows(forest, xs) : new Float32Array(0);
  });
  return { x, scores: concat(parts, forest ? n : 0) };
}

/** Scores of every row of x across threads (x on a SharedArrayBuffer is read in place by the workers). */
export async function scoreRows(x: Float32Array, forest: FlatForest, o: ParallelOptions = {}): Promise<Float32Array> {
  const n = x.length / N_PAIR_FEATURES;
  const ranges = x.buffer instanceof SharedArrayBuffer ? shares(n, o) : [[0, n] as [number, number]];
  const rows = (s: number, e: number) => x.subarray(s * N_PAIR_FEATURES, e * N_PAIR_FEATURES);
  return concat(await fanOut(ranges, o, (s, e) => ({ x: rows(s, e), forest }), (s, e) => predictRows(forest, rows(s, e))), n);
}

function concat(parts: Float32Array[], n: number): Float32Array {
  const out = new Float32Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
