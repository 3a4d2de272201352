/**
 * Completeness check of Shapley values: base + Σ_j φ_j must equal f(x) for every row and
 * output (the efficiency axiom). A failure message follows shap's additivity error: the
 * worst row with its numbers, the likely cause and the knob to turn.
 */
import type { ShapleyExplanation } from './shapleyExplanation';

/**
 * Model outputs pass through float32 (ORT) and are averaged over the background in
 * float64, so sums agree to ~1e-7 relative; 1e-6 × max(1, |f|) leaves a margin of 10×.
 */
export const EFFICIENCY_RELATIVE_TOLERANCE = 1e-6;

export interface EfficiencyCheck {
  readonly ok: boolean;
  readonly maxAbsError: number;
  readonly tolerance: number;
  readonly worstRow: number;
  readonly worstOutput: number;
  /** base + Σφ at the worst row. */
  readonly sum: number;
  readonly prediction: number;
  readonly message?: string;
}

export function checkShapleyEfficiency(e: ShapleyExplanation, relativeTolerance = EFFICIENCY_RELATIVE_TOLERANCE): EfficiencyCheck {
  const d = e.features.length, w = e.outputWidth;
  let worst = { err: -1, row: 0, output: 0, sum: NaN, f: NaN };
  let maxAbsF = 0;
  for (let r = 0; r < e.rows; r++) {
    for (let o = 0; o < w; o++) {
      let sum = e.baseValue[o];
      for (let j = 0; j < d; j++) sum += e.values[(r * d + j) * w + o];
      const f = e.prediction[r * w + o];
      maxAbsF = Math.max(maxAbsF, Math.abs(f));
      const err = Math.abs(sum - f);
      if (!(err <= worst.err)) worst = { err, row: r, output: o, sum, f };
    }
  }
  const tolerance = relativeTolerance * Math.max(1, maxAbsF);
  const ok = worst.err <= tolerance;
  const message = ok
    ? undefined
    : `Shapley values do not add up to the model output: for row ${worst.row}` +
      (w > 1 ? ` (output ${worst.output})` : '') +
      `, base value ${e.baseValue[worst.output].toPrecision(6)} + Σφ = ${worst.sum.toPrecision(6)} but f(x) = ` +
      `${worst.f.toPrecision(6)} (|difference| ${worst.err.toExponential(2)} > tolerance ${tolerance.toExponential(2)}). ` +
      `Likely causes: the model is not deterministic, or the values were computed in another output space ` +
      `(margin vs probability) or against another background than the base value. ` +
      `Try --method exact (d ≤ 14), check --space, or pass the same --background; ` +
      `the check can be relaxed with relativeTolerance.`;
  return { ok, maxAbsError: worst.err, tolerance, worstRow: worst.row, worstOutput: worst.output, sum: worst.sum, prediction: worst.f, message };
}
