// kill -9 in the middle of an ingest leaves no partial file behind, and re-running completes it exactly.
import { spawn } from 'node:child_process';
import { writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { loadMapping } from '../../src/connectors/generic.js';
import type { Backend } from '../../src/store/backend.js';
import { canonicalTableNames } from '../../src/model/canonical.js';
import { step } from '../../src/store/sql.js';
import { TEST_HMAC, tempStore } from '../support/db.js';

async function fingerprint(db: Backend): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of [...canonicalTableNames, 'reject']) {
    const r = await db.one<{ n: number; h: string | null }>(step(
      t === 'reject'
        ? `SELECT count(*) AS n, md5(string_agg(source_row::VARCHAR || reason, ',' ORDER BY source_row)) AS h FROM reject`
        : `SELECT count(*) AS n, md5(string_agg(row_hash::VARCHAR, ',' ORDER BY row_hash)) AS h FROM ${t}`,
    ));
    out[t] = `${r?.n}:${r?.h ?? ''}`;
  }
  const f = await db.one<{ n: number }>(step('SELECT count(*) AS n FROM source_file'));
  out.source_file = String(f?.n);
  return out;
}

describe('crash safety', () => {
  it('kill -9 mid-file, re-ingest: identical to a clean single ingest', async () => {
    const s = await tempStore();
    const file = join(s.dir, 'lines.csv');
    const out = createWriteStream(file);
    out.write('order,sku,qty,price,placed\n');
    for (let i = 0; i < 600_000; i++) {
      const bad = i % 50_000 === 7 ? 'x' : String((i % 5) + 1);
      if (!out.write(`O${Math.floor(i / 3)},SKU${i % 997},${bad},${(i % 100) + 0.99},2026-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const mappingPath = join(s.dir, 'm.yaml');
    writeFileSync(mappingPath, [
      'name: lines', 'platform: own', 'targets:', '  order_line:', '    platform_order_id: order', '    sku: sku', '    quantity: qty', '    unit_price: price', '    placed_at: placed',
      '  orders:', '    key: [platform_order_id]', '    platform_order_id: order', '    placed_at: placed',
    ].join('\n'));
    await s.db.close();

    // 1. a child starts the ingest and is killed with SIGKILL while it writes
    const crashDb = join(s.dir, 'crash.duckdb');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/ingest-child.ts', crashDb, file, mappingPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    let outText = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        outText += d.toString();
        if (outText.includes('started')) setTimeout(() => { child.kill('SIGKILL'); resolve(); }, 400);
      });
      child.on('exit', () => resolve());
    });
    await once(child, 'exit').catch(() => undefined);
    expect(outText).not.toContain('finished');

    // 2. nothing partial is visible, and re-running completes it
    const crashed = await openStore(crashDb);
    const partial = await fingerprint(crashed);
    expect(partial.source_file).toBe('0');
    expect(partial.order_line!.startsWith('0:')).toBe(true);
    const m = loadMapping(mappingPath);
    const r = await ingestFile(crashed, file, { hmac: TEST_HMAC, mapping: m });
    expect(r.status).toBe('ingested');
    const afterCrash = await fingerprint(crashed);
    await crashed.close();

    // 3. a clean single ingest gives the same counts and hashes
    const clean = await openStore(join(s.dir, 'clean.duckdb'));
    await ingestFile(clean, file, { hmac: TEST_HMAC, mapping: m });
    const reference = await fingerprint(clean);
    await clean.close();
    expect(afterCrash).toEqual(reference);
    expect(reference.order_line!.split(':')[0]).toBe(String(600_000 - 12));
    await s.done();
  });
});
