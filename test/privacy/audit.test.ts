// The audit log is a hash chain: verify passes on an untouched log and fails when one row is edited or deleted,
// through the library and through `omnifuse audit verify` (non-zero exit).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, verifyAudit } from '../../src/privacy/audit.js';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';

async function logOf(n: number) {
  const s = await tempStore();
  for (let i = 0; i < n; i++) await audit(s.db, { actor: 'tester', action: 'persons.show', params: { person_id: `pe_${i}`, n: i } });
  return s;
}

describe('audit log', () => {
  it('chains records and verifies', async () => {
    const s = await logOf(5);
    try {
      const r = await verifyAudit(s.db);
      expect(r).toMatchObject({ ok: true, records: 5 });
      const head = await s.db.one<{ hash: string; prev_hash: string }>(step('SELECT hash, prev_hash FROM audit_log WHERE seq = 5'));
      expect(r.head).toBe(head?.hash);
      expect((await verifyAudit(s.db, head!.prev_hash)).ok).toBe(true);
    } finally {
      await s.done();
    }
  });

  it('fails on an edited row', async () => {
    const s = await logOf(5);
    try {
      await s.db.run(step(`UPDATE audit_log SET params = '{"n":2,"person_id":"pe_999"}' WHERE seq = 3`));
      const r = await verifyAudit(s.db);
      expect(r.ok).toBe(false);
      expect(r.problem).toMatchObject({ seq: 3 });
      expect(r.problem?.reason).toMatch(/edited/);
    } finally {
      await s.done();
    }
  });

  it('fails on a deleted row, and on a cut tail when the head was kept', async () => {
    const s = await logOf(5);
    try {
      const head = (await verifyAudit(s.db)).head;
      await s.db.run(step('DELETE FROM audit_log WHERE seq = 5'));
      expect((await verifyAudit(s.db)).ok).toBe(true);
      expect((await verifyAudit(s.db, head)).ok).toBe(false);
      await s.db.run(step('DELETE FROM audit_log WHERE seq = 2'));
      const r = await verifyAudit(s.db);
      expect(r.ok).toBe(false);
      expect(r.problem?.seq).toBe(3);
    } finally {
      await s.done();
    }
  });

  it('`omnifuse audit verify` exits non-zero on a tampered table', async () => {
    const s = await logOf(3);
    await s.db.run(step(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2`));
    await s.db.close();
    const cli = ['tsx', 'src/cli/main.ts', '--db', s.path, '--key-file', join(s.dir, 'k.key'), '--json', 'audit', 'verify'];
    let code = 0;
    let out = '';
    try {
      execFileSync('npx', cli, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as { status: number; stdout: string };
      code = err.status;
      out = err.stdout;
    }
    expect(code).not.toBe(0);
    expect(out).toMatch(/tampered at record 2/);
    const { rmSync } = await import('node:fs');
    rmSync(s.dir, { recursive: true, force: true });
  }, 60_000);
});
