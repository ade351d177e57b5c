// Nelder-Mead simplex minimisation: fits smoothing parameters without derivatives or a numeric library.

export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, opts: { step?: number; maxIter?: number; tol?: number } = {}): { x: Float64Array; value: number } {
  const n = x0.length;
  const step = opts.step ?? 0.5;
  const maxIter = opts.maxIter ?? 200 * n;
  const tol = opts.tol ?? 1e-7;
  const pts: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(x0);
    p[i] = (p[i] as number) + step;
    pts.push(p);
  }
  const vals = pts.map(f);
  const order = pts.map((_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (a: Float64Array, b: Float64Array, t: number): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = (a[j] as number) + t * ((b[j] as number) - (a[j] as number));
    return out;
  };
  for (let it = 0; it < maxIter; it++) {
    order.sort((a, b) => (vals[a] as number) - (vals[b] as number));
    const best = order[0] as number;
    const worst = order[n] as number;
    const second = order[n - 1] as number;
    if (Math.abs((vals[worst] as number) - (vals[best] as number)) <= tol * (Math.abs(vals[best] as number) + 1e-12)) break;
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = pts[order[k] as number] as Float64Array;
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const w = pts[worst] as Float64Array;
    const xr = trial(centroid, w, -1);
    const fr = f(xr);
    if (fr < (vals[best] as number)) {
      const xe = trial(centroid, w, -2);
      const fe = f(xe);
      if (fe < fr) { pts[worst] = xe; vals[worst] = fe; } else { pts[worst] = xr; vals[worst] = fr; }
    } else if (fr < (vals[second] as number)) {
      pts[worst] = xr; vals[worst] = fr;
    } else {
      const xc = fr < (vals[worst] as number) ? trial(centroid, w, -0.5) : trial(centroid, w, 0.5);
      const fc = f(xc);
      if (fc < Math.min(fr, vals[worst] as number)) { pts[worst] = xc; vals[worst] = fc; } else {
        const b = pts[best] as Float64Array;
        for (const k of order.slice(1)) {
          pts[k] = trial(b, pts[k] as Float64Array, 0.5);
          vals[k] = f(pts[k]);
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if ((vals[i] as number) < (vals[bi] as number)) bi = i;
  return { x: pts[bi] as Float64Array, value: vals[bi] as number };
}
