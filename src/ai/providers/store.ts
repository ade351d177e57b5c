// Persistent response cache and token/cost ledger for model providers, in the project database (migration 50).

import { createHash } from 'node:crypto';
import type { Backend } from '../../store/backend.js';
import { step, type SqlStep } from '../../store/sql.js';

export function aiProviderSchema(): SqlStep[] {
  return [
    step(`CREATE TABLE IF NOT EXISTS ai_cache (
      key VARCHAR PRIMARY KEY, provider VARCHAR NOT NULL, model VARCHAR NOT NULL, kind VARCHAR NOT NULL,
      response VARCHAR NOT NULL, created_at TIMESTAMPTZ NOT NULL)`),
    step(`CREATE TABLE IF NOT EXISTS ai_ledger (
      logged_at TIMESTAMPTZ NOT NULL, provider VARCHAR NOT NULL, model VARCHAR NOT NULL, kind VARCHAR NOT NULL,
      requests INTEGER NOT NULL, prompt_tokens BIGINT NOT NULL, completion_tokens BIGINT NOT NULL, cost_usd DOUBLE NOT NULL)`),
  ];
}

/** Cache key: provider, model, kind of call and the exact input; the same question is never paid for twice. */
export function cacheKey(provider: string, model: string, kind: string, input: unknown): string {
  return createHash('sha256').update(JSON.stringify([provider, model, kind, input])).digest('hex');
}

export interface LedgerEntry {
  readonly provider: string;
  readonly model: string;
  readonly kind: string;
  readonly requests: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly costUsd: number;
}

export interface ProviderStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, provider: string, model: string, kind: string, response: string): Promise<void>;
  record(e: LedgerEntry): Promise<void>;
  /** What a provider/model has spent so far (all runs). */
  spent(provider: string, model: string): Promise<{ costUsd: number; tokens: number; requests: number }>;
}

export function dbProviderStore(db: Backend): ProviderStore {
  return {
    async get(key) {
      const row = await db.one<{ response: string }>(step('SELECT response FROM ai_cache WHERE key = $1', [key]));
      return row?.response;
    },
    async put(key, provider, model, kind, response) {
      await db.run(step('INSERT OR REPLACE INTO ai_cache VALUES ($1, $2, $3, $4, $5, now())', [key, provider, model, kind, response]));
    },
    async record(e) {
      await db.run(step('INSERT INTO ai_ledger VALUES (now(), $1, $2, $3, $4, $5, $6, $7)', [e.provider, e.model, e.kind, e.requests, e.promptTokens, e.completionTokens, e.costUsd]));
    },
    async spent(provider, model) {
      const r = await db.one<{ c: number | null; t: bigint | number | null; n: bigint | number | null }>(step(
        'SELECT sum(cost_usd) AS c, sum(prompt_tokens + completion_tokens) AS t, sum(requests) AS n FROM ai_ledger WHERE provider = $1 AND model = $2',
        [provider, model],
      ));
      return { costUsd: Number(r?.c ?? 0), tokens: Number(r?.t ?? 0), requests: Number(r?.n ?? 0) };
    },
  };
}

/** In-memory store for one run when no project database is open (nothing persists). */
export function memoryProviderStore(): ProviderStore {
  const cache = new Map<string, string>();
  const ledger: LedgerEntry[] = [];
  return {
    get: (key) => Promise.resolve(cache.get(key)),
    put: (key, _p, _m, _k, response) => Promise.resolve(void cache.set(key, response)),
    record: (e) => Promise.resolve(void ledger.push(e)),
    spent: (provider, model) => {
      const mine = ledger.filter((e) => e.provider === provider && e.model === model);
      return Promise.resolve({
        costUsd: mine.reduce((a, e) => a + e.costUsd, 0),
        tokens: mine.reduce((a, e) => a + e.promptTokens + e.completionTokens, 0),
        requests: mine.reduce((a, e) => a + e.requests, 0),
      });
    },
  };
}
