// The model registry: every trained model (matcher, forecaster, recommender, ...) is stored in the database
// with its version, parameters, metrics, training-data fingerprint, creation time and the artefact itself
// (JSON), so a prediction can always be reproduced from what is stored. One table for the whole project.
import { createHash } from 'node:crypto';
import type { Backend } from './backend.js';
import { step, type SqlStep } from './sql.js';
import { usageError } from '../util/errors.js';

export function modelRegistrySchema(): SqlStep[] {
  return [
    step(`CREATE TABLE IF NOT EXISTS model (
      name VARCHAR NOT NULL, version INTEGER NOT NULL, kind VARCHAR NOT NULL, params JSON, metrics JSON,
      data_fingerprint VARCHAR, created_at TIMESTAMPTZ NOT NULL, artefact VARCHAR NOT NULL,
      PRIMARY KEY (name, version))`),
  ];
}

export interface ModelInfo {
  name: string;
  version: number;
  kind: string;
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  dataFingerprint: string;
  createdAt: string;
}

export interface NewModel<A> {
  /** registry name, e.g. 'product-matcher', 'forecast-gbdt' */
  name: string;
  /** model family, e.g. 'gbdt', 'ets', 'als' */
  kind: string;
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  /** from fingerprint(): identifies the training data */
  dataFingerprint: string;
  artefact: A;
}

/** A short stable digest of whatever identifies the training data (row counts, max ids, file hashes, seeds). */
export function fingerprint(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/** Store a model as the next version of its name; returns what was stored (without the artefact). */
export async function saveModel<A>(db: Backend, m: NewModel<A>): Promise<ModelInfo> {
  return db.transaction(async () => {
    const row = await db.one<{ v: number | null }>(step('SELECT max(version) AS v FROM model WHERE name = $1', [m.name]));
    const version = Number(row?.v ?? 0) + 1;
    const createdAt = new Date().toISOString();
    await db.run(step('INSERT INTO model VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS TIMESTAMPTZ), $8)', [
      m.name, version, m.kind, JSON.stringify(m.params), JSON.stringify(m.metrics), m.dataFingerprint, createdAt, JSON.stringify(m.artefact),
    ]));
    return { name: m.name, version, kind: m.kind, params: m.params, metrics: m.metrics, dataFingerprint: m.dataFingerprint, createdAt };
  });
}

interface ModelRow {
  name: string; version: number; kind: string; params: string | null; metrics: string | null;
  data_fingerprint: string | null; created_at: string; artefact?: string;
}

const INFO_COLUMNS = 'name, version, kind, CAST(params AS VARCHAR) AS params, CAST(metrics AS VARCHAR) AS metrics, data_fingerprint, strftime(created_at, \'%Y-%m-%dT%H:%M:%S.%gZ\') AS created_at';

function toInfo(r: ModelRow): ModelInfo {
  return {
    name: r.name, version: Number(r.version), kind: r.kind,
    params: JSON.parse(r.params ?? '{}') as Record<string, unknown>,
    metrics: JSON.parse(r.metrics ?? '{}') as Record<string, unknown>,
    dataFingerprint: r.data_fingerprint ?? '', createdAt: r.created_at,
  };
}

/** All stored models, newest version of each name first. */
export async function listModels(db: Backend, name?: string): Promise<ModelInfo[]> {
  const rows = await db.all<ModelRow & Record<string, unknown>>(step(
    `SELECT ${INFO_COLUMNS} FROM model ${name === undefined ? '' : 'WHERE name = $1'} ORDER BY name, version DESC`,
    name === undefined ? [] : [name],
  ));
  return rows.map(toInfo);
}

/** Load a model (latest version unless one is given); the artefact is returned as stored. */
export async function loadModel<A>(db: Backend, name: string, version?: number): Promise<{ info: ModelInfo; artefact: A }> {
  const row = await db.one<ModelRow & Record<string, unknown>>(step(
    `SELECT ${INFO_COLUMNS}, artefact FROM model WHERE name = $1 ${version === undefined ? '' : 'AND version = $2'} ORDER BY version DESC LIMIT 1`,
    version === undefined ? [name] : [name, version],
  ));
  if (!row) {
    throw usageError(`no model named ${name}${version === undefined ? '' : ` version ${version}`} in the registry`, 'list what is stored with `omnifuse models list`');
  }
  return { info: toInfo(row), artefact: JSON.parse(row.artefact ?? 'null') as A };
}

/** Load a model (latest version unless one is given) if one is stored under this name, else undefined. */
export async function findModel<A>(db: Backend, name: string, version?: number): Promise<{ info: ModelInfo; artefact: A } | undefined> {
  const row = await db.one<{ n: number }>(step(`SELECT count(*) AS n FROM model WHERE name = $1 ${version === undefined ? '' : 'AND version = $2'}`, version === undefined ? [name] : [name, version]));
  return Number(row?.n ?? 0) > 0 ? loadModel<A>(db, name, version) : undefined;
}
