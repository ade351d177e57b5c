// API tokens: random secrets shown once; the store keeps only their SHA-256 and the scopes they grant.
import { createHash, randomBytes } from 'node:crypto';
import type { Backend } from '../store/backend.js';
import { step } from '../store/sql.js';
import { usageError } from '../util/errors.js';

export const SCOPES = ['read', 'ingest', 'pii', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_DOC: Record<Scope, string> = {
  read: 'read data: status, rejects, products, orders, models, customers (personal data masked)',
  ingest: 'change data: upload files, stream records, decide review pairs',
  pii: 'see personal data unmasked (customer ids, names, raw rejected records)',
  admin: 'manage tokens and read /metrics',
};

export interface TokenInfo {
  id: string;
  name: string | null;
  scopes: Scope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const TOKEN_PREFIX = 'oft_';
export const tokenDigest = (token: string) => createHash('sha256').update(token).digest('hex');

export function parseScopes(text: string): Scope[] {
  const parts = text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (parts.length === 0) throw usageError('no scope given', `name one or more of: ${SCOPES.join(', ')}, e.g. --scope read,ingest`);
  for (const p of parts) {
    if (!(SCOPES as readonly string[]).includes(p)) throw usageError(`unknown scope "${p}"`, `scopes are: ${SCOPES.join(', ')}`);
  }
  return [...new Set(parts as Scope[])].sort((a, b) => SCOPES.indexOf(a) - SCOPES.indexOf(b));
}

/** Create a token; the secret is returned once and never stored. */
export async function createToken(db: Backend, scopes: readonly Scope[], name?: string): Promise<{ token: string; info: TokenInfo }> {
  const id = randomBytes(4).toString('hex');
  const token = `${TOKEN_PREFIX}${id}_${randomBytes(24).toString('base64url')}`;
  const createdAt = new Date().toISOString();
  await db.run(step('INSERT INTO api_token VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMPTZ), NULL, NULL)', [
    id, name ?? null, tokenDigest(token), scopes.join(','), createdAt,
  ]));
  return { token, info: { id, name: name ?? null, scopes: [...scopes], createdAt, lastUsedAt: null, revokedAt: null } };
}

interface TokenRow {
  id: string; name: string | null; scopes: string; created_at: string; last_used_at: string | null; revoked_at: string | null;
  [k: string]: unknown;
}

const COLUMNS = `id, name, scopes, CAST(created_at AS VARCHAR) AS created_at, CAST(last_used_at AS VARCHAR) AS last_used_at,
  CAST(revoked_at AS VARCHAR) AS revoked_at`;

const toInfo = (r: TokenRow): TokenInfo => ({
  id: r.id, name: r.name, scopes: r.scopes.split(',') as Scope[], createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
});

export async function listTokens(db: Backend): Promise<TokenInfo[]> {
  return (await db.all<TokenRow>(step(`SELECT ${COLUMNS} FROM api_token ORDER BY created_at, id`))).map(toInfo);
}

/** The live (not revoked) token with this secret, if any. */
export async function findToken(db: Backend, token: string): Promise<TokenInfo | undefined> {
  const r = await db.one<TokenRow>(step(`SELECT ${COLUMNS} FROM api_token WHERE token_sha256 = $1 AND revoked_at IS NULL`, [tokenDigest(token)]));
  return r ? toInfo(r) : undefined;
}

export async function revokeToken(db: Backend, id: string): Promise<boolean> {
  const r = await db.one<{ n: number }>(step('SELECT count(*) AS n FROM api_token WHERE id = $1 AND revoked_at IS NULL', [id]));
  if (Number(r?.n ?? 0) === 0) return false;
  await db.run(step('UPDATE api_token SET revoked_at = now() WHERE id = $1', [id]));
  return true;
}

export async function touchToken(db: Backend, id: string): Promise<void> {
  await db.run(step('UPDATE api_token SET last_used_at = now() WHERE id = $1', [id]));
}
