// Summary statistics of small samples (per-seed and per-split figures of the benchmarks).

export interface MeanSd {
  readonly mean: number;
  readonly sd: number;
}

/** Mean and sample standard deviation (n − 1); an empty sample has mean 0, fewer than two values sd 0. */
export function meanSd(xs: readonly number[]): MeanSd {
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, sd };
}
