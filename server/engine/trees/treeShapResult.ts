/**
 * Result types of the TreeSHAP algorithms and the global importance derived from them.
 * Layouts are row-major and documented per field so consumers can index without guessing.
 */

export interface TreeShapResult {
  /** φ, row-major [rows, outputs, features]. */
  readonly values: Float64Array;
  /** E[f] per output: Σ_features φ + baseValues[k] = margin k of the row (Shapley efficiency). */
  readonly baseValues: number[];
  /** Attributions explain the margin (raw score before post_transform). */
  readonly space: 'margin';
  readonly rows: number;
  readonly outputs: number;
  readonly features: number;
}

export interface TreeShapInteractionResult {
  /**
   * Φ, row-major [rows, outputs, features, features]; symmetric; the diagonal holds main
   * effects, so each row i of Φ sums to φ_i (Lundberg et al. 2020, "SHAP interaction values").
   */
  readonly values: Float64Array;
  readonly baseValues: number[];
  readonly space: 'margin';
  readonly rows: number;
  readonly outputs: number;
  readonly features: number;
}

/** Mean |φ| over rows, [outputs, features]: the usual SHAP global importance. */
export function meanAbsShap(result: TreeShapResult): Float64Array {
  const { rows, outputs, features, values } = result;
  const width = outputs * features;
  const out = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < width; i++) out[i] += Math.abs(values[r * width + i]);
  }
  if (rows > 0) for (let i = 0; i < width; i++) out[i] /= rows;
  return out;
}

/** φ of one row and output as a copy (length features). */
export function shapRow(result: TreeShapResult, row: number, output = 0): Float64Array {
  const start = (row * result.outputs + output) * result.features;
  return result.values.slice(start, start + result.features);
}
