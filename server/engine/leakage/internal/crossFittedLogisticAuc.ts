import { foldAssignment } from './foldAssignment';
import { fitLogistic } from './logisticRegression';
import { rocAuc, type AucResult } from './rocAuc';
import { seededRandom } from './seededRandom';
import { CROSS_FIT_FOLDS } from './singleFeaturePower';

/**
 * AUC of a logistic regression on all given columns for a 0/1 target, each row scored by
 * a model fitted on the other folds (seeded k-fold), so the AUC is an honest estimate.
 */
export function crossFittedLogisticAuc(columns: readonly Float64Array[], y: ArrayLike<number>, seed: number): AucResult {
  const n = y.length;
  const fold = foldAssignment(n, CROSS_FIT_FOLDS, seededRandom(seed));
  const scores = new Float64Array(n).fill(NaN);
  const x = new Float64Array(columns.length);
  for (let f = 0; f < CROSS_FIT_FOLDS; f++) {
    const fitRows: number[] = [];
    for (let i = 0; i < n; i++) if (fold[i] !== f && !Number.isNaN(y[i])) fitRows.push(i);
    const model = fitLogistic(columns, y, fitRows);
    for (let i = 0; i < n; i++) {
      if (fold[i] !== f) continue;
      for (let j = 0; j < columns.length; j++) x[j] = columns[j][i];
      scores[i] = model.predict(x);
    }
  }
  return rocAuc(scores, y);
}
