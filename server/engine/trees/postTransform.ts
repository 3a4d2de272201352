/**
 * Margin → the tree operator's score tensor, reproducing onnxruntime 1.30 (ml_common.h
 * `write_scores`, tree_ensemble_aggregator.h `FinalizeScores`), including its quirks:
 * - a single-target regressor applies only PROBIT (LOGISTIC/SOFTMAX are ignored for width 1);
 * - a binary single-score classifier emits [logistic(−s), logistic(s)] under LOGISTIC (whatever
 *   the weights' signs — measured on onnxruntime-node 1.30, treeEnsembleOrt.test.ts), and under
 *   NONE [1 − s, s] when all weights are ≥ 0, else [−s, s]; PROBIT writes [probit(s), 0].
 */
import type { TreeEnsemble } from './treeEnsembleTypes';

export function logistic(v: number): number {
  // Symmetric form as in onnxruntime's ComputeLogistic, accurate for large |v|.
  const e = 1 / (1 + Math.exp(-Math.abs(v)));
  return v < 0 ? 1 - e : e;
}

/**
 * Inverse error function by Winitzki's closed form (a = 0.147), the approximation onnxruntime's
 * ComputeProbit uses (ml_common.h `ErfInv`), so PROBIT outputs match it rather than the exact
 * function (relative error ~2e-3).
 */
export function erfInv(x: number): number {
  const a = 0.147;
  const sign = x < 0 ? -1 : 1;
  const ln = Math.log((1 - x) * (1 + x));
  const v = 2 / (3.14159 * a) + 0.5 * ln; // onnxruntime rounds pi this way
  return sign * Math.sqrt(Math.sqrt(v * v - ln / a) - v);
}

export function probit(v: number): number {
  return Math.SQRT2 * erfInv(2 * v - 1);
}

function softmax(v: Float64Array, skipZeros: boolean): void {
  let max = -Infinity;
  for (const x of v) max = Math.max(max, x);
  let sum = 0;
  for (let k = 0; k < v.length; k++) {
    // SOFTMAX_ZERO leaves (near-)zero scores at zero (onnxruntime's 1e-7 band).
    if (skipZeros && Math.abs(v[k]) <= 1e-7) v[k] = v[k] * Math.exp(-max);
    else {
      v[k] = Math.exp(v[k] - max);
      sum += v[k];
    }
  }
  for (let k = 0; k < v.length; k++) v[k] /= sum;
}

/** Width of the score tensor the operator emits. */
export function scoreWidth(e: TreeEnsemble): number {
  if (e.binarySingleScore) return 2;
  return e.outputCount;
}

/** Writes the operator's scores for one margin vector (length K) into `out` (length scoreWidth). */
export function marginToScores(e: TreeEnsemble, margin: Float64Array, out: Float64Array): void {
  if (e.binarySingleScore) {
    const s = margin[0];
    if (e.postTransform === 'PROBIT') {
      out[0] = probit(s);
      out[1] = 0; // onnxruntime writes only the first column here
    } else if (e.postTransform === 'LOGISTIC') {
      out[0] = logistic(-s);
      out[1] = logistic(s);
    } else if (e.weightsAllNonNegative) {
      out[0] = 1 - s;
      out[1] = s;
    } else {
      out[0] = -s;
      out[1] = s;
    }
    return;
  }
  out.set(margin);
  if (margin.length === 1 && e.task === 'regression') {
    if (e.postTransform === 'PROBIT') out[0] = probit(out[0]);
    return;
  }
  switch (e.postTransform) {
    case 'LOGISTIC':
      for (let k = 0; k < out.length; k++) out[k] = logistic(out[k]);
      break;
    case 'PROBIT':
      for (let k = 0; k < out.length; k++) out[k] = probit(out[k]);
      break;
    case 'SOFTMAX':
      softmax(out, false);
      break;
    case 'SOFTMAX_ZERO':
      softmax(out, true);
      break;
    default:
      break;
  }
}
