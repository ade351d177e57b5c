// Outlier capping before fitting: one order of 999 units (a typo, a fraud, a one-off wholesale deal) would
// otherwise lift a product's forecast for weeks. Each series is capped at median + k·MAD of its selling days.
import type { Forecaster, Panel } from './panel.js';

/** A copy of the panel with each value above median + k × 1.4826·MAD (of the non-zero days) capped there. */
export function capOutliers(panel: Panel, k = 10): Panel & { capped: number } {
  let capped = 0;
  const y = panel.y.map((ys) => {
    const nz = Array.from(ys).filter((v) => v > 0).sort((a, b) => a - b);
    if (nz.length < 5) return ys;
    const med = nz[nz.length >> 1]!;
    const dev = nz.map((v) => Math.abs(v - med)).sort((a, b) => a - b);
    const cap = med + k * Math.max(1.4826 * dev[dev.length >> 1]!, 1);
    if (nz[nz.length - 1]! <= cap) return ys;
    return Float64Array.from(ys, (v) => (v > cap ? (capped++, cap) : v));
  });
  return { ...panel, y, capped };
}

/** Wraps a forecaster so it fits on history capped from the data before each origin only (actuals stay as sold). */
export function withCappedHistory(f: Forecaster, k = 10): Forecaster {
  return {
    name: f.name,
    forecast(panel, origin, h) {
      const past: Panel = { ...panel, length: origin, y: panel.y.map((y) => y.subarray(0, origin)), ...(panel.price ? { price: panel.price.map((p) => p.subarray(0, origin)) } : {}) };
      return f.forecast(capOutliers(past, k), origin, h);
    },
  };
}
