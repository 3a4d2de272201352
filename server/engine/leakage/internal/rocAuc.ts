import { rocAuc as sharedRocAuc, rocAucStandardError } from '../../stats';

/**
 * ROC AUC (shared stats/rocAuc: Mann–Whitney with midranks) over the rows that have a score
 * and a 0/1 label, with the class counts and the Hanley–McNeil standard error the checks
 * need for their minimum-support and significance rules.
 */
export interface AucResult {
  readonly auc: number;
  readonly positives: number;
  readonly negatives: number;
  readonly standardError: number;
}

export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): AucResult {
  const rows: number[] = [];
  let positives = 0;
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i]) || (labels[i] !== 0 && labels[i] !== 1)) continue;
    rows.push(i);
    if (labels[i] === 1) positives++;
  }
  const negatives = rows.length - positives;
  const auc = sharedRocAuc(scores, labels, rows);
  return { auc, positives, negatives, standardError: rocAucStandardError(auc, positives, negatives) };
}
