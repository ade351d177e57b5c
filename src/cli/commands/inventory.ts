// `omnifuse inventory plan`: reorder points, safety stock and order quantities from stock snapshots and forecasts.
import type { Command } from 'commander';
import { globals, isTty, intFlag, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { progressBar } from '../progress.js';
import { inventoryPlan } from '../../analytics/inventory/plan.js';
import { runForecast } from '../../analytics/forecast/run.js';
import { step } from '../../store/sql.js';
import { usageError } from '../../util/errors.js';

interface Opts { leadTime: string; serviceLevel: string; review: string; refresh?: boolean; limit: string }

export function register(program: Command): void {
  const inv = program.command('inventory').description('stock decisions from inventory snapshots and demand forecasts');
  inv
    .command('plan')
    .description('per product: days of cover, reorder point (lead-time demand + safety stock from forecast error), order quantity, stock-out risk')
    .option('--lead-time <days>', 'supplier lead time in days', '14')
    .option('--service-level <p>', 'target probability of not running out during the lead time', '0.95')
    .option('--review <days>', 'days between orders (an order covers lead time + review)', '7')
    .option('--refresh', 'recompute product forecasts first (otherwise the stored ones are used, computed if none exist)')
    .option('--limit <n>', 'rows shown on a TTY', '30')
    .action(async (o: Opts, cmd: Command) => {
      const g = globals(cmd);
      const leadTimeDays = intFlag('--lead-time', o.leadTime);
      const reviewDays = intFlag('--review', o.review);
      const serviceLevel = Number(o.serviceLevel);
      if (!(serviceLevel > 0.5 && serviceLevel < 1)) throw usageError(`--service-level must be between 0.5 and 1, got ${o.serviceLevel}`, 'e.g. 0.95');
      await withProject(g, async (p) => {
        const stored = await p.db.one<{ n: number }>(step(`SELECT count(*) AS n FROM forecast WHERE level = 'product'`));
        if (o.refresh || Number(stored?.n ?? 0) === 0) {
          const bar = progressBar(isTty() && !g.json);
          await runForecast(p.db, { level: 'product', horizon: Math.max(28, leadTimeDays + reviewDays), stepDays: 1, onProgress: (d, n, w) => bar.update(`forecast ${w}`, d, n, 'fits') });
          bar.end();
        }
        const rows = await inventoryPlan(p.db, { leadTimeDays, serviceLevel, reviewDays });
        if (g.json) return printJson({ leadTimeDays, serviceLevel, reviewDays, products: rows });
        if (rows.length === 0) return say('no inventory snapshots ingested (inventory_snapshot is empty); ingest a stock export first');
        const urgent = rows.filter((r) => r.action === 'order now').length;
        say(`${rows.length} products with stock; ${urgent} at or below their reorder point (lead time ${leadTimeDays} d, service level ${serviceLevel})`);
        say(table(rows.slice(0, Number(o.limit)).map((r) => ({ product: r.product_id, on_hand: r.on_hand, per_day: r.daily_demand, cover_days: r.days_of_cover, reorder_point: r.reorder_point, safety: r.safety_stock, order: r.order_qty, stockout_risk: r.stockout_risk, action: r.action }))));
      });
    });
}
