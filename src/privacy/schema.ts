// Privacy tables: the hash-chained audit log, the differential-privacy budget and its ledger, and flags on
// models trained on data that was later erased.
import { step, type SqlStep } from '../store/sql.js';

export function privacySchema(): SqlStep[] {
  return [
    step(`CREATE TABLE IF NOT EXISTS audit_log (
      seq BIGINT PRIMARY KEY, logged_at VARCHAR NOT NULL, actor VARCHAR NOT NULL, action VARCHAR NOT NULL, params VARCHAR NOT NULL,
      prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL)`),
    step(`CREATE TABLE IF NOT EXISTS dp_budget (
      dataset VARCHAR PRIMARY KEY, epsilon DOUBLE NOT NULL, delta DOUBLE NOT NULL, set_at TIMESTAMPTZ)`),
    step(`CREATE TABLE IF NOT EXISTS dp_ledger (
      release_id VARCHAR PRIMARY KEY, dataset VARCHAR NOT NULL, epsilon DOUBLE NOT NULL, delta DOUBLE NOT NULL,
      mechanism VARCHAR, query VARCHAR, released_at TIMESTAMPTZ)`),
    step(`CREATE TABLE IF NOT EXISTS model_flag (
      name VARCHAR NOT NULL, version INTEGER NOT NULL, reason VARCHAR NOT NULL, flagged_at TIMESTAMPTZ)`),
  ];
}
