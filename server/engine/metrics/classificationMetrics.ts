import { rocAuc } from '../stats/rocAuc';

/** Probabilities are clipped here before log-loss, as sklearn does (eps = 1e-15). */
const LOG_LOSS_EPS = 1e-15;
/** Expected calibration error uses 10 equal-width confidence bins (Guo et al. 2017). */
export const ECE_BINS = 10;
/**
 * Scores within this distance of ½ are ties: float32 tree sums land on 0.50000006 or
 * 0.49999997 depending on ORT's thread count. A tie goes to the lower class index, as
 * argmax (sklearn's predict) breaks it.
 */
export const TIE_EPS = 1e-6;

export interface ClassificationMetrics {
  accuracy: number;
  roc_auc?: number;
  log_loss: number;
  brier: number;
  ece: number;
}

/**
 * Metrics of a classifier on labelled rows. `labels` holds class indices (NaN = unlabelled,
 * skipped). `scores` is P(positive) per row when width = 1 (binary; `positive` is the index
 * of the positive class, the other one is 1 − positive), else [rows, C] probabilities.
 */
export function classificationMetrics(labels: ArrayLike<number>, scores: ArrayLike<number>, width: number, positive = 1): ClassificationMetrics {
  const n = labels.length;
  let correct = 0;
  let logLoss = 0;
  let brier = 0;
  let counted = 0;
  const binConf = new Float64Array(ECE_BINS);
  const binAcc = new Float64Array(ECE_BINS);
  const binN = new Float64Array(ECE_BINS);
  // Typed and sized once: growing JS arrays to a million rows briefly holds several copies.
  const binaryScores = new Float64Array(width === 1 ? n : 0);
  const binaryTruth = new Uint8Array(width === 1 ? n : 0);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (Number.isNaN(y)) continue;
    counted++;
    let predicted: number;
    let confidence: number;
    let pTrue: number;
    if (width === 1) {
      const p = scores[i];
      const isPos = y === positive ? 1 : 0;
      // P(class 1) when the positive class is 1, else P(class 0); ties go to class 0.
      const pClass1 = positive === 1 ? p : 1 - p;
      const class1 = pClass1 > 0.5 + TIE_EPS;
      predicted = (class1 ? 1 : 0) === (positive === 1 ? 1 : 0) ? 1 : 0;
      confidence = Math.max(p, 1 - p);
      pTrue = isPos ? p : 1 - p;
      brier += (p - isPos) ** 2;
      correct += predicted === isPos ? 1 : 0;
      binaryScores[counted - 1] = p;
      binaryTruth[counted - 1] = isPos;
      const b = Math.min(ECE_BINS - 1, Math.floor(confidence * ECE_BINS));
      binConf[b] += confidence;
      binAcc[b] += predicted === isPos ? 1 : 0;
      binN[b]++;
    } else {
      let best = 0;
      for (let k = 1; k < width; k++) if (scores[i * width + k] > scores[i * width + best]) best = k;
      predicted = best;
      confidence = scores[i * width + best];
      pTrue = scores[i * width + y];
      for (let k = 0; k < width; k++) brier += (scores[i * width + k] - (k === y ? 1 : 0)) ** 2;
      correct += predicted === y ? 1 : 0;
      const b = Math.min(ECE_BINS - 1, Math.floor(confidence * ECE_BINS));
      binConf[b] += confidence;
      binAcc[b] += predicted === y ? 1 : 0;
      binN[b]++;
    }
    logLoss -= Math.log(Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, pTrue)));
  }
  let ece = 0;
  for (let b = 0; b < ECE_BINS; b++) if (binN[b] > 0) ece += Math.abs(binAcc[b] - binConf[b]);
  ece /= Math.max(1, counted);
  const out: ClassificationMetrics = {
    accuracy: correct / counted,
    log_loss: logLoss / counted,
    brier: brier / counted,
    ece,
  };
  if (width === 1) out.roc_auc = rocAuc(binaryScores.subarray(0, counted), binaryTruth.subarray(0, counted));
  else out.roc_auc = macroOvrAuc(labels, scores, width);
  return out;
}

/** Macro-averaged one-vs-rest AUC (sklearn's multi_class='ovr', average='macro'). */
function macroOvrAuc(labels: ArrayLike<number>, scores: ArrayLike<number>, width: number): number | undefined {
  let sum = 0;
  let k = 0;
  for (let c = 0; c < width; c++) {
    const s: number[] = [];
    const t: number[] = [];
    for (let i = 0; i < labels.length; i++) {
      if (Number.isNaN(labels[i])) continue;
      s.push(scores[i * width + c]);
      t.push(labels[i] === c ? 1 : 0);
    }
    const auc = rocAuc(s, t);
    if (!Number.isNaN(auc)) {
      sum += auc;
      k++;
    }
  }
  return k ? sum / k : undefined;
}
