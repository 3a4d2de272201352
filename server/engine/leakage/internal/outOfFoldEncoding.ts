import type { ValueBins } from './valueBins';

/**
 * Out-of-fold binned target encoding: each row is scored by the smoothed mean target of
 * its bin computed on the *other* folds only. A column that merely memorises rows (an
 * ID, a unique float) gets no credit, because its bins hold different rows in each fold.
 *
 * `target` is a 0/1 indicator (classification, one class vs rest) or a value
 * (regression); NaN targets are ignored when fitting and get a NaN score.
 */
export const ENCODING_SMOOTHING = 10; // m-estimate pseudo-count: a bin with 10 rows is half prior, half its own mean

export function outOfFoldEncoding(bins: ValueBins, target: ArrayLike<number>, fold: Int32Array, k: number): Float64Array {
  const n = target.length;
  const B = bins.binCount;
  const sum = new Float64Array(k * B);
  const count = new Float64Array(k * B);
  const foldSum = new Float64Array(k);
  const foldCount = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const y = target[i];
    if (Number.isNaN(y)) continue;
    const f = fold[i];
    sum[f * B + bins.bin[i]] += y;
    count[f * B + bins.bin[i]]++;
    foldSum[f] += y;
    foldCount[f]++;
  }
  let totalSum = 0;
  let totalCount = 0;
  for (let f = 0; f < k; f++) {
    totalSum += foldSum[f];
    totalCount += foldCount[f];
  }
  const binSum = new Float64Array(B);
  const binCount = new Float64Array(B);
  for (let f = 0; f < k; f++) {
    for (let b = 0; b < B; b++) {
      binSum[b] += sum[f * B + b];
      binCount[b] += count[f * B + b];
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(target[i])) {
      out[i] = NaN;
      continue;
    }
    const f = fold[i];
    const b = bins.bin[i];
    const prior = (totalSum - foldSum[f]) / Math.max(1, totalCount - foldCount[f]);
    const s = binSum[b] - sum[f * B + b];
    const c = binCount[b] - count[f * B + b];
    out[i] = (s + ENCODING_SMOOTHING * prior) / (c + ENCODING_SMOOTHING);
  }
  return out;
}
