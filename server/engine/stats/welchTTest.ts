import type { Alternative } from './proportionTest';
import { studentTTwoSidedP } from './studentT';

/** Summary of one group: what Welch's test needs, so callers can stream over rows once. */
export interface GroupMoments {
  readonly n: number;
  readonly mean: number;
  /** Unbiased sample variance (divisor n - 1). */
  readonly variance: number;
}

export interface WelchResult {
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  readonly df: number;
  readonly pValue: number;
}

/**
 * Welch's unequal-variance t-test of mean(a) vs mean(b) (Welch 1947). Slices and their
 * complements differ wildly in size and spread, so the pooled-variance test is wrong here.
 * Both groups need n ≥ 2. With zero variance in both groups: p = 1 if the means agree, else 0.
 */
export function welchTTest(a: GroupMoments, b: GroupMoments, alternative: Alternative = 'two-sided'): WelchResult {
  if (a.n < 2 || b.n < 2) return { t: NaN, df: NaN, pValue: NaN };
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  const diff = a.mean - b.mean;
  if (!(se2 > 0)) {
    const t = diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
    return { t, df: a.n + b.n - 2, pValue: diff === 0 ? 1 : pFromT(t, a.n + b.n - 2, alternative) };
  }
  const t = diff / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { t, df, pValue: pFromT(t, df, alternative) };
}

function pFromT(t: number, df: number, alternative: Alternative): number {
  const twoSided = studentTTwoSidedP(t, df);
  if (alternative === 'two-sided') return twoSided;
  const upper = t > 0 ? twoSided / 2 : 1 - twoSided / 2;
  return alternative === 'greater' ? upper : 1 - upper;
}

/** Mean and unbiased variance of values[i] for the given row indices (Welford, stable). */
export function groupMoments(values: ArrayLike<number>, rows?: ArrayLike<number>): GroupMoments {
  const n = rows ? rows.length : values.length;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const v = values[rows ? rows[i] : i];
    const delta = v - mean;
    mean += delta / (i + 1);
    m2 += delta * (v - mean);
  }
  return { n, mean: n > 0 ? mean : NaN, variance: n > 1 ? m2 / (n - 1) : NaN };
}

/**
 * Moments of the complement of a group, from the whole-set moments and the group's
 * (parallel-variance formula of Chan et al. 1979), so slice-vs-rest tests need no second pass.
 */
export function complementMoments(total: GroupMoments, group: GroupMoments): GroupMoments {
  const n = total.n - group.n;
  if (n <= 0) return { n: 0, mean: NaN, variance: NaN };
  const mean = (total.n * total.mean - group.n * group.mean) / n;
  const totalM2 = total.n > 1 ? total.variance * (total.n - 1) : 0;
  const groupM2 = group.n > 1 ? group.variance * (group.n - 1) : 0;
  const delta = group.mean - mean;
  const m2 = totalM2 - groupM2 - (delta * delta * group.n * n) / total.n;
  return { n, mean, variance: n > 1 ? Math.max(0, m2) / (n - 1) : NaN };
}
