// Erasure (right to be forgotten): remove a buyer's accounts and identifiers, anonymise their orders, events
// and reviews, drop raw rejected records that carry their values, recompute affected persons, flag models.
import { randomBytes } from 'node:crypto';
import type { Backend } from '../store/backend.js';
import { placeholders, step } from '../store/sql.js';
import { usageError } from '../util/errors.js';
import { emailHash } from './hmac.js';
import { hmacPads } from './key.js';
import { normaliseEmail } from './email.js';
import { nationalNumber } from './phone.js';

export interface EraseRequest {
  email?: string;
  phone?: string;
  /** the country a national --phone is read in (ISO code); by default every country the store holds */
  country?: string;
  /** platform:platform_customer_id */
  account?: string;
}

export interface EraseReport {
  accounts: { platform: string; platformCustomerId: string }[];
  orders: number;
  orderLines: number;
  events: number;
  reviews: number;
  rejects: number;
  persons: { updated: string[]; removed: string[] };
  flaggedModels: { name: string; version: number }[];
}

export async function eraseSubject(db: Backend, key: Buffer, req: EraseRequest): Promise<EraseReport> {
  if (req.country !== undefined && req.phone === undefined) throw usageError('--country reads a national --phone; give it with --phone');
  const given = [req.email, req.phone, req.account].filter((x) => x !== undefined).length;
  if (given !== 1) throw usageError('name exactly one of --email, --phone, --account');
  const where: string[] = [];
  const params: string[] = [];
  const clear: string[] = [];
  if (req.email !== undefined) {
    const h = emailHash(key, req.email);
    if (!h) throw usageError(`--email ${JSON.stringify(req.email)} is not an e-mail address`);
    params.push(h);
    where.push('email_hash = $1 OR platform_customer_id = $1');
    clear.push(req.email.trim(), normaliseEmail(req.email)!);
  } else if (req.phone !== undefined) {
    const forms = await phoneForms(db, key, req.phone, req.country);
    if (forms.length === 0) throw usageError(`--phone ${JSON.stringify(req.phone)} is not a phone number${req.country ? ` in ${req.country}` : ''}`, 'write it as +8613812345678 or with its national prefix and --country');
    forms.forEach((f) => params.push(f.hash));
    where.push(`phone_hash IN (${placeholders(forms.length)})`);
    clear.push(req.phone.trim(), ...forms.flatMap((f) => [f.e164, nationalNumber(f.e164) ?? f.e164]));
  } else {
    const at = req.account!.indexOf(':');
    if (at <= 0) throw usageError(`--account must be platform:id, got ${JSON.stringify(req.account)}`, 'e.g. --account ebay:johnsmith_12');
    params.push(req.account!.slice(0, at), req.account!.slice(at + 1));
    where.push('platform = $1 AND platform_customer_id = $2');
  }
  return db.transaction(async () => {
    const accounts = await db.all<{ platform: string; platform_customer_id: string }>(step(
      `SELECT DISTINCT platform, platform_customer_id FROM customer_account WHERE ${where.join(' OR ')} ORDER BY ALL`, params));
    if (req.account !== undefined && accounts.length === 0) {
      // an account may have orders but no customer_account row (exports without buyer columns)
      accounts.push({ platform: params[0]!, platform_customer_id: params[1]! });
    }
    const report: EraseReport = { accounts: accounts.map((a) => ({ platform: a.platform, platformCustomerId: a.platform_customer_id })), orders: 0, orderLines: 0, events: 0, reviews: 0, rejects: 0, persons: { updated: [], removed: [] }, flaggedModels: [] };
    if (accounts.length === 0 && clear.length === 0) return report;
    await db.run(step('CREATE OR REPLACE TEMP TABLE __of_erase (platform VARCHAR, platform_customer_id VARCHAR, pseudonym VARCHAR)'));
    for (const a of accounts) await db.run(step('INSERT INTO __of_erase VALUES ($1, $2, $3)', [a.platform, a.platform_customer_id, `erased:${randomBytes(6).toString('hex')}`]));
    const files = await db.all<{ f: number }>(step(`SELECT DISTINCT source_file_id AS f FROM (
        SELECT source_file_id FROM customer_account JOIN __of_erase USING (platform, platform_customer_id)
        UNION ALL SELECT source_file_id FROM orders JOIN __of_erase USING (platform, platform_customer_id))`));
    const count = async (sql: string, ps: string[] = []) => Number((await db.one<{ n: number | bigint }>(step(sql, ps)))?.n ?? 0);
    report.orderLines = await count(`SELECT count(*) AS n FROM order_line l JOIN orders o USING (platform, platform_order_id) JOIN __of_erase e ON e.platform = o.platform AND e.platform_customer_id = o.platform_customer_id`);
    report.orders = await count('SELECT count(*) AS n FROM orders JOIN __of_erase USING (platform, platform_customer_id)');
    report.events = await count('SELECT count(*) AS n FROM event JOIN __of_erase USING (platform, platform_customer_id)');
    report.reviews = await count('SELECT count(*) AS n FROM review JOIN __of_erase USING (platform, platform_customer_id)');
    // orders stay for the seller's totals, unlinkable: a fresh pseudonym per account, no shipping place
    await db.run(step(`UPDATE orders SET platform_customer_id = e.pseudonym, ship_city = NULL, ship_region = NULL, ship_postcode = NULL
      FROM __of_erase e WHERE orders.platform = e.platform AND orders.platform_customer_id = e.platform_customer_id`));
    await db.run(step(`UPDATE event SET platform_customer_id = e.pseudonym, session_id = NULL
      FROM __of_erase e WHERE event.platform = e.platform AND event.platform_customer_id = e.platform_customer_id`));
    await db.run(step(`UPDATE review SET platform_customer_id = e.pseudonym, title = NULL, body = NULL
      FROM __of_erase e WHERE review.platform = e.platform AND review.platform_customer_id = e.platform_customer_id`));
    await db.run(step('DELETE FROM customer_account WHERE (platform, platform_customer_id) IN (SELECT platform, platform_customer_id FROM __of_erase)'));
    // raw rejected records that hold the identifiers in clear
    for (const v of [...new Set(clear.filter((c) => c.length >= 5))]) {
      report.rejects += await count('SELECT count(*) AS n FROM reject WHERE contains(raw, $1) OR value = $1', [v]);
      await db.run(step('UPDATE reject SET raw = NULL, value = NULL WHERE contains(raw, $1) OR value = $1', [v]));
    }
    // persons: drop the memberships, recount the persons left, remove empty ones
    const affected = await db.all<{ person_id: string }>(step('SELECT DISTINCT person_id FROM person_member JOIN __of_erase USING (platform, platform_customer_id) ORDER BY 1'));
    await db.run(step('DELETE FROM person_member WHERE (platform, platform_customer_id) IN (SELECT platform, platform_customer_id FROM __of_erase)'));
    for (const { person_id } of affected) {
      const left = await count('SELECT count(*) AS n FROM person_member WHERE person_id = $1', [person_id]);
      if (left === 0) {
        await db.run(step('DELETE FROM person WHERE person_id = $1', [person_id]));
        report.persons.removed.push(person_id);
      } else {
        await db.run(step(`UPDATE person SET n_accounts = s.n, n_platforms = s.np, platforms = s.pl, updated_at = now()
          FROM (SELECT count(*) AS n, count(DISTINCT platform) AS np, string_agg(DISTINCT platform, ',' ORDER BY platform) AS pl FROM person_member WHERE person_id = $1) s
          WHERE person.person_id = $1`, [person_id]));
        report.persons.updated.push(person_id);
      }
    }
    // models trained after the erased rows arrived may have learned from them
    if (files.length > 0) {
      const since = await db.one<{ t: string | null }>(step(`SELECT CAST(min(ingested_at) AS VARCHAR) AS t FROM source_file WHERE id IN (${files.map((f) => Number(f.f)).join(', ')})`));
      if (since?.t) {
        const models = await db.all<{ name: string; version: number }>(step('SELECT name, version FROM model WHERE created_at >= CAST($1 AS TIMESTAMPTZ) ORDER BY name, version', [since.t]));
        for (const m of models) {
          await db.run(step('INSERT INTO model_flag VALUES ($1, $2, $3, now())', [m.name, Number(m.version), `trained on data of ${accounts.length} erased account(s); retrain`]));
          report.flaggedModels.push({ name: m.name, version: Number(m.version) });
        }
      }
    }
    await db.run(step('DROP TABLE __of_erase'));
    return report;
  });
}

