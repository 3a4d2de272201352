import { distinctSorted } from '../../stats/sortedSearch';
import { sortedPresent } from './sortedStats';

/**
 * Discretises one column for binned statistics: each distinct value is its own bin when
 * there are few of them (flags, codes, small counts), otherwise quantile bins. Missing
 * values get a bin of their own, because "missing" often carries information (or leaks).
 */
export interface ValueBins {
  /** Bin index per row, 0..binCount-1. */
  readonly bin: Int32Array;
  readonly binCount: number;
  /** True when bins are the distinct values themselves. */
  readonly discrete: boolean;
}

/** Columns with at most this many distinct values are binned by value. */
export const MAX_DISCRETE_LEVELS = 32;
/** Quantile bins for continuous columns: enough to catch a step or a narrow band. */
export const CONTINUOUS_BINS = 20;

export function valueBins(values: ArrayLike<number>, maxBins = CONTINUOUS_BINS): ValueBins {
  const n = values.length;
  const present = sortedPresent(values);
  const distinct = distinctSorted(present);

  let edges: number[];
  let discrete: boolean;
  if (distinct.length <= MAX_DISCRETE_LEVELS) {
    edges = Array.from(distinct.subarray(1)); // value v goes to bin = number of edges <= v
    discrete = true;
  } else {
    edges = [];
    for (let b = 1; b < maxBins; b++) {
      const e = present[Math.floor((b * present.length) / maxBins)];
      if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
    }
    discrete = false;
  }
  const missingBin = edges.length + 1;
  const bin = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    bin[i] = Number.isNaN(v) ? missingBin : upperBound(edges, v);
  }
  return { bin, binCount: missingBin + 1, discrete };
}

/** Number of edges <= v. */
function upperBound(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
