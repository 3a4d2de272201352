/** Ten equal-width bins: the common default (Guo et al. 2017; sklearn calibration_curve). */
export const DEFAULT_CALIBRATION_BINS = 10;

/**
 * Expected calibration error with equal-width confidence bins (Naeini et al. 2015, Guo et al.
 * 2017): Σ_b (n_b / n)·|mean(outcome)_b − mean(probability)_b|.
 * For binary models pass P(positive) and the 0/1 label; for multiclass pass the top-class
 * probability and whether the top class was right (the "confidence" ECE of Guo et al.).
 *
 * @param probabilities predicted probability per row, in [0, 1]
 * @param outcomes 1 when the event happened, 0 otherwise
 * @param rows optional subset of row indices
 * @returns NaN for an empty subset
 */
export function expectedCalibrationError(
  probabilities: ArrayLike<number>,
  outcomes: ArrayLike<number>,
  rows?: ArrayLike<number>,
  bins = DEFAULT_CALIBRATION_BINS,
): number {
  const n = rows ? rows.length : probabilities.length;
  if (n === 0) return NaN;
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    const p = probabilities[r];
    // p = 1 belongs to the last bin, as in sklearn.
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[b]++;
    sumP[b] += p;
    sumY[b] += outcomes[r];
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b] > 0) ece += Math.abs(sumY[b] - sumP[b]) / n;
  return ece;
}
