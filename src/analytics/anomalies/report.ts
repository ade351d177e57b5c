// All anomaly detectors in one call, ranked by score, each finding with its reason.
import type { Backend } from '../../store/backend.js';
import { orderAnomalies, DEFAULT_ORDER_ANOMALY, type OrderAnomaly, type OrderAnomalyOptions } from './orders.js';
import { salesAnomalies, DEFAULT_SALES_ANOMALY, type SalesAnomaly, type SalesAnomalyOptions } from './sales.js';

export interface AnomalyReport {
  sales: SalesAnomaly[];
  orders: OrderAnomaly[];
  counts: Record<string, number>;
}

export async function anomalyReport(db: Backend, sales: SalesAnomalyOptions = DEFAULT_SALES_ANOMALY, orders: OrderAnomalyOptions = DEFAULT_ORDER_ANOMALY): Promise<AnomalyReport> {
  const s = await salesAnomalies(db, sales);
  const o = await orderAnomalies(db, orders);
  const counts: Record<string, number> = {};
  for (const a of [...s, ...o]) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
  return { sales: s, orders: o, counts };
}
