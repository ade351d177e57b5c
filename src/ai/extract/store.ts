// Writes extracted title attributes into listing.attributes (under "extracted") and fills listing.brand where empty.
// Reads titles once, computes in JS, writes back with one bulk load and one UPDATE.

import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import type { ModelProvider } from '../providers/provider.js';
import { extractTitleAttributes, type TitleAttributes } from './attributes.js';
import { refineWithLlm } from './llm.js';

export interface ExtractReport {
  readonly listings: number;
  readonly withAttribute: Record<string, number>;
  readonly brandsFilled: number;
  readonly llmAsked: number;
}

export async function extractListingAttributes(db: Backend, opts: { provider?: ModelProvider; llmLimit?: number } = {}): Promise<ExtractReport> {
  const brands = new Set(
    (await db.all<{ b: string }>(step("SELECT lower(trim(brand)) AS b FROM listing WHERE brand IS NOT NULL AND trim(brand) <> '' GROUP BY 1 HAVING count(*) >= 1"))).map((r) => r.b),
  );
  const rows = await db.all<{ platform: string; id: string; title: string }>(step(
    "SELECT platform, platform_listing_id AS id, title FROM listing WHERE title IS NOT NULL AND trim(title) <> '' ORDER BY platform, platform_listing_id",
  ));
  const found: TitleAttributes[] = rows.map((r) => extractTitleAttributes(r.title, brands));
  let llmAsked = 0;
  if (opts.provider?.capabilities.complete) {
    llmAsked = await refineWithLlm(opts.provider, rows.map((r) => r.title), found, opts.llmLimit ?? 200);
  }
  await db.transaction(async () => {
    await db.run(step('CREATE OR REPLACE TEMP TABLE __extracted (platform VARCHAR, id VARCHAR, attrs VARCHAR, brand VARCHAR)'));
    await db.append('__extracted', ['platform', 'id', 'attrs', 'brand'], rows.map((r, i) => [r.platform, r.id, JSON.stringify(found[i]), found[i]?.brand ?? null]));
    await db.run(step(`UPDATE listing SET
        attributes = json_merge_patch(coalesce(listing.attributes, '{}'::JSON), json_object('extracted', e.attrs::JSON)),
        brand = coalesce(nullif(trim(listing.brand), ''), e.brand)
      FROM __extracted e WHERE listing.platform = e.platform AND listing.platform_listing_id = e.id`));
    await db.run(step('DROP TABLE __extracted'));
  });
  const withAttribute: Record<string, number> = {};
  for (const f of found) for (const k of Object.keys(f)) withAttribute[k] = (withAttribute[k] ?? 0) + 1;
  const before = rows.length;
  const filled = await db.one<{ n: number }>(step("SELECT count(*) AS n FROM listing WHERE json_extract_string(attributes, '$.extracted.brand') IS NOT NULL AND brand = json_extract_string(attributes, '$.extracted.brand')"));
  return { listings: before, withAttribute, brandsFilled: Number(filled?.n ?? 0), llmAsked };
}
