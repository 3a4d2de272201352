/**
 * ROC AUC as the Mann–Whitney U statistic: the probability that a random positive scores
 * higher than a random negative, ties counting one half (midranks). Equal to the trapezoidal
 * area under the ROC curve, as sklearn's roc_auc_score computes it.
 *
 * @param scores higher = more likely positive
 * @param positives 1/true for positives, 0/false for negatives
 * @param rows optional subset of row indices
 * @returns NaN when the subset has no positives or no negatives
 */
export function rocAuc(scores: ArrayLike<number>, positives: ArrayLike<number | boolean>, rows?: ArrayLike<number>): number {
  const n = rows ? rows.length : scores.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = rows ? rows[i] : i;
  order.sort((a, b) => scores[a] - scores[b]);
  let rankSumPositive = 0;
  let nPositive = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && scores[order[j]] === scores[order[i]]) j++;
    // Ranks i+1 .. j share the midrank.
    const midrank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (positives[order[k]]) {
        rankSumPositive += midrank;
        nPositive++;
      }
    }
    i = j;
  }
  const nNegative = n - nPositive;
  if (nPositive === 0 || nNegative === 0) return NaN;
  return (rankSumPositive - (nPositive * (nPositive + 1)) / 2) / (nPositive * nNegative);
}

/**
 * Standard error of an AUC estimate (Hanley & McNeil 1982, exponential approximation):
 * cheap enough to attach an interval to every slice without resampling.
 */
export function rocAucStandardError(auc: number, nPositive: number, nNegative: number): number {
  if (!(nPositive > 0) || !(nNegative > 0) || Number.isNaN(auc)) return NaN;
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance =
    (auc * (1 - auc) + (nPositive - 1) * (q1 - auc * auc) + (nNegative - 1) * (q2 - auc * auc)) / (nPositive * nNegative);
  return Math.sqrt(Math.max(0, variance));
}
