import type { Dataset } from '../../loaders/data/dataset';
import type { FeatureMatrix } from '../evaluator/featureMatrix';

/**
 * Everything the leakage and Goodhart checks read. Built once per model by a shell (LSP or
 * CLI); the checks themselves never touch files, the editor or ONNX Runtime directly —
 * the model comes in as the injected `evaluate` function (tailwind-intellisense's injected
 * editor abilities, STYLE.md §3).
 */
export interface LeakageContext {
  readonly train: Dataset;
  readonly test: Dataset;
  /** Model inputs, in the model's input order. */
  readonly features: readonly string[];
  /** Label column name (for messages and so it is never treated as a feature). */
  readonly target: string;
  readonly task: 'classification' | 'regression';
  /** Class index (0..C-1) or value per row; NaN = missing. */
  readonly trainLabels: Float64Array;
  readonly testLabels: Float64Array;
  /** Declared sensitive attributes (columns of train/test; model inputs or not). */
  readonly sensitive: readonly string[];
  /** Time column, when configured. */
  readonly time?: string;
  /** Declared expected direction of a feature's effect on the prediction. */
  readonly expect: Readonly<Record<string, 'increasing' | 'decreasing'>>;
  /**
   * Model output on the test rows, row-major [rows, outputWidth]: P(positive) for binary
   * classification, the value for regression, class probabilities for multiclass.
   */
  readonly testPredictions?: Float64Array;
  /** Width of one model output row (1 unless multiclass). Default 1. */
  readonly outputWidth?: number;
  /** Model reliance per feature (e.g. permutation importance); larger = more relied on. */
  readonly importance?: ReadonlyMap<string, number>;
  /** Scores a feature matrix (columns = `features`) through the batching evaluator; same layout as testPredictions. */
  readonly evaluate?: (m: FeatureMatrix) => Promise<Float64Array>;
  /** Seed for every random choice (folds, samples, permutations). Default 0. */
  readonly seed?: number;
}

export function outputWidthOf(ctx: LeakageContext): number {
  return ctx.outputWidth ?? 1;
}

export function seedOf(ctx: LeakageContext): number {
  return ctx.seed ?? 0;
}

/** Number of classes seen in the labels (classification), at least 2. */
export function classCountOf(ctx: LeakageContext): number {
  let max = 1;
  for (const labels of [ctx.trainLabels, ctx.testLabels]) {
    for (let i = 0; i < labels.length; i++) if (!Number.isNaN(labels[i]) && labels[i] > max) max = labels[i];
  }
  return max + 1;
}

/** True when predictions are one score per row in the label's direction (binary or regression). */
export function hasScalarOutput(ctx: LeakageContext): boolean {
  return outputWidthOf(ctx) === 1 && (ctx.task === 'regression' || classCountOf(ctx) === 2);
}
