// Small dependency-free SVG charts (line with interval band, grouped bars) for forecasts, prices and reports.

/** One line on a line chart; `null` leaves a gap. */
export interface LineSeries {
  readonly name: string;
  readonly values: readonly (number | null)[];
  /** CSS colour; a palette colour when omitted */
  readonly color?: string;
  readonly dashed?: boolean;
}

/** A shaded band (e.g. an 80% prediction interval) between lower and upper, aligned with `x`. */
export interface Band {
  readonly name: string;
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
  readonly color?: string;
}

export interface LineChartOptions {
  readonly title?: string;
  /** x labels (dates or numbers), one per point; every series is aligned with them */
  readonly x: readonly (string | number)[];
  readonly series: readonly LineSeries[];
  readonly bands?: readonly Band[];
  readonly width?: number;
  readonly height?: number;
  readonly yLabel?: string;
  /** draw a vertical rule at this x index (e.g. where the forecast starts) */
  readonly marker?: number;
}

export interface BarChartOptions {
  readonly title?: string;
  /** category labels along the x axis */
  readonly categories: readonly string[];
  /** one or more groups of bars, each with one value per category */
  readonly series: readonly { readonly name: string; readonly values: readonly number[]; readonly color?: string }[];
  readonly width?: number;
  readonly height?: number;
  readonly yLabel?: string;
  /** horizontal bars (long category names read better) */
  readonly horizontal?: boolean;
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const MARGIN = { top: 36, right: 16, bottom: 48, left: 64 };

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/\.?0+$/, ''));

/** "Nice" axis ticks (1, 2, 5 × 10^k steps) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0];
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.floor(lo / step) * step; ; t += step) {
    ticks.push(Number(t.toPrecision(12)));
    if (t >= hi - step * 1e-9) break;
  }
  return ticks;
}

function frame(width: number, height: number, title: string | undefined, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    title ? `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>` : '',
    ...body,
    '</svg>',
  ].filter((s) => s !== '').join('\n');
}

function yAxis(ticks: number[], y: (v: number) => number, x0: number, x1: number, label: string | undefined, height: number): string[] {
  const out = ticks.map((t) => `<line x1="${x0}" x2="${x1}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#e5e5e5"/><text x="${x0 - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text>`);
  if (label) out.push(`<text transform="translate(14 ${height / 2}) rotate(-90)" text-anchor="middle">${esc(label)}</text>`);
  return out;
}

function legend(names: { name: string; color: string; band?: boolean }[], x: number, y: number): string[] {
  let cx = x;
  return names.map((n) => {
    const item = `<rect x="${cx}" y="${y - 8}" width="12" height="8" fill="${n.color}"${n.band ? ' fill-opacity="0.25"' : ''}/><text x="${cx + 16}" y="${y}">${esc(n.name)}</text>`;
    cx += 28 + n.name.length * 6;
    return item;
  });
}

function extent(values: Iterable<number | null>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [0, 1] : [Math.min(lo, 0), hi];
}

/**
 * Line chart: several series over shared x labels, optional shaded bands (prediction intervals) and a vertical
 * marker (forecast start). Returns a complete SVG document as a string.
 */
export function lineChart(opts: LineChartOptions): string {
  const width = opts.width ?? 800;
  const height = opts.height ?? 360;
  const n = opts.x.length;
  const bands = opts.bands ?? [];
  const [lo, hi] = extent([...opts.series.flatMap((s) => s.values), ...bands.flatMap((b) => [...b.lower, ...b.upper])]);
  const ticks = niceTicks(lo, hi);
  const yMin = ticks[0] ?? lo;
  const yMax = ticks[ticks.length - 1] ?? hi;
  const x0 = MARGIN.left;
  const x1 = width - MARGIN.right;
  const y0 = height - MARGIN.bottom;
  const y1 = MARGIN.top;
  const x = (i: number) => (n <= 1 ? (x0 + x1) / 2 : x0 + ((x1 - x0) * i) / (n - 1));
  const y = (v: number) => y0 - ((y0 - y1) * (v - yMin)) / (yMax - yMin || 1);
  const body = yAxis(ticks, y, x0, x1, opts.yLabel, height);
  const every = Math.max(1, Math.ceil(n / 8));
  for (let i = 0; i < n; i += every) body.push(`<text x="${x(i).toFixed(1)}" y="${y0 + 16}" text-anchor="middle">${esc(String(opts.x[i]))}</text>`);
  body.push(`<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}" stroke="#999"/>`);
  const keys: { name: string; color: string; band?: boolean }[] = [];
  bands.forEach((b, k) => {
    const color = b.color ?? PALETTE[(k + 1) % PALETTE.length]!;
    const up: string[] = [];
    const down: string[] = [];
    for (let i = 0; i < n; i++) {
      const l = b.lower[i];
      const u = b.upper[i];
      if (l === null || u === null || l === undefined || u === undefined) continue;
      up.push(`${x(i).toFixed(1)},${y(u).toFixed(1)}`);
      down.unshift(`${x(i).toFixed(1)},${y(l).toFixed(1)}`);
    }
    if (up.length > 0) body.push(`<polygon points="${[...up, ...down].join(' ')}" fill="${color}" fill-opacity="0.25" stroke="none"/>`);
    keys.push({ name: b.name, color, band: true });
  });
  opts.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length]!;
    const parts: string[] = [];
    let cur: string[] = [];
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        if (cur.length > 0) parts.push(cur.join(' '));
        cur = [];
      } else cur.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    if (cur.length > 0) parts.push(cur.join(' '));
    for (const p of parts) body.push(`<polyline points="${p}" fill="none" stroke="${color}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="4 3"' : ''}/>`);
    keys.push({ name: s.name, color });
  });
  if (opts.marker !== undefined && opts.marker >= 0 && opts.marker < n) {
    body.push(`<line x1="${x(opts.marker).toFixed(1)}" x2="${x(opts.marker).toFixed(1)}" y1="${y1}" y2="${y0}" stroke="#555" stroke-dasharray="2 2"/>`);
  }
  body.push(...legend(keys, x0, height - 10));
  return frame(width, height, opts.title, body);
}

