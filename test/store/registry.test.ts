import { describe, expect, it } from 'vitest';
import { step } from '../../src/store/sql.js';
import { fingerprint, listModels, loadModel, saveModel } from '../../src/store/model-registry.js';
import { tempStore } from '../support/db.js';

describe('model registry and fused-product contract', () => {
  it('stores versions with params, metrics and artefact, and loads the latest or a given version', async () => {
    const s = await tempStore();
    try {
      const fp = fingerprint('orders', 42);
      await saveModel(s.db, { name: 'm', kind: 'gbdt', params: { depth: 3 }, metrics: { f1: 0.9 }, dataFingerprint: fp, artefact: { w: [1, 2] } });
      const v2 = await saveModel(s.db, { name: 'm', kind: 'gbdt', params: { depth: 4 }, metrics: { f1: 0.95 }, dataFingerprint: fp, artefact: { w: [3] } });
      expect(v2.version).toBe(2);
      expect((await loadModel<{ w: number[] }>(s.db, 'm')).artefact.w).toEqual([3]);
      const v1 = await loadModel<{ w: number[] }>(s.db, 'm', 1);
      expect(v1.artefact.w).toEqual([1, 2]);
      expect(v1.info.params).toEqual({ depth: 3 });
      expect((await listModels(s.db)).map((m) => m.version)).toEqual([2, 1]);
      await expect(loadModel(s.db, 'nope')).rejects.toThrow(/no model named nope/);
    } finally {
      await s.done();
    }
  });

  it('gives unfused order lines a provisional product id and fused ones their product', async () => {
    const s = await tempStore();
    try {
      await s.db.run(step(`INSERT INTO listing (platform, platform_listing_id, sku) VALUES ('amazon', 'B1', 'S1'), ('jd', '9', 'S9')`));
      await s.db.run(step(`INSERT INTO order_line (platform, platform_order_id, line_no, platform_listing_id, sku) VALUES
        ('amazon', 'o1', 1, 'B1', NULL), ('amazon', 'o1', 2, NULL, 'S1'), ('jd', 'o2', 1, NULL, 'S9'), ('jd', 'o3', 1, NULL, 'X')`));
      await s.db.run(step(`INSERT INTO product_member VALUES ('P1', 'amazon', 'B1', 1, 'identifier', now())`));
      const rows = await s.db.all<{ platform_order_id: string; line_no: number; product_id: string }>(
        step('SELECT platform_order_id, line_no, product_id FROM line_product ORDER BY ALL'));
      expect(rows.map((r) => r.product_id)).toEqual(['P1', 'P1', 'u:jd:S9', 'u:jd:X']);
    } finally {
      await s.done();
    }
  });
});
