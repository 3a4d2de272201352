/**
 * Turns significant slices into `jagged.slice` findings (DESIGN.md "Contracts"): the message
 * states the slice, its metric with interval, the baseline, the lift and the q-value; the
 * evidence holds the same numbers for reports and scripts.
 */
import type { Finding } from '../../results/finding';
import type { JaggedSlice } from './jaggedTypes';

/** Metrics shown as percentages in messages (rates); others are printed as plain numbers. */
const PERCENT_METRICS = new Set(['error_rate']);

/**
 * A slice is a warning only when we are 95% sure its effect is at least *medium*
 * (Cohen 1988: h or d ≥ 0.5), judged at the lower end of its confidence interval against the
 * overall metric. Smaller but significant effects stay as info: real, worth a look, not an
 * alarm. (Most significant slices of a good model are small effects on large groups.)
 */
export const WARNING_MIN_EFFECT_AT_LOWER_BOUND = 0.5;

/** Cohen's h between two proportions. */
function cohensHOf(p1: number, p2: number): number {
  const c = (p: number): number => 2 * Math.asin(Math.sqrt(Math.min(1, Math.max(0, p))));
  return c(p1) - c(p2);
}

/** The effect size of a slice evaluated at the pessimistic (lower) end of its interval. */
export function lowerBoundEffect(slice: JaggedSlice): number {
  const worse = slice.ci ? slice.ci[0] : slice.value;
  if (slice.effectSizeKind === 'cohens_h') return cohensHOf(worse, slice.baseline);
  const gap = slice.value - slice.baseline;
  return gap > 0 ? slice.effectSize * Math.max(0, worse - slice.baseline) / gap : 0;
}

/**
 * Findings of the significant slices, strongest first. A slice that refines or generalises a
 * slice already raised as a warning (its predicates contain, or are contained in, the
 * other's) describes the same rows and is kept as info, so one defect is one warning.
 */
export function sliceFindings(slices: readonly JaggedSlice[]): Finding[] {
  const warned: Set<string>[] = [];
  return slices.map((slice) => {
    const keys = new Set(slice.predicates.map((p) => `${p.feature}\u0000${p.op}\u0000${JSON.stringify(p.value)}`));
    const related = warned.some((w) => [...w].every((k) => keys.has(k)) || [...keys].every((k) => w.has(k)));
    const strong = lowerBoundEffect(slice) >= WARNING_MIN_EFFECT_AT_LOWER_BOUND;
    const severity = strong && !related ? 'warning' : 'info';
    if (severity === 'warning') warned.push(keys);
    return { ...sliceFinding(slice), severity };
  });
}

export function sliceFinding(slice: JaggedSlice): Finding {
  const features = [...new Set(slice.predicates.map((p) => p.feature))];
  const fmt = (v: number): string => (PERCENT_METRICS.has(slice.metric) ? `${(100 * v).toFixed(1)}%` : v.toPrecision(3));
  const ci = slice.ci ? ` (95% CI ${fmt(slice.ci[0])}–${fmt(slice.ci[1])})` : '';
  const message =
    `${slice.metric} ${fmt(slice.value)}${ci} on ${slice.label} ` +
    `(${slice.size} rows, ${(100 * slice.support).toFixed(1)}%) vs ${fmt(slice.baseline)} overall: ` +
    `${slice.lift.toFixed(2)}× worse, q = ${slice.qValue.toExponential(1)}`;
  return {
    id: 'jagged.slice',
    severity: 'warning',
    ...(features.length === 1 ? { feature: features[0] } : {}),
    features,
    message,
    predicates: slice.predicates,
    evidence: {
      predicates: slice.predicates,
      label: slice.label,
      size: slice.size,
      support: slice.support,
      metric: slice.metric,
      value: slice.value,
      ci: slice.ci,
      baseline: slice.baseline,
      complement: slice.complement,
      lift: slice.lift,
      pValue: slice.pValue,
      qValue: slice.qValue,
      effectSize: slice.effectSize,
      effectSizeKind: slice.effectSizeKind,
      effectAtLowerBound: lowerBoundEffect(slice),
      score: slice.score,
      metrics: slice.metrics,
    },
  };
}
