/**
 * Jagged performance: subgroups (conjunctions of feature predicates) where a model is
 * significantly worse than on average (DESIGN.md, analysis family 2).
 *
 * 1. per-row outcomes and the error SliceLine searches on (rowOutcomes.ts);
 * 2. features binned into predicates (binning.ts);
 * 3. exact top-K slices by SliceLine's score (Sagadeeva & Boehm, SIGMOD 2021; sliceLine.ts);
 * 4. each slice tested against its complement, Benjamini–Hochberg q-values over the tested
 *    family, intervals and effect sizes; slices with q < fdrLevel that are worse than the
 *    rest become `jagged.slice` findings.
 */
import type { SlicePredicate } from '../../results/finding';
import { benjaminiHochbergQValues } from '../stats/benjaminiHochberg';
import { lift } from '../stats/effectSize';
import { groupMoments } from '../stats/welchTTest';
import { binFeatures, type BinnedFeature } from './binning';
import type { JaggedSlice, JaggedSliceInput, JaggedSliceResult, SliceErrorKind } from './jaggedTypes';
import { summarizeJaggedness } from './jaggedSummary';
import { computeRowOutcomes, type RowOutcomes } from './rowOutcomes';
import { sliceFindings } from './sliceFindings';
import { sliceLine } from './sliceLine';
import type { SliceItem } from './sliceLineTypes';
import { computeSliceMetrics } from './sliceMetrics';
import { testSliceAgainstComplement, type SliceTestKind } from './sliceSignificance';

export const DEFAULT_K = 10;
export const DEFAULT_ALPHA = 0.95;
export const DEFAULT_MIN_SUPPORT_FRACTION = 0.01;
export const DEFAULT_MIN_SUPPORT_ROWS = 20;
export const DEFAULT_MAX_LEVEL = 3;
export const DEFAULT_FDR_LEVEL = 0.05;
export const DEFAULT_SLICE_SEED = 20210620;

export function findJaggedSlices(input: JaggedSliceInput): JaggedSliceResult {
  const options = input.options ?? {};
  const n = input.dataset.rowCount;
  if (input.labels.length !== n) {
    throw new RangeError(`findJaggedSlices: ${input.labels.length} labels for ${n} rows of ${input.dataset.source}; pass one label per row.`);
  }
  const outputWidth = input.outputWidth ?? (n > 0 ? input.predictions.length / n : 1);
  const outcomes = computeRowOutcomes(input.task, input.labels, input.predictions, outputWidth, options.threshold);
  const errorKind = options.sliceError ?? (input.task === 'regression' ? 'absolute' : 'misclassification');
  const { rowLoss, metric, testKind } = searchError(outcomes, errorKind);

  const binned = binFeatures(input.dataset, input.features, options.binning);
  const minSupport = Math.max(
    options.minSupportRows ?? DEFAULT_MIN_SUPPORT_ROWS,
    Math.ceil((options.minSupportFraction ?? DEFAULT_MIN_SUPPORT_FRACTION) * n),
  );
  const found = sliceLine({
    codes: binned.map((b) => b.codes),
    domains: binned.map((b) => b.bins.length),
    errors: rowLoss,
    options: {
      k: options.k ?? DEFAULT_K,
      alpha: options.alpha ?? DEFAULT_ALPHA,
      minSupport,
      maxLevel: options.maxLevel ?? DEFAULT_MAX_LEVEL,
    },
  });

  const level = options.confidenceLevel ?? 0.95;
  const seed = options.seed ?? DEFAULT_SLICE_SEED;
  const total = groupMoments(rowLoss);
  // sum / n, not the streaming mean: reported baselines then match a hand calculation to the last digit.
  const overall = found.averageError;
  const tested = found.top.map((s) => {
    const rows = rowsOfSlice(binned, s.items);
    return { scored: s, rows, test: testSliceAgainstComplement(rowLoss, rows, total, testKind) };
  });
  const family = options.fdrFamily === 'reported' ? tested.length : Math.max(tested.length, found.evaluatedCount);
  const qValues = benjaminiHochbergQValues(
    tested.map((t) => t.test.pValue),
    family,
  );
  const fdrLevel = options.fdrLevel ?? DEFAULT_FDR_LEVEL;

  const slices: JaggedSlice[] = tested.map(({ scored, rows, test }, i) => {
    const predicates = scored.items.map((it) => binned[it.feature].bins[it.value].predicate as SlicePredicate);
    const metrics = computeSliceMetrics(outcomes, rows, { level, seed });
    const primary = metrics[metric];
    const ci = primary !== undefined && typeof primary !== 'number' ? primary.ci : undefined;
    return {
      predicates,
      label: scored.items.map((it) => binned[it.feature].bins[it.value].label).join(' AND '),
      size: rows.length,
      support: rows.length / n,
      metric,
      value: test.sliceValue,
      baseline: overall,
      complement: test.complementValue,
      lift: lift(test.sliceValue, overall),
      pValue: test.pValue,
      qValue: qValues[i],
      ...(ci ? { ci } : {}),
      score: scored.score,
      effectSize: test.effectSize,
      effectSizeKind: test.effectSizeKind,
      significant: qValues[i] < fdrLevel && test.sliceValue > test.complementValue,
      metrics,
    };
  });

  const overallMetrics = computeSliceMetrics(outcomes, undefined, { level, seed });
  const summary = summarizeJaggedness({
    metric,
    rowLoss,
    overall,
    overallMetrics,
    binned,
    minSupport,
    slices,
    evaluatedSlices: found.evaluatedCount,
  });
  return { slices, findings: sliceFindings(slices.filter((s) => s.significant)), summary };
}

function searchError(outcomes: RowOutcomes, kind: SliceErrorKind): { rowLoss: Float64Array; metric: string; testKind: SliceTestKind } {
  if (outcomes.task === 'classification') {
    if (kind === 'misclassification') return { rowLoss: outcomes.misclassified, metric: 'error_rate', testKind: 'proportion' };
    if (kind === 'log-loss') return { rowLoss: outcomes.logLoss, metric: 'log_loss', testKind: 'mean' };
  } else {
    if (kind === 'absolute') return { rowLoss: outcomes.absoluteError, metric: 'mae', testKind: 'mean' };
    if (kind === 'squared') return { rowLoss: outcomes.squaredError, metric: 'mse', testKind: 'mean' };
  }
  throw new RangeError(`findJaggedSlices: slice error '${kind}' does not apply to ${outcomes.task}; use misclassification or log-loss for classification, absolute or squared for regression.`);
}

/** Rows of a slice on the binned codes, ascending. */
function rowsOfSlice(binned: readonly BinnedFeature[], items: readonly SliceItem[]): Int32Array {
  const n = binned.length ? binned[0].codes.length : 0;
  const matches = (r: number): boolean => items.every((it) => binned[it.feature].codes[r] === it.value);
  // Counted first, so the result is allocated at its size (not n rows per reported slice).
  let count = 0;
  for (let r = 0; r < n; r++) if (matches(r)) count++;
  const out = new Int32Array(count);
  for (let r = 0, k = 0; r < n && k < count; r++) if (matches(r)) out[k++] = r;
  return out;
}
