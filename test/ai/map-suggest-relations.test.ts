// Relations between columns that `map suggest` reads from values alone (src/ai/map-suggest/relations.ts): small
// hand-made tables where the rule must fire, and near misses where it must not.
import { describe, expect, it } from 'vitest';
import { amount, keyFallback, priceScaling, printedKey, productTitle, totalByIdentity } from '../../src/ai/map-suggest/relations.js';

function table(rows: string[][]): { names: string[]; values: Map<string, string[]> } {
  const [names, ...body] = rows as [string[], ...string[][]];
  return { names, values: new Map(names.map((n, i) => [n, body.map((r) => r[i] ?? '')])) };
}

describe('amounts', () => {
  it('reads amounts as exports write them', () => {
    expect(amount('$1,433.66')).toBe(1433.66);
    expect(amount('￥306.00')).toBe(306);
    expect(amount('90,00 €')).toBe(90);
    expect(amount('(12.50)')).toBe(-12.5);
    expect(Number.isNaN(amount('n/a'))).toBe(true);
  });

  it('tells a line amount from a unit price by records of one item at different quantities', () => {
    // 45.99 for one, 137.97 for three: the price grew with the quantity
    expect(priceScaling(['45.99', '137.97', '18.00'], ['1', '3', '1'], ['RUN-9', 'RUN-9', 'MUG'])).toBe('line');
    expect(priceScaling(['45.99', '45.99', '18.00'], ['1', '3', '1'], ['RUN-9', 'RUN-9', 'MUG'])).toBe('unit');
    // no item bought twice at different quantities: no evidence either way
    expect(priceScaling(['91.98', '18.00'], ['2', '1'], ['RUN-10', 'MUG'])).toBeUndefined();
  });

  it('finds the order total as goods + shipping − amounts paid otherwise, not the balance or the goods value', () => {
    const t = table([
      ['Price', 'Qty', 'Goods', 'Gross', 'Balance', 'Payable', 'Freight'],
      ['1299.00', '1', '1299.00', '1299.00', '0.00', '1299.00', '0.00'],
      ['299.00', '1', '299.00', '306.00', '0.00', '306.00', '7.00'],
      ['49.90', '2', '99.80', '99.80', '0.00', '99.80', '0.00'],
      ['699.00', '1', '699.00', '699.00', '100.00', '599.00', '0.00'],
      ['129.00', '3', '387.00', '387.00', '0.00', '387.00', '0.00'],
    ]);
    const goods = [1299, 299, 99.8, 699, 387];
    expect(totalByIdentity(t.names, t.values, goods, new Set(['Price']))).toBe('Payable');
    // without the balance column the gross amount (goods + freight) is the end of the chain
    expect(totalByIdentity(t.names, t.values, goods, new Set(['Price', 'Payable', 'Balance']))).toBe('Gross');
    // amounts unrelated to the goods value are no total
    const u = table([['A', 'B'], ['3.10', '7.00'], ['4.20', '1.50'], ['9.99', '2.25']]);
    expect(totalByIdentity(u.names, u.values, [10, 20, 30], new Set())).toBeUndefined();
  });
});

describe('keys', () => {
  const t = table([
    ['Record', 'Order No', 'Item', 'Zip', 'Note'],
    ['1201', '12-89012', '2961', '78701', 'a'],
    ['1202', '12-89013', '', '97201', 'b'],
    ['1202', '12-89013', '2962', '', 'c'],
    ['1203', '', '2963', '78701', 'd'],
    ['1204', '12-89015', '2962', '02134', 'e'],
    ['5 record(s) downloaded', '', '', '', ''],
  ]);

  it('fills the order id\'s blanks from a column in one-to-one step with it, footer lines aside', () => {
    expect(keyFallback('Order No', t.names, t.values, new Set())).toBe('Record');
    // the item number repeats across orders, the zip is blank on item rows: neither is a second order key
    expect(keyFallback('Order No', t.names, t.values, new Set(['Record']))).toBeUndefined();
    expect(keyFallback('Record', t.names, t.values, new Set())).toBeUndefined();
  });

  it('prefers the order number as printed (#1007) to its bare digits, only behind one fixed prefix', () => {
    const p = table([['number', 'name', 'ref'], ['1007', '#1007', 'X1007'], ['1008', '#1008', 'X1008'], ['1009', '#1009', 'Y1009']]);
    expect(printedKey('number', p.names, p.values, new Set())).toBe('name');
    expect(printedKey('number', p.names, p.values, new Set(['name']))).toBeUndefined();
  });
});

describe('product title', () => {
  it('takes a title the line name extends by a separate part as the product\'s', () => {
    const t = table([
      ['name', 'title', 'head'],
      ['Running Shoe - 10 / Black', 'Running Shoe', 'Run'],
      ['Ceramic Mug - Blue', 'Ceramic Mug', 'Cer'],
      ['Olive Wood Board', 'Olive Wood Board', 'Oli'],
    ]);
    expect(productTitle('name', t.names, t.values, new Set())).toBe('title');
    // "Run" cuts a word in two: no product title
    expect(productTitle('name', t.names, t.values, new Set(['title']))).toBeUndefined();
    expect(productTitle('title', t.names, t.values, new Set())).toBeUndefined();
  });
});

describe('on the connector fixtures that needed them (platform names withheld; scores: npm run bench -- map-suggest)', () => {
  const suggest = async (file: string, platform: string) => (await import('../../src/ai/map-suggest/suggest.js')).suggestMapping(file, { platform, excludePlatform: platform });

  it('amazon all_orders: item-price grows with the quantity, so it is the line amount', async () => {
    const s = await suggest('test/fixtures/amazon/all_orders.txt', 'amazon');
    expect(s.mapping.targets.order_line).toMatchObject({ line_total: { column: 'item-price' } });
    expect(s.mapping.targets.order_line?.unit_price).toBeUndefined();
  });

  it('ebay orders_us: the record number fills the missing order number; the item number never does', async () => {
    const s = await suggest('test/fixtures/ebay/orders_us.csv', 'ebay');
    expect(s.mapping.targets.orders).toMatchObject({ platform_order_id: { column: ['Order Number', 'Sales Record Number'] } });
    expect(s.mapping.targets.order_line).toMatchObject({ platform_order_id: { column: ['Order Number', 'Sales Record Number'] } });
  });

  it('jd: the total is the amount payable (goods + freight − balance used), not the line amount', async () => {
    const s = await suggest('test/fixtures/jd/jd-orders-export.csv', 'jd');
    expect(s.mapping.targets.orders).toMatchObject({ total: { column: '应付金额' } });
    expect(s.mapping.targets.order_line?.line_total).toBeUndefined();
  });

  it('shopify orders.json: the order id as printed (#1007) and the product title for listings', async () => {
    const s = await suggest('test/fixtures/shopify/orders.json', 'shopify');
    expect(s.mapping.targets.orders).toMatchObject({ platform_order_id: { column: 'name' } });
    expect(s.mapping.targets.order_line).toMatchObject({ platform_order_id: { column: '$.name' }, title: 'name' });
    expect(s.mapping.targets.listing).toMatchObject({ title: { column: ['title', 'name'] } });
  });
});
