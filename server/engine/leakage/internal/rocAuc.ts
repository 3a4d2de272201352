/**
 * Area under the ROC curve as the Mann–Whitney statistic with midranks, so tied scores
 * (binned encodings, tree outputs) count one half — the same value sklearn's roc_auc_score
 * gives. Rows with a NaN score or a label other than 0/1 are skipped.
 * Also returns the Hanley–McNeil (1982) standard error for a rough significance test.
 */
export interface AucResult {
  readonly auc: number;
  readonly positives: number;
  readonly negatives: number;
  readonly standardError: number;
}

export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): AucResult {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isNaN(scores[i]) && (labels[i] === 0 || labels[i] === 1)) idx.push(i);
  }
  idx.sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let pos = 0;
  for (let start = 0; start < idx.length; ) {
    let end = start;
    while (end + 1 < idx.length && scores[idx[end + 1]] === scores[idx[start]]) end++;
    const midrank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[idx[k]] === 1) {
        rankSumPos += midrank;
        pos++;
      }
    }
    start = end + 1;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return { auc: NaN, positives: pos, negatives: neg, standardError: NaN };
  const auc = (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
  return { auc, positives: pos, negatives: neg, standardError: hanleyMcNeilSe(auc, pos, neg) };
}

function hanleyMcNeilSe(a: number, pos: number, neg: number): number {
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const v = (a * (1 - a) + (pos - 1) * (q1 - a * a) + (neg - 1) * (q2 - a * a)) / (pos * neg);
  return Math.sqrt(Math.max(v, 0));
}
