/**
 * Per-row outcomes of a model on labelled data, from which slice metrics and SliceLine's row
 * errors are computed. One pass over the predictions; everything later works on these arrays.
 */
import type { Task } from '../../results/report';

/**
 * sklearn's log_loss clips probabilities to [ε, 1 − ε] (ε = 1e-15) so a confident wrong
 * prediction costs ~34.5 nats instead of infinity; we do the same so numbers match.
 */
export const LOG_LOSS_EPSILON = 1e-15;
/** Default decision threshold on P(positive) for binary error rates. */
export const DEFAULT_DECISION_THRESHOLD = 0.5;

export type ClassificationOutcomes = {
  readonly task: 'classification';
  readonly classCount: number;
  /** 1 when the predicted class (threshold or argmax) differs from the label. */
  readonly misclassified: Float64Array;
  /** −log p(label), clipped as sklearn does. */
  readonly logLoss: Float64Array;
  /** Brier score per row: squared error of P(positive) (binary) or of the top-class confidence. */
  readonly brier: Float64Array;
  /** Binary: P(positive); multiclass: top-class probability (confidence). */
  readonly confidence: Float64Array;
  /** Binary: the 0/1 label; multiclass: 1 when the top class is right. What `confidence` predicts. */
  readonly confidenceOutcome: Float64Array;
};

export type RegressionOutcomes = {
  readonly task: 'regression';
  /** prediction − label. */
  readonly residual: Float64Array;
  readonly absoluteError: Float64Array;
  readonly squaredError: Float64Array;
};

export type RowOutcomes = ClassificationOutcomes | RegressionOutcomes;

/**
 * @param labels class index (0 .. C−1; binary: 0/1) or target value, one per row
 * @param predictions row-major [rows, outputWidth]: P(positive) for binary (width 1; with width 2
 *   column 1 is used), class probabilities for multiclass, the value for regression
 * @throws RangeError on length mismatches or labels outside the classes
 */
export function computeRowOutcomes(
  task: Task,
  labels: Float64Array,
  predictions: Float64Array,
  outputWidth: number,
  threshold = DEFAULT_DECISION_THRESHOLD,
): RowOutcomes {
  const n = labels.length;
  if (predictions.length !== n * outputWidth) {
    throw new RangeError(
      `findJaggedSlices: ${predictions.length} predictions for ${n} labels and output width ${outputWidth}; expected ${n * outputWidth}.`,
    );
  }
  if (task === 'regression') {
    const residual = new Float64Array(n);
    const absoluteError = new Float64Array(n);
    const squaredError = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const d = predictions[r * outputWidth] - labels[r];
      residual[r] = d;
      absoluteError[r] = Math.abs(d);
      squaredError[r] = d * d;
    }
    return { task, residual, absoluteError, squaredError };
  }
  const binary = outputWidth <= 2;
  const classCount = binary ? 2 : outputWidth;
  const misclassified = new Float64Array(n);
  const logLoss = new Float64Array(n);
  const brier = new Float64Array(n);
  const confidence = new Float64Array(n);
  const confidenceOutcome = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const y = labels[r];
    if (!Number.isInteger(y) || y < 0 || y >= classCount) {
      throw new RangeError(`findJaggedSlices: label of row ${r} is ${y}; expected a class index in 0..${classCount - 1}.`);
    }
    if (binary) {
      const p = predictions[r * outputWidth + outputWidth - 1];
      // Strictly above: at p = 0.5 sklearn's predict (argmax, first class on ties) says class 0.
      misclassified[r] = (p > threshold ? 1 : 0) === y ? 0 : 1;
      const py = y === 1 ? p : 1 - p;
      logLoss[r] = -Math.log(clip(py));
      brier[r] = (p - y) * (p - y);
      confidence[r] = p;
      confidenceOutcome[r] = y;
    } else {
      let best = 0;
      for (let c = 1; c < outputWidth; c++) if (predictions[r * outputWidth + c] > predictions[r * outputWidth + best]) best = c;
      const top = predictions[r * outputWidth + best];
      misclassified[r] = best === y ? 0 : 1;
      logLoss[r] = -Math.log(clip(predictions[r * outputWidth + y]));
      confidence[r] = top;
      confidenceOutcome[r] = best === y ? 1 : 0;
      brier[r] = (top - confidenceOutcome[r]) ** 2;
    }
  }
  return { task, classCount, misclassified, logLoss, brier, confidence, confidenceOutcome };
}

function clip(p: number): number {
  return Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, p));
}
