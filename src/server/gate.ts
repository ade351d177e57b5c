// One DuckDB connection serves the whole server, so database work is queued one job at a time: an ingest's
// transaction and work tables never interleave with a read. A job still queued after its deadline is
// answered 503 at once (and skipped when its turn comes) instead of piling up.
import { HttpError } from './http-error.js';

export interface Gate {
  run<T>(fn: () => Promise<T>, opts?: { waitMs?: number }): Promise<T>;
  /** jobs queued, for /metrics */
  readonly waiting: number;
}

export function createGate(defaultWaitMs: number): Gate {
  let tail: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  return {
    get waiting() {
      return waiting;
    },
    run<T>(fn: () => Promise<T>, opts: { waitMs?: number } = {}): Promise<T> {
      const waitMs = opts.waitMs ?? defaultWaitMs;
      waiting++;
      let expired = false;
      let timer: NodeJS.Timeout | undefined;
      const started = new Promise<void>((resolve) => {
        tail = tail.then(() => {
          waiting--;
          if (timer) clearTimeout(timer);
          if (expired) return undefined;
          resolve();
          return job.catch(() => undefined);
        });
      });
      const job: Promise<T> = started.then(fn);
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          expired = true;
          reject(new HttpError(503, 'busy', `the database stayed busy for more than ${Math.round(waitMs / 1000)} s`, 'retry shortly; a large upload or stream is holding it'));
        }, waitMs);
        timer.unref();
      });
      return Promise.race([job, deadline]);
    },
  };
}
