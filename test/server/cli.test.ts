// `omnifuse token` and `omnifuse serve` as a user runs them: real processes over a real database file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'omnifuse-cli-server-'));
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const base = ['src/cli/main.ts', '--db', join(dir, 'db.duckdb'), '--key-file', join(dir, 'k.key')];
const cli = (...args: string[]) => spawnSync(TSX, [...base, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('omnifuse token / serve', () => {
  it('creates a token once, lists it without the secret, revokes it; bad scopes are usage errors', () => {
    const created = cli('--json', 'token', 'create', '--scope', 'read,ingest', '--name', 'ci');
    expect(created.status, created.stderr).toBe(0);
    const t = JSON.parse(created.stdout) as { token: string; id: string; scopes: string[] };
    expect(t.token).toMatch(/^oft_[0-9a-f]{8}_/);
    expect(t.scopes).toEqual(['read', 'ingest']);
    const list = cli('--json', 'token', 'list');
    expect(list.stdout).toContain(t.id);
    expect(list.stdout).not.toContain(t.token);
    const bad = cli('token', 'create', '--scope', 'read,root');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown scope "root"');
    expect(cli('token', 'revoke', t.id).status).toBe(0);
    expect((JSON.parse(cli('--json', 'token', 'list').stdout) as { revokedAt: string | null }[])[0]!.revokedAt).not.toBeNull();
    expect(cli('token', 'revoke', 'nope').status).toBe(2);
  });

  it('serve prints the URL and a new token, answers on it, and stops on SIGINT', async () => {
    const p = spawn(TSX, [...base, '--json', 'serve', '--port', '0', '--new-token', 'read'], { env: { ...process.env, TZ: 'UTC' } });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const started = await new Promise<{ url: string; token: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
      p.stdout.on('data', () => {
        try {
          const doc = JSON.parse(out) as { url: string; token: string };
          clearTimeout(timer);
          resolve(doc);
        } catch {
          // not complete yet
        }
      });
    });
    const r = await fetch(`${started.url}/api/status`, { headers: { authorization: `Bearer ${started.token}` } });
    expect(r.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => p.on('exit', resolve));
    p.kill('SIGINT');
    expect(await exit).toBe(0);
  });
});
