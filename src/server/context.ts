// What every route module is given: the store, the queue in front of it, the project key and settings.
import type { Backend } from '../store/backend.js';
import type { Authenticator } from './auth.js';
import type { Gate } from './gate.js';
import type { Metrics } from './metrics.js';
import { MAX_INDEX_LISTINGS, type ReadModel } from './read-model.js';

export interface ServerLimits {
  /** largest JSON body, bytes */
  bodyBytes: number;
  /** largest uploaded file, bytes */
  uploadBytes: number;
  /** largest single NDJSON record on a stream, bytes */
  streamRecordBytes: number;
  /** how long a request may wait for the database before 503, ms */
  dbWaitMs: number;
  /** most listings the product endpoints hold in memory (above it they query the read tables) */
  indexListings: number;
}

export interface ServerContext {
  db: Backend;
  gate: Gate;
  hmac: { ipad: string; opad: string };
  /** the project key, when the server was given it: rejected raw records are redacted with it */
  key?: Buffer;
  auth: Authenticator;
  metrics: Metrics;
  /** pre-grouped product tables; call readModel.changed() after any write */
  readModel: ReadModel;
  limits: ServerLimits;
  baseCurrency: string;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyBytes: 1024 * 1024,
  uploadBytes: 256 * 1024 * 1024,
  streamRecordBytes: 1024 * 1024,
  dbWaitMs: 30_000,
  indexListings: MAX_INDEX_LISTINGS,
};
