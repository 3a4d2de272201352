/**
 * Turns significant slices into `jagged.slice` findings (DESIGN.md "Contracts"): the message
 * states the slice, its metric with interval, the baseline, the lift and the q-value; the
 * evidence holds the same numbers for reports and scripts.
 */
import type { Finding } from '../../results/finding';
import type { JaggedSlice } from './jaggedTypes';

/** Metrics shown as percentages in messages (rates); others are printed as plain numbers. */
const PERCENT_METRICS = new Set(['error_rate']);

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
      score: slice.score,
      metrics: slice.metrics,
    },
  };
}
