/**
 * The per-model jaggedness summary: how far the worst slice is from the average, and how much
 * the metric varies across single-predicate slices (every bin of every sliced feature).
 */
import type { BinnedFeature } from './binning';
import type { FeatureSpread, JaggedSlice, JaggedSummary } from './jaggedTypes';
import type { SliceMetrics } from './sliceMetrics';

export interface SummaryInput {
  readonly metric: string;
  readonly rowLoss: Float64Array;
  readonly overall: number;
  readonly overallMetrics: SliceMetrics;
  readonly binned: readonly BinnedFeature[];
  readonly minSupport: number;
  readonly slices: readonly JaggedSlice[];
  readonly evaluatedSlices: number;
}

export function summarizeJaggedness(input: SummaryInput): JaggedSummary {
  const binValues: number[] = [];
  const featureSpread: FeatureSpread[] = [];
  for (const feature of input.binned) {
    const count = new Float64Array(feature.bins.length);
    const loss = new Float64Array(feature.bins.length);
    for (let r = 0; r < feature.codes.length; r++) {
      const b = feature.codes[r];
      if (b < 0) continue;
      count[b]++;
      loss[b] += input.rowLoss[r];
    }
    const values: number[] = [];
    feature.bins.forEach((bin, b) => {
      if (bin.predicate && count[b] >= input.minSupport) values.push(loss[b] / count[b]);
    });
    if (values.length === 0) continue;
    binValues.push(...values);
    const min = Math.min(...values);
    const max = Math.max(...values);
    featureSpread.push({ feature: feature.feature, min, max, range: max - min });
  }
  featureSpread.sort((a, b) => b.range - a.range);
  const mean = binValues.reduce((s, v) => s + v, 0) / binValues.length;
  const std = Math.sqrt(binValues.reduce((s, v) => s + (v - mean) ** 2, 0) / binValues.length);
  const significant = input.slices.filter((s) => s.significant);
  const worst = (list: readonly JaggedSlice[]): number => (list.length ? Math.max(...list.map((s) => s.value)) - input.overall : 0);
  return {
    metric: input.metric,
    rowCount: input.rowLoss.length,
    minSupport: input.minSupport,
    overall: input.overall,
    overallMetrics: input.overallMetrics,
    worstSliceGap: worst(input.slices),
    worstSignificantGap: worst(significant),
    reportedSlices: input.slices.length,
    significantSlices: significant.length,
    evaluatedSlices: input.evaluatedSlices,
    binSpread: {
      bins: binValues.length,
      min: binValues.length ? Math.min(...binValues) : NaN,
      max: binValues.length ? Math.max(...binValues) : NaN,
      std: binValues.length ? std : NaN,
    },
    featureSpread,
  };
}
