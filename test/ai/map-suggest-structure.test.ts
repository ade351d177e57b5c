// Value heuristics of `map suggest` that need no header: row groups, fill-down, the order id and SKU by their values,
// quote-aware sample reading. Small hand-made samples; the fixture-level figures are in map-suggest.test.ts.
import { describe, expect, it } from 'vitest';
import { contiguous, firstDateColumn, isGroupColumn, orderIdByValue, priceBesideQuantity, skuByValue, utcTwin, writtenOncePerGroup } from '../../src/ai/map-suggest/structure.js';
import { delimitedRows } from '../../src/ai/map-suggest/suggest.js';

/** Columns of a small table given as rows (first row = header). */
function table(rows: string[][]): { names: string[]; values: Map<string, string[]> } {
  const [names, ...body] = rows as [string[], ...string[][]];
  return { names, values: new Map(names.map((n, i) => [n, body.map((r) => r[i] ?? '')])) };
}

// A line-per-row order export whose order column has no telling header: order-level columns only on the first row.
const ORDERS = table([
  ['Ref', 'Mail', 'Paid', 'Sum', 'Qty', 'Each', 'Code', 'Made'],
  ['#1001', 'a@x.org', 'yes', '25.80', '2', '12.90', 'TT-LIN-NAT', '2025-10-07 09:50'],
  ['#1001', 'a@x.org', '', '', '1', '18.00', 'MUG-CER-BLU', '2025-10-07 09:50'],
  ['#1002', 'b@x.org', 'yes', '45.99', '1', '45.99', 'RUN-BLK-10', '2025-10-08 18:03'],
  ['#1003', 'c@x.org', 'no', '70.00', '1', '70.00', 'BRD-OLV-L', '2025-10-09 11:00'],
  ['#1003', 'c@x.org', '', '', '3', '4.50', 'NAP-LIN-4', '2025-10-09 11:00'],
]);

describe('row structure', () => {
  it('finds the order id by its values: id-like, grouping consecutive rows, with order-level companions', () => {
    expect(isGroupColumn(ORDERS.values.get('Ref') ?? [])).toBe(true);
    expect(writtenOncePerGroup(ORDERS.values.get('Sum') ?? [], ORDERS.values.get('Ref') ?? [])).toBe(true);
    expect(writtenOncePerGroup(ORDERS.values.get('Each') ?? [], ORDERS.values.get('Ref') ?? [])).toBe(false);
    expect(orderIdByValue(ORDERS.names, ORDERS.values, new Set())).toBe('Ref');
    // the e-mail groups the rows as well but is no id; without the Ref column nothing qualifies
    expect(orderIdByValue(ORDERS.names, ORDERS.values, new Set(['Ref']))).toBeUndefined();
  });

  it('a value that comes back after another is not a group', () => {
    expect(contiguous(['a', 'a', 'b', 'a'])).toBe(false);
    expect(contiguous(['a', '', 'a', 'b'])).toBe(true);
  });

  it('finds the SKU as the column of upper-case codes, and the unit price beside the quantity', () => {
    expect(skuByValue(ORDERS.names, ORDERS.values, new Set(['Ref']))).toBe('Code');
    expect(priceBesideQuantity(ORDERS.names, ORDERS.values, 'Qty', new Set())).toBe('Each');
  });

  it('takes the leftmost column dated on at least half the records as the order time, and a UTC twin where there is one', () => {
    // ship_by is dated on a third of the records only (a footer line would be blank everywhere)
    const t = table([['ship_by', 'note', 'created'], ['', 'x', '2025-10-07 09:50'], ['', 'z', '2025-10-07 11:50'], ['2025-10-09', 'y', '2025-10-08 10:00']]);
    expect(firstDateColumn(t.names, t.values, new Set())).toBe('created');
    expect(utcTwin('date_created', ['date_created', 'date_created_gmt', 'date_modified'])).toBe('date_created_gmt');
    expect(utcTwin('date_modified', ['date_created', 'date_created_gmt', 'date_modified'])).toBeUndefined();
  });

  it('reads a sample quote-aware: a quoted cell keeps its delimiter, doubled quotes and line breaks', () => {
    const rows = delimitedRows('a,"b, c","say ""hi""\nthere",d\r\ne,f,g,h\n', ',');
    expect(rows).toEqual([['a', 'b, c', 'say "hi"\nthere', 'd'], ['e', 'f', 'g', 'h']]);
  });
});

describe('alias table with a platform left out', () => {
  it('withholds that platform\'s column names, also from the builtin list, but keeps everyday words', async () => {
    const { aliasTable } = await import('../../src/ai/map-suggest/aliases.js');
    const all = await aliasTable();
    const noEbay = await aliasTable('ebay');
    expect(all.get('orders.platform_order_id')?.has('sales record number')).toBe(true);
    expect(noEbay.get('orders.platform_order_id')?.has('sales record number')).toBe(false);
    expect(noEbay.get('order_line.sku')?.has('custom label')).toBe(false);
    expect(noEbay.get('orders.platform_order_id')?.has('order number')).toBe(true);
    expect(noEbay.get('order_line.quantity')?.has('quantity')).toBe(true);
  });
});
