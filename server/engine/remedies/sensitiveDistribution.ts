/**
 * The observed distribution of a sensitive feature as K weighted values (v_k, w_k) for the
 * marginalising rewrite. Few distinct values (group codes, flags): each value with its
 * empirical frequency, so the average is exact. Many (age, income): equal-frequency bins,
 * each represented by its median, so the model is evaluated at K observed values instead
 * of one per distinct value (K model calls per row is the export's cost).
 */

/** Above this many distinct values, bins stand in for values. */
export const MAX_MARGINAL_VALUES = 16;

export interface ValueDistribution {
  /** Values v_k, ascending; each is an observed value. */
  readonly values: readonly number[];
  /** Empirical weights w_k, summing to 1. */
  readonly weights: readonly number[];
  readonly method: 'distinct' | 'quantiles';
  /** Rows with a value (missing values are not part of the distribution). */
  readonly observed: number;
  readonly missing: number;
  readonly distinct: number;
}

export function sensitiveDistribution(column: ArrayLike<number>, maxValues = MAX_MARGINAL_VALUES): ValueDistribution {
  if (!Number.isInteger(maxValues) || maxValues < 1) throw new RangeError(`sensitiveDistribution: maxValues must be a positive integer, got ${maxValues}`);
  const counts = new Map<number, number>();
  let missing = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (Number.isNaN(v)) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const observed = column.length - missing;
  if (observed === 0) throw new RangeError('sensitiveDistribution: the sensitive column has no observed (non-missing) value');
  const levels = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  if (levels.length <= maxValues) {
    return { values: levels.map(([v]) => v), weights: levels.map(([, c]) => c / observed), method: 'distinct', observed, missing, distinct: levels.length };
  }
  // Each distinct value goes wholly into the bin of its mid-rank, so ties never straddle bins.
  const bins: [number, number][][] = Array.from({ length: maxValues }, () => []);
  let before = 0;
  for (const [v, c] of levels) {
    const mid = (before + c / 2) / observed;
    bins[Math.min(maxValues - 1, Math.floor(mid * maxValues))].push([v, c]);
    before += c;
  }
  const filled = bins.filter((b) => b.length > 0);
  return {
    values: filled.map(weightedMedian),
    weights: filled.map((b) => b.reduce((s, [, c]) => s + c, 0) / observed),
    method: 'quantiles',
    observed,
    missing,
    distinct: levels.length,
  };
}

/** The observed value at the middle of a bin's rows (not the mean, which may lie off the data). */
function weightedMedian(bin: readonly [number, number][]): number {
  const total = bin.reduce((s, [, c]) => s + c, 0);
  let seen = 0;
  for (const [v, c] of bin) {
    seen += c;
    if (seen * 2 >= total) return v;
  }
  return bin[bin.length - 1][0];
}
