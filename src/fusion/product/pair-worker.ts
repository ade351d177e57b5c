// Worker-thread entry: features of its share of the pairs, written into the shared matrix, and / or their scores.
import { parentPort, workerData } from 'node:worker_threads';
import type { Profiles } from './listing-profiles.js';
import type { FeatureVocab } from './pair-features.js';
import { featurizeInto, predictRows, type FlatForest } from './pair-scoring.js';

/** x views this worker's rows of a matrix on a SharedArrayBuffer; with profiles they are computed first. */
export interface PairJob {
  readonly x: Float32Array;
  readonly features?: { readonly vocab: FeatureVocab; readonly profiles: Profiles; readonly a: Int32Array; readonly b: Int32Array };
  readonly forest?: FlatForest;
}

const job = (workerData as { job: PairJob }).job;
if (job.features) featurizeInto(job.features.vocab, job.features.profiles, job.features.a, job.features.b, job.x);
const scores = job.forest ? predictRows(job.forest, job.x) : new Float32Array(0);
parentPort?.postMessage(scores, [scores.buffer as ArrayBuffer]);
