// UCI Online Retail as a daily demand panel of its best-selling StockCodes, read with DuckDB's read_csv (shared by
// the forecast-eval benchmark and the forecasting quality test).
import { fileURLToPath } from 'node:url';
import { openDuckDb } from '../src/store/duckdb/duckdb-backend.js';
import { literal, step } from '../src/store/sql.js';
import { panelFromRows, type DemandRow } from '../src/analytics/series.js';
import { originsFromEnd } from '../src/analytics/forecast/backtest.js';
import type { Panel } from '../src/analytics/forecast/panel.js';

export const ONLINE_RETAIL = fileURLToPath(new URL('../../shared/data/online-retail/online_retail.csv.gz', import.meta.url));

/**
 * Daily units of the `top` StockCodes with the most units before the first of `testOrigins` origins (so the choice
 * does not peek at the test windows). Same rule as series.ts: a product's quantities are netted within a day
 * (cancellation invoices cancel), floored at zero; non-product codes (POST, M, DOT, ...) are left out.
 */
export async function onlineRetailPanel(top: number, h = 28, testOrigins = 3): Promise<Panel> {
  const db = await openDuckDb(':memory:');
  try {
    await db.run(step(`CREATE TABLE daily AS SELECT StockCode AS series_id, CAST(InvoiceDate AS DATE) AS day,
        greatest(0, sum(Quantity)) AS qty, sum(CASE WHEN Quantity > 0 THEN Quantity * UnitPrice ELSE 0 END) AS revenue
      FROM read_csv(${literal(ONLINE_RETAIL)}, header = true,
        columns = {'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'INTEGER',
                   'InvoiceDate': 'TIMESTAMP', 'UnitPrice': 'DOUBLE', 'CustomerID': 'VARCHAR', 'Country': 'VARCHAR'})
      WHERE regexp_matches(StockCode, '^[0-9]{5}') AND UnitPrice > 0 GROUP BY 1, 2`));
    const span = await db.one<{ lo: string; hi: string; n: number }>(step(`SELECT strftime(min(day), '%Y-%m-%d') AS lo, strftime(max(day), '%Y-%m-%d') AS hi, CAST(max(day) - min(day) + 1 AS INTEGER) AS n FROM daily`));
    if (!span) throw new Error(`no rows read from ${ONLINE_RETAIL}`);
    const firstTest = originsFromEnd(Number(span.n), h, testOrigins)[0]!;
    const rows = await db.all<DemandRow & Record<string, unknown>>(step(`WITH best AS (
        SELECT series_id FROM daily WHERE day < CAST($1 AS DATE) + $2 GROUP BY 1 ORDER BY sum(qty) DESC, 1 LIMIT $3)
      SELECT series_id, strftime(day, '%Y-%m-%d') AS day, CAST(qty AS DOUBLE) AS qty, CAST(revenue AS DOUBLE) AS revenue
      FROM daily JOIN best USING (series_id) ORDER BY 1, 2`, [span.lo, firstTest, top]));
    return panelFromRows(rows, 1, { start: span.lo, end: span.hi });
  } finally {
    await db.close();
  }
}
