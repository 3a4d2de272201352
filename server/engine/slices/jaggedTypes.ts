/**
 * Public types of the jagged-performance analysis (findJaggedSlices.ts): which subgroups a model
 * fails on, with statistics. Engine-only: no LSP or VS Code types.
 */
import type { Dataset } from '../../loaders/data/dataset';
import type { Finding } from '../../results/finding';
import type { SliceSummary, Task } from '../../results/report';
import type { BinningOptions } from './binning';
import type { SliceMetrics } from './sliceMetrics';

/** The per-row error SliceLine searches on (its `e`). */
export type SliceErrorKind = 'misclassification' | 'log-loss' | 'absolute' | 'squared';

export interface JaggedSliceOptions {
  /** Slices reported (SliceLine's K). Default 10. */
  readonly k?: number;
  /** SliceLine's α: weight of error against size. Default 0.95, as in the paper's experiments. */
  readonly alpha?: number;
  /** Minimum slice size as a fraction of rows. Default 0.01. */
  readonly minSupportFraction?: number;
  /** Minimum slice size in rows, whatever the fraction says. Default 20 (tests need rows). */
  readonly minSupportRows?: number;
  /** Maximum predicates per slice; 0 = unlimited. Default 3 (longer conjunctions are hard to act on). */
  readonly maxLevel?: number;
  readonly binning?: BinningOptions;
  /** Binary decision threshold on P(positive). Default 0.5. */
  readonly threshold?: number;
  /** Default: 'misclassification' for classification, 'absolute' for regression. */
  readonly sliceError?: SliceErrorKind;
  /** A slice is a finding when its BH q-value is below this. Default 0.05. */
  readonly fdrLevel?: number;
  /**
   * Hypothesis family for Benjamini–Hochberg: 'evaluated' (default) counts every slice SliceLine
   * scored on the data, since the reported ones were selected from those (a selection-aware,
   * conservative bound); 'reported' counts only the reported slices.
   */
  readonly fdrFamily?: 'evaluated' | 'reported';
  /** Confidence level of intervals. Default 0.95. */
  readonly confidenceLevel?: number;
  /** Seed of bootstrap intervals. */
  readonly seed?: number;
}

export interface JaggedSliceInput {
  /** The test split. */
  readonly dataset: Dataset;
  /** Features to slice on (column names). */
  readonly features: readonly string[];
  /** Class index (classification) or target value (regression), one per row. */
  readonly labels: Float64Array;
  /** Row-major [rows, outputWidth]: P(positive) (binary), class probabilities (multiclass) or the value (regression). */
  readonly predictions: Float64Array;
  readonly task: Task;
  /** Width of a prediction row; default predictions.length / rows. */
  readonly outputWidth?: number;
  readonly options?: JaggedSliceOptions;
}

/** A reported slice with everything behind its SliceSummary. */
export interface JaggedSlice extends SliceSummary {
  readonly label: string;
  readonly support: number;
  /** Metric on the rows outside the slice. */
  readonly complement: number;
  readonly effectSize: number;
  readonly effectSizeKind: 'cohens_h' | 'cohens_d';
  readonly significant: boolean;
  /** All metrics of the slice (error rate, log-loss, ECE, AUC | MAE, RMSE, bias) with intervals. */
  readonly metrics: SliceMetrics;
}

export interface FeatureSpread {
  readonly feature: string;
  /** Metric of the best and worst bin of this feature (bins with ≥ min-support rows). */
  readonly min: number;
  readonly max: number;
  readonly range: number;
}

/** How jagged a model's performance is, in one place. */
export interface JaggedSummary {
  readonly metric: string;
  readonly rowCount: number;
  readonly minSupport: number;
  /** Metric over all rows. */
  readonly overall: number;
  readonly overallMetrics: SliceMetrics;
  /** Worst reported slice minus overall (0 without slices). */
  readonly worstSliceGap: number;
  /** Worst significant slice minus overall (0 without findings). */
  readonly worstSignificantGap: number;
  readonly reportedSlices: number;
  readonly significantSlices: number;
  /** Slices SliceLine evaluated on the data (the hypothesis family when fdrFamily = 'evaluated'). */
  readonly evaluatedSlices: number;
  /** Spread of the metric over single-predicate slices (every bin with ≥ min-support rows). */
  readonly binSpread: { readonly bins: number; readonly min: number; readonly max: number; readonly std: number };
  /** Per feature, sorted by range (most jagged first). */
  readonly featureSpread: readonly FeatureSpread[];
}

export interface JaggedSliceResult {
  readonly slices: readonly JaggedSlice[];
  readonly findings: readonly Finding[];
  readonly summary: JaggedSummary;
}
