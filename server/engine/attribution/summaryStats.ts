/**
 * Small descriptive statistics shared by the attribution methods: mean, sample standard
 * deviation, quantiles and a Student-t confidence interval for a mean of a few repeats.
 */

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length > 0 ? s / values.length : NaN;
}

/** Sample standard deviation (n − 1 denominator); 0 for fewer than two values. */
export function sampleSd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < n; i++) s += (values[i] - m) ** 2;
  return Math.sqrt(s / (n - 1));
}

/** Population standard deviation (n denominator), as numpy's default `std` (sklearn reports this). */
export function populationSd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 1) return NaN;
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < n; i++) s += (values[i] - m) ** 2;
  return Math.sqrt(s / n);
}

/** Linear-interpolation quantile of a copy of `values` (numpy's default, "type 7"). */
export function quantile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Two-sided 97.5% Student-t quantiles for df 1..4, where the expansion below is poor. */
const T975_SMALL_DF = [NaN, 12.706204736, 4.30265273, 3.182446305, 2.776445105];
const Z975 = 1.959963984540054;

/**
 * 97.5% quantile of Student's t with `df` degrees of freedom. For df ≥ 5 the
 * Cornish–Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5) is
 * accurate to < 1e-4, plenty for a confidence interval of an importance.
 */
export function studentT975(df: number): number {
  if (!(df >= 1)) return NaN;
  if (df < 5) return T975_SMALL_DF[Math.round(df)];
  const z = Z975;
  const z3 = z ** 3, z5 = z ** 5, z7 = z ** 7, z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

/** 95% confidence interval of the mean of independent repeats (t interval). */
export function meanConfidenceInterval95(values: ArrayLike<number>): readonly [number, number] {
  const m = mean(values);
  const n = values.length;
  if (n < 2) return [m, m];
  const half = studentT975(n - 1) * sampleSd(values) / Math.sqrt(n);
  return [m - half, m + half];
}
