/**
 * Metrics of the model on one set of rows (a slice, its complement, or everything), each with
 * a confidence interval where one is cheap and sound:
 * - error rate: Wilson interval (binomial);
 * - means of per-row losses (log-loss, Brier, MAE, bias): normal interval of the mean (CLT;
 *   slices have ≥ min-support rows);
 * - RMSE: the MSE interval, square-rooted (monotone transform);
 * - ROC AUC (binary): Hanley–McNeil standard error;
 * - ECE: percentile bootstrap, seeded, only up to BOOTSTRAP_MAX_ROWS rows (cost).
 * Metric names are the snake_case names of DESIGN.md ("CLI JSON" metrics).
 */
import type { MetricValue } from '../../results/report';
import { bootstrapInterval } from '../stats/bootstrapInterval';
import { expectedCalibrationError } from '../stats/calibrationError';
import { normalCriticalValue } from '../stats/normalDistribution';
import { rocAuc, rocAucStandardError } from '../stats/rocAuc';
import { groupMoments } from '../stats/welchTTest';
import { wilsonInterval } from '../stats/wilsonInterval';
import type { RowOutcomes } from './rowOutcomes';

/** Bootstrapping ECE costs resamples × rows; above this slice size the interval is omitted. */
export const BOOTSTRAP_MAX_ROWS = 20_000;
/** Resamples for ECE intervals: 200 keeps ten slices under ~0.1 s yet gives stable 95% bounds to ~±1 pp. */
export const ECE_BOOTSTRAP_RESAMPLES = 200;

export interface SliceMetricOptions {
  /** Confidence level of every interval, default 0.95. */
  readonly level?: number;
  readonly seed?: number;
}

export type SliceMetrics = Readonly<Record<string, MetricValue>>;

/** Metrics on `rows` (all rows when omitted). */
export function computeSliceMetrics(outcomes: RowOutcomes, rows?: Int32Array, options: SliceMetricOptions = {}): SliceMetrics {
  const level = options.level ?? 0.95;
  const z = normalCriticalValue(level);
  const n = rows ? rows.length : outcomes.task === 'regression' ? outcomes.residual.length : outcomes.misclassified.length;
  if (n === 0) return {};
  if (outcomes.task === 'regression') {
    const mse = meanWithInterval(outcomes.squaredError, rows, z);
    return {
      mae: meanWithInterval(outcomes.absoluteError, rows, z),
      rmse: { value: Math.sqrt(mse.value), ci: [Math.sqrt(Math.max(0, mse.ci[0])), Math.sqrt(mse.ci[1])] },
      bias: meanWithInterval(outcomes.residual, rows, z),
    };
  }
  const errors = sum(outcomes.misclassified, rows);
  const metrics: Record<string, MetricValue> = {
    error_rate: { value: errors / n, ci: wilsonInterval(errors, n, level) },
    log_loss: meanWithInterval(outcomes.logLoss, rows, z),
    brier: meanWithInterval(outcomes.brier, rows, z),
    ece: calibrationWithInterval(outcomes.confidence, outcomes.confidenceOutcome, rows, level, options.seed),
  };
  if (outcomes.classCount === 2) {
    const auc = rocAuc(outcomes.confidence, outcomes.confidenceOutcome, rows);
    if (!Number.isNaN(auc)) {
      const positives = sum(outcomes.confidenceOutcome, rows);
      const se = rocAucStandardError(auc, positives, n - positives);
      metrics.roc_auc = { value: auc, ci: [Math.max(0, auc - z * se), Math.min(1, auc + z * se)] };
    }
  }
  return metrics;
}

/** The number of a MetricValue. */
export function metricNumber(m: MetricValue | undefined): number {
  if (m === undefined) return NaN;
  return typeof m === 'number' ? m : m.value;
}

function meanWithInterval(values: Float64Array, rows: Int32Array | undefined, z: number): { value: number; ci: [number, number] } {
  const m = groupMoments(values, rows);
  const half = m.n > 1 ? z * Math.sqrt(m.variance / m.n) : NaN;
  return { value: m.mean, ci: [m.mean - half, m.mean + half] };
}

function calibrationWithInterval(
  probabilities: Float64Array,
  outcomes: Float64Array,
  rows: Int32Array | undefined,
  level: number,
  seed: number | undefined,
): MetricValue {
  const value = expectedCalibrationError(probabilities, outcomes, rows);
  const n = rows ? rows.length : probabilities.length;
  if (n > BOOTSTRAP_MAX_ROWS) return value;
  const resampled = new Int32Array(n);
  const ci = bootstrapInterval(
    n,
    (sample) => {
      for (let i = 0; i < n; i++) resampled[i] = rows ? rows[sample[i]] : sample[i];
      return expectedCalibrationError(probabilities, outcomes, resampled);
    },
    { resamples: ECE_BOOTSTRAP_RESAMPLES, level, seed },
  );
  return { value, ci };
}

function sum(values: Float64Array, rows: Int32Array | undefined): number {
  let s = 0;
  if (rows) for (let i = 0; i < rows.length; i++) s += values[rows[i]];
  else for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
