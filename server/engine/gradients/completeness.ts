/**
 * The completeness axiom of Integrated Gradients (Sundararajan et al. 2017, Prop. 1): the
 * attributions of a row add up to f(x) − f(x'). The gap |Σ_j φ_j − (f(x) − f(x'))| measures
 * the quadrature error with exact gradients, and exposes models IG does not fit (piecewise
 * constant trees, gradients from finite differences across jumps).
 */

/**
 * The paper (§3) checks that attributions add up "to within 5%" of f(x) − f(x'); a per-row
 * floor of 0.1% of the largest |f(x) − f(x')| keeps rows whose input is near the baseline
 * from failing on rounding alone.
 */
export const COMPLETENESS_RELATIVE_TOLERANCE = 0.05;
export const COMPLETENESS_FLOOR_FRACTION = 1e-3;

export interface CompletenessReport {
  /** |Σφ − (f(x) − f(x'))| per row. */
  readonly gaps: Float64Array;
  readonly worstRow: number;
  readonly worstGap: number;
  /** Σφ and f(x) − f(x') of the worst row. */
  readonly worstSum: number;
  readonly worstDelta: number;
  /** Largest gap / max(|f(x) − f(x')|, floor) over rows. */
  readonly worstRelativeGap: number;
  readonly ok: boolean;
  /** Empty when ok; otherwise what went wrong and what to do. */
  readonly message: string;
}

export interface CompletenessContext {
  /** Quadrature points per row (for the advice). */
  readonly steps: number;
  readonly gradientSource: 'graph' | 'finite-differences';
}

export function completenessGap(attributions: Float64Array, fx: Float64Array, fBaseline: Float64Array, rows: number, d: number, context: CompletenessContext): CompletenessReport {
  const gaps = new Float64Array(rows);
  let maxDelta = 0;
  for (let r = 0; r < rows; r++) maxDelta = Math.max(maxDelta, Math.abs(fx[r] - fBaseline[r]));
  const floor = COMPLETENESS_FLOOR_FRACTION * maxDelta || Number.MIN_VALUE;
  let worstRow = 0;
  let worstRel = -1;
  let ok = true;
  const sums = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += attributions[r * d + j];
    sums[r] = s;
    const delta = fx[r] - fBaseline[r];
    gaps[r] = Math.abs(s - delta);
    const rel = gaps[r] / Math.max(Math.abs(delta), floor);
    if (gaps[r] > COMPLETENESS_RELATIVE_TOLERANCE * Math.abs(delta) + floor) ok = false;
    if (rel > worstRel) {
      worstRel = rel;
      worstRow = r;
    }
  }
  const worstDelta = rows ? fx[worstRow] - fBaseline[worstRow] : 0;
  const worstSum = rows ? sums[worstRow] : 0;
  const message = ok ? '' : advice(worstRow, worstSum, worstDelta, gaps[worstRow], context);
  return { gaps, worstRow, worstGap: rows ? gaps[worstRow] : 0, worstSum, worstDelta, worstRelativeGap: Math.max(0, worstRel), ok, message };
}

function advice(row: number, sum: number, delta: number, gap: number, c: CompletenessContext): string {
  const head =
    `Integrated Gradients completeness gap: the attributions of row ${row} sum to ${sum.toPrecision(6)} but ` +
    `f(x) − f(baseline) = ${delta.toPrecision(6)} (gap ${gap.toPrecision(3)}, more than ${COMPLETENESS_RELATIVE_TOLERANCE * 100}% of it).`;
  if (c.gradientSource === 'finite-differences') {
    return `${head} The gradients come from finite differences, so the model is not a differentiable graph; if it is piecewise constant (a tree ensemble) IG does not apply: use KernelSHAP (--method kernelshap) or TreeSHAP.`;
  }
  return `${head} With exact gradients this is quadrature error: raise the steps (now ${c.steps} points per row) or keep splitting the path at ReLU kinks; if the gap stays, the model is not differentiable along the path: use KernelSHAP (--method kernelshap).`;
}
