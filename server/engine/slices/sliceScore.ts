/**
 * SliceLine's slice score and its upper bound (Sagadeeva & Boehm, "SliceLine: Fast,
 * Linear-Algebra-based Slice Finding for ML Model Debugging", SIGMOD 2021, §3.1 and §4.2).
 *
 * sc = α·((se/ss)/ē − 1) − (1−α)·(n/ss − 1)
 *
 * with ss the slice size, se its error sum, ē the average error over all n rows. The first
 * term rewards a slice error above average, the second penalises small slices; α ∈ [0, 1]
 * trades them off. sc > 0 means "worse than average by more than its smallness costs".
 */

/** The score of a slice with `size` rows and error sum `errorSum`; -Infinity for empty slices. */
export function sliceScore(size: number, errorSum: number, averageError: number, alpha: number, rowCount: number): number {
  const sc = alpha * (errorSum / size / averageError - 1) - (1 - alpha) * (rowCount / size - 1);
  return Number.isNaN(sc) ? -Infinity : sc;
}

/**
 * Upper bound of the score of any slice whose size is at most `sizeBound`, whose error sum is
 * at most `errorBound` and whose largest row error is at most `maxErrorBound` (paper §4.2).
 * Descendants of a lattice node inherit these bounds as the minimum over their parents.
 *
 * A descendant of size s ∈ [minSupport, sizeBound] has error sum ≤ min(errorBound, s·maxErrorBound).
 * Below the break point s* = errorBound / maxErrorBound the bound is α(maxErr/ē − 1) − (1−α)(n/s − 1),
 * increasing in s; above it, (α·errorBound/ē − (1−α)·n)/s + const, monotone in s. So the maximum
 * over the interval is at minSupport, s* or sizeBound: the three points probed here (s* clipped
 * into the interval, which keeps the bound tight and still valid).
 *
 * Note: the bound uses the number of rows n. SystemDS's sliceLine.dml passes the number of
 * one-hot columns there, which under-estimates the bound when rows outnumber columns and can
 * prune valid slices (see fixtures/sliceline/README.md, custom_inputs_2).
 *
 * @returns -Infinity when no valid descendant can exist (sizeBound < minSupport or no error)
 */
export function sliceScoreUpperBound(
  sizeBound: number,
  errorBound: number,
  maxErrorBound: number,
  averageError: number,
  minSupport: number,
  alpha: number,
  rowCount: number,
): number {
  const lo = Math.max(1, minSupport);
  if (sizeBound < lo || !(errorBound > 0) || !(maxErrorBound > 0)) return -Infinity;
  const breakPoint = Math.min(sizeBound, Math.max(lo, errorBound / maxErrorBound));
  let best = -Infinity;
  for (const s of [lo, breakPoint, sizeBound]) {
    const se = Math.min(s * maxErrorBound, errorBound);
    const sc = alpha * (se / s / averageError - 1) - (1 - alpha) * (rowCount / s - 1);
    if (sc > best) best = sc;
  }
  return best;
}
