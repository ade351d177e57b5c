// One row per buyer account (platform, platform_customer_id) with every identifier and attribute it was seen
// with across files: the unit identity resolution links. Gathered in SQL; only the small result enters JS.
import type { Backend } from '../../store/backend.js';
import { step, type SqlStep } from '../../store/sql.js';

export interface Account {
  platform: string;
  platformCustomerId: string;
  emails: string[];
  phones: string[];
  /** keyed hashes of the phone fragment (138****5678) from full or masked phones */
  phoneFragments: string[];
  nameMasked: string | null;
  /** keyed hashes of the name's tokens (customer_account.name_tokens), sorted; empty where ingest stored none */
  nameTokens: string[];
  city: string | null;
  postcode: string | null;
  region: string | null;
  country: string | null;
}

/** Accounts with identifiers, plus the most frequent shipping city/postcode of their orders where the account has none. */
export function accountsStep(): SqlStep {
  return step(`
    WITH a AS (
      SELECT platform, platform_customer_id,
             list(DISTINCT email_hash) FILTER (WHERE email_hash IS NOT NULL) AS emails,
             list(DISTINCT phone_hash) FILTER (WHERE phone_hash IS NOT NULL) AS phones,
             list(DISTINCT phone_fragment_hash) FILTER (WHERE phone_fragment_hash IS NOT NULL) AS fragments,
             mode(name_masked) AS name_masked, mode(name_tokens) AS name_tokens, mode(lower(city)) AS city, mode(postcode) AS postcode,
             mode(upper(region)) AS region, mode(upper(country)) AS country
      FROM customer_account WHERE platform_customer_id IS NOT NULL GROUP BY ALL),
    o AS (
      SELECT platform, platform_customer_id, mode(lower(ship_city)) AS city, mode(ship_postcode) AS postcode,
             mode(upper(ship_region)) AS region, mode(upper(ship_country)) AS country
      FROM orders WHERE platform_customer_id IS NOT NULL GROUP BY ALL)
    SELECT a.platform, a.platform_customer_id, a.emails, a.phones, a.fragments, a.name_masked, a.name_tokens,
           coalesce(a.city, o.city) AS city, coalesce(a.postcode, o.postcode) AS postcode,
           coalesce(a.region, o.region) AS region, coalesce(a.country, o.country) AS country
    FROM a LEFT JOIN o USING (platform, platform_customer_id)
    ORDER BY a.platform, a.platform_customer_id`);
}

export async function loadAccounts(db: Backend): Promise<Account[]> {
  const rows = await db.all<{
    platform: string; platform_customer_id: string; emails: string[] | null; phones: string[] | null; fragments: string[] | null;
    name_masked: string | null; name_tokens: string | null;
    city: string | null; postcode: string | null; region: string | null; country: string | null;
  }>(accountsStep());
  return rows.map((r) => ({
    platform: r.platform, platformCustomerId: r.platform_customer_id,
    emails: [...(r.emails ?? [])].sort(), phones: [...(r.phones ?? [])].sort(), phoneFragments: [...(r.fragments ?? [])].sort(),
    nameMasked: r.name_masked, nameTokens: r.name_tokens ? r.name_tokens.split(' ').sort() : [], city: r.city, postcode: r.postcode, region: r.region, country: r.country,
  }));
}
