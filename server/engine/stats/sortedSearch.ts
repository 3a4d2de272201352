/**
 * Binary searches in an ascending Float64Array (native typed-array sort order). Ranks and
 * group indices by search over a natively sorted copy avoid comparator sorts of index
 * arrays, which dominate at a million rows. -0 and +0 compare equal, as `===` treats them.
 */

/** Number of elements < v. */
export function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of elements <= v. */
export function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** 0-based midranks (ties share the mean of their positions) of NaN-free values. */
export function midranks(values: Float64Array): Float64Array {
  const sorted = values.slice().sort();
  const r = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) r[i] = (lowerBound(sorted, values[i]) + upperBound(sorted, values[i]) - 1) / 2;
  return r;
}

/** The distinct values of an ascending array (the first of each run of equal values). */
export function distinctSorted(sorted: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) m++;
  const out = new Float64Array(m);
  for (let i = 0, k = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out[k++] = sorted[i];
  return out;
}