/** The E.164 forms (and their keyed hashes) ingest may have stored for a phone as written: the same SQL macros
 *  (of_phone_e164_in, of_hmac), in the country given or else in each country the store holds (account and ship-to
 *  countries, and none). A national number that reads as two stored numbers in two countries is refused: erasing
 *  the wrong buyer cannot be undone. */
export async function phoneForms(db: Backend, key: Buffer, phone: string, country?: string): Promise<{ e164: string; hash: string }[]> {
  const pads = hmacPads(key);
  const countries = country !== undefined ? 'SELECT CAST($4 AS VARCHAR) AS c'
    : 'SELECT country AS c FROM customer_account UNION SELECT ship_country FROM orders UNION SELECT NULL';
  const forms = await db.all<{ e164: string; hash: string; countries: string }>(step(`
    SELECT e AS e164, of_hmac($2, $3, e) AS hash, string_agg(DISTINCT coalesce(c, '-'), ', ' ORDER BY coalesce(c, '-')) AS countries
    FROM (SELECT c, of_phone_e164_in($1, c) AS e FROM (${countries})) WHERE e IS NOT NULL GROUP BY e ORDER BY e`,
  country !== undefined ? [phone, pads.ipad, pads.opad, country] : [phone, pads.ipad, pads.opad]));
  if (forms.length <= 1) return forms;
  const stored = new Set((await db.all<{ h: string }>(step(
    `SELECT DISTINCT phone_hash AS h FROM customer_account WHERE phone_hash IN (${placeholders(forms.length)})`, forms.map((f) => f.hash)))).map((r) => r.h));
  const found = forms.filter((f) => stored.has(f.hash));
  if (found.length > 1) {
    throw usageError(`--phone ${JSON.stringify(phone)} is a national number that reads as ${found.map((f) => `${f.e164} (${f.countries})`).join(' or ')}, and the store holds more than one of them`,
      'name its country with --country, or write it with its + prefix');
  }
  return found.length === 1 ? found : forms;
}