/** Bar chart: one bar per category per series (grouped), vertical or horizontal. Returns an SVG document string. */
export function barChart(opts: BarChartOptions): string {
  const cats = opts.categories;
  const nS = Math.max(1, opts.series.length);
  const horizontal = opts.horizontal === true;
  const width = opts.width ?? 800;
  const height = opts.height ?? (horizontal ? Math.max(200, 40 + cats.length * (8 + 10 * nS) + MARGIN.bottom) : 360);
  const [lo, hi] = extent(opts.series.flatMap((s) => s.values));
  const ticks = niceTicks(lo, hi);
  const vMin = ticks[0] ?? lo;
  const vMax = ticks[ticks.length - 1] ?? hi;
  const left = horizontal ? Math.min(240, 12 + Math.max(0, ...cats.map((c) => c.length)) * 6) : MARGIN.left;
  const x0 = left;
  const x1 = width - MARGIN.right;
  const y0 = height - MARGIN.bottom;
  const y1 = MARGIN.top;
  const body: string[] = [];
  const slot = ((horizontal ? y0 - y1 : x1 - x0) / Math.max(1, cats.length));
  const barW = (slot * 0.8) / nS;
  if (horizontal) {
    const x = (v: number) => x0 + ((x1 - x0) * (v - vMin)) / (vMax - vMin || 1);
    for (const t of ticks) body.push(`<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${y1}" y2="${y0}" stroke="#e5e5e5"/><text x="${x(t).toFixed(1)}" y="${y0 + 14}" text-anchor="middle">${fmt(t)}</text>`);
    if (opts.yLabel) body.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 30}" text-anchor="middle">${esc(opts.yLabel)}</text>`);
    cats.forEach((c, i) => {
      const top = y1 + slot * i + slot * 0.1;
      body.push(`<text x="${x0 - 6}" y="${(top + (barW * nS) / 2 + 4).toFixed(1)}" text-anchor="end">${esc(c)}</text>`);
      opts.series.forEach((s, k) => {
        const v = s.values[i] ?? 0;
        const a = x(Math.min(0, v));
        const b = x(Math.max(0, v));
        body.push(`<rect x="${a.toFixed(1)}" y="${(top + barW * k).toFixed(1)}" width="${Math.max(0.5, b - a).toFixed(1)}" height="${barW.toFixed(1)}" fill="${s.color ?? PALETTE[k % PALETTE.length]!}"><title>${esc(`${c} · ${s.name}: ${fmt(v)}`)}</title></rect>`);
      });
    });
  } else {
    const y = (v: number) => y0 - ((y0 - y1) * (v - vMin)) / (vMax - vMin || 1);
    body.push(...yAxis(ticks, y, x0, x1, opts.yLabel, height));
    const every = Math.max(1, Math.ceil(cats.length / 16));
    cats.forEach((c, i) => {
      const left0 = x0 + slot * i + slot * 0.1;
      if (i % every === 0) body.push(`<text x="${(left0 + (barW * nS) / 2).toFixed(1)}" y="${y0 + 16}" text-anchor="middle">${esc(c.length > 14 ? c.slice(0, 13) + '…' : c)}</text>`);
      opts.series.forEach((s, k) => {
        const v = s.values[i] ?? 0;
        const a = y(Math.max(0, v));
        const b = y(Math.min(0, v));
        body.push(`<rect x="${(left0 + barW * k).toFixed(1)}" y="${a.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(0.5, b - a).toFixed(1)}" fill="${s.color ?? PALETTE[k % PALETTE.length]!}"><title>${esc(`${c} · ${s.name}: ${fmt(v)}`)}</title></rect>`);
      });
    });
    body.push(`<line x1="${x0}" x2="${x1}" y1="${y(Math.max(0, vMin)).toFixed(1)}" y2="${y(Math.max(0, vMin)).toFixed(1)}" stroke="#999"/>`);
  }
  if (opts.series.length > 1) body.push(...legend(opts.series.map((s, k) => ({ name: s.name, color: s.color ?? PALETTE[k % PALETTE.length]! })), x0, height - 6));
  return frame(width, height, opts.title, body);
}
