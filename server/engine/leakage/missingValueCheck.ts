import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import { hasScalarOutput, seedOf, type LeakageContext } from './leakageContext';
import { modelInputs, numbersOf, pooledNumbers } from './internal/datasetColumns';
import { sampleIndices, seededRandom } from './internal/seededRandom';

/**
 * acquire.missing-value — a feature that is often missing although the model's error is
 * clearly lower when it is present: acquiring it for more rows is likely to pay off
 * (active feature-value acquisition, Saar-Tsechansky, Melville & Provost 2009). Measured
 * on test rows where it is present, by hiding it (setting it missing) and pairing the
 * per-row losses, so case-mix differences between rows with and without it do not bias it.
 */

/** Missing in at least this share of rows to be worth acquiring. */
export const OFTEN_MISSING = 0.1;
/** Present rows needed to measure the gain. */
export const MIN_PRESENT_ROWS = 50;
export const SAMPLE_ROWS = 2000;
/** Warning: loss rises by ≥ 10% when the value is hidden, with paired z ≥ 4. */
export const WARNING_RELATIVE_GAIN = 0.1;
export const WARNING_Z = 4;
/** Info from z ≥ 2. */
export const INFO_Z = 2;

export const missingValueCheck: LeakageCheck = {
  id: 'acquire.missing-value',
  async run(ctx: LeakageContext): Promise<Finding[]> {
    const evaluate = ctx.evaluate;
    if (!evaluate || !hasScalarOutput(ctx)) return [];
    const out: Finding[] = [];
    for (let j = 0; j < ctx.features.length; j++) {
      const feature = ctx.features[j];
      const pooled = pooledNumbers(ctx.train, ctx.test, feature);
      if (!pooled) continue;
      let missing = 0;
      for (const v of pooled) if (Number.isNaN(v)) missing++;
      const missingShare = missing / pooled.length;
      if (missingShare < OFTEN_MISSING) continue;
      // The test column alone (not the whole feature matrix: that is a copy of the data).
      const column = numbersOf(ctx.test, feature);
      if (!column) continue;
      const present: number[] = [];
      for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i]) && !Number.isNaN(ctx.testLabels[i])) present.push(i);
      if (present.length < MIN_PRESENT_ROWS) continue;
      const pick = sampleIndices(present.length, SAMPLE_ROWS, seededRandom(seedOf(ctx) + 29));
      const rows = Array.from(pick, (k) => present[k]);
      const withValue = modelInputs(ctx.test, ctx.features, rows);
      const hidden = { ...withValue, data: withValue.data.slice() };
      for (let i = 0; i < hidden.rows; i++) hidden.data[i * hidden.cols + j] = NaN;
      const [p1, p0] = [await evaluate(withValue), await evaluate(hidden)];
      const gain = pairedGain(rows.map((r) => ctx.testLabels[r]), p1, p0, ctx.task === 'classification');
      const severity: Severity | undefined =
        gain.z >= WARNING_Z && gain.relative >= WARNING_RELATIVE_GAIN ? 'warning' : gain.z >= INFO_Z && gain.mean > 0 ? 'info' : undefined;
      if (!severity) continue;
      out.push({
        id: 'acquire.missing-value',
        severity,
        feature,
        message:
          `'${feature}' is missing in ${(missingShare * 100).toFixed(1)}% of rows, yet where it is present the model's loss is ${(gain.relative * 100).toFixed(1)}% lower than with it hidden (paired z ${gain.z.toFixed(1)}). ` +
          `Acquiring this measurement for more rows is likely to improve predictions.`,
        evidence: { missing_share: round(missingShare), rows_compared: rows.length, loss_with_value: round(gain.lossWith), loss_hidden: round(gain.lossHidden), relative_gain: round(gain.relative), z: round(gain.z, 2) },
      });
    }
    return out;
  },
};

interface Gain {
  mean: number;
  z: number;
  relative: number;
  lossWith: number;
  lossHidden: number;
}

/** Log-loss (classification) or squared error; per-row difference hidden − with value. */
function pairedGain(y: number[], withValue: Float64Array, hidden: Float64Array, binary: boolean): Gain {
  const loss = (p: number, t: number): number => {
    if (!binary) return (p - t) ** 2;
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p));
    return -(t * Math.log(q) + (1 - t) * Math.log(1 - q));
  };
  let s = 0;
  let s2 = 0;
  let lw = 0;
  let lh = 0;
  const n = y.length;
  for (let i = 0; i < n; i++) {
    const a = loss(withValue[i], y[i]);
    const b = loss(hidden[i], y[i]);
    lw += a;
    lh += b;
    s += b - a;
    s2 += (b - a) ** 2;
  }
  const mean = s / n;
  const sd = Math.sqrt(Math.max(0, s2 / n - mean * mean));
  return { mean, z: sd > 0 ? (mean / sd) * Math.sqrt(n) : 0, relative: lh > 0 ? (lh - lw) / lh : 0, lossWith: lw / n, lossHidden: lh / n };
}
