import { classificationMetrics } from '../engine/metrics/classificationMetrics';
import { regressionMetrics } from '../engine/metrics/regressionMetrics';
import type { CalibrationCurve, SplitMetrics, Task } from '../results/report';

/** Baseline metrics of one split, keyed by snake_case name as in the CLI JSON contract. */
export function splitMetrics(task: Task, labels: Float64Array, scores: Float64Array, width: number, positive = 1): SplitMetrics {
  if (task === 'regression') {
    const m = regressionMetrics(labels, scores);
    return { mae: m.mae, rmse: m.rmse, r2: m.r2 };
  }
  // Binary scores are P(positive); labels are class indices with the positive class = index `positive`.
  const m = classificationMetrics(labels, scores, width, positive);
  const out: Record<string, number> = { accuracy: m.accuracy, log_loss: m.log_loss, brier: m.brier, ece: m.ece };
  if (m.roc_auc !== undefined && !Number.isNaN(m.roc_auc)) out.roc_auc = m.roc_auc;
  return out;
}

/** Bins of the reliability diagram (the same 10 equal-width bins as the ECE). */
const CALIBRATION_BINS = 10;

/** Reliability curve of P(positive) against the observed positive rate (binary classifiers). */
export function calibrationCurve(labels: Float64Array, scores: Float64Array, positive: number): CalibrationCurve {
  const sum = new Float64Array(CALIBRATION_BINS);
  const pos = new Float64Array(CALIBRATION_BINS);
  const count = new Float64Array(CALIBRATION_BINS);
  for (let i = 0; i < labels.length; i++) {
    if (Number.isNaN(labels[i])) continue;
    const b = Math.min(CALIBRATION_BINS - 1, Math.floor(scores[i] * CALIBRATION_BINS));
    sum[b] += scores[i];
    pos[b] += labels[i] === positive ? 1 : 0;
    count[b]++;
  }
  const bins = [];
  for (let b = 0; b < CALIBRATION_BINS; b++) {
    if (count[b] === 0) continue;
    bins.push({ lo: b / CALIBRATION_BINS, hi: (b + 1) / CALIBRATION_BINS, meanPredicted: sum[b] / count[b], observed: pos[b] / count[b], count: count[b] });
  }
  return { bins };
}
