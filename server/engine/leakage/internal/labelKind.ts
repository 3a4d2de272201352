/**
 * How a label (the target, or a sensitive attribute treated as a label) is scored:
 * classes 0..C-1 for classification, values for regression. NaN = missing.
 */
export type LabelKind = { readonly kind: 'classes'; readonly classCount: number } | { readonly kind: 'values' };

/** 0/1 indicator of class c (NaN stays NaN). */
export function classIndicator(labels: ArrayLike<number>, c: number): Float64Array {
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = Number.isNaN(labels[i]) ? NaN : labels[i] === c ? 1 : 0;
  return out;
}

/** Rows per class, for minimum-support checks. */
export function classCounts(labels: ArrayLike<number>, classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isNaN(y) && y >= 0 && y < classCount) counts[y]++;
  }
  return counts;
}
