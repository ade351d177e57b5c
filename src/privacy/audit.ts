// Audit log as a hash chain: each record's hash covers its content and the previous hash, so editing or
// deleting a record breaks every hash after it. `omnifuse audit verify` recomputes the chain.
import { createHash } from 'node:crypto';
import type { Backend } from '../store/backend.js';
import { step } from '../store/sql.js';

export interface AuditEntry {
  /** who: a CLI user (OS user name), an API token name */
  actor: string;
  /** what: 'persons.show', 'export.dp', 'privacy.erase', 'GET /persons/:id' */
  action: string;
  /** parameters; personal values must already be masked or hashed */
  params?: Record<string, unknown>;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  params: string;
  prevHash: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

/** JSON with sorted keys, so the hash does not depend on property order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

export function recordHash(r: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalJson([r.seq, r.at, r.actor, r.action, r.params, r.prevHash])).digest('hex');
}

/** Append one record; returns it. Safe to call from the CLI and the HTTP API (one transaction per append). */
export async function audit(db: Backend, entry: AuditEntry): Promise<AuditRecord> {
  return db.transaction(async () => {
    const last = await db.one<{ seq: number | bigint; hash: string }>(step('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'));
    const rec: Omit<AuditRecord, 'hash'> = {
      seq: last ? Number(last.seq) + 1 : 1,
      at: new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      params: canonicalJson(entry.params ?? {}),
      prevHash: last?.hash ?? GENESIS,
    };
    const full = { ...rec, hash: recordHash(rec) };
    await db.run(step('INSERT INTO audit_log VALUES ($1, $2, $3, $4, $5, $6, $7)', [full.seq, full.at, full.actor, full.action, full.params, full.prevHash, full.hash]));
    return full;
  });
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  head: string;
  /** the first broken record and why */
  problem?: { seq: number; reason: string };
}

/** Recompute the chain. `expectHead` (a head printed earlier and kept elsewhere) also catches a cut-off tail. */
export async function verifyAudit(db: Backend, expectHead?: string): Promise<VerifyResult> {
  const rows = await db.all<{ seq: number | bigint; logged_at: string; actor: string; action: string; params: string; prev_hash: string; hash: string }>(
    step('SELECT * FROM audit_log ORDER BY seq'));
  let prev = GENESIS;
  let expectSeq = 1;
  for (const r of rows) {
    const seq = Number(r.seq);
    if (seq !== expectSeq) return { ok: false, records: rows.length, head: prev, problem: { seq, reason: `record ${expectSeq} is missing (deleted)` } };
    if (r.prev_hash !== prev) return { ok: false, records: rows.length, head: prev, problem: { seq, reason: 'prev_hash does not match the record before (a record was deleted or replaced)' } };
    const h = recordHash({ seq, at: r.logged_at, actor: r.actor, action: r.action, params: r.params, prevHash: r.prev_hash });
    if (h !== r.hash) return { ok: false, records: rows.length, head: prev, problem: { seq, reason: 'content does not match its hash (the record was edited)' } };
    prev = r.hash;
    expectSeq++;
  }
  if (expectHead !== undefined && !rows.some((r) => r.hash === expectHead)) {
    return { ok: false, records: rows.length, head: prev, problem: { seq: expectSeq, reason: `the expected head ${expectHead.slice(0, 12)}… is not in the log (records were cut off the end)` } };
  }
  return { ok: true, records: rows.length, head: prev };
}

/** The actor for CLI calls: the OS user, overridable with OMNIFUSE_ACTOR. */
export function cliActor(): string {
  return process.env.OMNIFUSE_ACTOR ?? process.env.USER ?? process.env.USERNAME ?? 'cli';
}
