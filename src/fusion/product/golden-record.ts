// Golden record per product: each attribute is taken from one member listing by a survivorship rule (most trusted
// platform, most frequent value, most recent file), and product_attribute records which listing it came from.
import { step, workTable, type SqlStep } from '../../store/sql.js';
import { LISTING_WORK } from './records.js';
import { productTable, recreated } from '../../store/fused-schema.js';

/** rid → product id, score, method, model code: written by the pipeline before the golden-record steps run. */
export const MEMBER_WORK = workTable('pf_member');

export type SurvivorshipRule = 'trusted' | 'frequent' | 'recent';

export interface GoldenAttribute {
  readonly attribute: string;
  /** SQL expression over the collapsed listing l (and member m) */
  readonly expr: string;
  readonly rule: SurvivorshipRule;
}

/** Default rules: names and pictures from the most trusted platform, identifiers by majority. */
export const DEFAULT_GOLDEN: readonly GoldenAttribute[] = [
  { attribute: 'title', expr: 'l.title', rule: 'trusted' },
  { attribute: 'brand', expr: 'l.brand', rule: 'frequent' },
  { attribute: 'gtin', expr: 'l.gtin', rule: 'frequent' },
  { attribute: 'mpn', expr: 'l.mpn', rule: 'frequent' },
  { attribute: 'model_code', expr: 'm.model_code', rule: 'frequent' },
  { attribute: 'category_path', expr: 'l.category_path', rule: 'trusted' },
  { attribute: 'image_url', expr: 'l.image_url', rule: 'recent' },
];

/** Platforms in trust order when a rule says "trusted": stores the seller curates first, marketplaces after. */
export const DEFAULT_TRUST = ['shopify', 'woocommerce', 'google', 'amazon', 'ebay', 'jd', 'taobao', 'pinduoduo'];

function orderFor(rule: SurvivorshipRule): string {
  const trust = "coalesce(list_position(string_split($2, ','), platform), 1000)";
  switch (rule) {
    case 'trusted': return `${trust}, ord DESC, rid`;
    case 'frequent': return `freq DESC, ${trust}, ord DESC, rid`;
    case 'recent': return `ord DESC, ${trust}, rid`;
  }
}

/** Fills product_attribute for every product in MEMBER_WORK (run after deleting the previous rows). */
export function goldenRecordSteps(attrs: readonly GoldenAttribute[], trust: readonly string[]): SqlStep[] {
  return attrs.map((a) => step(`INSERT INTO product_attribute
    SELECT product_id, $1, v, platform, platform_listing_id, $3 FROM (
      SELECT product_id, v, platform, platform_listing_id, row_number() OVER (PARTITION BY product_id ORDER BY ${orderFor(a.rule)}) AS rn
      FROM (SELECT *, count(*) OVER (PARTITION BY product_id, lower(v)) AS freq
            FROM (SELECT m.product_id, CAST(${a.expr} AS VARCHAR) AS v, l.platform, l.platform_listing_id, l.ord, l.rid
                  FROM ${MEMBER_WORK} m JOIN ${LISTING_WORK} l USING (rid))
            WHERE v IS NOT NULL AND trim(v) <> ''))
    WHERE rn = 1`, [a.attribute, trust.join(','), a.rule]));
}

/** The product table from the golden attributes plus member counts; created_at survives for kept ids. */
export function productTableSteps(): SqlStep[] {
  const pick = (a: string) => `max(value) FILTER (WHERE attribute = '${a}') AS ${a}`;
  return [
    step(`CREATE OR REPLACE TEMP TABLE ${workTable('pf_old_product')} AS SELECT product_id, created_at FROM product`),
    ...recreated('product', productTable()),
    step(`INSERT INTO product (product_id, title, brand, gtin, mpn, model_code, category_path, image_url, n_listings, n_platforms, created_at, updated_at)
      SELECT c.product_id, g.title, g.brand, g.gtin, g.mpn, g.model_code, g.category_path, g.image_url, c.n, c.np,
             coalesce(o.created_at, now()), now()
      FROM (SELECT m.product_id, count(*)::INTEGER AS n, count(DISTINCT l.platform)::INTEGER AS np
            FROM ${MEMBER_WORK} m JOIN ${LISTING_WORK} l USING (rid) GROUP BY m.product_id) c
      LEFT JOIN (SELECT product_id, ${['title', 'brand', 'gtin', 'mpn', 'model_code', 'category_path', 'image_url'].map(pick).join(', ')}
                 FROM product_attribute GROUP BY product_id) g USING (product_id)
      LEFT JOIN ${workTable('pf_old_product')} o USING (product_id)`),
    step(`DROP TABLE IF EXISTS ${workTable('pf_old_product')}`),
  ];
}
