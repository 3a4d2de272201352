import { normalCdf, normalTwoSidedP } from './normalDistribution';

export type Alternative = 'two-sided' | 'greater' | 'less';

export interface ZTestResult {
  /** The z statistic; positive when the first group's rate is higher. */
  readonly z: number;
  readonly pValue: number;
}

/**
 * Two-proportion z-test with the pooled variance (the score test for equal rates):
 * z = (p1 - p2) / sqrt(p̂(1-p̂)(1/n1 + 1/n2)), p̂ = (x1 + x2)/(n1 + n2).
 * Used for a slice's error rate against its complement (disjoint rows, so independent).
 *
 * When both groups have the same constant rate (p̂ = 0 or 1) there is no evidence of a
 * difference: z = 0, p = 1. NaN when a group is empty.
 */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  alternative: Alternative = 'two-sided',
): ZTestResult {
  if (!(n1 > 0) || !(n2 > 0)) return { z: NaN, pValue: NaN };
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return { z: 0, pValue: 1 };
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return { z, pValue: pFromZ(z, alternative) };
}

/** The p-value of a z statistic under the given alternative. */
export function pFromZ(z: number, alternative: Alternative): number {
  switch (alternative) {
    case 'two-sided':
      return normalTwoSidedP(z);
    case 'greater':
      return normalCdf(-z);
    case 'less':
      return normalCdf(z);
  }
}
