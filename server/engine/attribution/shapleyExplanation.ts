/**
 * The per-row Shapley result shared by exact enumeration and KernelSHAP (and the shape the
 * CLI `explain` prints): φ[row][feature][output] with base value and f(x), so efficiency
 * Σφ + base = f(x) can be checked for every row and output.
 */
export type ShapleyMethod = 'exact' | 'kernelshap' | 'treeshap' | 'treeshap-interventional';

export interface ShapleyExplanation {
  readonly method: ShapleyMethod;
  readonly features: readonly string[];
  /** Explained rows. */
  readonly rows: number;
  /** Model outputs explained at once (1, or C class probabilities). */
  readonly outputWidth: number;
  /** E_background[f], one per output. */
  readonly baseValue: Float64Array;
  /** Row-major [rows, features, outputs] — the fixtures' `phi[row][feature][output]` layout. */
  readonly values: Float64Array;
  /** f(x) per row and output, [rows, outputs]. */
  readonly prediction: Float64Array;
  /** Coalitions evaluated per explained row (each costs `background.rows` model rows). */
  readonly evaluationsPerRow: number;
  /** KernelSHAP only: estimated standard error of each value, same layout as `values`. */
  readonly standardError?: Float64Array;
  /** Description of the background used. */
  readonly background: string;
}

/** φ of (row, feature, output). */
export function shapleyValue(e: ShapleyExplanation, row: number, feature: number, output = 0): number {
  return e.values[(row * e.features.length + feature) * e.outputWidth + output];
}

/** Global importance per feature: mean |φ| over rows, for one output. */
export function meanAbsShapley(e: ShapleyExplanation, output = 0): Float64Array {
  const d = e.features.length;
  const out = new Float64Array(d);
  for (let r = 0; r < e.rows; r++) {
    for (let j = 0; j < d; j++) out[j] += Math.abs(e.values[(r * d + j) * e.outputWidth + output]) / e.rows;
  }
  return out;
}
