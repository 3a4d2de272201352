import { normalCriticalValue } from './normalDistribution';

/**
 * Wilson score interval for a binomial proportion (Wilson 1927). Unlike the Wald interval it
 * stays inside [0, 1] and keeps near-nominal coverage for small slices and rates near 0 or 1,
 * which is exactly where slice error rates live.
 *
 * @param successes number of events (e.g. misclassified rows), 0 ≤ successes ≤ trials
 * @param trials number of rows
 * @param level confidence level, default 0.95
 * @returns [lower, upper]; [NaN, NaN] when trials is 0
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): [number, number] {
  if (!(trials > 0)) return [NaN, NaN];
  const z = normalCriticalValue(level);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}
