// Worker-thread entry: claims chunks of a shared pair job until none are left (see runPairChunks).
import { parentPort, workerData } from 'node:worker_threads';
import { runPairChunks, type PairJob } from './pair-scoring.js';

export type { PairJob } from './pair-scoring.js';

runPairChunks((workerData as { job: PairJob }).job);
parentPort?.postMessage('done');
