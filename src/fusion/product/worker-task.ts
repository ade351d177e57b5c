// One job on a worker thread: the worker loads an entry module of this folder, which reads workerData.job and posts
// one answer. Under tsx (sources run as .ts) the worker registers tsx's loader first; built .js needs nothing.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const BOOT = `const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.entry.endsWith('.ts')) (await import('tsx/esm/api')).register();
  await import(workerData.entry);
})().catch((e) => { throw e; });`;

/** Runs entry (a module name in this folder, without extension) on a new worker thread with workerData.job = job. */
export function runTask<T>(entry: string, job: unknown): Promise<T> {
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(`./${entry}${ts ? '.ts' : '.js'}`, import.meta.url).href;
  return new Promise((resolve, reject) => {
    const w = new Worker(BOOT, { eval: true, workerData: { entry: url, job } });
    w.once('message', (x: T) => {
      resolve(x);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`${entry} worker exited with code ${code} before answering`)));
  });
}

export interface ParallelOptions {
  /** Threads in all, this one included (default: the machine's cores). */
  readonly threads?: number;
  /** Below this many items the job stays on this thread. */
  readonly minItems?: number;
  /** Told when a worker failed and this thread did its share instead. */
  readonly onWorkerError?: (e: unknown) => void;
}

/** Ranges [start, end) of n items, one per thread (the first is the calling thread's). */
export function shares(n: number, o: ParallelOptions, defaultMin: number): [number, number][] {
  const threads = n < (o.minItems ?? defaultMin) ? 1 : Math.max(1, o.threads ?? availableParallelism());
  const share = Math.ceil(n / threads);
  return Array.from({ length: threads }, (_, t) => [Math.min(n, t * share), Math.min(n, (t + 1) * share)]);
}

/** Runs remote(range) on workers for all shares but the first, which `here` does; a failed worker's share is redone here. */
export async function fanOut<T>(ranges: [number, number][], o: ParallelOptions, remote: (s: number, e: number) => Promise<T>, here: (s: number, e: number) => T): Promise<T[]> {
  const pending = ranges.slice(1).map(([s, e]) => remote(s, e).catch((err: unknown) => {
    o.onWorkerError?.(err);
    return undefined;
  }));
  const first = here(...(ranges[0] as [number, number]));
  const rest = await Promise.all(pending);
  return [first, ...rest.map((r, t) => r ?? here(...(ranges[t + 1] as [number, number])))];
}
