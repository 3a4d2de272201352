import { classificationMetrics } from '../engine/metrics/classificationMetrics';
import { regressionMetrics } from '../engine/metrics/regressionMetrics';
import type { SplitMetrics, Task } from '../results/report';

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
