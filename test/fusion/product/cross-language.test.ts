// Cross-language matching text: Han words glossed from identifier groups, brand and code split apart, HTML entities
// decoded, and titles borrowed from order lines for listings that have none (real DuckDB store).
import { describe, expect, it } from 'vitest';
import { createTranslator, learnHanGlossary } from '../../../src/fusion/product/lexicon.js';
import { decodeEntities, latinView, listingText, spaceHanLatin } from '../../../src/fusion/product/matching-text.js';
import { borrowOrderTitlesStep } from '../../../src/fusion/product/order-titles.js';
import { collapseListingsStep, loadListingRecords, type ListingRecord } from '../../../src/fusion/product/records.js';
import { step } from '../../../src/store/sql.js';
import { tempStore } from '../../support/db.js';

const TYPES = [
  { en: 'Slim Fit Jeans', zh: '修身牛仔裤' },
  { en: 'Electric Kettle', zh: '电热水壶' },
  { en: 'Running Shoes', zh: '缓震跑步鞋' },
];
const BRANDS = ['Anta', 'Adidas', 'Philips', 'Midea', 'Sony', 'Nike'];
const COLOURS = [['Black', '黑色'], ['White', '白色'], ['Grey', '灰色']] as const;

/** Groups of one English and one Chinese title of the same product; the last group's Chinese title stands alone. */
function corpus(): { titles: string[]; group: Int32Array } {
  const titles: string[] = [];
  const group: number[] = [];
  let g = 0;
  for (const [ti, t] of TYPES.entries()) {
    for (const [bi, b] of BRANDS.entries()) {
      const [cen, czh] = COLOURS[(ti + bi) % COLOURS.length] as readonly [string, string];
      const code = `${b.slice(0, 2).toUpperCase()}${100 + ti * 10 + bi}`;
      titles.push(`${b} ${code} ${t.en}, ${cen}`, `${code} ${t.zh} ${czh} 官方正品`);
      group.push(g, g);
      g++;
    }
  }
  titles.push('无关 标题');
  group.push(-1);
  return { titles, group: Int32Array.from(group) };
}

describe('Han glossary learnt from identifier groups', () => {
  const { titles, group } = corpus();
  const gloss = learnHanGlossary(titles, group);

  it('glosses a product-type word with the English words its groups share', () => {
    expect(gloss.get('修身牛仔裤')?.split(' ').sort()).toEqual(['fit', 'jeans', 'slim']);
    expect(gloss.get('电热水壶')?.split(' ').sort()).toEqual(['electric', 'kettle']);
  });

  it('leaves out words that say nothing specific: boilerplate seen with every product, and listings in no group', () => {
    expect(gloss.has('官方正品')).toBe(false);
    expect(gloss.has('无关')).toBe(false);
    // a brand appears with one type only 1 in 3 times: below the share bar
    expect([...gloss.values()].join(' ')).not.toMatch(/anta|adidas/);
  });

  it('lets a Chinese listing show the English product type in the matcher view', () => {
    const t = createTranslator(gloss);
    const r: ListingRecord = { rid: 0, platform: 'taobao', id: '1', sku: '', gtin: '', mpn: '', asin: '', brand: '', title: '安踏AN100 修身牛仔裤 黑色', category: '', variant: '', attributes: '', price: undefined, variantParent: false };
    const view = latinView(listingText(r, t));
    expect(view.split(' ').sort()).toEqual(['AN100', 'black', 'fit', 'jeans', 'slim'].sort());
  });
});

describe('text clean-up', () => {
  it('splits a Han brand from the model code glued to it', () => {
    expect(spaceHanLatin('【包邮】安踏588 修身牛仔裤')).toBe('【包邮】安踏 588 修身牛仔裤');
    expect(spaceHanLatin('阿迪达斯DJ7359羽绒服')).toBe('阿迪达斯 DJ7359 羽绒服');
  });

  it('decodes HTML entities that order APIs leave in names', () => {
    expect(decodeEntities('Serum sr148 &ndash; 50ml')).toBe('Serum sr148 – 50ml');
    expect(decodeEntities('Levi&#039;s &amp; Co &#x2122;')).toBe("Levi's & Co ™");
    expect(decodeEntities('AT&T &bogus;')).toBe('AT&T &bogus;');
  });
});

describe('titles borrowed from order lines', () => {
  it('fill a listing without a title from the order lines of its SKU, only when the SKU is its alone', async () => {
    const s = await tempStore();
    try {
      const db = s.db;
      await db.run(step(`INSERT INTO listing (platform, platform_listing_id, sku, title, source_file_id, source_row) VALUES
        ('woocommerce', '166', 'EST-SR148', 'Estée Lauder Serum sr148', 1, 1),
        ('woocommerce', '167', 'WC7096581', NULL, 1, 2),
        ('woocommerce', '168', 'WC-DUP', NULL, 1, 3),
        ('woocommerce', '169', 'WC-DUP', NULL, 1, 4),
        ('shopify', '170', 'WC7096581', NULL, 1, 5)`));
      await db.run(step(`INSERT INTO order_line (platform, platform_order_id, line_no, platform_listing_id, sku, title, quantity) VALUES
        ('woocommerce', 'o1', 1, '166', 'WC7096581', 'Estée Lauder Serum sr148 &ndash; 50ml', 1),
        ('woocommerce', 'o2', 1, '166', 'WC7096581', 'Estée Lauder Serum sr148 &ndash; 50ml', 1),
        ('woocommerce', 'o3', 1, '166', 'WC7096581', 'Serum 50ml', 1),
        ('woocommerce', 'o4', 1, '166', 'WC-DUP', 'Something', 1),
        ('woocommerce', 'o5', 1, '166', 'EST-SR148', 'Other name', 1)`));
      await db.run(collapseListingsStep());
      await db.run(borrowOrderTitlesStep());
      const title = new Map((await loadListingRecords(db)).map((r) => [`${r.platform}:${r.id}`, r.title]));
      expect(title.get('woocommerce:167')).toBe('Estée Lauder Serum sr148 &ndash; 50ml');
      expect(title.get('woocommerce:166')).toBe('Estée Lauder Serum sr148');
      expect(title.get('woocommerce:168')).toBe('');
      expect(title.get('shopify:170')).toBe('');
    } finally {
      await s.done();
    }
  });
});
