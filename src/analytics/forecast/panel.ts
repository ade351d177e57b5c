// A panel: many demand series on one shared daily (or weekly) calendar, the shape every forecaster works on.

export interface Panel {
  /** one id per series (product_id, category, platform or 'total') */
  readonly ids: readonly string[];
  /** ISO date (YYYY-MM-DD, UTC) of index 0 */
  readonly start: string;
  /** days per step: 1 = daily, 7 = weekly */
  readonly stepDays: number;
  readonly length: number;
  /** demand per series per step; zeros where nothing sold */
  readonly y: readonly Float64Array[];
  /** average unit price (base currency) per step, NaN where nothing sold; absent when unknown */
  readonly price?: readonly Float64Array[];
}

/** Point forecasts for h steps after `origin` for every series, using y[0..origin) only. */
export interface Forecaster {
  readonly name: string;
  forecast(panel: Panel, origin: number, h: number): Float64Array[];
}

const DAY_MS = 86_400_000;

export function dayMs(iso: string): number {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not an ISO date: ${iso}`);
  return t;
}

/** ISO date of step i of the panel. */
export function dateAt(panel: Pick<Panel, 'start' | 'stepDays'>, i: number): string {
  return new Date(dayMs(panel.start) + i * panel.stepDays * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar of steps 0..n-1 (UTC): day of week 0 = Monday, month 1-12, day of month, day of year. */
export interface Calendar {
  readonly dow: Uint8Array;
  readonly month: Uint8Array;
  readonly dom: Uint8Array;
  readonly doy: Uint16Array;
}

export function calendar(start: string, stepDays: number, n: number): Calendar {
  const t0 = dayMs(start);
  const dow = new Uint8Array(n);
  const month = new Uint8Array(n);
  const dom = new Uint8Array(n);
  const doy = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const d = new Date(t0 + i * stepDays * DAY_MS);
    dow[i] = (d.getUTCDay() + 6) % 7;
    month[i] = d.getUTCMonth() + 1;
    dom[i] = d.getUTCDate();
    doy[i] = Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
  }
  return { dow, month, dom, doy };
}

/** Index of the first non-zero value before `end` (the series' launch), or `end` when all are zero. */
export function firstSale(y: ArrayLike<number>, end: number): number {
  for (let i = 0; i < end; i++) if ((y[i] as number) !== 0) return i;
  return end;
}

/** Seasonal period in steps: a week for daily data, none (1) for weekly. */
export const seasonOf = (panel: Pick<Panel, 'stepDays'>): number => (panel.stepDays === 1 ? 7 : 1);

/** Wraps a one-series model as a panel forecaster. */
export function localForecaster(name: string, fit: (y: Float64Array, h: number, season: number) => Float64Array): Forecaster {
  return {
    name,
    forecast(panel, origin, h) {
      const m = seasonOf(panel);
      return panel.y.map((y) => {
        const from = firstSale(y, origin);
        const hist = y.subarray(from, origin);
        const f = hist.length === 0 ? new Float64Array(h) : fit(hist, h, m);
        for (let k = 0; k < h; k++) f[k] = Math.max(0, f[k] as number);
        return f;
      });
    },
  };
}
