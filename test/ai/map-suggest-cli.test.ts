// `omnifuse map suggest --timezone --currency` as a real process: the flags land in the proposed mapping's `read`
// defaults, a date without an offset is then read in that zone, and bad values are refused with a hint.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMapping } from '../../src/connectors/generic.js';
import type { MappingInput } from '../../src/connectors/mapping.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { step } from '../../src/store/sql.js';
import { tempStore, TEST_HMAC } from '../support/db.js';

const dir = mkdtempSync(join(tmpdir(), 'omnifuse-mapcli-'));
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = join(dir, 'shop.csv');
writeFileSync(file, [
  '订单编号,下单时间,商品名称,商家编码,数量,单价,实付款',
  'A1,2026-03-01 10:00:00,保温杯 500ml,BWB-500,2,59.90,119.80',
  'A2,2026-03-02 11:30:00,抽纸 20包,ZJ-100,1,39.90,39.90',
].join('\n'));

const cli = (...args: string[]) => spawnSync(TSX, ['src/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, timeout: 60_000 });

describe('omnifuse map suggest --timezone --currency', () => {
  it('writes the zone and currency into read: and the ingest reads bare dates in that zone', async () => {
    const r = cli('--json', 'map', 'suggest', file, '--timezone', 'asia/shanghai', '--currency', 'cny');
    expect(r.status, r.stderr).toBe(0);
    const mapping = (JSON.parse(r.stdout) as { mapping: MappingInput }).mapping;
    expect(mapping.read).toMatchObject({ timezone: 'Asia/Shanghai', currency: 'CNY' });
    const s = await tempStore();
    try {
      const res = await ingestFile(s.db, file, { hmac: TEST_HMAC, mapping: parseMapping(mapping, 'suggested') });
      expect(res.rowsRejected).toBe(0);
      const rows = await s.db.all<{ id: string; at: string; cur: string }>(step(
        "SELECT platform_order_id AS id, strftime(placed_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS at, currency AS cur FROM orders ORDER BY id"));
      // 10:00 in Shanghai (UTC+8) is 02:00 UTC
      expect(rows).toEqual([{ id: 'A1', at: '2026-03-01 02:00', cur: 'CNY' }, { id: 'A2', at: '2026-03-02 03:30', cur: 'CNY' }]);
    } finally {
      await s.done();
    }
  }, 60_000);

  it('refuses an unknown zone or a currency that is no ISO code, naming the fix', () => {
    const z = cli('map', 'suggest', file, '--timezone', 'Mars/Base');
    expect(z.status).toBe(2);
    expect(z.stderr).toMatch(/--timezone "Mars\/Base" is not a time zone[\s\S]*IANA zone/u);
    const c = cli('map', 'suggest', file, '--currency', 'dollars');
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/--currency "dollars" is not a currency code[\s\S]*ISO 4217/u);
  }, 60_000);
});
