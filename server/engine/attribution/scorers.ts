/**
 * Scorers for permutation importance, in sklearn's conventions (the references in
 * fixtures come from sklearn.inspection.permutation_importance):
 * - classification: `predictions` are P(positive class) when outputWidth = 1, otherwise
 *   C class probabilities per row (row-major); labels are class indices 0..C−1.
 * - regression: one value per row.
 * `greaterIsBetter` says which way the importance (baseline − permuted) is signed: losses
 * are negated like sklearn's `neg_*` scorers, so a larger drop always means more important.
 */
export type ScorerName = 'roc_auc' | 'accuracy' | 'log_loss' | 'r2' | 'mae' | 'mse';

export interface Scorer {
  readonly name: ScorerName;
  readonly greaterIsBetter: boolean;
  /** Score of `predictions` (rows × width) against `labels` (length rows). */
  score(labels: ArrayLike<number>, predictions: ArrayLike<number>, width: number): number;
}

/** sklearn's log_loss clips probabilities to [eps, 1 − eps] with this eps (version 1.2). */
const LOG_LOSS_EPS = 1e-15;

function rocAuc(labels: ArrayLike<number>, p: ArrayLike<number>, width: number): number {
  if (width !== 1) throw new RangeError('roc_auc scorer: needs a binary model (one probability per row)');
  // Mann–Whitney U with average ranks for ties: AUC = (R₊ − n₊(n₊+1)/2) / (n₊ n₋).
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  let rankSumPos = 0, nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && p[order[j + 1]] === p[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[order[k]] === 1) { rankSumPos += r; nPos++; }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Probabilities from float32 models carry ~1e-7 rounding, so an exact tie (a forest with
 * 25 of 50 votes) can arrive as 0.50000006. sklearn's argmax breaks ties towards the first
 * class; differences below this tolerance count as ties so we agree with it.
 */
const PROBABILITY_TIE_TOLERANCE = 1e-6;

function predictedClass(p: ArrayLike<number>, width: number, i: number): number {
  if (width === 1) return p[i] > 0.5 + PROBABILITY_TIE_TOLERANCE ? 1 : 0;
  let best = 0;
  for (let c = 1; c < width; c++) if (p[i * width + c] > p[i * width + best] + PROBABILITY_TIE_TOLERANCE) best = c;
  return best;
}

function accuracy(labels: ArrayLike<number>, p: ArrayLike<number>, width: number): number {
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (predictedClass(p, width, i) === labels[i]) hits++;
  return hits / labels.length;
}

function logLoss(labels: ArrayLike<number>, p: ArrayLike<number>, width: number): number {
  const clip = (v: number): number => Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, v));
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    if (width === 1) {
      const q = clip(p[i]);
      s -= labels[i] === 1 ? Math.log(q) : Math.log(1 - q);
    } else {
      // sklearn renormalises clipped rows to sum to one before taking the log.
      let z = 0;
      for (let c = 0; c < width; c++) z += clip(p[i * width + c]);
      s -= Math.log(clip(p[i * width + labels[i]]) / z);
    }
  }
  return s / labels.length;
}

function r2(y: ArrayLike<number>, f: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) m += y[i];
  m /= y.length;
  let ssRes = 0, ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - f[i]) ** 2;
    ssTot += (y[i] - m) ** 2;
  }
  return ssTot === 0 ? NaN : 1 - ssRes / ssTot;
}

function meanError(y: ArrayLike<number>, f: ArrayLike<number>, power: 1 | 2): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i] - f[i]) ** power;
  return s / y.length;
}

export const scorers: Readonly<Record<ScorerName, Scorer>> = {
  roc_auc: { name: 'roc_auc', greaterIsBetter: true, score: rocAuc },
  accuracy: { name: 'accuracy', greaterIsBetter: true, score: accuracy },
  log_loss: { name: 'log_loss', greaterIsBetter: false, score: logLoss },
  r2: { name: 'r2', greaterIsBetter: true, score: (y, f) => r2(y, f) },
  mae: { name: 'mae', greaterIsBetter: false, score: (y, f) => meanError(y, f, 1) },
  mse: { name: 'mse', greaterIsBetter: false, score: (y, f) => meanError(y, f, 2) },
};

/** The default scorer per task: ROC AUC for binary, log-loss for multiclass, R² for regression. */
export function defaultScorer(task: 'classification' | 'regression', outputWidth: number): Scorer {
  if (task === 'regression') return scorers.r2;
  return outputWidth === 1 ? scorers.roc_auc : scorers.log_loss;
}
