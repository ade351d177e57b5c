// Progress on a TTY (rows, rate, ETA) on stderr; silent when piped or with --json.

export interface ProgressBar {
  update(label: string, done: number, total: number | undefined, unit?: string): void;
  end(): void;
}

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(Math.round(n)));

export function progressBar(enabled: boolean): ProgressBar {
  const start = performance.now();
  let last = 0;
  let shown = false;
  return {
    update(label, done, total, unit = 'rows') {
      if (!enabled) return;
      const now = performance.now();
      if (now - last < 100 && (total === undefined || done < total)) return;
      last = now;
      const secs = (now - start) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      const eta = total !== undefined && rate > 0 && done < total ? ` ETA ${Math.ceil((total - done) / rate)}s` : '';
      const of = total !== undefined ? `/${fmt(total)}` : '';
      process.stderr.write(`\r\x1b[K${label} ${fmt(done)}${of} ${unit} ${fmt(rate)}/s${eta}`);
      shown = true;
    },
    end() {
      if (enabled && shown) process.stderr.write('\r\x1b[K');
    },
  };
}
