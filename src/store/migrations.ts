// Schema migrations with a version table: each migration runs once, in version order, inside a transaction.
// Versions are allotted in ranges per subsystem so that work in parallel never collides:
//   1-9 store and ingest · 10-19 product fusion · 20-29 persons and privacy · 30-39 analytics and the model
//   registry · 40-49 server · 50-59 ai providers. A database records every version it has applied, so a
//   migration added later in a lower range still runs on an existing database.
import type { Backend } from './backend.js';
import { baseSchema, createTable } from './ddl.js';
import { fusedProductSchema, lineProductView } from './fused-schema.js';
import { productFusionSchema } from '../fusion/product/schema.js';
import { modelRegistrySchema } from './model-registry.js';
import { personSchema } from '../fusion/person/schema.js';
import { privacySchema } from '../privacy/schema.js';
import { aiProviderSchema } from '../ai/providers/store.js';
import { ident, step, workTable, type SqlStep } from './sql.js';
import { canonicalTableNames, tableFields } from '../model/canonical.js';
import { DEFAULT_FX_AS_OF, DEFAULT_FX_SOURCE, DEFAULT_FX_TO_USD } from '../clean/fx-default.js';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly steps: () => SqlStep[];
}

export const migrations: readonly Migration[] = [
  { version: 1, description: 'canonical model, source files, rejects, fx rates', steps: baseSchema },
  {
    version: 2,
    description: 'bundled default exchange rates',
    steps: () =>
      Object.entries(DEFAULT_FX_TO_USD).map(([c, r]) =>
        step('INSERT INTO fx_rate VALUES ($1, $2, CAST($3 AS DECIMAL(18,8)), CAST($4 AS DATE), $5)', [c, 'USD', r, DEFAULT_FX_AS_OF, DEFAULT_FX_SOURCE]),
      ),
  },
  {
    version: 3,
    description: 'row_hash as UBIGINT (was the same 64-bit hash as 16 hex digits)',
    // each table rebuilt from its declaration (which also brings the column compression of `f.unique` fields to
    // older databases) with the values copied by name: DuckDB 1.5 cannot replay `ALTER ... TYPE ... USING <function>`
    // from its write-ahead log (a kill -9 before the next checkpoint left the database unopenable: the crash test
    // caught it), and refuses to update a column added in the same transaction
    steps: () => canonicalTableNames.flatMap((t) => {
      const next = workTable(`${t}_u64`);
      return [
        createTable(next, tableFields(t)),
        step(`INSERT INTO ${next} BY NAME SELECT * REPLACE (TRY_CAST('0x' || CAST(row_hash AS VARCHAR) AS UBIGINT) AS row_hash) FROM ${ident(t)}`),
        step(`DROP TABLE ${ident(t)}`),
        step(`ALTER TABLE ${next} RENAME TO ${ident(t)}`),
      ];
    }),
  },
  { version: 10, description: 'fused products: product, product_member, listing_product and line_product views', steps: fusedProductSchema },
  { version: 11, description: 'product fusion: match decisions, attribute provenance, merge log, review candidates, runs', steps: productFusionSchema },
  { version: 12, description: 'line_product view: SKU join by equality only (was planned as a nested loop)', steps: () => [lineProductView()] },
  { version: 20, description: 'persons: person, person_member, person_run, customer_360 view', steps: personSchema },
  { version: 21, description: 'privacy: hash-chained audit log, DP budget and ledger, model flags after erasure', steps: privacySchema },
  {
    version: 22,
    description: 'persons: customer_account.name_tokens and phone_fragment_hash (keyed hashes for linking without names or phones)',
    steps: () => ['name_tokens', 'phone_fragment_hash'].map((c) => step(`ALTER TABLE customer_account ADD COLUMN IF NOT EXISTS ${c} VARCHAR`)),
  },
  { version: 30, description: 'model registry', steps: modelRegistrySchema },
  { version: 50, description: 'ai provider response cache and token/cost ledger', steps: aiProviderSchema },
  {
    version: 31,
    description: 'forecasts: latest point forecast and interval per series and day (read by inventory plan)',
    steps: () => [step(`CREATE TABLE IF NOT EXISTS forecast (
      level VARCHAR NOT NULL, series_id VARCHAR NOT NULL, day DATE NOT NULL, yhat DOUBLE, lo DOUBLE, hi DOUBLE,
      sigma DOUBLE, model VARCHAR, model_version INTEGER, created_at TIMESTAMPTZ, PRIMARY KEY (level, series_id, day))`)],
  },
  {
    version: 40,
    description: 'server: API tokens (only a SHA-256 of each token is stored)',
    steps: () => [step(`CREATE TABLE IF NOT EXISTS api_token (
      id VARCHAR PRIMARY KEY, name VARCHAR, token_sha256 VARCHAR NOT NULL UNIQUE, scopes VARCHAR NOT NULL,
      created_at TIMESTAMPTZ NOT NULL, last_used_at TIMESTAMPTZ, revoked_at TIMESTAMPTZ)`)],
  },
];

export async function migrate(db: Backend): Promise<{ from: number; to: number }> {
  await db.run(step('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, description VARCHAR, applied_at TIMESTAMPTZ)'));
  const applied = new Set((await db.all<{ version: number }>(step('SELECT version FROM schema_version'))).map((r) => Number(r.version)));
  const from = Math.max(0, ...applied);
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    await db.transaction(async () => {
      await db.runAll(m.steps());
      await db.run(step('INSERT INTO schema_version VALUES (?, ?, now())', [m.version, m.description]));
    });
  }
  return { from, to: Math.max(0, ...migrations.map((m) => m.version)) };
}
