import { classCounts, classIndicator, type LabelKind } from './labelKind';
import { foldAssignment } from './foldAssignment';
import { outOfFoldEncoding } from './outOfFoldEncoding';
import { rocAuc } from './rocAuc';
import { seededRandom } from './seededRandom';
import { valueBins } from './valueBins';

/**
 * How well one column alone predicts a label, cross-fitted (out-of-fold binned target
 * encoding, see outOfFoldEncoding.ts).
 *
 * `power` is on one 0..1 scale for every label kind so features can be compared:
 * classification → Gini = 2·AUC − 1 (macro one-vs-rest for more than two classes),
 * regression → out-of-fold R². Both are 0 for a useless column and 1 for a perfect one.
 */
export interface FeaturePower {
  readonly power: number;
  /** AUC (macro one-vs-rest) for classes; undefined for values. */
  readonly auc?: number;
  /** Standard error of the AUC (binary only; Hanley–McNeil). */
  readonly aucStandardError?: number;
  /** Out-of-fold R² for values. */
  readonly r2?: number;
  /** Labelled rows used. */
  readonly rows: number;
  /** Smallest class size (classes only). */
  readonly minorityRows?: number;
}

export const CROSS_FIT_FOLDS = 5;

export function singleFeaturePower(values: ArrayLike<number>, labels: ArrayLike<number>, label: LabelKind, seed: number): FeaturePower {
  const n = labels.length;
  const bins = valueBins(values);
  const fold = foldAssignment(n, CROSS_FIT_FOLDS, seededRandom(seed));
  let rows = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(labels[i])) rows++;
  if (label.kind === 'values') {
    const pred = outOfFoldEncoding(bins, labels, fold, CROSS_FIT_FOLDS);
    let mean = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(labels[i])) mean += labels[i];
    mean /= Math.max(1, rows);
    let sse = 0;
    let sst = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(labels[i])) continue;
      sse += (labels[i] - pred[i]) ** 2;
      sst += (labels[i] - mean) ** 2;
    }
    const r2 = sst > 0 ? 1 - sse / sst : 0;
    return { power: Math.max(0, r2), r2, rows };
  }
  const counts = classCounts(labels, label.classCount);
  const present = counts.filter((c) => c > 0);
  const minorityRows = Math.min(...present);
  const classes = label.classCount === 2 ? [1] : counts.map((_, c) => c).filter((c) => counts[c] > 0);
  let aucSum = 0;
  let se: number | undefined;
  for (const c of classes) {
    const y = classIndicator(labels, c);
    const r = rocAuc(outOfFoldEncoding(bins, y, fold, CROSS_FIT_FOLDS), y);
    aucSum += r.auc;
    if (label.classCount === 2) se = r.standardError;
  }
  const auc = aucSum / classes.length;
  return { power: Math.max(0, 2 * auc - 1), auc, aucStandardError: se, rows, minorityRows };
}
