/**
 * What the engine needs from a model: numbers in, numbers out. The ONNX Runtime adapter
 * (loaders/model) and the pure-JS tree evaluator both implement it, so one analysis runs
 * against either backend (tfjs's "one spec, every backend").
 */
export interface Predictor {
  /** Number of model features d; inputs are row-major [rows, d]. */
  readonly featureCount: number;
  /**
   * Width of one output row: 1 for regression and for binary classification
   * (P(positive class)), C for multiclass (class probabilities in class order).
   */
  readonly outputWidth: number;
  /** Row-major [rows, d] in, row-major [rows, outputWidth] out. */
  predictBatch(input: Float32Array, rows: number): Promise<Float64Array>;
  /** Releases native resources. */
  dispose?(): Promise<void>;
}
