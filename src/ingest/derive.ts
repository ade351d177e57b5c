// Fields that follow from others once a file has landed: line totals, order dates on lines, base-currency amounts.
import { step, type SqlStep } from '../store/sql.js';

/** amounts in the base currency with the rate stored beside them (latest rate per currency in fx_rate) */
function fxSteps(fileId: number, base: string): SqlStep[] {
  const rate = `(SELECT currency, arg_max(rate, as_of) AS rate FROM fx_rate WHERE base = $2 GROUP BY currency)`;
  const conv = (table: string, pairs: [string, string][]) =>
    step(
      `UPDATE ${table} SET fx_rate = r.rate, ${pairs.map(([to, from]) => `${to} = CAST(round(${from} * r.rate, 4) AS DECIMAL(18,4))`).join(', ')}
       FROM ${rate} r WHERE ${table}.currency = r.currency AND ${table}.source_file_id = $1`,
      [fileId, base],
    );
  return [
    conv('listing', [['price_base', 'price']]),
    conv('orders', [['total_base', 'total']]),
    conv('order_line', [['unit_price_base', 'unit_price'], ['line_total_base', 'line_total']]),
  ];
}

export function deriveSteps(fileId: number, baseCurrency: string): SqlStep[] {
  return [
    step(
      `UPDATE order_line SET line_total = CAST(unit_price * quantity AS DECIMAL(18,4))
       WHERE source_file_id = $1 AND line_total IS NULL AND unit_price IS NOT NULL AND quantity IS NOT NULL`,
      [fileId],
    ),
    step(
      `UPDATE order_line SET unit_price = CAST(line_total / quantity AS DECIMAL(18,4))
       WHERE source_file_id = $1 AND unit_price IS NULL AND line_total IS NOT NULL AND quantity IS NOT NULL AND quantity <> 0`,
      [fileId],
    ),
    // lines and orders may come from different files (Olist): fill in both directions by order key
    step(
      `UPDATE order_line SET placed_at = coalesce(order_line.placed_at, o.placed_at), currency = coalesce(order_line.currency, o.currency)
       FROM orders o WHERE o.platform = order_line.platform AND o.platform_order_id = order_line.platform_order_id
         AND (order_line.placed_at IS NULL OR order_line.currency IS NULL) AND (order_line.source_file_id = $1 OR o.source_file_id = $1)`,
      [fileId],
    ),
    ...fxSteps(fileId, baseCurrency),
  ];
}
