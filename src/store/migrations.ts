// Schema migrations with a version table: each migration runs once, in order, inside a transaction.
import type { Backend } from './backend.js';
import { baseSchema } from './ddl.js';
import { step, type SqlStep } from './sql.js';
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
];

export async function migrate(db: Backend): Promise<{ from: number; to: number }> {
  await db.run(step('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, description VARCHAR, applied_at TIMESTAMPTZ)'));
  const row = await db.one<{ v: number | null }>(step('SELECT max(version) AS v FROM schema_version'));
  const from = row?.v ?? 0;
  for (const m of migrations) {
    if (m.version <= from) continue;
    await db.transaction(async () => {
      await db.runAll(m.steps());
      await db.run(step('INSERT INTO schema_version VALUES (?, ?, now())', [m.version, m.description]));
    });
  }
  return { from, to: migrations.at(-1)?.version ?? 0 };
}
