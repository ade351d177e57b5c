// Prometheus text-format metrics kept in memory: requests by route and status, latency histogram, stream counters.

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const esc = (v: string) => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
const labels = (l: Record<string, string>) => `{${Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`).join(',')}}`;

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, { buckets: number[]; sum: number; count: number }>();
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const k = labels({ method, route, status: String(status) });
    this.requests.set(k, (this.requests.get(k) ?? 0) + 1);
    const dk = labels({ method, route });
    const d = this.durations.get(dk) ?? { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) d.buckets[i]!++;
    });
    d.sum += seconds;
    d.count++;
    this.durations.set(dk, d);
  }

  count(name: string, help: string, by: Record<string, string>, n = 1): void {
    const c = this.counters.get(name) ?? { help, values: new Map<string, number>() };
    const k = labels(by);
    c.values.set(k, (c.values.get(k) ?? 0) + n);
    this.counters.set(name, c);
  }

  text(gauges: Record<string, { help: string; value: number }> = {}): string {
    const out: string[] = [];
    out.push('# HELP omnifuse_http_requests_total HTTP requests by route and status', '# TYPE omnifuse_http_requests_total counter');
    for (const [k, v] of this.requests) out.push(`omnifuse_http_requests_total${k} ${v}`);
    out.push('# HELP omnifuse_http_request_duration_seconds time to answer a request', '# TYPE omnifuse_http_request_duration_seconds histogram');
    for (const [k, d] of this.durations) {
      const inner = k.slice(1, -1);
      BUCKETS.forEach((b, i) => out.push(`omnifuse_http_request_duration_seconds_bucket{${inner},le="${b}"} ${d.buckets[i]}`));
      out.push(`omnifuse_http_request_duration_seconds_bucket{${inner},le="+Inf"} ${d.count}`);
      out.push(`omnifuse_http_request_duration_seconds_sum${k} ${d.sum}`, `omnifuse_http_request_duration_seconds_count${k} ${d.count}`);
    }
    for (const [name, c] of this.counters) {
      out.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
      for (const [k, v] of c.values) out.push(`${name}${k} ${v}`);
    }
    for (const [name, g] of Object.entries(gauges)) out.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${g.value}`);
    return out.join('\n') + '\n';
  }
}
