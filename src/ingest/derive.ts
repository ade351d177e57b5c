// Fields that follow from others once a file has landed: line totals, order dates on lines, base-currency amounts.
// Most are computed while the rows are inserted (insertDerived); the steps after the insert fill what depends on
// other files (an order's date and currency on lines from another file) and rows still without a rate.
import type { CanonicalTable } from '../model/canonical.js';
import { canonicalTables } from '../model/canonical.js';
import { ident, step, type SqlStep } from '../store/sql.js';
import type { Params } from './params.js';

/** amount columns converted to the base currency, per table: [base column, amount column] */
const FX_PAIRS: Partial<Record<CanonicalTable, [string, string][]>> = {
  listing: [['price_base', 'price']],
  orders: [['total_base', 'total']],
  order_line: [['unit_price_base', 'unit_price'], ['line_total_base', 'line_total']],
};

/** amount × rate rounded to 4 places. DuckDB multiplies DECIMAL(18,4) × DECIMAL(18,8) in 64-bit integers and fails
 *  when the product passes ~9.2 million; widening to DECIMAL(38) avoids that but costs ~0.5 CPU-s per million rows
 *  per column, so only products a double says are large take the wide path (same result: both round half away from 0) */
const times = (amount: string, rate: string) => {
  const a = `CAST(${amount} AS DECIMAL(18,4))`;
  return `(CASE WHEN abs(${a}::DOUBLE * ${rate}::DOUBLE) < 1e6 THEN CAST(${a} * ${rate} AS DECIMAL(18,4))
    ELSE CAST(round(CAST(${a} AS DECIMAL(38,4)) * ${rate}, 4) AS DECIMAL(18,4)) END)`;
};
const latestRate = (base: string) => `(SELECT currency, arg_max(rate, as_of) AS rate FROM fx_rate WHERE base = ${base} GROUP BY currency)`;

export interface InsertDerived {
  /** every column written, in order: mapped fields (as r.<field>, some completed) then derived ones */
  columns: { name: string; expr: string }[];
  /** joins the SELECT needs (the latest rate per currency) */
  join: string;
}

/** Columns derived at insert time from the mapped fields of row alias `r`. */
export function insertDerived(table: CanonicalTable, fields: readonly string[], params: Params, baseCurrency: string): InsertDerived {
  const own = canonicalTables[table].fields as Record<string, unknown>;
  const has = (f: string) => fields.includes(f);
  const expr = new Map<string, string>(fields.map((f) => [f, `r.${ident(f)}`]));
  if (table === 'order_line') {
    if (!has('line_no')) expr.set('line_no', 'row_number() OVER (PARTITION BY r.platform, r.platform_order_id ORDER BY r.__rec, r.__idx)');
    if (has('unit_price') && has('quantity')) {
      expr.set('line_total', `coalesce(${has('line_total') ? 'r.line_total' : 'NULL'}, CAST(r.unit_price * r.quantity AS DECIMAL(18,4)))`);
    }
    if (has('line_total') && has('quantity')) {
      expr.set('unit_price', `coalesce(${has('unit_price') ? 'r.unit_price' : 'NULL'}, CASE WHEN r.quantity <> 0 THEN CAST(r.line_total / r.quantity AS DECIMAL(18,4)) END)`);
    }
  }
  let join = '';
  const pairs = (FX_PAIRS[table] ?? []).filter(([to, from]) => expr.has(from) && !has(to));
  if (has('currency') && 'fx_rate' in own && !has('fx_rate') && pairs.length) {
    join = ` LEFT JOIN ${latestRate(params.add(baseCurrency))} fx ON fx.currency = r.currency`;
    expr.set('fx_rate', 'fx.rate');
    for (const [to, from] of pairs) expr.set(to, times(expr.get(from)!, 'fx.rate'));
  }
  return { columns: [...expr].map(([name, e]) => ({ name, expr: e })), join };
}

/** base-currency amounts for rows still without one (currency filled from another file, a rate imported since,
 *  an amount filled by a merge), in any file */
function fxSteps(base: string): SqlStep[] {
  return Object.entries(FX_PAIRS).map(([table, pairs]) =>
    step(
      `UPDATE ${table} SET fx_rate = r.rate, ${pairs.map(([to, from]) => `${to} = ${times(from, 'r.rate')}`).join(', ')}
       FROM ${latestRate('$1')} r
       WHERE ${table}.currency = r.currency AND (${table}.fx_rate IS NULL OR ${pairs.map(([to, from]) => `(${to} IS NULL AND ${from} IS NOT NULL)`).join(' OR ')})`,
      [base],
    ));
}

export function deriveSteps(baseCurrency: string): SqlStep[] {
  return [
    // lines and orders may come from different files (Olist), and an order may get its time from a later file by
    // a merge (its row keeps the first file's lineage): fill every line that lacks what its order now has
    step(
      `UPDATE order_line SET placed_at = coalesce(order_line.placed_at, o.placed_at), currency = coalesce(order_line.currency, o.currency)
       FROM orders o WHERE o.platform = order_line.platform AND o.platform_order_id = order_line.platform_order_id
         AND ((order_line.placed_at IS NULL AND o.placed_at IS NOT NULL) OR (order_line.currency IS NULL AND o.currency IS NOT NULL))`,
    ),
    ...fxSteps(baseCurrency),
  ];
}
