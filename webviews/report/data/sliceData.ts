/** Slices table and chart data (pure). */
import { sliceLabel, type Interval, type Slice } from '../../shared/reportModel';

export interface SliceRow {
  readonly index: number;
  readonly label: string;
  readonly size: number;
  readonly metric: string;
  readonly value: number;
  readonly ci: Interval | null;
  readonly baseline: number;
  readonly lift: number;
  readonly qValue: number;
}

export function sliceRows(slices: readonly Slice[]): SliceRow[] {
  return slices.map((s, index) => ({ index, label: sliceLabel(s.predicates), size: s.size, metric: s.metric, value: s.value, ci: s.ci ?? null, baseline: s.baseline, lift: s.lift, qValue: s.qValue }));
}

/** Baselines per metric (slices of one model normally share one metric and baseline). */
export function baselines(rows: readonly SliceRow[]): { metric: string; baseline: number }[] {
  const seen = new Map<string, number>();
  for (const r of rows) if (!seen.has(r.metric)) seen.set(r.metric, r.baseline);
  return [...seen.entries()].map(([metric, baseline]) => ({ metric, baseline }));
}

/** The axis must hold the CIs' upper ends, not only the bars. */
export function ciMax(intervals: readonly (readonly [number, number] | null)[], values: readonly number[]): number {
  return Math.max(...values, ...intervals.map((iv) => (iv ? iv[1] : -Infinity)));
}
