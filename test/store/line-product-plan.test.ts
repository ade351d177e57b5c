// line_product is read by every product analysis over all order lines: its joins must be hash joins. With a
// non-equality term in the SKU join DuckDB planned a nested loop (10M lines did not finish in 10 minutes).
import { afterEach, describe, expect, it } from 'vitest';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';

let done: (() => Promise<void>) | undefined;
afterEach(async () => done?.());

describe('line_product view', () => {
  it('joins order lines to products by hash joins, never a nested loop', async () => {
    const s = await tempStore();
    done = s.done;
    const plan = await s.db.all(step("EXPLAIN SELECT product_id, sum(quantity) FROM line_product WHERE placed_at IS NOT NULL GROUP BY ALL"));
    const text = plan.map((r) => Object.values(r).join('\n')).join('\n');
    expect(text).toContain('HASH_JOIN');
    expect(text).not.toMatch(/NL_JOIN|NESTED_LOOP|CROSS_PRODUCT/);
  });
});
