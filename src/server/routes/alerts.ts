// Alerts: data-quality problems found from what is stored (files with many rejects, files with nothing
// accepted), and sales/order anomalies from src/analytics/anomalies — computed once per data version.
import { z } from 'zod';
import { anomalyReport, type AnomalyReport } from '../../analytics/anomalies/report.js';
import { step } from '../../store/sql.js';
import { errorMessage } from '../../util/errors.js';
import type { ServerContext } from '../context.js';
import { defineRoute, type AnyRoute } from '../route.js';

type Anomalies = { available: true; counts: Record<string, number>; sales: AnomalyReport['sales']; orders: AnomalyReport['orders'] } | { available: false; message: string };

export function alertRoutes(ctx: ServerContext): AnyRoute[] {
  let cached: { version: number; value: Anomalies } | undefined;

  async function anomalies(limit: number): Promise<Anomalies> {
    if (cached?.version !== ctx.readModel.version) {
      const version = ctx.readModel.version;
      let value: Anomalies;
      try {
        const r = await anomalyReport(ctx.db);
        value = { available: true, counts: r.counts, sales: r.sales, orders: r.orders };
      } catch (e) {
        value = { available: false, message: `anomaly detection failed on this data: ${errorMessage(e).split('\n')[0]}` };
      }
      cached = { version, value };
    }
    const v = cached.value;
    return v.available ? { ...v, sales: v.sales.slice(0, limit), orders: v.orders.slice(0, limit) } : v;
  }

  return [
    defineRoute({
      method: 'GET', url: '/api/alerts', scope: 'read', tag: 'alerts', summary: 'data-quality alerts and the top sales/order anomalies with their reasons',
      query: z.object({
        reject_pct: z.coerce.number().min(0).max(100).default(5).describe('flag files rejecting more than this percentage'),
        limit: z.coerce.number().int().min(1).max(500).default(50).describe('anomalies of each kind at most'),
      }),
      handler: ({ query }) => ctx.gate.run(async () => {
        const files = await ctx.db.all(step(
          `SELECT id AS file_id, path AS file, platform, rows_read, rows_accepted, rows_rejected,
                  round(100.0 * rows_rejected / greatest(rows_read, 1), 2) AS reject_pct,
                  CASE WHEN rows_accepted = 0 AND rows_read > 0 THEN 'nothing accepted' ELSE 'many rejects' END AS kind
           FROM source_file
           WHERE rows_read > 0 AND (rows_accepted = 0 OR 100.0 * (rows_rejected - rows_skipped) / rows_read > $1)
           ORDER BY reject_pct DESC, id`, [query.reject_pct]));
        return { dataQuality: files, anomalies: await anomalies(query.limit) };
      }, { waitMs: 60_000 }),
    }),
  ];
}
