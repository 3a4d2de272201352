import type { GroupMoments } from './welchTTest';

/**
 * Cohen's h for two proportions: 2·asin(√p1) − 2·asin(√p2) (Cohen 1988, §6.2). The arcsine
 * transform makes equal differences equally detectable anywhere in [0, 1]: 0.2 small,
 * 0.5 medium, 0.8 large.
 */
export function cohensH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/**
 * Cohen's d: difference of means over the pooled standard deviation (Cohen 1988, §2.2).
 * NaN when the pooled variance is undefined or zero.
 */
export function cohensD(a: GroupMoments, b: GroupMoments): number {
  const df = a.n + b.n - 2;
  if (df <= 0) return NaN;
  const pooled = ((a.n - 1) * a.variance + (b.n - 1) * b.variance) / df;
  if (!(pooled > 0)) return NaN;
  return (a.mean - b.mean) / Math.sqrt(pooled);
}

/** Relative lift value / baseline; NaN when the baseline is 0 (no finite ratio). */
export function lift(value: number, baseline: number): number {
  return baseline === 0 ? NaN : value / baseline;
}
