// Google Merchant Center connectors: text feed (tab / pipe delimited) and RSS 2.0 XML with the g: namespace.
import { describe, expect, it } from 'vitest';
import { connectorSuite } from '../support/connector-suite.js';
import { ingested } from './ingest-fixture.js';

const DIR = 'test/fixtures/google-merchant';
const FIELDS = ['platform_listing_id', 'sku', 'gtin', 'mpn', 'brand', 'title', 'description', 'category_path', 'variant', 'price', 'currency', 'status', 'url', 'image_url'];

connectorSuite({
  fixture: `${DIR}/products.tsv`,
  connector: 'google-merchant-feed-tsv',
  platform: 'google',
  records: 5,
  rejected: 1,
  tables: { listing: { min: 4, fields: FIELDS } },
});

connectorSuite({
  fixture: `${DIR}/products_pipe.txt`,
  connector: 'google-merchant-feed-tsv',
  platform: 'google',
  records: 3,
  tables: { listing: { min: 3, fields: FIELDS } },
});

connectorSuite({
  fixture: `${DIR}/products.xml`,
  connector: 'google-merchant-rss-xml',
  platform: 'google',
  records: 4,
  rejected: 1,
  tables: { listing: { min: 3, fields: FIELDS } },
});

const Q = `SELECT platform_listing_id AS id, CAST(price AS VARCHAR) AS price, currency, status, gtin FROM listing ORDER BY id`;

describe('google merchant feed values', () => {
  const tsv = ingested(`${DIR}/products.tsv`);
  const xml = ingested(`${DIR}/products.xml`);

  it('reads "15.00 USD" as an amount and a currency, and folds availability words', async () => {
    expect(await tsv.rows(Q)).toEqual([
      { id: 'shopify_US_7001_40001', price: '45.9900', currency: 'USD', status: 'in_stock', gtin: '00012345678905' },
      { id: 'shopify_US_7001_40002', price: '45.9900', currency: 'USD', status: 'out_of_stock', gtin: null },
      { id: 'shopify_US_7002_40010', price: '15.0000', currency: 'USD', status: 'in_stock', gtin: '04006381333931' },
      { id: 'shopify_US_7003_40020', price: '70.0000', currency: 'EUR', status: 'preorder', gtin: '03800065711135' },
    ]);
    expect(await tsv.rows(`SELECT source_row, field, value FROM reject`)).toEqual([{ source_row: 6, field: 'listing.price', value: 'USD' }]);
  });

  it('reads g:-prefixed and plain RSS elements, and not the nested g:shipping price', async () => {
    expect(await xml.rows(Q)).toEqual([
      { id: 'celebird-eg-variants-apparel-upi-001', price: '105.2900', currency: 'USD', status: 'in_stock', gtin: '00698615070527' },
      { id: 'shopify_US_7002_40010', price: '15.0000', currency: 'USD', status: 'out_of_stock', gtin: '04006381333931' },
      { id: 'shopify_US_7003_40020', price: '70.0000', currency: 'EUR', status: 'preorder', gtin: null },
    ]);
    const w = await xml.rows(`SELECT title, url, category_path, variant FROM listing WHERE platform_listing_id LIKE 'celebird%'`);
    expect(w).toEqual([{
      title: "Diesel Men's Black Stainless-Steel Analog Watch DZ1437", url: 'http://www.example.com/shop?product=dz1437&size=44mm',
      category_path: 'accessories > watches', variant: '44mm',
    }]);
    const m = await xml.rows(`SELECT title, url FROM listing WHERE platform_listing_id = 'shopify_US_7002_40010'`);
    expect(m).toEqual([{ title: 'Atelier Terre Ceramic Mug Blue', url: 'https://shop.example.com/products/ceramic-mug?variant=40010' }]);
  });
});
