/**
 * Gradients by central differences through the BatchingEvaluator, for graphs the gradient
 * builder cannot differentiate: ∂f/∂x_j ≈ (f(x + h_j e_j) − f(x − h_j e_j)) / (2 h_j), with
 * h_j relative to feature j's scale (its spread in a background sample). All 2d + 1 points
 * of all rows go to the evaluator in one predict call (it batches them).
 */
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import type { GradientBatch, GradientRunner } from './gradientRunner';

/**
 * Central differences have truncation error O(h²) and rounding error O(ε |f| / h); the model
 * computes in float32 (ε ≈ 6e-8), so h ≈ ε^(1/3) ≈ 4e-3 of the feature scale balances the two.
 */
export const DEFAULT_RELATIVE_STEP = 4e-3;
/** Points per evaluator call: rows × (2d + 1) points are chunked to about this many. */
const POINTS_PER_CALL = 65536;

export interface FiniteDifferenceOptions {
  /** Column of the evaluator's output row to differentiate; default 0. */
  readonly column?: number;
  /** Per-feature scale [d] (e.g. featureScales of a background); default max(|x_j|, 1) per row. */
  readonly scale?: Float64Array;
  readonly relativeStep?: number;
}

/** Standard deviation of each column of a row-major [rows, d] sample (NaN skipped; 1 when constant). */
export function featureScales(background: Float64Array, rows: number, d: number): Float64Array {
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < rows; i++) {
      const v = background[i * d + j];
      if (!Number.isFinite(v)) continue;
      n++;
      const delta = v - mean;
      mean += delta / n;
      m2 += delta * (v - mean);
    }
    const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
    out[j] = sd > 0 ? sd : 1;
  }
  return out;
}

export function finiteDifferenceRunner(evaluator: BatchingEvaluator, options: FiniteDifferenceOptions = {}): GradientRunner {
  const d = evaluator.featureCount;
  const column = options.column ?? 0;
  if (column < 0 || column >= evaluator.outputWidth) throw new RangeError(`finite differences: column ${column} is out of range for a model with ${evaluator.outputWidth} output columns`);
  if (options.scale && options.scale.length !== d) throw new RangeError(`finite differences: scale has ${options.scale.length} values, the model has ${d} features`);
  const rel = options.relativeStep ?? DEFAULT_RELATIVE_STEP;
  const w = evaluator.outputWidth;
  return {
    featureCount: d,
    kinkCount: 0,
    kind: 'finite-differences',
    maxRowsPerRun: Math.max(1, Math.floor(POINTS_PER_CALL / (2 * d + 1))),
    async run(x: Float32Array | Float64Array, rows: number): Promise<GradientBatch> {
      const per = 2 * d + 1;
      const points = new Float64Array(rows * per * d);
      // The evaluator rounds inputs to float32, so the step actually taken is the difference of the rounded points.
      const steps = new Float64Array(rows * d);
      for (let r = 0; r < rows; r++) {
        const row = x.subarray(r * d, (r + 1) * d);
        const base = r * per * d;
        for (let k = 0; k < per; k++) points.set(row, base + k * d);
        for (let j = 0; j < d; j++) {
          const h = rel * (options.scale ? options.scale[j] : Math.max(Math.abs(row[j]), 1));
          const up = Math.fround(row[j] + h);
          const down = Math.fround(row[j] - h);
          points[base + (1 + 2 * j) * d + j] = up;
          points[base + (2 + 2 * j) * d + j] = down;
          steps[r * d + j] = up - down;
        }
      }
      const y = await evaluator.predict(points, rows * per);
      const value = new Float64Array(rows);
      const grad = new Float64Array(rows * d);
      for (let r = 0; r < rows; r++) {
        const at = (k: number): number => y[(r * per + k) * w + column];
        value[r] = at(0);
        for (let j = 0; j < d; j++) grad[r * d + j] = (at(1 + 2 * j) - at(2 + 2 * j)) / steps[r * d + j];
      }
      return { value, grad };
    },
  };
}
