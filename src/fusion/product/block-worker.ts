// Worker-thread entry: the TF-IDF neighbours of one range of listings over an index on shared memory, as packed pairs.
import { parentPort, workerData } from 'node:worker_threads';
import { PackedPairs } from './block.js';
import { queryNeighbours, type NeighbourIndex, type NeighbourOptions } from './neighbours.js';

export interface NeighbourJob {
  readonly index: NeighbourIndex;
  readonly options: Partial<NeighbourOptions>;
  readonly from: number;
  readonly to: number;
}

const job = (workerData as { job: NeighbourJob }).job;
const out = new PackedPairs();
const n = job.index.n;
queryNeighbours(job.index, job.options, job.from, job.to, (a, b) => out.push(a * n + b));
const packed = out.a.slice(0, out.n);
parentPort?.postMessage(packed, [packed.buffer]);
