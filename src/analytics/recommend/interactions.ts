// Purchases as (user, product, basket, time) for recommenders: product_id from line_product (fused or
// provisional), user = person_id where a person_member table exists, else the platform account.
import type { Backend } from '../../store/backend.js';
import { step } from '../../store/sql.js';

export interface Interactions {
  /** user keys: person id, or 'platform:platform_customer_id' */
  users: string[];
  /** product ids */
  items: string[];
  u: Int32Array;
  i: Int32Array;
  /** basket (order) index, unique per order */
  b: Int32Array;
  /** seconds since epoch of the order */
  t: Float64Array;
  /** true when users are persons (fused across platforms) */
  persons: boolean;
}

/** SQL expression for the user key, and the join it needs: persons where person_member has the account (persons: any fused yet). */
export async function userKey(db: Backend): Promise<{ expr: string; join: string; persons: boolean }> {
  if (await db.tableExists('person_member')) {
    const cols = await db.all<{ c: string }>(step("SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'person_member'"));
    const have = new Set(cols.map((r) => r.c));
    if (have.has('person_id') && have.has('platform') && have.has('platform_customer_id')) {
      const n = await db.one<{ n: number }>(step('SELECT count(*) AS n FROM person_member'));
      return {
        expr: "COALESCE(pm.person_id, o.platform || ':' || o.platform_customer_id)",
        join: 'LEFT JOIN person_member pm ON pm.platform = o.platform AND pm.platform_customer_id = o.platform_customer_id',
        persons: Number(n?.n ?? 0) > 0,
      };
    }
  }
  return { expr: "o.platform || ':' || o.platform_customer_id", join: '', persons: false };
}

/** Purchased lines with a known buyer (positive quantity, order not cancelled/returned). */
export async function purchaseSql(db: Backend): Promise<{ sql: string; persons: boolean }> {
  const k = await userKey(db);
  return {
    persons: k.persons,
    sql: `SELECT ${k.expr} AS user_key, lp.product_id, lp.platform || ':' || lp.platform_order_id AS basket,
                 COALESCE(o.placed_at, lp.placed_at) AS placed_at, lp.line_total_base, lp.quantity
          FROM line_product lp JOIN orders o USING (platform, platform_order_id) ${k.join}
          WHERE o.platform_customer_id IS NOT NULL AND lp.quantity > 0
            AND COALESCE(o.status, '') NOT IN ('cancelled', 'returned', 'refunded')
            AND COALESCE(o.placed_at, lp.placed_at) IS NOT NULL`,
  };
}

export async function loadInteractions(db: Backend): Promise<Interactions> {
  const { sql, persons } = await purchaseSql(db);
  await db.run(step(`CREATE OR REPLACE TEMP TABLE __of_rec_inter AS
    SELECT DISTINCT user_key, product_id, basket, epoch(placed_at) AS t FROM (${sql})`));
  const users = (await db.all<{ k: string }>(step('SELECT DISTINCT user_key AS k FROM __of_rec_inter ORDER BY 1'))).map((r) => r.k);
  const items = (await db.all<{ k: string }>(step('SELECT DISTINCT product_id AS k FROM __of_rec_inter ORDER BY 1'))).map((r) => r.k);
  const rows = await db.all<{ u: number; i: number; b: number; t: number }>(step(`
    SELECT CAST(dense_rank() OVER (ORDER BY user_key) - 1 AS INTEGER) AS u,
           CAST(dense_rank() OVER (ORDER BY product_id) - 1 AS INTEGER) AS i,
           CAST(dense_rank() OVER (ORDER BY basket) - 1 AS INTEGER) AS b, t
    FROM __of_rec_inter ORDER BY t, b`));
  await db.run(step('DROP TABLE IF EXISTS __of_rec_inter'));
  const n = rows.length;
  const out: Interactions = { users, items, u: new Int32Array(n), i: new Int32Array(n), b: new Int32Array(n), t: new Float64Array(n), persons };
  rows.forEach((r, k) => {
    out.u[k] = r.u;
    out.i[k] = r.i;
    out.b[k] = r.b;
    out.t[k] = Number(r.t);
  });
  return out;
}

/** Each user's distinct items among rows with t < before (or all rows). */
export function userHistories(x: Interactions, before = Infinity): Map<number, Set<number>> {
  const h = new Map<number, Set<number>>();
  for (let k = 0; k < x.u.length; k++) {
    if (x.t[k]! >= before) continue;
    const s = h.get(x.u[k]!) ?? new Set<number>();
    s.add(x.i[k]!);
    h.set(x.u[k]!, s);
  }
  return h;
}
