/**
 * The evaluation grid of partial dependence, as sklearn.inspection.partial_dependence
 * (1.2, `_grid_from_X`): the sorted unique values when a feature has fewer than
 * `gridResolution` of them, else `gridResolution` evenly spaced points between two
 * empirical percentiles computed by scipy's `mquantiles` (plotting positions
 * alphap = betap = 0.4), so our curves share sklearn's x values.
 */

export interface GridOptions {
  /** Default 100 (sklearn's default). */
  readonly gridResolution?: number;
  /** Default [0.05, 0.95]. */
  readonly percentiles?: readonly [number, number];
}

/** scipy.stats.mstats.mquantiles with alphap = betap = 0.4 (its defaults); NaN ignored. */
export function mquantile(values: ArrayLike<number>, p: number): number {
  const x = Float64Array.from(values).filter((v) => !Number.isNaN(v)).sort();
  const n = x.length;
  if (n === 0) return NaN;
  const m = 0.4 + p * (1 - 0.4 - 0.4);
  const aleph = n * p + m;
  const k = Math.floor(Math.min(Math.max(aleph, 1), n - 1));
  const gamma = Math.min(Math.max(aleph - k, 0), 1);
  return (1 - gamma) * x[k - 1] + gamma * x[Math.min(k, n - 1)];
}

export function partialDependenceGrid(column: ArrayLike<number>, options: GridOptions = {}): Float64Array {
  const resolution = options.gridResolution ?? 100;
  const [lo, hi] = options.percentiles ?? [0.05, 0.95];
  const uniques = [...new Set(Array.from(column).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  if (uniques.length < resolution) return Float64Array.from(uniques);
  const a = mquantile(column, lo);
  const b = mquantile(column, hi);
  if (Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b)) {
    throw new RangeError(`partial dependence grid: percentiles ${lo} and ${hi} of the feature are equal (${a}); widen percentiles`);
  }
  return Float64Array.from({ length: resolution }, (_, i) => (resolution === 1 ? a : a + ((b - a) * i) / (resolution - 1)));
}
