// Worker-thread entry: the blocking neighbours of one range of listings — TF-IDF neighbours over an index on shared
// memory, or title-encoder neighbours over a copied IVF index — as packed pairs.
import { parentPort, workerData } from 'node:worker_threads';
import { collectPairs } from './block.js';
import { queryDense, type DenseIndex, type DenseNeighbourOptions } from './dense-neighbours.js';
import { queryNeighbours, type NeighbourIndex, type NeighbourOptions } from './neighbours.js';

export type NeighbourJob =
  | { readonly kind: 'tfidf'; readonly index: NeighbourIndex; readonly options: Partial<NeighbourOptions>; readonly from: number; readonly to: number }
  | { readonly kind: 'dense'; readonly index: DenseIndex; readonly options: DenseNeighbourOptions; readonly from: number; readonly to: number };

const job = (workerData as { job: NeighbourJob }).job;
const packed = job.kind === 'tfidf'
  ? collectPairs(job.index.n, (emit) => queryNeighbours(job.index, job.options, job.from, job.to, emit))
  : collectPairs(job.index.n, (emit) => queryDense(job.index, job.options, job.from, job.to, emit));
parentPort?.postMessage(packed, [packed.buffer]);
