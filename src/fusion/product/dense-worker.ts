// Worker-thread entry: the title-encoder neighbours of one range of listings over a copied IVF index, as packed pairs.
import { parentPort, workerData } from 'node:worker_threads';
import { PackedPairs } from './block.js';
import { queryDense, type DenseJob } from './dense-neighbours.js';

const job = (workerData as { job: DenseJob }).job;
const out = new PackedPairs();
const n = Math.max(job.index.n, 1);
queryDense(job.index, job.options, job.from, job.to, (a, b) => out.push(a * n + b));
const packed = out.a.slice(0, out.n);
parentPort?.postMessage(packed, [packed.buffer]);
