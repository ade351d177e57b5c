// One person as every output shows it: accounts masked (ids that are e-mail hashes shortened, names masked),
// with the customer_360 figures.
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';
import { usageError } from '../../util/errors.js';

export interface PersonView {
  personId: string;
  accounts: { platform: string; account: string; name: string | null; email: string | null; phone: string | null; city: string | null; method: string; score: number }[];
  orders: number;
  spendBase: number;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  products: string[];
}

/** Account ids as outputs show them: an e-mail hash shortened, opaque ids (tb123…, jd_9f…, numbers, masked
 *  phones) as they are, handles that may spell a name (sarahwilso_889, 快乐旅人5872) masked after two characters. */
export function displayAccountId(id: string): string {
  if (/^[0-9a-f]{64}$/.test(id)) return `#${id.slice(0, 10)}`;
  if (id.includes('*') || /^(tb\d+|jd_[0-9a-f]+|\d+|U\d+|erased:[0-9a-f]+)$/.test(id)) return id;
  return `${[...id].slice(0, 2).join('')}***`;
}

export async function personView(db: Backend, personId: string): Promise<PersonView> {
  const accounts = await db.all<{ platform: string; platform_customer_id: string; name_masked: string | null; email_hash: string | null; phone_hash: string | null; city: string | null; method: string; score: number }>(step(`
    SELECT m.platform, m.platform_customer_id, any_value(c.name_masked) AS name_masked, any_value(c.email_hash) AS email_hash,
           any_value(c.phone_hash) AS phone_hash, any_value(c.city) AS city, m.method, m.score
    FROM person_member m LEFT JOIN customer_account c USING (platform, platform_customer_id)
    WHERE m.person_id = $1 GROUP BY ALL ORDER BY m.platform, m.platform_customer_id`, [personId]));
  if (accounts.length === 0) throw usageError(`no person ${personId}`, 'run `omnifuse persons fuse` first; ids look like pe_1a2b3c4d5e6f');
  const c = await db.one<{ orders: number | bigint; spend_base: number | null; first_seen_at: string | null; last_seen_at: string | null; products: string[] | null }>(step(`
    SELECT orders, CAST(spend_base AS DOUBLE) AS spend_base, CAST(first_seen_at AS VARCHAR) AS first_seen_at,
           CAST(last_seen_at AS VARCHAR) AS last_seen_at, products FROM customer_360 WHERE person_id = $1`, [personId]));
  return {
    personId,
    accounts: accounts.map((a) => ({
      platform: a.platform, account: displayAccountId(a.platform_customer_id), name: a.name_masked,
      email: a.email_hash ? `hash ${a.email_hash.slice(0, 8)}…` : null, phone: a.phone_hash ? `hash ${a.phone_hash.slice(0, 8)}…` : null,
      city: a.city, method: a.method, score: Math.round(Number(a.score) * 1000) / 1000,
    })),
    orders: Number(c?.orders ?? 0),
    spendBase: Math.round(Number(c?.spend_base ?? 0) * 100) / 100,
    firstSeenAt: c?.first_seen_at ?? null,
    lastSeenAt: c?.last_seen_at ?? null,
    products: [...(c?.products ?? [])],
  };
}
