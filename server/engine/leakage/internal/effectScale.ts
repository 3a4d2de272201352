import type { LeakageContext } from '../leakageContext';

/**
 * The smallest change of the model's output worth reporting as an effect: 0.02 in
 * probability for classifiers (two percentage points of risk), 5% of the label's standard
 * deviation for regression. Below this, a reversed or non-monotone curve is a rounding wiggle.
 */
export const MIN_PROBABILITY_EFFECT = 0.02;
export const MIN_SD_EFFECT = 0.05;

export function minimumEffect(ctx: LeakageContext): number {
  if (ctx.task === 'classification') return MIN_PROBABILITY_EFFECT;
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (const y of ctx.trainLabels) {
    if (Number.isNaN(y)) continue;
    s += y;
    s2 += y * y;
    n++;
  }
  const sd = Math.sqrt(Math.max(0, s2 / Math.max(1, n) - (s / Math.max(1, n)) ** 2));
  return MIN_SD_EFFECT * sd;
}
