// Quantile histogram binning: trees search split points over at most maxBins edges per feature instead of every value.

export interface FeatureBins {
  /** Ascending thresholds; a value v goes to the first bin i with v <= edges[i], else to bin edges.length. */
  readonly edges: Float64Array[];
  /** Bin codes, feature-major: bins[f * nRows + row]. NaN gets bin edges[f].length + 1 so it always goes right. */
  readonly bins: Uint8Array;
  readonly nRows: number;
}

function featureEdges(values: Float64Array, maxBins: number): Float64Array {
  const sorted = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
  if (sorted.length === 0) return new Float64Array(0);
  const uniq: number[] = [];
  for (const v of sorted) if (uniq.length === 0 || uniq[uniq.length - 1] !== v) uniq.push(v);
  const edges: number[] = [];
  if (uniq.length <= maxBins) {
    for (let i = 0; i + 1 < uniq.length; i++) edges.push(((uniq[i] ?? 0) + (uniq[i + 1] ?? 0)) / 2);
  } else {
    for (let b = 1; b < maxBins; b++) {
      const at = Math.floor((b * sorted.length) / maxBins);
      const lo = sorted[at - 1] ?? 0;
      const hi = sorted[at] ?? 0;
      const e = lo === hi ? lo : (lo + hi) / 2;
      if (edges.length === 0 || e > (edges[edges.length - 1] ?? -Infinity)) edges.push(e);
    }
  }
  return Float64Array.from(edges);
}

export function binIndex(edges: Float64Array, v: number): number {
  if (Number.isNaN(v)) return edges.length + 1;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= (edges[mid] ?? 0)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Bins row-major feature rows (rows[r][f]); maxBins ≤ 254 so codes fit a byte with the NaN bin. */
export function binFeatures(rows: readonly ArrayLike<number>[], nFeatures: number, maxBins: number): FeatureBins {
  const nRows = rows.length;
  const bins = new Uint8Array(nRows * nFeatures);
  const edges: Float64Array[] = [];
  const col = new Float64Array(nRows);
  for (let f = 0; f < nFeatures; f++) {
    for (let r = 0; r < nRows; r++) col[r] = rows[r]?.[f] ?? NaN;
    const e = featureEdges(col, Math.min(maxBins, 254));
    edges.push(e);
    for (let r = 0; r < nRows; r++) bins[f * nRows + r] = binIndex(e, col[r] ?? NaN);
  }
  return { edges, bins, nRows };
}
