/**
 * What gradient-based attribution needs from a model: the selected scalar per row and its
 * gradient with respect to the row. Implemented by the ONNX Runtime gradient-graph adapter
 * (ortGradientRunner.ts) and by central finite differences through the BatchingEvaluator
 * (finiteDifferences.ts), so IG and saliency run on either.
 */
export interface GradientBatch {
  /** f(x) per row [rows]. */
  readonly value: Float64Array;
  /** ∂f/∂x row-major [rows, d]. */
  readonly grad: Float64Array;
  /** 0/1 sign pattern of the kink operators' inputs [rows, kinkCount], when the runner has one. */
  readonly kinks?: Uint8Array;
}

export interface GradientRunner {
  readonly featureCount: number;
  /** Width of `kinks` per row; 0 when the runner reports no kink pattern. */
  readonly kinkCount: number;
  /** 'graph' (exact reverse-mode gradient) or 'finite-differences' (approximate). */
  readonly kind: 'graph' | 'finite-differences';
  /** Rows row-major [rows, d] in; one batch out. Callers chunk large inputs (maxRowsPerRun). */
  run(x: Float32Array | Float64Array, rows: number): Promise<GradientBatch>;
  /** Rows per run call the runner prefers (the caller chunks to this). */
  readonly maxRowsPerRun: number;
  dispose?(): Promise<void>;
}
