/**
 * The typed result of `check`: what the CLI prints as JSON (DESIGN.md "CLI JSON") and what
 * the language server sends to the extension. Keep field names stable: scripts rely on them.
 */
import type { Finding, SlicePredicate } from './finding';

export type Task = 'classification' | 'regression';

/** A metric value: a number, or a number with a confidence interval. */
export type MetricValue = number | { readonly value: number; readonly ci: readonly [number, number] };

/** snake_case metric name → value; e.g. {accuracy, roc_auc, log_loss, brier, ece} or {mae, rmse, r2}. */
export type SplitMetrics = Readonly<Record<string, MetricValue>>;

export interface GlobalImportance {
  readonly feature: string;
  readonly importance: number;
  readonly ci?: readonly [number, number];
  readonly rank?: number;
}

export interface AttributionSummary {
  readonly method: string;
  /** 'margin' | 'probability' | 'raw' | 'metric-drop' etc.: the space the numbers are in. */
  readonly space?: string;
  readonly global: readonly GlobalImportance[];
  readonly quality?: Readonly<Record<string, unknown>>;
  readonly methods?: Readonly<Record<string, readonly GlobalImportance[]>>;
  /** Per-row attributions of a sample of explained rows, with the feature values (beeswarm). */
  readonly beeswarm?: {
    readonly features: readonly string[];
    /** [rows][features]: φ of the first output (P(positive) / margin), or summed |φ| over classes for multiclass. */
    readonly values: readonly (readonly number[])[];
    readonly featureValues: readonly (readonly (number | null)[])[];
  };
}

/** Reliability diagram of a binary classifier: equal-width bins of predicted P(positive). */
export interface CalibrationCurve {
  readonly bins: readonly { readonly lo: number; readonly hi: number; readonly meanPredicted: number; readonly observed: number; readonly count: number }[];
}

export interface ShapeCurve {
  readonly feature: string;
  readonly kind: 'pdp' | 'ale' | 'ice';
  readonly grid: readonly (number | string)[];
  readonly values: readonly number[];
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
  readonly ice?: readonly (readonly number[])[];
  /** Multiclass: the class this curve is for. */
  readonly output?: string;
  /** Categorical feature: display names of the grid codes. */
  readonly labels?: readonly string[];
}

/** Friedman's H-statistic of a feature pair (share of the pair's joint effect due to interaction). */
export interface InteractionSummary {
  readonly features: readonly [string, string];
  readonly h: number;
}

export interface SliceSummary {
  readonly predicates: readonly SlicePredicate[];
  readonly size: number;
  readonly metric: string;
  readonly value: number;
  readonly baseline: number;
  readonly lift: number;
  readonly pValue: number;
  readonly qValue: number;
  readonly ci?: readonly [number, number];
  readonly score?: number;
}

/** A saved slice of modeldiag.json re-evaluated by this analysis (regression test). */
export interface SavedSliceResult {
  /** Position in the model entry's `slices`. */
  readonly index: number;
  readonly name?: string;
  readonly predicates: readonly { readonly feature: string; readonly op: string; readonly value: unknown }[];
  readonly split: 'train' | 'test';
  /** 'regressed': value above maxValue; 'empty': no row matches; 'invalid': cannot be evaluated (see reason). */
  readonly status: 'ok' | 'regressed' | 'empty' | 'invalid';
  readonly metric: string;
  readonly size: number;
  /** Undefined when no row matches. */
  readonly value?: number;
  readonly ci?: readonly [number, number];
  readonly baseline: number;
  readonly maxValue?: number;
  readonly reason?: string;
}

export interface IoSignature {
  readonly name: string;
  /** 'float32', 'int64', 'string', … or 'seq(map(int64,float32))' for ZipMap outputs. */
  readonly type: string;
  readonly shape: readonly (number | string)[];
  readonly isTensor: boolean;
}

export interface ModelSummary {
  readonly inputs: readonly IoSignature[];
  readonly outputs: readonly IoSignature[];
  readonly opsets: Readonly<Record<string, number>>;
  readonly operators: readonly string[];
  readonly parameterCount: number;
  readonly producer?: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly classes?: readonly string[];
}

export interface ModelReport {
  readonly name: string;
  /** Paths relative to the analysed folder. */
  readonly model: string;
  readonly data: { readonly train?: string; readonly test?: string };
  readonly task: Task;
  readonly target: string;
  readonly features: readonly string[];
  readonly metrics: Readonly<Record<string, SplitMetrics>>;
  /** Binary classifiers: reliability curve per split. */
  readonly calibration?: Readonly<Record<string, CalibrationCurve>>;
  readonly attribution?: AttributionSummary;
  readonly shapes?: readonly ShapeCurve[];
  readonly interactions?: readonly InteractionSummary[];
  readonly slices?: readonly SliceSummary[];
  /** Jaggedness summary: worst-slice gap and the spread of slice metrics. */
  readonly jaggedness?: Readonly<Record<string, unknown>>;
  /** The saved slices of the model's config entry, re-evaluated. */
  readonly savedSlices?: readonly SavedSliceResult[];
  readonly findings: readonly Finding[];
  readonly summary?: ModelSummary;
  readonly timings?: Readonly<Record<string, number>>;
  /** Rows per split each family of analyses read (README, "Data that does not fit"). */
  readonly sampling?: Readonly<Record<string, SplitSampling>>;
}

export interface SplitSampling {
  /** Every row: metrics, slices, duplicate-row, identifier and fairness checks. */
  readonly rows: number;
  /** The stratified sample attribution, shape curves and sanity checks work on (analysis.maxRows). */
  readonly modelRows: number;
  readonly method: string;
  /** The stratified sample the per-feature leakage statistics read (at most LEAKAGE_ROWS). */
  readonly leakageRows: number;
  readonly leakageMethod: string;
}

export interface CheckReport {
  readonly version: string;
  readonly root: string;
  readonly models: readonly ModelReport[];
  /** Findings not tied to one model (config, discovery). */
  readonly findings: readonly Finding[];
}
