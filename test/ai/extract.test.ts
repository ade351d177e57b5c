// Attribute extraction from titles (builtin rules) and writing them into listing.attributes.
import { describe, expect, it } from 'vitest';
import { extractTitleAttributes } from '../../src/ai/extract/attributes.js';
import { extractListingAttributes } from '../../src/ai/extract/store.js';
import { step } from '../../src/store/sql.js';
import { tempStore } from '../support/db.js';

describe('title attribute extraction', () => {
  it('finds brand, model code, capacity, colour and size in English and Chinese titles', () => {
    const brands = new Set(['sandisk', 'samsung', '华为']);
    expect(extractTitleAttributes('SanDisk Ultra 128GB microSDXC UHS-I Card SDSQUAR-128G-GN6MA, Black', brands)).toEqual({
      brand: 'sandisk', model_code: 'sdsquar128ggn6ma', capacity: '128 GB', colour: 'black',
    });
    expect(extractTitleAttributes('Samsung 55" QE55Q60B QLED TV', brands)).toMatchObject({ brand: 'samsung', model_code: 'qe55q60b', size: '55 inch' });
    expect(extractTitleAttributes('华为 Mate 60 Pro 12GB+512GB 雅川青 玫瑰金版', brands)).toMatchObject({ brand: '华为', capacity: '12 GB', colour: 'rose gold' });
    expect(extractTitleAttributes('Anker PowerCore 10000mAh portable charger white')).toMatchObject({ capacity: '10000 mAh', colour: 'white' });
    expect(extractTitleAttributes('Men running shoe EU 42 navy')).toMatchObject({ size: 'EU 42', colour: 'navy' });
    expect(extractTitleAttributes('Cotton T-Shirt XL')).toMatchObject({ size: 'XL' });
    expect(extractTitleAttributes('2 TB external drive')).toMatchObject({ capacity: '2 TB' });
    // Nothing invented: a plain title yields nothing.
    expect(extractTitleAttributes('handmade wooden spoon')).toEqual({});
  });

  it('writes attributes.extracted and fills an empty brand from the brands the store knows', async () => {
    const s = await tempStore();
    try {
      const rows: [string, string, string, string | null][] = [
        ['shopify', 'a', 'SanDisk Extreme 64GB SDXC black', 'SanDisk'],
        ['taobao', 'b', 'sandisk 闪迪 64G 高速存储卡 黑色', null],
        ['ebay', 'c', 'wooden spoon', null],
      ];
      for (const [i, r] of rows.entries()) {
        await s.db.run(step('INSERT INTO listing (platform, platform_listing_id, title, brand, attributes, source_file_id, source_row, row_hash) VALUES ($1, $2, $3, $4, $5, 1, $6, $7)', [...r, i === 0 ? '{"keep":1}' : null, i + 2, i]));
      }
      const r = await extractListingAttributes(s.db);
      expect(r.listings).toBe(3);
      expect(r.withAttribute.capacity).toBe(2);
      const got = await s.db.all<{ id: string; brand: string | null; a: string | null }>(step('SELECT platform_listing_id AS id, brand, CAST(attributes AS VARCHAR) AS a FROM listing ORDER BY id'));
      expect(JSON.parse(got[0]?.a ?? '{}')).toEqual({ keep: 1, extracted: { brand: 'sandisk', capacity: '64 GB', colour: 'black' } });
      expect(got[1]?.brand).toBe('sandisk');
      expect((JSON.parse(got[1]?.a ?? '{}') as { extracted: unknown }).extracted).toMatchObject({ capacity: '64 GB', colour: 'black' });
      expect(got[2]?.brand).toBeNull();
      expect(JSON.parse(got[2]?.a ?? '{}')).toEqual({ extracted: {} });
    } finally {
      await s.done();
    }
  });
});
