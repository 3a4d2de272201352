import { normalCdf } from './normalDistribution';
import { regularizedIncompleteBeta } from './incompleteBeta';

/** Above this many degrees of freedom the t distribution is the normal to ~1e-9 at |t| ≤ 40. */
const NORMAL_LIMIT_DF = 1e7;

/**
 * Two-sided tail P(|T| ≥ |t|) of Student's t with `df` degrees of freedom (df may be fractional,
 * as Welch's test needs): I_{df/(df+t²)}(df/2, 1/2).
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return 0;
  if (df > NORMAL_LIMIT_DF) return Math.min(1, 2 * normalCdf(-Math.abs(t)));
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSidedP(t, df) / 2;
  return t > 0 ? 1 - tail : tail;
}
