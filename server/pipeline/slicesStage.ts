import type { AnalysisSettings } from '../discovery/configFile';
import { findJaggedSlices } from '../engine/slices/findJaggedSlices';
import { columnByName } from '../loaders/data/dataset';
import type { Finding } from '../results/finding';
import type { SliceSummary } from '../results/report';
import type { ModelContext } from './loadModelContext';

export interface SlicesStageResult {
  readonly slices: SliceSummary[];
  readonly findings: Finding[];
  readonly jaggedness: Readonly<Record<string, unknown>>;
}

/**
 * Jagged performance on the test split (else train): SliceLine over the model features and
 * the declared sensitive attributes (so fairness slices show up even when the attribute is
 * not a model input).
 */
export function slicesStage(ctx: ModelContext, predictions: Float64Array, settings: AnalysisSettings, seed: number): SlicesStageResult {
  const split = (ctx.test ?? ctx.train)!;
  const extra = ctx.resolved.sensitive.filter((s) => !ctx.features.includes(s) && columnByName(split.data, s));
  const s = settings.slices;
  const result = findJaggedSlices({
    dataset: split.data,
    features: [...ctx.features, ...extra],
    labels: split.labels,
    predictions,
    task: ctx.task,
    outputWidth: ctx.evaluator.outputWidth,
    options: {
      k: s.topK,
      alpha: s.alpha,
      ...(s.minSupport < 1 ? { minSupportFraction: s.minSupport } : { minSupportRows: s.minSupport }),
      maxLevel: s.maxLevel,
      binning: { bins: s.bins },
      seed,
    },
  });
  const { summary } = result;
  return {
    slices: result.slices.map((x) => ({
      predicates: x.predicates,
      size: x.size,
      metric: x.metric,
      value: x.value,
      baseline: x.baseline,
      lift: x.lift,
      pValue: x.pValue,
      qValue: x.qValue,
      ci: x.ci,
      score: x.score,
    })),
    findings: [...result.findings],
    jaggedness: {
      metric: summary.metric,
      overall: summary.overall,
      worstSliceGap: summary.worstSliceGap,
      worstSignificantGap: summary.worstSignificantGap,
      significantSlices: summary.significantSlices,
      evaluatedSlices: summary.evaluatedSlices,
      binSpread: summary.binSpread,
    },
  };
}
