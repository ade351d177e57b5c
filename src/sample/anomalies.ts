// Log of injected business anomalies (spikes, drops, suspicious orders) for truth/anomalies.csv.

export interface Anomaly {
  platform: string;
  platform_order_id: string;
  product_key: string;
  date: string;
  kind: 'sales_spike' | 'sales_drop' | 'suspicious_quantity' | 'order_burst' | 'price_error_order';
  detail: string;
}

export class AnomalyLog {
  readonly rows: Anomaly[] = [];
  /** Count per kind, exact even where rows are capped. */
  readonly counts = new Map<string, number>();

  add(a: Anomaly): void {
    this.counts.set(a.kind, (this.counts.get(a.kind) ?? 0) + 1);
    if (this.rows.length < 200_000) this.rows.push(a);
  }
}
